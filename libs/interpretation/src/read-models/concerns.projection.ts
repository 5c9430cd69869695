import type { ConcernAssigned, ConcernRegistered, ConcernResponsePublished, EventEnvelope } from '@gongkai/contracts';
import {
  appliedRevision,
  asTyped,
  BatchedProjection,
  documentChange,
  type DocumentChange,
  withoutMeta,
  type TypedEnvelope,
  viewOf,
} from '@gongkai/platform';
import { concernStreamId } from '../domain/concern';

export interface ConcernView extends ConcernRegistered {
  unitId: string | null;
  responses: Omit<ConcernResponsePublished, 'concernId' | 'unitId' | 'severity'>[];
}

export interface ConcernStatistics {
  unitId: string;
  severity: string;
  responses: number;
  onTime: number;
  late: number;
  /** Required responses past their due instant with nothing published yet. */
  overdueUnanswered: number;
}

type ConcernEnvelope =
  | TypedEnvelope<'interpretation.ConcernRegistered', ConcernRegistered>
  | TypedEnvelope<'interpretation.ConcernAssigned', ConcernAssigned>
  | TypedEnvelope<'interpretation.ConcernResponsePublished', ConcernResponsePublished>;

/** Concerns, their responses, and on-time statistics per unit and severity. */
export class ConcernsProjection extends BatchedProjection {
  readonly name = 'interpretation.concerns';
  readonly collections = ['concerns'];
  readonly eventTypes = ['interpretation.ConcernRegistered', 'interpretation.ConcernAssigned', 'interpretation.ConcernResponsePublished'];

  private get concerns() {
    return this.connection.collection('concerns');
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<ConcernEnvelope>(envelope);
    return [
      documentChange<ConcernView>('concerns', event.data.concernId, (current) => {
        const concern = current ? (withoutMeta(current) as ConcernView) : null;
        switch (event.type) {
          case 'interpretation.ConcernRegistered':
            return { ...event.data, unitId: null, responses: [] };
          case 'interpretation.ConcernAssigned':
            return concern && { ...concern, unitId: event.data.unitId };
          case 'interpretation.ConcernResponsePublished': {
            const { concernId: _c, unitId: _u, severity: _s, ...response } = event.data;
            return concern && { ...concern, responses: [...concern.responses, response] };
          }
          default:
            return concern;
        }
      }),
    ];
  }

  async list(filter: { unitId?: string } = {}): Promise<ConcernView[]> {
    const docs = await this.concerns.find(filter.unitId ? { unitId: filter.unitId } : {}, { sort: { registeredAt: -1 } }).toArray();
    return docs.map((doc) => viewOf<ConcernView>(doc));
  }

  /** The concern with the revision of its stream it reflects (see `appliedRevision`). */
  async get(concernId: string): Promise<(ConcernView & { revision: number }) | null> {
    const doc = await this.concerns.findOne({ _id: concernId as never });
    return doc && { ...viewOf<ConcernView>(doc), revision: appliedRevision(doc, concernStreamId(concernId)) };
  }

  /** On-time statistics (及时回应率), computed from the documents (no $unwind on FerretDB). */
  async statistics(now: Date): Promise<ConcernStatistics[]> {
    const rows = new Map<string, ConcernStatistics>();
    for (const concern of await this.list()) {
      const unitId = concern.unitId ?? '(未交办)';
      const key = `${unitId}|${concern.severity}`;
      const row = rows.get(key) ?? { unitId, severity: concern.severity, responses: 0, onTime: 0, late: 0, overdueUnanswered: 0 };
      for (const response of concern.responses) {
        row.responses += 1;
        if (response.onTime) row.onTime += 1;
        else row.late += 1;
      }
      for (const due of concern.dueBy) {
        const answered = concern.responses.some((r) => r.kind === due.kind);
        if (!answered && due.dueAt && Date.parse(due.dueAt) < now.getTime()) row.overdueUnanswered += 1;
      }
      rows.set(key, row);
    }
    return [...rows.values()].sort((a, b) => a.unitId.localeCompare(b.unitId) || a.severity.localeCompare(b.severity));
  }
}

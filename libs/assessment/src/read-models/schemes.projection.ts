import type { EventEnvelope, SchemePublished, ScoresFrozen } from '@gongkai/contracts';
import {
  asTyped,
  BatchedProjection,
  documentChange,
  type DocumentChange,
  withoutMeta,
  type TypedEnvelope,
  viewOf,
} from '@gongkai/platform';

export interface SchemeSummary {
  schemeId: string;
  year: number;
  title: string;
  currentVersion: number;
  opennessWeightPercent: number;
  totalPoints: number;
  versions: { version: number; title: string; publishedAt: string; eventId: string; reason: string | null }[];
  frozen: { asOf: string; schemeVersion: number; inputsHash: string; eventId: string; frozenAt: string } | null;
}

type SchemeEnvelope = TypedEnvelope<'assessment.SchemePublished', SchemePublished> | TypedEnvelope<'assessment.ScoresFrozen', ScoresFrozen>;

/** The schemes and whether their scores are frozen, for lists (the streams stay the authority). */
export class AssessmentSchemesProjection extends BatchedProjection {
  readonly name = 'assessment.schemes';
  readonly collections = ['schemes'];
  readonly eventTypes = ['assessment.SchemePublished', 'assessment.ScoresFrozen'];

  private get schemes() {
    return this.connection.collection('schemes');
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<SchemeEnvelope>(envelope);
    const { schemeId } = event.data;
    return [
      documentChange<SchemeSummary>('schemes', schemeId, (current) => {
        const scheme = current ? (withoutMeta(current) as SchemeSummary) : null;
        if (event.type === 'assessment.SchemePublished') {
          const { data } = event;
          return {
            schemeId,
            year: data.year,
            title: data.title,
            currentVersion: data.version,
            opennessWeightPercent: data.opennessWeightPercent,
            totalPoints: data.totalPoints,
            versions: [
              ...(scheme?.versions ?? []),
              { version: data.version, title: data.title, publishedAt: event.recordedAt, eventId: event.eventId, reason: data.reason },
            ],
            frozen: scheme?.frozen ?? null,
          };
        }
        const { data } = event;
        return (
          scheme && {
            ...scheme,
            frozen: {
              asOf: data.asOf,
              schemeVersion: data.schemeVersion,
              inputsHash: data.inputsHash,
              eventId: event.eventId,
              frozenAt: event.recordedAt,
            },
          }
        );
      }),
    ];
  }

  async list(year?: number): Promise<SchemeSummary[]> {
    const docs = await this.schemes.find(year ? { year } : {}, { sort: { year: -1, schemeId: 1 } }).toArray();
    return docs.map((doc) => viewOf<SchemeSummary>(doc));
  }
}

import type { EventEnvelope, GuidelineMatchConfirmed } from '@gongkai/contracts';
import { asTyped, BatchedProjection, documentChange, type TypedEnvelope } from '@gongkai/platform';
import type { MatchDecision } from '../domain/guideline-match';

/** One decision on one guideline item, the latest for that pair. */
export interface MatchDecisionView {
  guidelineItemCode: string;
  decision: MatchDecision;
  reason: string | null;
  decidedAt: string;
  decidedBy: string | null;
}

/** The officers' match decisions of one catalogue item (codes hold dots, so they are a list, not keys). */
export interface ItemMatchesView {
  itemId: string;
  unitId: string;
  decisions: MatchDecisionView[];
}

/** A unit's match decisions, one document per unit (`unit:<unitId>`), items sorted by id. */
interface UnitMatchesDocument {
  unitId: string;
  items: ItemMatchesView[];
}

/**
 * The officers' confirmed and rejected matches of catalogue items to guideline items, one document
 * per unit, so that a unit's coverage reads them with one `_id` equality (ADR 0015; each change is
 * guarded by its item stream's revision inside the unit's document).
 */
export class CatalogueGuidelineMatchesProjection extends BatchedProjection {
  readonly name = 'catalogue.unit-guideline-matches';
  readonly collections = ['unit_guideline_matches'];
  readonly eventTypes = ['catalogue.GuidelineMatchConfirmed', 'catalogue.GuidelineMatchRejected'];

  changesOf(envelope: EventEnvelope) {
    // Both events carry the same fields (GuidelineMatchRejected has the shape of GuidelineMatchConfirmed).
    const event =
      asTyped<TypedEnvelope<'catalogue.GuidelineMatchConfirmed' | 'catalogue.GuidelineMatchRejected', GuidelineMatchConfirmed>>(envelope);
    const { data } = event;
    const decision: MatchDecisionView = {
      guidelineItemCode: data.guidelineItemCode,
      decision: event.type === 'catalogue.GuidelineMatchConfirmed' ? 'confirmed' : 'rejected',
      reason: data.reason ?? null,
      decidedAt: event.occurredAt,
      decidedBy: event.actor.name ?? event.actor.userId,
    };
    return [
      documentChange<UnitMatchesDocument>('unit_guideline_matches', `unit:${data.unitId}`, (current) => {
        const items = current?.items ?? [];
        const before = items.find((i) => i.itemId === data.itemId)?.decisions ?? [];
        const item = {
          itemId: data.itemId,
          unitId: data.unitId,
          decisions: [...before.filter((d) => d.guidelineItemCode !== data.guidelineItemCode), decision],
        };
        const others = items.filter((i) => i.itemId !== data.itemId);
        return { unitId: data.unitId, items: [...others, item].sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0)) };
      }),
    ];
  }

  /** The unit's decisions per item: one `_id` read. */
  async ofUnit(unitId: string): Promise<ItemMatchesView[]> {
    const doc = await this.connection.collection('unit_guideline_matches').findOne({ _id: `unit:${unitId}` as never });
    return doc ? (doc as unknown as UnitMatchesDocument).items : [];
  }
}

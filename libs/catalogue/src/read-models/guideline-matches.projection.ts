import type { Connection } from 'mongoose';
import type { EventEnvelope, GuidelineMatchConfirmed } from '@gongkai/contracts';
import { asTyped, projectDocument, type Projection, type TypedEnvelope, viewOf } from '@gongkai/platform';
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

/** The officers' confirmed and rejected matches of catalogue items to guideline items. */
export class CatalogueGuidelineMatchesProjection implements Projection {
  readonly name = 'catalogue.guideline-matches';
  readonly collections = ['guideline_matches'];
  readonly eventTypes = ['catalogue.GuidelineMatchConfirmed', 'catalogue.GuidelineMatchRejected'];

  constructor(private readonly connection: Connection) {}

  private get matches() {
    return this.connection.collection('guideline_matches');
  }

  async handle(envelope: EventEnvelope): Promise<void> {
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
    await projectDocument<ItemMatchesView>(this.matches, data.itemId, event, (current) => ({
      itemId: data.itemId,
      unitId: data.unitId,
      decisions: [...(current?.decisions ?? []).filter((d) => d.guidelineItemCode !== data.guidelineItemCode), decision],
    }));
  }

  async ofUnit(unitId: string): Promise<ItemMatchesView[]> {
    const docs = await this.matches.find({ unitId }).toArray();
    return docs.map((doc) => viewOf<ItemMatchesView>(doc));
  }
}

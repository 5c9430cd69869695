import type { GuidelineMatchConfirmed, GuidelineMatchRejected } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';
import { evolveItem, initialItemState, type ItemEvent, type ItemState } from './item';

/**
 * An officer's decisions on proposed matches of one catalogue item to guideline items (标准指引事项):
 * confirmed or rejected, per guideline item. They live on the item's own stream, so the unit guard
 * sees the item's unit and status.
 */
export type GuidelineMatchEvent =
  | DomainEvent<'catalogue.GuidelineMatchConfirmed', GuidelineMatchConfirmed>
  | DomainEvent<'catalogue.GuidelineMatchRejected', GuidelineMatchRejected>;

export type MatchDecision = 'confirmed' | 'rejected';

export interface ItemMatchState {
  item: ItemState;
  /** The latest decision per guideline item code. */
  decisions: Record<string, MatchDecision>;
}

export const initialItemMatchState: ItemMatchState = { item: initialItemState, decisions: {} };

export function evolveItemMatch(state: ItemMatchState, event: ItemEvent | GuidelineMatchEvent): ItemMatchState {
  switch (event.type) {
    case 'catalogue.GuidelineMatchConfirmed':
      return { ...state, decisions: { ...state.decisions, [event.data.guidelineItemCode]: 'confirmed' } };
    case 'catalogue.GuidelineMatchRejected':
      return { ...state, decisions: { ...state.decisions, [event.data.guidelineItemCode]: 'rejected' } };
    default:
      return { ...state, item: evolveItem(state.item, event) };
  }
}

/**
 * The guideline item an item counts for in coverage: the one the officer confirmed; without a
 * confirmation, the one written on the item itself (指引事项编码, chosen by its author — the
 * behaviour before decisions existed), unless the officer rejected that pair.
 */
export function matchedGuidelineCode(
  own: string | null,
  decisions: readonly { guidelineItemCode: string; decision: MatchDecision }[],
): string | null {
  const confirmed = decisions.find((d) => d.decision === 'confirmed');
  if (confirmed) return confirmed.guidelineItemCode;
  if (own && decisions.some((d) => d.guidelineItemCode === own && d.decision === 'rejected')) return null;
  return own;
}

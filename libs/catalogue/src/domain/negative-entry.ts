import type {
  NegativeEntryContent,
  NegativeEntryDrafted,
  NegativeEntryPublished,
  NegativeEntryReviewed,
  NegativeEntryWithdrawn,
} from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/** An entry of the negative list (负面清单): a specific matter that is not disclosed, and why. */
export type NegativeEntryEvent =
  | DomainEvent<'catalogue.NegativeEntryDrafted', NegativeEntryDrafted>
  | DomainEvent<'catalogue.NegativeEntryAmended', NegativeEntryDrafted>
  | DomainEvent<'catalogue.NegativeEntryPublished', NegativeEntryPublished>
  | DomainEvent<'catalogue.NegativeEntryReviewed', NegativeEntryReviewed>
  | DomainEvent<'catalogue.NegativeEntryWithdrawn', NegativeEntryWithdrawn>;

export type NegativeEntryState =
  { status: 'none' } | { status: 'draft' | 'published' | 'withdrawn'; entryId: string; ownerUnitId: string; content: NegativeEntryContent };

export const negativeEntryStreamId = (entryId: string) => `catalogue.negative-${entryId}`;

/** Entries not reviewed for this many months are flagged (DOMAIN.md §1: "updated in time"). */
export const NEGATIVE_ENTRY_REVIEW_MONTHS = 12;

/** True when the last review is more than 12 months before `today` (both YYYY-MM-DD). */
export function isReviewOverdue(lastReviewedOn: string, today: string, months = NEGATIVE_ENTRY_REVIEW_MONTHS): boolean {
  const [y, m, d] = lastReviewedOn.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const dueMonthDays = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  const due = `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}-${String(Math.min(d, dueMonthDays)).padStart(2, '0')}`;
  return today > due;
}

export const initialNegativeEntryState: NegativeEntryState = { status: 'none' };

export function evolveNegativeEntry(state: NegativeEntryState, event: NegativeEntryEvent): NegativeEntryState {
  switch (event.type) {
    case 'catalogue.NegativeEntryDrafted':
      return { status: 'draft', entryId: event.data.entryId, ownerUnitId: event.data.ownerUnitId, content: event.data.content };
    case 'catalogue.NegativeEntryAmended':
      return state.status === 'none' ? state : { ...state, content: event.data.content };
    case 'catalogue.NegativeEntryPublished':
      return state.status === 'none' ? state : { ...state, status: 'published' };
    case 'catalogue.NegativeEntryReviewed':
      return state.status === 'none' ? state : { ...state, content: { ...state.content, lastReviewedOn: event.data.reviewedOn } };
    case 'catalogue.NegativeEntryWithdrawn':
      return state.status === 'none' ? state : { ...state, status: 'withdrawn' };
  }
}

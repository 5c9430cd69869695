import type {
  NegativeEntryContent,
  NegativeEntryDrafted,
  NegativeEntryPublished,
  NegativeEntryReviewed,
  NegativeEntryWithdrawn,
} from '@gongkai/contracts';
import { DomainError, type Decider, type DomainEvent } from '@gongkai/platform/domain';

/** An entry of the negative list (负面清单): a specific matter that is not disclosed, and why. */
export type NegativeEntryEvent =
  | DomainEvent<'catalogue.NegativeEntryDrafted', NegativeEntryDrafted>
  | DomainEvent<'catalogue.NegativeEntryAmended', NegativeEntryDrafted>
  | DomainEvent<'catalogue.NegativeEntryPublished', NegativeEntryPublished>
  | DomainEvent<'catalogue.NegativeEntryReviewed', NegativeEntryReviewed>
  | DomainEvent<'catalogue.NegativeEntryWithdrawn', NegativeEntryWithdrawn>;

export type NegativeEntryState =
  { status: 'none' } | { status: 'draft' | 'published' | 'withdrawn'; entryId: string; ownerUnitId: string; content: NegativeEntryContent };

export type NegativeEntryCommand =
  | { type: 'DraftNegativeEntry'; entryId: string; ownerUnitId: string; content: NegativeEntryContent }
  | { type: 'AmendNegativeEntry'; ownerUnitId: string; content: NegativeEntryContent }
  | { type: 'PublishNegativeEntry'; ownerUnitId: string; at: string }
  | { type: 'ReviewNegativeEntry'; ownerUnitId: string; reviewedOn: string; note: string }
  | { type: 'WithdrawNegativeEntry'; ownerUnitId: string; reason: string };

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

function evolve(state: NegativeEntryState, event: NegativeEntryEvent): NegativeEntryState {
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

export function decideNegativeEntry(command: NegativeEntryCommand, state: NegativeEntryState): NegativeEntryEvent[] | DomainError {
  if (command.type === 'DraftNegativeEntry') {
    if (state.status !== 'none') return DomainError.conflict('NEGATIVE_ENTRY_EXISTS', `负面清单事项 ${command.entryId} 已存在。`);
    return [
      {
        type: 'catalogue.NegativeEntryDrafted',
        data: { entryId: command.entryId, ownerUnitId: command.ownerUnitId, content: command.content },
      },
    ];
  }
  if (state.status === 'none') return DomainError.notFound('NEGATIVE_ENTRY_NOT_FOUND', '该负面清单事项不存在。');
  if (state.ownerUnitId !== command.ownerUnitId) {
    return DomainError.forbidden('OTHER_UNIT', `该负面清单事项属于单位 ${state.ownerUnitId}，不能由单位 ${command.ownerUnitId} 办理。`);
  }
  if (state.status === 'withdrawn') return DomainError.rule('NEGATIVE_ENTRY_WITHDRAWN', '该负面清单事项已撤销。');
  const ref = { entryId: state.entryId, ownerUnitId: state.ownerUnitId };
  switch (command.type) {
    case 'AmendNegativeEntry':
      if (state.status !== 'draft') return DomainError.rule('NEGATIVE_ENTRY_NOT_DRAFT', '已发布的负面清单事项不能修改，请撤销后重新编制。');
      return [{ type: 'catalogue.NegativeEntryAmended', data: { ...ref, content: command.content } }];
    case 'PublishNegativeEntry': {
      if (state.status === 'published') return DomainError.conflict('NEGATIVE_ENTRY_ALREADY_PUBLISHED', '该负面清单事项已发布。');
      const basis = state.content.specificBasis;
      if (!basis || !basis.law.trim() || !basis.article?.trim()) {
        return DomainError.rule(
          'NEGATIVE_ENTRY_BASIS_MISSING',
          `负面清单事项“${state.content.matter}”缺少具体法律依据（须写明具体法律法规名称及条款），不能发布；仅引用《政府信息公开条例》第${state.content.regulationArticle}条不够具体。`,
        );
      }
      return [{ type: 'catalogue.NegativeEntryPublished', data: { ...ref, publishedAt: command.at } }];
    }
    case 'ReviewNegativeEntry':
      if (command.reviewedOn < state.content.lastReviewedOn) {
        return DomainError.rule('NEGATIVE_ENTRY_REVIEW_BACKWARDS', `评估日期不能早于上次评估日期（${state.content.lastReviewedOn}）。`);
      }
      return [{ type: 'catalogue.NegativeEntryReviewed', data: { ...ref, reviewedOn: command.reviewedOn, note: command.note } }];
    case 'WithdrawNegativeEntry':
      return [{ type: 'catalogue.NegativeEntryWithdrawn', data: { ...ref, reason: command.reason } }];
  }
}

export const negativeEntryDecider: Decider<NegativeEntryCommand, NegativeEntryEvent, NegativeEntryState> = {
  initialState: { status: 'none' },
  evolve,
  decide: decideNegativeEntry,
};

import type { NegativeEntryContent } from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import { evolveNegativeEntry, initialNegativeEntryState, type NegativeEntryEvent, type NegativeEntryState } from './negative-entry';

/** Every command names the unit that owns the entry; the entry must belong to it. `at` is when (ISO 8601). */
export type NegativeEntryCommand =
  | { type: 'DraftNegativeEntry'; entryId: string; ownerUnitId: string; content: NegativeEntryContent }
  | { type: 'AmendNegativeEntry'; ownerUnitId: string; content: NegativeEntryContent }
  | { type: 'PublishNegativeEntry'; ownerUnitId: string; at: string }
  | { type: 'ReviewNegativeEntry'; ownerUnitId: string; reviewedOn: string; note: string }
  | { type: 'WithdrawNegativeEntry'; ownerUnitId: string; reason: string };

type Existing = Exclude<NegativeEntryState, { status: 'none' }>;

function guard(command: NegativeEntryCommand, state: NegativeEntryState): Existing | DomainError {
  if (state.status === 'none') return DomainError.notFound('NEGATIVE_ENTRY_NOT_FOUND', '该负面清单事项不存在。');
  if (state.ownerUnitId !== command.ownerUnitId) {
    return DomainError.forbidden('OTHER_UNIT', `该负面清单事项属于单位 ${state.ownerUnitId}，不能由单位 ${command.ownerUnitId} 办理。`);
  }
  if (state.status === 'withdrawn') return DomainError.rule('NEGATIVE_ENTRY_WITHDRAWN', '该负面清单事项已撤销。');
  return state;
}

const ref = (entry: Existing) => ({ entryId: entry.entryId, ownerUnitId: entry.ownerUnitId });

/** Publishing needs a specific legal basis: the law and its article, not only the regulation's article. */
function publish(entry: Existing, at: string): NegativeEntryEvent[] | DomainError {
  if (entry.status === 'published') return DomainError.conflict('NEGATIVE_ENTRY_ALREADY_PUBLISHED', '该负面清单事项已发布。');
  const basis = entry.content.specificBasis;
  if (!basis || !basis.law.trim() || !basis.article?.trim()) {
    return DomainError.rule(
      'NEGATIVE_ENTRY_BASIS_MISSING',
      `负面清单事项“${entry.content.matter}”缺少具体法律依据（须写明具体法律法规名称及条款），不能发布；仅引用《政府信息公开条例》第${entry.content.regulationArticle}条不够具体。`,
    );
  }
  return [{ type: 'catalogue.NegativeEntryPublished', data: { ...ref(entry), publishedAt: at } }];
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
  const entry = guard(command, state);
  if (entry instanceof DomainError) return entry;
  switch (command.type) {
    case 'AmendNegativeEntry':
      if (entry.status !== 'draft') return DomainError.rule('NEGATIVE_ENTRY_NOT_DRAFT', '已发布的负面清单事项不能修改，请撤销后重新编制。');
      return [{ type: 'catalogue.NegativeEntryAmended', data: { ...ref(entry), content: command.content } }];
    case 'PublishNegativeEntry':
      return publish(entry, command.at);
    case 'ReviewNegativeEntry':
      if (command.reviewedOn < entry.content.lastReviewedOn) {
        return DomainError.rule('NEGATIVE_ENTRY_REVIEW_BACKWARDS', `评估日期不能早于上次评估日期（${entry.content.lastReviewedOn}）。`);
      }
      return [{ type: 'catalogue.NegativeEntryReviewed', data: { ...ref(entry), reviewedOn: command.reviewedOn, note: command.note } }];
    case 'WithdrawNegativeEntry':
      return [{ type: 'catalogue.NegativeEntryWithdrawn', data: { ...ref(entry), reason: command.reason } }];
  }
}

export const negativeEntryDecider: Decider<NegativeEntryCommand, NegativeEntryEvent, NegativeEntryState> = {
  initialState: initialNegativeEntryState,
  evolve: evolveNegativeEntry,
  decide: decideNegativeEntry,
};

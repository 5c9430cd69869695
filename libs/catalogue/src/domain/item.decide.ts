import type { ItemContent } from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import { sameValue } from './same-value';
import { evolveItem, initialItemState, missingElements, type ItemEvent, type ItemState } from './item';

/** Every command names the unit it acts for; the item must belong to it. `at` is when (ISO 8601). */
export type ItemCommand =
  | { type: 'DraftItem'; itemId: string; unitId: string; content: ItemContent }
  | { type: 'UpdateDraft'; unitId: string; content: ItemContent }
  | { type: 'PublishItem'; unitId: string; at: string }
  | { type: 'ReviseItem'; unitId: string; content: ItemContent; reason: string; at: string }
  | { type: 'ReturnForCorrection'; unitId: string; note: string }
  | { type: 'WithdrawItem'; unitId: string; reason: string; at: string };

const notFound = () => DomainError.notFound('ITEM_NOT_FOUND', '该公开事项不存在。');

const elementsMissing = (missing: string[]) =>
  DomainError.rule('ITEM_ELEMENTS_MISSING', `公开事项要素不全，不能发布。缺少：${missing.join('、')}。`, { missing });

type Existing = Exclude<ItemState, { status: 'none' }>;

function guard(command: ItemCommand, state: ItemState): Existing | DomainError {
  if (state.status === 'none') return notFound();
  if (state.unitId !== command.unitId) {
    return DomainError.forbidden('OTHER_UNIT', `该公开事项属于单位 ${state.unitId}，不能由单位 ${command.unitId} 办理。`);
  }
  if (state.status === 'withdrawn') return DomainError.rule('ITEM_WITHDRAWN', '该公开事项已撤销，不能再办理。');
  return state;
}

const facts = (state: Existing, content: ItemContent) => ({
  itemId: state.itemId,
  unitId: state.unitId,
  domainCode: content.domainCode,
  guidelineItemCode: content.guidelineItemCode ?? null,
});

export function decideItem(command: ItemCommand, state: ItemState): ItemEvent[] | DomainError {
  if (command.type === 'DraftItem') {
    if (state.status !== 'none') return DomainError.conflict('ITEM_ALREADY_EXISTS', `公开事项 ${command.itemId} 已存在。`);
    return [{ type: 'catalogue.ItemDrafted', data: { itemId: command.itemId, unitId: command.unitId, content: command.content } }];
  }
  const item = guard(command, state);
  if (item instanceof DomainError) return item;
  switch (command.type) {
    case 'UpdateDraft':
      if (item.status !== 'draft') return DomainError.rule('ITEM_NOT_DRAFT', '已发布的公开事项不能直接修改，请提交修订（形成新版本）。');
      if (sameValue(command.content, item.content)) return [];
      return [{ type: 'catalogue.ItemDraftUpdated', data: { itemId: item.itemId, unitId: item.unitId, content: command.content } }];
    case 'PublishItem': {
      if (item.status === 'published') return DomainError.conflict('ITEM_ALREADY_PUBLISHED', '该公开事项已发布；如需调整请提交修订。');
      const missing = missingElements(item.content);
      if (missing.length > 0) return elementsMissing(missing);
      return [
        {
          type: 'catalogue.ItemPublished',
          data: { ...facts(item, item.content), version: 1, publishedAt: command.at, content: item.content },
        },
      ];
    }
    case 'ReviseItem': {
      if (item.status !== 'published') return DomainError.rule('ITEM_NOT_PUBLISHED', '草稿尚未发布，直接修改草稿即可，无需修订。');
      const missing = missingElements(command.content);
      if (missing.length > 0) return elementsMissing(missing);
      if (sameValue(command.content, item.content)) {
        return DomainError.rule('ITEM_UNCHANGED', '修订内容与现行版本相同，无需形成新版本。');
      }
      return [
        {
          type: 'catalogue.ItemRevised',
          data: {
            ...facts(item, command.content),
            version: item.version + 1,
            publishedAt: command.at,
            reason: command.reason,
            content: command.content,
          },
        },
      ];
    }
    case 'ReturnForCorrection':
      if (item.status !== 'published') return DomainError.rule('ITEM_NOT_PUBLISHED', '只能退回已发布的公开事项。');
      if (item.correction)
        return DomainError.conflict('ITEM_CORRECTION_PENDING', `该事项已退回修改，尚待单位处理：${item.correction.note}`);
      return [{ type: 'catalogue.ItemReturnedForCorrection', data: { itemId: item.itemId, unitId: item.unitId, note: command.note } }];
    case 'WithdrawItem':
      if (item.status !== 'published') return DomainError.rule('ITEM_NOT_PUBLISHED', '草稿尚未发布，无需撤销。');
      return [
        {
          type: 'catalogue.ItemWithdrawn',
          data: { ...facts(item, item.content), reason: command.reason, withdrawnAt: command.at },
        },
      ];
  }
}

export const itemDecider: Decider<ItemCommand, ItemEvent, ItemState> = {
  initialState: initialItemState,
  evolve: evolveItem,
  decide: decideItem,
};

import type { DomainCode, UnitLevel } from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import type { ItemEvent } from './item';
import { evolveItemMatch, initialItemMatchState, type GuidelineMatchEvent, type ItemMatchState } from './guideline-match';

/**
 * The officer confirms or rejects that an item stands for a guideline item. The command carries the
 * guideline item as found in the version in force (null: no such item), and the unit acting.
 */
export type GuidelineMatchCommand = {
  type: 'ConfirmGuidelineMatch' | 'RejectGuidelineMatch';
  unitId: string;
  guidelineItemCode: string;
  guidelineItem: { code: string; domainCode: DomainCode; level: UnitLevel } | null;
  reason?: string;
};

export function decideGuidelineMatch(command: GuidelineMatchCommand, state: ItemMatchState): GuidelineMatchEvent[] | DomainError {
  const { item } = state;
  if (item.status === 'none') return DomainError.notFound('ITEM_NOT_FOUND', '该公开事项不存在。');
  if (item.unitId !== command.unitId) {
    return DomainError.forbidden('OTHER_UNIT', `该公开事项属于单位 ${item.unitId}，不能由单位 ${command.unitId} 办理。`);
  }
  if (item.status === 'withdrawn') return DomainError.rule('ITEM_WITHDRAWN', '该公开事项已撤销，不能再办理。');
  const guideline = command.guidelineItem;
  if (!guideline || guideline.code !== command.guidelineItemCode) {
    return DomainError.notFound('GUIDELINE_ITEM_NOT_FOUND', `现行标准指引中没有事项 ${command.guidelineItemCode}。`);
  }
  if (guideline.domainCode !== item.content.domainCode || guideline.level !== item.content.level) {
    return DomainError.rule('GUIDELINE_MATCH_OTHER_DOMAIN', '只能对应同一试点领域、同一公开层级的标准指引事项。');
  }
  const data = {
    itemId: item.itemId,
    unitId: item.unitId,
    guidelineItemCode: guideline.code,
    ...(command.reason ? { reason: command.reason } : {}),
  };
  const current = state.decisions[guideline.code];
  if (command.type === 'ConfirmGuidelineMatch') {
    if (current === 'confirmed') return [];
    const other = Object.entries(state.decisions).find(([code, decision]) => decision === 'confirmed' && code !== guideline.code);
    if (other) {
      return DomainError.conflict(
        'GUIDELINE_MATCH_ALREADY_CONFIRMED',
        `该公开事项已确认对应标准指引事项 ${other[0]}；如需改为 ${guideline.code}，请先否决原对应。`,
      );
    }
    return [{ type: 'catalogue.GuidelineMatchConfirmed', data }];
  }
  if (current === 'rejected') return [];
  return [{ type: 'catalogue.GuidelineMatchRejected', data }];
}

export const guidelineMatchDecider: Decider<GuidelineMatchCommand, ItemEvent | GuidelineMatchEvent, ItemMatchState> = {
  initialState: initialItemMatchState,
  evolve: evolveItemMatch,
  decide: decideGuidelineMatch,
};

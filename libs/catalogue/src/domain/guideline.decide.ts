import type { DomainCode, GuidelineItem } from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import { evolveGuideline, initialGuidelineState, type GuidelineEvent, type GuidelineState } from './guideline';

export type GuidelineCommand = {
  type: 'LoadGuidelineVersion';
  title: string;
  sample: boolean;
  effectiveFrom: string;
  source?: string;
  items: GuidelineItem[];
  /** The domains whose rows are sourced; the others are 示例. */
  sourcedDomains?: DomainCode[];
};

export function decideGuideline(command: GuidelineCommand, state: GuidelineState): GuidelineEvent[] | DomainError {
  if (command.items.length === 0) return DomainError.validation('GUIDELINE_EMPTY', '标准指引至少应包含一个事项。');
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const item of command.items) (seen.has(item.code) ? duplicates : seen).add(item.code);
  if (duplicates.size > 0) {
    return DomainError.rule('GUIDELINE_DUPLICATE_CODE', `标准指引事项编码重复：${[...duplicates].join('、')}。`);
  }
  const unsourced = command.items.filter((item) => command.sourcedDomains?.includes(item.domainCode) && !item.source);
  if (unsourced.length > 0) {
    return DomainError.rule(
      'GUIDELINE_ROW_UNSOURCED',
      `标明有出处的领域中，以下指引事项未注明出处：${unsourced.map((item) => item.code).join('、')}。`,
    );
  }
  if (state.effectiveFrom && command.effectiveFrom < state.effectiveFrom) {
    return DomainError.rule(
      'GUIDELINE_EFFECTIVE_DATE_BACKWARDS',
      `新版本的施行日期（${command.effectiveFrom}）不能早于现行第 ${state.version} 版（${state.effectiveFrom}）。`,
    );
  }
  const { type: _command, ...rest } = command;
  return [{ type: 'catalogue.GuidelineVersionLoaded', data: { version: state.version + 1, ...rest } }];
}

export const guidelineDecider: Decider<GuidelineCommand, GuidelineEvent, GuidelineState> = {
  initialState: initialGuidelineState,
  evolve: evolveGuideline,
  decide: decideGuideline,
};

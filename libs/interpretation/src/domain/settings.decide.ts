import type { InterpretationLimits } from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import { evolveSettings, initialSettingsState, type SettingsEvent, type SettingsState } from './settings';

export type SettingsCommand = { type: 'ConfigureLimits'; limits: Partial<InterpretationLimits>; reason: string };

function configureLimits(command: SettingsCommand, state: SettingsState): SettingsEvent[] | DomainError {
  const limits = { ...state.limits, ...command.limits };
  if (limits.majorEmergencyInformationHours > limits.majorEmergencyPressConferenceHours) {
    return DomainError.rule('LIMITS_INCONSISTENT', '重大突发事件发布权威信息的时限不应晚于召开新闻发布会的时限。');
  }
  return [{ type: 'interpretation.InterpretationLimitsConfigured', data: { ...limits, reason: command.reason } }];
}

export const settingsDecider: Decider<SettingsCommand, SettingsEvent, SettingsState> = {
  initialState: initialSettingsState,
  evolve: evolveSettings,
  decide: configureLimits,
};

import { DEFAULT_INTERPRETATION_LIMITS, type InterpretationLimits, type InterpretationLimitsConfigured } from '@gongkai/contracts';
import { DomainError, type Decider, type DomainEvent } from '@gongkai/platform/domain';

/** The district's limits for this service, configured by the district office (defaults: DOMAIN.md §4). */
export type SettingsEvent = DomainEvent<'interpretation.InterpretationLimitsConfigured', InterpretationLimitsConfigured>;
export type SettingsState = { limits: InterpretationLimits; configured: boolean };
export type SettingsCommand = { type: 'ConfigureLimits'; limits: Partial<InterpretationLimits>; reason: string };

export const SETTINGS_STREAM_ID = 'interpretation.settings-district';

export const settingsDecider: Decider<SettingsCommand, SettingsEvent, SettingsState> = {
  initialState: { limits: DEFAULT_INTERPRETATION_LIMITS, configured: false },
  evolve: (_state, event) => {
    const { reason: _reason, ...limits } = event.data;
    return { limits, configured: true };
  },
  decide: (command, state) => {
    const limits = { ...state.limits, ...command.limits };
    if (limits.majorEmergencyInformationHours > limits.majorEmergencyPressConferenceHours) {
      return DomainError.rule('LIMITS_INCONSISTENT', '重大突发事件发布权威信息的时限不应晚于召开新闻发布会的时限。');
    }
    return [{ type: 'interpretation.InterpretationLimitsConfigured', data: { ...limits, reason: command.reason } }];
  },
};

import { DEFAULT_INTERPRETATION_LIMITS, type InterpretationLimits, type InterpretationLimitsConfigured } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/** The district's limits for this service, configured by the district office (defaults: DOMAIN.md §4). */
export type SettingsEvent = DomainEvent<'interpretation.InterpretationLimitsConfigured', InterpretationLimitsConfigured>;
export type SettingsState = { limits: InterpretationLimits; configured: boolean };

export const SETTINGS_STREAM_ID = 'interpretation.settings-district';

export const initialSettingsState: SettingsState = { limits: DEFAULT_INTERPRETATION_LIMITS, configured: false };

export function evolveSettings(_state: SettingsState, event: SettingsEvent): SettingsState {
  const { reason: _reason, ...limits } = event.data;
  return { limits, configured: true };
}

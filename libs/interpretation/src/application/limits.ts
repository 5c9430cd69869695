import type { InterpretationLimits } from '@gongkai/contracts';
import type { CommandHandler } from '@gongkai/platform';
import { SETTINGS_STREAM_ID } from '../domain/settings';
import { settingsDecider } from '../domain/settings.decide';

/** The district's limits for this service as configured now (the defaults until the district office changes them). */
export async function currentLimits(commands: CommandHandler): Promise<InterpretationLimits> {
  return (await commands.load(settingsDecider, SETTINGS_STREAM_ID)).state.limits;
}

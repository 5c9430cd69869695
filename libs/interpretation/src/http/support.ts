import type { Response } from 'express';
import type { InterpretationLimits } from '@gongkai/contracts';
import { CommandHandler, setRevision, type AuthenticatedRequest } from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import { settingsDecider, SETTINGS_STREAM_ID } from '../domain/settings';

export const STAFF = ['clerk', 'reviewer', 'office_head', 'district_office', 'admin'] as const;
export const DISTRICT = ['district_office', 'admin'] as const;

/** Today in Asia/Shanghai: the date every day-based rule is counted in. */
export const today = (now = new Date()): string => toShanghaiDate(now);

export async function currentLimits(commands: CommandHandler): Promise<InterpretationLimits> {
  return (await commands.load(settingsDecider, SETTINGS_STREAM_ID)).state.limits;
}

export function answer<T extends object>(response: Response, revision: number, body: T, status = 200): T & { revision: number } {
  setRevision(response, revision);
  response.status(status);
  return { ...body, revision };
}

export type StaffRequest = AuthenticatedRequest;

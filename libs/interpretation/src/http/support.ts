import type { Response } from 'express';
import { requestTime, setRevision, type AuthenticatedRequest } from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';

/** The request's Beijing date: what day-based views (an open day's status, a report's default date) are counted on. */
export const beijingToday = (request: AuthenticatedRequest): string => toShanghaiDate(requestTime(request));

/** A command's answer: the stream revision as ETag and in the body, with the status given. */
export function answer<T extends object>(response: Response, revision: number, body: T, status = 200): T & { revision: number } {
  setRevision(response, revision);
  response.status(status);
  return { ...body, revision };
}

import type { Response } from 'express';
import { setRevision } from '@gongkai/platform';

/** A command's answer: the stream revision as ETag and in the body, with the status given. */
export function answer<T extends object>(response: Response, revision: number, body: T, status = 200): T & { revision: number } {
  setRevision(response, revision);
  response.status(status);
  return { ...body, revision };
}

import type { Response } from 'express';
import { DomainError } from '../errors/domain-error';
import type { CommandContext } from '../event-sourcing/command-handler';
import { recordedActorOf } from '../auth/principal';
import type { AuthenticatedRequest } from '../auth/auth.guard';

/** `If-Match: "3"` → 3; absent → undefined; anything else is a client error. */
export function expectedRevisionFrom(request: AuthenticatedRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(-?\d+)"?$/.exec(String(header).trim());
  if (!match) throw DomainError.validation('INVALID_IF_MATCH', 'If-Match 请求头应为资源的版本号，例如 "3"。');
  return Number(match[1]);
}

const RECEIVED_AT = Symbol('gongkai.receivedAt');

/**
 * When the request arrived (ISO 8601), read from the clock once per request: the one "now" of
 * every command and every date-dependent read it serves (a Beijing date is
 * `toShanghaiDate(requestTime(request))`). Controllers never call `new Date()` themselves.
 */
export function requestTime(request: AuthenticatedRequest): string {
  const carrier = request as AuthenticatedRequest & { [RECEIVED_AT]?: string };
  carrier[RECEIVED_AT] ??= new Date().toISOString();
  return carrier[RECEIVED_AT];
}

/** Who, when and in which conversation: the context every command carries into its events. */
export function commandContext(request: AuthenticatedRequest): CommandContext {
  return {
    actor: recordedActorOf(request.principal),
    correlationId: String(request.id ?? 'none'),
    now: requestTime(request),
    expectedRevision: expectedRevisionFrom(request),
  };
}

/** The stream revision as a strong ETag, for the next If-Match. */
export function setRevision(response: Response, revision: number): void {
  response.setHeader('ETag', `"${revision}"`);
}

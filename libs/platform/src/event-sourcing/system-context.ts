import type { EventEnvelope } from '@gongkai/contracts';
import type { CommandContext } from './command-handler';

/**
 * The context of a command a service gives by itself in reaction to another event (a process
 * manager, a reaction to another service's event, a scheduled job): the system acts, named by the
 * handler, in the conversation of the event that caused it. The only place such a context is made,
 * so the audit trail reads the same for every reaction in every service.
 */
export function systemContext(
  handlerName: string,
  cause: Pick<EventEnvelope, 'eventId' | 'correlationId'> | null,
  now: Date = new Date(),
): CommandContext {
  return {
    actor: { userId: handlerName, unitId: null, role: 'system' },
    correlationId: cause?.correlationId ?? handlerName,
    causationId: cause?.eventId ?? null,
    now: now.toISOString(),
  };
}

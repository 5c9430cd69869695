import { checkStoredContract, envelopeSchema, type EventEnvelope } from '@gongkai/contracts';
import { DomainError } from '../errors/domain-error';
import { upcast } from '../event-sourcing/upcasting';
import type { Logger } from '../observability/logger';
import { NO_PERSONAL_DATA_ACCESS, revealPersonalData, type PersonalDataAccess } from '../personal-data/personal-data';
import type { PlatformCollections } from '../read-models/platform-collections';
import type { EventBus, IncomingMessage } from './event-bus';

/**
 * Something that reacts to events: a projection, a process manager. `name` is stable: it keys
 * the inbox that makes the handler idempotent.
 */
export interface EventHandler {
  readonly name: string;
  readonly eventTypes: readonly string[];
  handle(event: EventEnvelope): Promise<void>;
}

export type Validation = { ok: true; event: EventEnvelope } | { ok: false; reason: string };

/**
 * Checks an incoming message: JSON, the envelope, then the event's own contract (a personal field
 * holding its encryption token is accepted as such: the writer checked the plaintext).
 */
export function validateMessage(value: unknown): Validation {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return { ok: false, reason: 'not valid JSON' };
    }
  }
  const envelope = envelopeSchema.safeParse(parsed);
  if (!envelope.success) {
    return {
      ok: false,
      reason: `envelope: ${envelope.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
    };
  }
  const event = parsed as EventEnvelope;
  const contract = checkStoredContract(event.type, event.schemaVersion, event.data);
  if (!contract.ok) return { ok: false, reason: `contract: ${contract.reason}` };
  return { ok: true, event };
}

/**
 * The consumer helper: validates every message, parks what is invalid (logged with its offset,
 * never crashing the consumer, never blocking the partition), and runs each interested handler
 * at most once per event id. A handler that throws a DomainError cannot succeed on retry, so the
 * message is parked for it; any other error is transient and the message is delivered again.
 *
 * Personal data reaches the handlers through `revealPersonalData` before upcasting: plaintext when
 * `options.personalData` holds the subject's key (the owning service's own projections), `已删除`
 * once that key is erased, `已脱敏` for a consumer without keys (the default: another service's).
 * Events without personal-data markings are handed over exactly as before.
 */
export class EventConsumer {
  constructor(
    private readonly bus: EventBus,
    private readonly collections: PlatformCollections,
    private readonly logger: Logger,
    private readonly hooks: { onApplied?: (handler: string, event: EventEnvelope) => void; onParked?: () => void } = {},
    private readonly options: { personalData?: PersonalDataAccess } = {},
  ) {}

  /** `personalData`: this group's access (default: the consumer's option, else none). */
  async start(groupId: string, topics: string[], handlers: readonly EventHandler[], personalData?: PersonalDataAccess): Promise<void> {
    await this.bus.subscribe({ groupId, topics, onMessage: (message) => this.process(groupId, handlers, message, personalData) });
  }

  async process(
    groupId: string,
    handlers: readonly EventHandler[],
    message: IncomingMessage,
    personalData?: PersonalDataAccess,
  ): Promise<void> {
    const validation = validateMessage(message.value);
    if (!validation.ok) return this.parkMessage(groupId, message, validation.reason);
    const access = personalData ?? this.options.personalData ?? NO_PERSONAL_DATA_ACCESS;
    const event = upcast(await revealPersonalData(validation.event, access));
    for (const handler of handlers) {
      if (!handler.eventTypes.includes(event.type)) continue;
      if (await this.collections.wasProcessed(handler.name, event.eventId)) continue;
      try {
        await handler.handle(event);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        await this.parkMessage(groupId, message, `${handler.name}: ${error.code} ${error.detail}`);
        continue;
      }
      await this.collections.markProcessed(handler.name, event.eventId);
      this.hooks.onApplied?.(handler.name, event);
    }
  }

  private async parkMessage(groupId: string, message: IncomingMessage, reason: string): Promise<void> {
    this.hooks.onParked?.();
    this.logger.warn(
      { group: groupId, topic: message.topic, partition: message.partition, offset: message.offset, reason },
      'parked an invalid message',
    );
    await this.collections.park({
      _id: `${groupId}:${message.topic}:${message.partition}:${message.offset}`,
      group: groupId,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      key: message.key,
      reason,
      value: (typeof message.value === 'string' ? message.value : (JSON.stringify(message.value) ?? 'null')).slice(0, 100_000),
      parkedAt: new Date(),
    });
  }
}

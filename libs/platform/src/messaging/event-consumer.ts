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
  /** Several events at once, in the order given (a BatchedProjection); the consumer uses it when present. */
  handleBatch?(events: readonly EventEnvelope[]): Promise<void>;
  /**
   * True when the handler applies each event at most once by itself (a BatchedProjection: the
   * per-stream revision guard in every document it writes): the consumer and `rebuild` keep no
   * inbox for it, which saves a read and a write per event. Duplicates within a batch are still
   * dropped before the handler sees them.
   */
  readonly idempotent?: boolean;
}

interface Delivery {
  message: IncomingMessage;
  event: EventEnvelope;
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
    await this.bus.subscribe({
      groupId,
      topics,
      onMessage: (message) => this.process(groupId, handlers, message, personalData),
      onBatch: (messages) => this.processBatch(groupId, handlers, messages, personalData),
    });
  }

  async process(
    groupId: string,
    handlers: readonly EventHandler[],
    message: IncomingMessage,
    personalData?: PersonalDataAccess,
  ): Promise<void> {
    await this.processBatch(groupId, handlers, [message], personalData);
  }

  /**
   * A batch of messages, in their order. Handlers with `handleBatch` (batched projections) get the
   * events in runs; a message that a handler without it (a process manager) wants is a run of its
   * own, handled by every handler in turn as before: such a handler sees the read models exactly as
   * one-message-at-a-time delivery would show them.
   */
  async processBatch(
    groupId: string,
    handlers: readonly EventHandler[],
    messages: readonly IncomingMessage[],
    personalData?: PersonalDataAccess,
  ): Promise<void> {
    const access = personalData ?? this.options.personalData ?? NO_PERSONAL_DATA_ACCESS;
    let run: Delivery[] = [];
    for (const message of messages) {
      const validation = validateMessage(message.value);
      if (!validation.ok) {
        await this.parkMessage(groupId, message, validation.reason);
        continue;
      }
      const delivery = {
        message,
        event: upcast(await revealPersonalData(validation.event, access)),
      };
      const alone = handlers.some((h) => !h.handleBatch && h.eventTypes.includes(delivery.event.type));
      if (alone) {
        await this.deliver(groupId, handlers, run);
        run = [];
        await this.deliver(groupId, handlers, [delivery]);
      } else {
        run.push(delivery);
      }
    }
    await this.deliver(groupId, handlers, run);
  }

  private async deliver(groupId: string, handlers: readonly EventHandler[], run: readonly Delivery[]): Promise<void> {
    if (run.length === 0) return;
    for (const handler of handlers) {
      const wanted = run.filter((d) => handler.eventTypes.includes(d.event.type));
      if (wanted.length === 0) continue;
      const inbox = !handler.idempotent;
      const done = inbox
        ? await this.collections.processedAmong(
            handler.name,
            wanted.map((d) => d.event.eventId),
          )
        : new Set<string>();
      const todo: Delivery[] = [];
      for (const delivery of wanted) {
        if (done.has(delivery.event.eventId)) continue; // processed before, or a duplicate within the batch
        done.add(delivery.event.eventId);
        todo.push(delivery);
      }
      if (todo.length === 0) continue;
      if (handler.handleBatch && todo.length > 1) {
        try {
          await handler.handleBatch(todo.map((d) => d.event));
          if (inbox)
            await this.collections.markProcessedMany(
              handler.name,
              todo.map((d) => d.event.eventId),
            );
          for (const d of todo) this.hooks.onApplied?.(handler.name, d.event);
          continue;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          // One event of the batch cannot be applied: find it by applying them one by one.
        }
      }
      for (const { message, event } of todo) {
        try {
          await handler.handle(event);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          await this.parkMessage(groupId, message, `${handler.name}: ${error.code} ${error.detail}`);
          continue;
        }
        if (inbox) await this.collections.markProcessed(handler.name, event.eventId);
        this.hooks.onApplied?.(handler.name, event);
      }
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

import { checkStoredContract, envelopeSchema, type EventEnvelope } from '@gongkai/contracts';
import { DomainError } from '../errors/domain-error';
import { upcast } from '../event-sourcing/upcasting';
import type { Logger } from '../observability/logger';
import { NO_PERSONAL_DATA_ACCESS, revealPersonalData, type PersonalDataAccess } from '../personal-data/personal-data';
import type { PlatformCollections } from '../read-models/platform-collections';
import { ConsumerStopped, type EventBus, type IncomingMessage } from './event-bus';

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
  /**
   * The handlers (projections, by name) whose read models this one reads: an event is handed to it
   * only once each of them has applied that event (ADR 0017). Standalone: their checkpoints have
   * passed the event's position; Kafka, same consumer group: they run first on the same message;
   * another group: its committed offset has passed the message, waited for within a bound.
   */
  readonly readsAfter?: readonly string[];
}

/**
 * The handlers in an order where each comes after the handlers it `readsAfter` (those of the list;
 * otherwise the order given). Throws on a cycle: such handlers would wait for each other forever.
 */
export function inReadOrder<H extends Pick<EventHandler, 'name' | 'readsAfter'>>(handlers: readonly H[]): H[] {
  const byName = new Map(handlers.map((h) => [h.name, h]));
  const ordered: H[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (handler: H, path: string[]) => {
    const seen = state.get(handler.name);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`readsAfter cycle: ${[...path, handler.name].join(' → ')}`);
    state.set(handler.name, 'visiting');
    for (const name of handler.readsAfter ?? []) {
      const dependency = byName.get(name);
      if (dependency) visit(dependency, [...path, handler.name]);
    }
    state.set(handler.name, 'done');
    ordered.push(handler);
  };
  for (const handler of handlers) visit(handler, []);
  return ordered;
}

/**
 * Whether a handler of another consumer group has applied a message (Kafka: that group's committed
 * offset is past it). A handler that reads such a projection waits for it up to `timeoutMs`, then is
 * delivered the message anyway, with a warning (ADR 0017).
 */
export interface AppliedElsewhere {
  applied(handler: string, message: IncomingMessage): Promise<boolean>;
  timeoutMs: number;
  /** Between two looks (default 200 ms). */
  intervalMs?: number;
}

/** How a batch is processed (the standalone's StoreConsumers, and `start` for a bus). */
export interface BatchOptions {
  /** Stops the batch at the next message (`ConsumerStopped`). */
  signal?: AbortSignal;
  /** The caller has already waited for the handlers' `readsAfter` projections. */
  readsAfterAwaited?: boolean;
  /** Told each time every message up to this one is done with (a safe point to checkpoint). */
  done?: (message: IncomingMessage) => void;
  /** Called while waiting for another group (Kafka: the heartbeat that keeps this member in its group). */
  keepAlive?: () => Promise<void>;
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
 *
 * Within a group, a handler runs after the handlers it `readsAfter` (ADR 0017); `stop()` ends the
 * batches in hand at the next message (`ConsumerStopped`: the bus acknowledges none of it).
 */
export class EventConsumer {
  private readonly stopping = new AbortController();

  constructor(
    private readonly bus: EventBus,
    private readonly collections: PlatformCollections,
    private readonly logger: Logger,
    private readonly hooks: { onApplied?: (handler: string, event: EventEnvelope) => void; onParked?: () => void } = {},
    private readonly options: { personalData?: PersonalDataAccess; elsewhere?: AppliedElsewhere } = {},
  ) {}

  /** `personalData`: this group's access (default: the consumer's option, else none). */
  async start(groupId: string, topics: string[], handlers: readonly EventHandler[], personalData?: PersonalDataAccess): Promise<void> {
    const ordered = inReadOrder(handlers);
    const names = new Set(handlers.map((h) => h.name));
    for (const handler of handlers) {
      const elsewhere = (handler.readsAfter ?? []).filter((name) => !names.has(name));
      if (elsewhere.length > 0 && !this.options.elsewhere)
        this.logger.warn(
          { group: groupId, handler: handler.name, readsAfter: elsewhere },
          'reads projections of another group: not waited for',
        );
    }
    const options = { signal: this.stopping.signal };
    await this.bus.subscribe({
      groupId,
      topics,
      onMessage: (message) => this.processBatch(groupId, ordered, [message], personalData, options),
      onBatch: (messages, keepAlive) => this.processBatch(groupId, ordered, messages, personalData, { ...options, keepAlive }),
    });
  }

  /** Ends the batches in hand at the next message (they are delivered again after a restart). Call before closing the bus. */
  stop(): void {
    this.stopping.abort();
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
   * one-message-at-a-time delivery would show them. Handlers run in `readsAfter` order.
   */
  async processBatch(
    groupId: string,
    handlers: readonly EventHandler[],
    messages: readonly IncomingMessage[],
    personalData?: PersonalDataAccess,
    options: BatchOptions = {},
  ): Promise<void> {
    const access = personalData ?? this.options.personalData ?? NO_PERSONAL_DATA_ACCESS;
    const ordered = inReadOrder(handlers);
    const deliver = async (run: readonly Delivery[]) => {
      await this.deliver(groupId, ordered, run, options);
      if (run.length > 0) options.done?.(run[run.length - 1].message);
    };
    let run: Delivery[] = [];
    for (const message of messages) {
      if (options.signal?.aborted) throw new ConsumerStopped();
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
        await deliver(run);
        run = [];
        await deliver([delivery]);
      } else {
        run.push(delivery);
      }
    }
    await deliver(run);
  }

  private async deliver(
    groupId: string,
    handlers: readonly EventHandler[],
    run: readonly Delivery[],
    options: BatchOptions,
  ): Promise<void> {
    if (run.length === 0) return;
    const names = new Set(handlers.map((h) => h.name));
    for (const handler of handlers) {
      const wanted = run.filter((d) => handler.eventTypes.includes(d.event.type));
      if (wanted.length === 0) continue;
      const elsewhere = options.readsAfterAwaited ? [] : (handler.readsAfter ?? []).filter((name) => !names.has(name));
      if (elsewhere.length > 0) await this.awaitElsewhere(groupId, handler.name, elsewhere, wanted[wanted.length - 1].message, options);
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
        if (options.signal?.aborted) throw new ConsumerStopped();
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

  /** Waits (within the bound) until the named handlers of other groups have applied the message. */
  private async awaitElsewhere(
    groupId: string,
    handler: string,
    readsAfter: readonly string[],
    message: IncomingMessage,
    { signal, keepAlive }: BatchOptions,
  ): Promise<void> {
    const probe = this.options.elsewhere;
    if (!probe) return;
    const started = Date.now();
    for (;;) {
      if (signal?.aborted) throw new ConsumerStopped();
      await keepAlive?.();
      const pending: string[] = [];
      for (const name of readsAfter) if (!(await probe.applied(name, message).catch(() => false))) pending.push(name);
      if (pending.length === 0) return;
      const waitedMs = Date.now() - started;
      if (waitedMs >= probe.timeoutMs) {
        this.logger.warn(
          {
            group: groupId,
            handler,
            readsAfter: pending,
            topic: message.topic,
            partition: message.partition,
            offset: message.offset,
            waitedMs,
          },
          'delivered before the projections it reads had applied the message (waited the bound)',
        );
        return;
      }
      await pause(Math.min(probe.intervalMs ?? 200, probe.timeoutMs - waitedMs), signal);
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

/** Sleeps, or less when the signal fires. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

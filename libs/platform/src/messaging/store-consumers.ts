import { serviceOfStream, topicOf } from '@gongkai/contracts';
import type { EventStore, StoredEvent } from '../event-sourcing/event-store';
import { SharedBatches } from '../event-sourcing/shared-batches';
import type { Logger } from '../observability/logger';
import type { PersonalDataAccess } from '../personal-data/personal-data';
import type { PlatformCollections } from '../read-models/platform-collections';
import { inReadOrder, type EventConsumer, type EventHandler } from './event-consumer';
import { ConsumerStopped, type IncomingMessage } from './event-bus';

/** Where one handler of a group keeps its position in the store's global log (standalone shape). */
export const consumerCheckpointName = (groupId: string, handler: string): string => `consumer:${groupId}:${handler}`;

/** Positions of uninteresting events a handler may pass before its checkpoint is saved anyway. */
const SKIP_SAVE = 1000;

/** How often the positions handlers have only read past are saved (in the background). */
const SKIP_SAVE_MS = 1000;

/**
 * The standalone shape's consumers: every handler (read model, process manager) reads the store
 * from a checkpoint of its own, in batches, and saves it after each batch it handled (positions it
 * only read past are saved in the background, never waited for). A backlog in one handler (a
 * 100,000-row catalogue import in the items read model) therefore delays no other handler: the
 * requests register reads past the import's events without handling them or writing anything. A
 * crash between a batch and its checkpoint delivers the batch again; handlers are idempotent
 * (revision guard, and the inbox for process managers).
 *
 * A handler that `readsAfter` projections is handed an event only once their positions have passed
 * it: it waits on their in-memory positions, woken as they advance (ADR 0017). `stop()` is bounded:
 * a batch in hand is given up at the next message, its checkpoint left at what was done.
 */
export class StoreConsumers {
  private readonly stops: (() => Promise<void>)[] = [];
  /** Processed positions per checkpoint name, saved or not. */
  private readonly positions = new Map<string, number>();
  /** Saved positions per checkpoint name. */
  private readonly saved = new Map<string, number>();
  /** Positions handlers have read past without handling anything, not saved yet (flushSkipped). */
  private readonly skipped = new Map<string, number>();
  private flusher: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  /** The checkpoint name of every started handler, by handler name (what `readsAfter` names). */
  private readonly checkpoints = new Map<string, string>();
  /** Handlers of every group, to check their `readsAfter` (`verifyReadsAfter`). */
  private readonly handlers: EventHandler[] = [];
  /** Waits for positions, each called when one advances (and at stop). */
  private readonly waiters = new Set<() => void>();
  private readonly stopping = new AbortController();
  /** Handlers at about the same place share the read and parse of each batch. */
  private readonly reader: SharedBatches;

  constructor(
    private readonly store: EventStore,
    private readonly consumer: EventConsumer,
    private readonly collections: PlatformCollections,
    private readonly logger: Logger,
    private readonly options: { topicPrefix: string; batchSize?: number },
  ) {
    this.reader = new SharedBatches(store, options.batchSize ?? 1000);
  }

  /** `personalData`: the group's access, as `EventConsumer.start` takes it. */
  async start(groupId: string, handlers: readonly EventHandler[], personalData?: PersonalDataAccess): Promise<void> {
    this.flusher ??= setInterval(() => void this.flushSkipped(), SKIP_SAVE_MS);
    this.flusher.unref();
    for (const handler of handlers) {
      const name = consumerCheckpointName(groupId, handler.name);
      const from = await this.collections.loadCheckpoint(name);
      this.saved.set(name, from);
      this.checkpoints.set(handler.name, name);
      this.handlers.push(handler);
      this.advance(name, from);
      const options = {
        signal: this.stopping.signal,
        readsAfterAwaited: true,
        // What is done is in memory at once: the handlers that read this one may go on, and a stop checkpoints it.
        done: (message: IncomingMessage) => this.advance(name, Number(message.offset)),
      };
      const stop = this.store.subscribe(
        from,
        async (events) => {
          const wanted = events.filter((event) => handler.eventTypes.includes(event.type));
          const position = events[events.length - 1].globalPosition;
          // The part of the batch the handler's projections have applied is handled, then the next.
          for (let at = 0; at < wanted.length;) {
            const applied = await this.appliedUpTo(handler, wanted[at].globalPosition);
            let end = at + 1;
            while (end < wanted.length && wanted[end].globalPosition <= applied) end += 1;
            const part = wanted.slice(at, end);
            await this.consumer.processBatch(
              groupId,
              [handler],
              part.map((event) => this.message(event)),
              personalData,
              options,
            );
            at = end;
          }
          this.advance(name, position);
          if (wanted.length > 0) {
            this.skipped.delete(name);
            await this.save(name, position);
          } else if (position - (this.saved.get(name) ?? 0) >= SKIP_SAVE) {
            // Only read past: saved in the background (flushSkipped), never waited for here.
            this.skipped.set(name, position);
          }
        },
        {
          batchSize: this.options.batchSize ?? 1000,
          reader: this.reader,
          onError: (error) => {
            if (!(error instanceof ConsumerStopped))
              this.logger.warn({ group: groupId, handler: handler.name, err: error }, 'consumer batch failed; retrying');
          },
        },
      );
      this.stops.push(stop);
    }
  }

  /**
   * Once every group is started: each `readsAfter` names a started handler, and no handlers wait for
   * each other in a cycle. A handler waiting for one that never runs would never be handed an event.
   */
  verifyReadsAfter(): void {
    inReadOrder(this.handlers);
    for (const handler of this.handlers)
      for (const name of handler.readsAfter ?? [])
        if (!this.checkpoints.has(name)) throw new Error(`${handler.name} reads after ${name}, which is not consumed in this process`);
  }

  /**
   * Waits until every projection the handler reads has processed `position`; resolves with the
   * position they have all reached (at least `position`). Rejects with ConsumerStopped at stop().
   */
  private async appliedUpTo(handler: EventHandler, position: number): Promise<number> {
    const names = handler.readsAfter ?? [];
    const reached = () => Math.min(...names.map((name) => this.positions.get(this.checkpoints.get(name) ?? '') ?? -1));
    if (names.length === 0) return Number.POSITIVE_INFINITY;
    if (this.stopping.signal.aborted) throw new ConsumerStopped();
    if (reached() >= position) return reached();
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (this.stopping.signal.aborted) reject(new ConsumerStopped());
        else if (reached() >= position) resolve();
        else return;
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
    return reached();
  }

  /** Records a handler's processed position (in memory) and wakes whoever waits for it. */
  private advance(name: string, position: number): void {
    this.positions.set(name, position);
    for (const check of [...this.waiters]) check();
  }

  /** What the handler behind a checkpoint name has processed (null: not one of these consumers). */
  position(name: string): number | null {
    return this.positions.get(name) ?? null;
  }

  /**
   * Resolves once every handler has finished or given up its batch in hand at the next message
   * (waits for projections end too), each checkpoint saved at what its handler has done.
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    for (const check of [...this.waiters]) check();
    if (this.flusher) clearInterval(this.flusher);
    this.flusher = null;
    await Promise.all(this.stops.splice(0).map((stop) => stop()));
    await this.flushing;
    this.skipped.clear();
    await Promise.all([...this.positions].map(([name, position]) => this.save(name, position)));
  }

  /**
   * Saves the positions handlers have only read past, one checkpoint at a time: with about 40
   * handlers reading past a 100,000-event import, saving each one's position every 1000 events
   * in its batch made 4,000 FerretDB updates through the platform's 5 connections, and every
   * handler waited for its own: the requests register took 10 s to read past a 20,000-row import
   * (ADR 0011, "Import backlog"). The checkpoints only bound what a restart reads again.
   */
  private flushSkipped(): Promise<void> {
    if (!this.flushing && this.skipped.size > 0) {
      this.flushing = this.saveSkipped().finally(() => {
        this.flushing = null;
      });
    }
    return this.flushing ?? Promise.resolve();
  }

  private async saveSkipped(): Promise<void> {
    for (const [name, position] of [...this.skipped]) {
      this.skipped.delete(name);
      await this.save(name, position).catch((error: unknown) =>
        this.logger.warn({ checkpoint: name, err: error }, 'checkpoint save failed'),
      );
    }
  }

  /** `saveCheckpoint` moves forward only (`$max`), so saves finishing out of order keep the furthest. */
  private async save(name: string, position: number): Promise<void> {
    await this.collections.saveCheckpoint(name, position);
    this.saved.set(name, Math.max(position, this.saved.get(name) ?? 0));
  }

  private message(event: StoredEvent): IncomingMessage {
    return {
      topic: topicOf(serviceOfStream(event.streamId), this.options.topicPrefix),
      partition: 0,
      offset: String(event.globalPosition),
      key: event.streamId,
      value: event,
    };
  }
}

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

/**
 * The standalone shape's consumers: every handler (read model, process manager) reads the store
 * from a checkpoint of its own, in batches, and saves it after each batch. A backlog in one handler
 * (a 100,000-row catalogue import in the items read model) therefore delays no other handler: the
 * requests register reads past the import's events without handling them. A crash between a batch
 * and its checkpoint delivers the batch again; handlers are idempotent (revision guard, and the inbox for process managers).
 *
 * A handler that `readsAfter` projections is handed an event only once their positions have passed
 * it: it waits on their in-memory positions, woken as they advance (ADR 0017). `stop()` is bounded:
 * a batch in hand is given up at the next message, its checkpoint left at what was done.
 */
export class StoreConsumers {
  private readonly stops: (() => Promise<void>)[] = [];
  /** Processed positions per checkpoint name, saved or not. */
  private readonly positions = new Map<string, number>();
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
    for (const handler of handlers) {
      const name = consumerCheckpointName(groupId, handler.name);
      const from = await this.collections.loadCheckpoint(name);
      let saved = from;
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
          // Events of no interest move the checkpoint in memory; it is saved with the next handled
          // event or every SKIP_SAVE positions (after a restart, re-reading them is cheap).
          if (wanted.length > 0 || position - saved >= SKIP_SAVE) {
            await this.collections.saveCheckpoint(name, position);
            saved = position;
          }
          this.advance(name, position);
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
    await Promise.all(this.stops.splice(0).map((stop) => stop()));
    await Promise.all([...this.positions].map(([name, position]) => this.collections.saveCheckpoint(name, position)));
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

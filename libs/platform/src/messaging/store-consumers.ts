import { serviceOfStream, topicOf } from '@gongkai/contracts';
import type { EventStore, StoredEvent } from '../event-sourcing/event-store';
import { SharedBatches } from '../event-sourcing/shared-batches';
import type { Logger } from '../observability/logger';
import type { PersonalDataAccess } from '../personal-data/personal-data';
import type { PlatformCollections } from '../read-models/platform-collections';
import type { EventConsumer, EventHandler } from './event-consumer';
import type { IncomingMessage } from './event-bus';

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
      this.positions.set(name, from);
      const stop = this.store.subscribe(
        from,
        async (events) => {
          const wanted = events.filter((event) => handler.eventTypes.includes(event.type)).map((event) => this.message(event));
          const position = events[events.length - 1].globalPosition;
          if (wanted.length > 0) await this.consumer.processBatch(groupId, [handler], wanted, personalData);
          this.positions.set(name, position);
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
          onError: (error) => this.logger.warn({ group: groupId, handler: handler.name, err: error }, 'consumer batch failed; retrying'),
        },
      );
      this.stops.push(stop);
    }
  }

  /** What the handler behind a checkpoint name has processed (null: not one of these consumers). */
  position(name: string): number | null {
    return this.positions.get(name) ?? null;
  }

  /** Resolves once every handler's batch in hand (if any) is done and checkpointed. */
  async stop(): Promise<void> {
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

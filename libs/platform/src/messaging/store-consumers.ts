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

/**
 * The standalone shape's consumers: every handler (read model, process manager) reads the store
 * from a checkpoint of its own, in batches, and saves it after each batch. A backlog in one handler
 * (a 100,000-row catalogue import in the items read model) therefore delays no other handler: the
 * requests register reads past the import's events without handling them. A crash between a batch
 * and its checkpoint delivers the batch again; handlers are idempotent (revision guard, and the inbox for process managers).
 */
export class StoreConsumers {
  private readonly stops: (() => Promise<void>)[] = [];
  /** Processed positions per checkpoint name, saved or not. */
  private readonly positions = new Map<string, number>();
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
      this.positions.set(name, from);
      const stop = this.store.subscribe(
        from,
        async (events) => {
          const wanted = events.filter((event) => handler.eventTypes.includes(event.type)).map((event) => this.message(event));
          const position = events[events.length - 1].globalPosition;
          if (wanted.length > 0) await this.consumer.processBatch(groupId, [handler], wanted, personalData);
          // Events of no interest move the checkpoint in memory; it is saved with the next handled
          // event or every SKIP_SAVE positions (after a restart, re-reading them is cheap).
          if (wanted.length > 0 || position - saved >= SKIP_SAVE) {
            await this.collections.saveCheckpoint(name, position);
            saved = position;
          }
          this.positions.set(name, position);
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

import { serviceOfStream, topicOf } from '@gongkai/contracts';
import type { EventStore, StoredEvent } from '../event-sourcing/event-store';
import type { Logger } from '../observability/logger';
import type { PlatformCollections } from '../read-models/platform-collections';
import type { EventBus } from './event-bus';

export interface RelayOptions {
  /** Checkpoint name; one relay per name may run at a time. */
  name: string;
  /** The services whose streams this relay publishes (a service relays only its own events). */
  services: readonly string[];
  topicPrefix: string;
  /** Events per bus publish (default 500). */
  batchSize?: number;
  /**
   * Asked before every publish when the relay runs under leader election (ADR 0007): a relay that
   * is no longer the leader publishes nothing more, even before it has been stopped.
   */
  isLeader?: () => boolean;
}

/** Where a relay keeps its position in the store's global log (read by the catch-up probe too). */
export const relayCheckpointName = (relayName: string): string => `relay:${relayName}`;

/** The relay was asked to publish while another replica leads; the batch is offered again later. */
export class NotLeaderError extends Error {
  constructor() {
    super('this process is not the relay leader');
  }
}

/**
 * Event store → bus. The store is the outbox: the relay publishes a batch, waits for the bus to
 * accept it, then saves the position. A crash between the two re-publishes the batch on restart
 * (at-least-once); consumers are idempotent, so nothing is applied twice.
 */
export class Relay {
  private stopSubscription: (() => Promise<void>) | null = null;
  private published = 0;

  constructor(
    private readonly store: EventStore,
    private readonly bus: EventBus,
    private readonly collections: PlatformCollections,
    private readonly logger: Logger,
    private readonly options: RelayOptions,
  ) {}

  async start(): Promise<void> {
    const from = await this.collections.loadCheckpoint(this.checkpointName);
    this.logger.info({ relay: this.options.name, from }, 'relay starting');
    this.stopSubscription = this.store.subscribe(from, (events) => this.relay(events), {
      batchSize: this.options.batchSize,
      onError: (error) =>
        error instanceof NotLeaderError
          ? this.logger.debug({ relay: this.options.name }, 'relay paused: not the leader')
          : this.logger.warn({ relay: this.options.name, err: error }, 'relay batch failed; retrying'),
    });
  }

  /** Resolves after the batch in hand (if any) is published and checkpointed. */
  async stop(): Promise<void> {
    await this.stopSubscription?.();
    this.stopSubscription = null;
  }

  get publishedCount(): number {
    return this.published;
  }

  private get checkpointName(): string {
    return relayCheckpointName(this.options.name);
  }

  private async relay(events: StoredEvent[]): Promise<void> {
    if (this.options.isLeader && !this.options.isLeader()) throw new NotLeaderError();
    const messages = events
      .filter((event) => this.options.services.includes(serviceOfStream(event.streamId)))
      .map((event) => ({ topic: topicOf(serviceOfStream(event.streamId), this.options.topicPrefix), key: event.streamId, value: event }));
    if (messages.length > 0) await this.bus.publish(messages);
    await this.collections.saveCheckpoint(this.checkpointName, events[events.length - 1].globalPosition);
    this.published += messages.length;
  }
}

import type { EventEnvelope } from '@gongkai/contracts';

export interface OutgoingMessage {
  topic: string;
  /** The stream id: Kafka keeps one aggregate's events in one partition, in order. */
  key: string;
  value: EventEnvelope;
}

/** A message as it arrives: its value is untrusted until the consumer has validated it. */
export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** Kafka delivers the JSON text; the in-process bus delivers the object itself. */
  value: unknown;
}

/**
 * A consumer told to stop gave up a batch at a safe point (between messages): what it handled is
 * idempotent, what it did not is delivered again after a restart. A bus neither retries nor
 * acknowledges the batch (ADR 0017).
 */
export class ConsumerStopped extends Error {
  constructor() {
    super('consumer stopped: the batch in hand is abandoned, to be delivered again');
    this.name = 'ConsumerStopped';
  }
}

export interface BusSubscription {
  /** One consumer group per subscribing service: each group receives every message once. */
  groupId: string;
  topics: string[];
  /** Resolves when the message is done with; a rejection means "not processed, deliver again". */
  onMessage(message: IncomingMessage): Promise<void>;
  /**
   * Several messages of one partition, in order: resolves when all are done with (a rejection: the
   * batch is delivered again, and idempotent handlers skip what they had applied). A bus uses it
   * when given, else `onMessage` one by one. A `ConsumerStopped` rejection: the consumer is
   * stopping; the batch is neither retried nor acknowledged. `keepAlive`: call it while waiting long
   * (Kafka: the group's heartbeat, or the member is dropped from the group).
   */
  onBatch?(messages: readonly IncomingMessage[], keepAlive?: () => Promise<void>): Promise<void>;
}

export interface EventBus {
  /** Resolves once every message is durably accepted by the bus. */
  publish(messages: OutgoingMessage[]): Promise<void>;
  subscribe(subscription: BusSubscription): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

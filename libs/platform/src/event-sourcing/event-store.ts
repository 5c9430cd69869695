import type { Actor, EventEnvelope } from '@gongkai/contracts';

/** An event about to be appended; the store assigns revision, position, recordedAt and hashes. */
export interface NewEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
}

/** An event as the store holds it: sealed, and placed in the global order. */
export type StoredEvent = EventEnvelope & { globalPosition: number };

/** The revision of the last event in the stream; `NO_STREAM` (-1) when it must not exist yet. */
export type ExpectedRevision = number | 'any';
export const NO_STREAM = -1;

export interface AppendResult {
  /** Revision of the last appended event: pass it as the next expected revision. */
  nextExpectedRevision: number;
  events: StoredEvent[];
}

export interface ReadAllOptions {
  /** Exclusive: events with a global position strictly greater than this. 0 reads from the start. */
  after?: number;
  /** Stop after this many events. */
  limit?: number;
}

export interface SubscriptionOptions {
  /** Largest batch handed to the callback (default 500). */
  batchSize?: number;
  /** Told about every failure before the retry. */
  onError?: (error: unknown) => void;
  /** Reads through this instead of the store itself (`SharedBatches`: one read for many subscribers). */
  reader?: Pick<EventStore, 'readAll'>;
}

export interface StreamHead {
  streamId: string;
  revision: number;
  hash: string;
}

export interface EventStore {
  /** Appends all events atomically or none; throws DomainError `conflict` on a revision mismatch. */
  append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /** The stream's events in revision order; [] when the stream does not exist. */
  readStream(streamId: string): Promise<StoredEvent[]>;
  /** One batch of events from every stream in one global order. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** Position of the newest event, 0 when the store is empty. */
  headPosition(): Promise<number>;
  /** The last event of every stream, for anchors and verification. */
  streamHeads(): Promise<StreamHead[]>;
  /**
   * Calls `onEvents` with each new batch after `after`, in order, until the returned function is
   * called. A failing callback is retried with the same batch: delivery is at-least-once.
   */
  subscribe(after: number, onEvents: (events: StoredEvent[]) => Promise<void>, options?: SubscriptionOptions): () => Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Reads every event after `after` in batches, so a replay of millions never sits in memory at once. */
export async function* readAllInBatches(store: EventStore, after = 0, batchSize = 1000): AsyncGenerator<StoredEvent[]> {
  let position = after;
  for (;;) {
    const batch = await store.readAll({ after: position, limit: batchSize });
    if (batch.length === 0) return;
    yield batch;
    position = batch[batch.length - 1].globalPosition;
  }
}

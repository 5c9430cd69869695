import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  jsonEvent,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
  type JSONRecordedEvent,
} from '@eventstore/db-client';
import { GENESIS_HASH, type EventEnvelope } from '@gongkai/contracts';
import { DomainError } from '../errors/domain-error';
import { seal } from './hash-chain';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  StoredEvent,
  StreamHead,
  SubscriptionOptions,
} from './event-store';
import { pollingSubscription } from './polling-subscription';

type EnvelopeMetadata = Omit<EventEnvelope, 'data' | 'globalPosition'>;

/**
 * The production event store. Each gongkai event is one EventStoreDB event whose data is the
 * domain data and whose metadata is the rest of our envelope, hashes included, so the hash chain
 * survives any EventStoreDB-level tooling. Global position = the prepare position in `$all`.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const head = await this.lastEvent(streamId);
    const current = head ? head.streamRevision : -1;
    if (expectedRevision !== 'any' && expectedRevision !== current) throw wrongRevision(streamId, expectedRevision, current);
    const recordedAt = new Date().toISOString();
    let prevHash = head ? head.hash : GENESIS_HASH;
    const sealed = events.map((event, index) => {
      const envelope = seal({
        ...event,
        streamId,
        streamRevision: current + 1 + index,
        recordedAt,
        prevHash,
      });
      prevHash = envelope.hash;
      return envelope;
    });
    try {
      // The server re-checks the revision we read: a concurrent writer between our read and this
      // append makes it fail rather than fork the hash chain.
      const result = await this.client.appendToStream(
        streamId,
        sealed.map(({ data, ...metadata }) => jsonEvent({ id: metadata.eventId, type: metadata.type, data, metadata })),
        { expectedRevision: current === -1 ? NO_STREAM : BigInt(current) },
      );
      const position = Number(result.position?.commit ?? 0n);
      return {
        nextExpectedRevision: Number(result.nextExpectedRevision),
        events: sealed.map((envelope) => ({ ...envelope, globalPosition: position })),
      };
    } catch (error) {
      if ((error as { type?: string }).type === 'wrong-expected-version') {
        throw wrongRevision(streamId, expectedRevision === 'any' ? current : expectedRevision, -2);
      }
      throw error;
    }
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: START, direction: FORWARDS })) {
        const envelope = toEnvelope(resolved);
        if (envelope) events.push(envelope);
      }
    } catch (error) {
      if ((error as { type?: string }).type === 'stream-not-found') return [];
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const limit = options.limit ?? 1000;
    const events: StoredEvent[] = [];
    const fromPosition = after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) };
    for await (const resolved of this.client.readAll({ fromPosition, direction: FORWARDS, maxCount: limit + 1 })) {
      const envelope = toEnvelope(resolved);
      if (!envelope || envelope.globalPosition <= after) continue;
      events.push(envelope);
      if (events.length === limit) break;
    }
    return events;
  }

  async headPosition(): Promise<number> {
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 50 })) {
      const envelope = toEnvelope(resolved);
      if (envelope) return envelope.globalPosition;
    }
    return 0;
  }

  async streamHeads(): Promise<StreamHead[]> {
    const heads = new Map<string, StreamHead>();
    for await (const resolved of this.client.readAll({ fromPosition: START, direction: FORWARDS })) {
      const envelope = toEnvelope(resolved);
      if (envelope) heads.set(envelope.streamId, { streamId: envelope.streamId, revision: envelope.streamRevision, hash: envelope.hash });
    }
    return [...heads.values()].sort((a, b) => (a.streamId < b.streamId ? -1 : 1));
  }

  subscribe(after: number, onEvents: (events: StoredEvent[]) => Promise<void>, options: SubscriptionOptions = {}): () => Promise<void> {
    return pollingSubscription(options.reader ?? this, after, onEvents, {
      batchSize: options.batchSize ?? 500,
      idleMs: 250,
      retryMs: 1000,
      onError: options.onError,
    });
  }

  async ping(): Promise<void> {
    for await (const _ of this.client.readAll({ fromPosition: START, maxCount: 1 })) break;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async lastEvent(streamId: string): Promise<StoredEvent | null> {
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
        return toEnvelope(resolved);
      }
    } catch (error) {
      if ((error as { type?: string }).type === 'stream-not-found') return null;
      throw error;
    }
    return null;
  }
}

function wrongRevision(streamId: string, expected: number, actual: number): DomainError {
  return DomainError.conflict('WRONG_EXPECTED_REVISION', `数据已被他人修改（期望版本 ${expected}），请刷新后重试。`, {
    streamId,
    expectedRevision: expected,
    actualRevision: actual,
  });
}

function toEnvelope(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | null {
  const event = resolved.event as JSONRecordedEvent | undefined;
  if (!event || event.type.startsWith('$') || event.streamId.startsWith('$') || !event.isJson) return null;
  const metadata = event.metadata as unknown as EnvelopeMetadata | undefined;
  if (!metadata?.hash) return null; // not written by gongkai
  return {
    ...metadata,
    data: event.data as Record<string, unknown>,
    // prepare, not commit: the events of one atomic append share a commit position.
    globalPosition: Number(event.position?.prepare ?? 0n),
  };
}

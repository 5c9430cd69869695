import type { AllStreamResolvedEvent, EventStoreDBClient, ResolvedEvent, JSONRecordedEvent } from '@eventstore/db-client';
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

type Esdb = typeof import('@eventstore/db-client');
/**
 * The client library (gRPC and its protocol definitions: some 20 MB of memory) is loaded when this
 * store is created, not with the platform: the standalone on SQLite never loads it (issue 17).
 */
const loadClient = (): Esdb => require('@eventstore/db-client') as Esdb;

/**
 * The production event store. Each gongkai event is one EventStoreDB event whose data is the
 * domain data and whose metadata is the rest of our envelope, hashes included, so the hash chain
 * survives any EventStoreDB-level tooling. Global position = the prepare position in `$all`.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly esdb: Esdb;

  constructor(connectionString: string) {
    this.esdb = loadClient();
    this.client = this.esdb.EventStoreDBClient.connectionString(connectionString);
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
        sealed.map(({ data, ...metadata }) => this.esdb.jsonEvent({ id: metadata.eventId, type: metadata.type, data, metadata })),
        { expectedRevision: current === -1 ? this.esdb.NO_STREAM : BigInt(current) },
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
      for await (const resolved of this.client.readStream(streamId, { fromRevision: this.esdb.START, direction: this.esdb.FORWARDS })) {
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
    const fromPosition = after === 0 ? this.esdb.START : { commit: BigInt(after), prepare: BigInt(after) };
    for await (const resolved of this.client.readAll({ fromPosition, direction: this.esdb.FORWARDS, maxCount: limit + 1 })) {
      const envelope = toEnvelope(resolved);
      if (!envelope || envelope.globalPosition <= after) continue;
      events.push(envelope);
      if (events.length === limit) break;
    }
    return events;
  }

  async headPosition(): Promise<number> {
    for await (const resolved of this.client.readAll({ fromPosition: this.esdb.END, direction: this.esdb.BACKWARDS, maxCount: 50 })) {
      const envelope = toEnvelope(resolved);
      if (envelope) return envelope.globalPosition;
    }
    return 0;
  }

  async streamHeads(): Promise<StreamHead[]> {
    const heads = new Map<string, StreamHead>();
    for await (const resolved of this.client.readAll({ fromPosition: this.esdb.START, direction: this.esdb.FORWARDS })) {
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
    for await (const _ of this.client.readAll({ fromPosition: this.esdb.START, maxCount: 1 })) break;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async lastEvent(streamId: string): Promise<StoredEvent | null> {
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: this.esdb.END,
        direction: this.esdb.BACKWARDS,
        maxCount: 1,
      })) {
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

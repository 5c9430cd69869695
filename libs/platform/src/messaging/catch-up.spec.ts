import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { topicOf } from '@gongkai/contracts';
import { SqliteEventStore } from '../event-sourcing/sqlite-event-store';
import { PlatformCollections } from '../read-models/platform-collections';
import { newEvent } from '../testing/event-store-contract';
import { isolatedEnv } from '../testing/infra';
import { awaitCatchUp, KafkaCatchUpProbe, StoreCatchUpProbe, subscribedTopics } from './catch-up';
import { KafkaEventBus } from './kafka-event-bus';

const unitEvent = (n: number) =>
  newEvent('catalogue.UnitRegistered', { unitId: `CU-${n}`, name: `测试单位${n}`, level: '乡级', kind: 'town' });

describe('catch-up over real Kafka: committed offsets against the high watermarks at the mark', () => {
  const env = isolatedEnv();
  const topic = topicOf('catalogue', env.KAFKA_TOPIC_PREFIX);
  const bus = new KafkaEventBus({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'catch-up-test' });
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'gk-catch-up-')), 'events.db'));

  afterAll(async () => {
    await bus.close();
    await store.close();
  });

  it('a group that has consumed nothing lags by every message; one that consumes catches up; the mark ignores later messages', async () => {
    const appended = [];
    for (let n = 0; n < 5; n += 1) appended.push(...(await store.append(`catalogue.unit-CU-${n}`, [unitEvent(n)], -1)).events);
    await bus.publish(appended.map((event) => ({ topic, key: event.streamId, value: event })));
    const probe = new KafkaCatchUpProbe(bus);

    const idle = `${env.KAFKA_TOPIC_PREFIX}.idle`;
    expect(await awaitCatchUp(probe, idle, [topic], { timeoutMs: 0 })).toMatchObject({ caughtUp: false, remaining: 5 });

    const consumed: string[] = [];
    const group = `${env.KAFKA_TOPIC_PREFIX}.consuming`;
    await bus.subscribe({ groupId: group, topics: [topic], onMessage: async (message) => void consumed.push(String(message.offset)) });
    const result = await awaitCatchUp(probe, group, [topic], { timeoutMs: 60000 });
    expect(result).toMatchObject({ caughtUp: true, remaining: 0 });
    expect(consumed).toHaveLength(5);

    // Messages published after the mark are not waited for.
    const mark = await probe.mark(idle, [topic]);
    const later = (await store.append('catalogue.unit-CU-9', [unitEvent(9)], -1)).events;
    await bus.publish(later.map((event) => ({ topic, key: event.streamId, value: event })));
    expect(await probe.remaining(mark)).toBe(5);
  }, 90000);
});

describe('catch-up in the standalone shape: the relay checkpoint against the store head', () => {
  const env = isolatedEnv();
  const store = new SqliteEventStore(env.EVENT_STORE_URL.replace(/^sqlite:/, ''));
  let connection: Connection;

  beforeAll(async () => {
    connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-platform` }).asPromise();
  });
  afterAll(async () => {
    await store.close();
    await connection.close();
  });

  it('lags by the positions the relay has not handed to the consumers yet', async () => {
    const collections = new PlatformCollections(connection);
    const probe = new StoreCatchUpProbe(store, collections, 'relay:standalone');
    for (let n = 0; n < 3; n += 1) await store.append(`catalogue.unit-CU-${n}`, [unitEvent(n)], -1);
    expect(await awaitCatchUp(probe, 'unused', [], { timeoutMs: 0 })).toMatchObject({ caughtUp: false, remaining: 3 });
    await collections.saveCheckpoint('relay:standalone', await store.headPosition());
    expect(await awaitCatchUp(probe, 'unused', [], { timeoutMs: 0 })).toMatchObject({ caughtUp: true, remaining: 0 });
  });

  it('names the topics a service consumes, as the runtime subscribes them', () => {
    const handlers = [
      { name: 'a', eventTypes: ['requests.ReplyIssued', 'catalogue.UnitRegistered'], handle: async () => undefined },
      { name: 'b', eventTypes: ['requests.RequestReceived'], handle: async () => undefined },
    ];
    expect(subscribedTopics(handlers, 'gk')).toEqual(['gk.catalogue', 'gk.requests']);
  });
});

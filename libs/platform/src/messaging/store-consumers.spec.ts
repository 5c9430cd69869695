import mongoose, { type Connection } from 'mongoose';
import type { EventEnvelope } from '@gongkai/contracts';
import { SqliteEventStore } from '../event-sourcing/sqlite-event-store';
import { createLogger } from '../observability/logger';
import { PlatformCollections } from '../read-models/platform-collections';
import { newEvent } from '../testing/event-store-contract';
import { eventually, isolatedEnv, latch } from '../testing/infra';
import { EventConsumer, type EventHandler } from './event-consumer';
import { InProcessEventBus } from './in-process-event-bus';
import { consumerCheckpointName, StoreConsumers } from './store-consumers';

const registered = (n: number) =>
  newEvent('catalogue.UnitRegistered', { unitId: `SC-${n}`, name: `测试单位${n}`, level: '乡级', kind: 'town' });
const renamed = (n: number) => newEvent('catalogue.UnitRenamed', { unitId: `SC-${n}`, name: `改名单位${n}`, reason: '机构改革更名' });

/**
 * The standalone's consumers (ADR 0011): each handler on its own checkpoint. Issue 17's import
 * scenario, in small: a backlog of 3,000 events that one handler works through slowly and another
 * does not want, then one event the other handler wants.
 */
describe('StoreConsumers: no handler waits for another, nor for checkpoints of what it only read past', () => {
  const env = isolatedEnv();
  const group = `${env.KAFKA_TOPIC_PREFIX}.catalogue`;
  let connection: Connection;
  let store: SqliteEventStore;

  beforeAll(async () => {
    connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-platform` }).asPromise();
    store = new SqliteEventStore(env.EVENT_STORE_URL.replace(/^sqlite:/, ''));
    for (let n = 0; n < 3000; n += 100) {
      await store.append(
        `catalogue.unit-batch-${n}`,
        Array.from({ length: 100 }, (_, i) => registered(n + i)),
        -1,
      );
    }
    await store.append('catalogue.unit-live', [renamed(1)], -1);
  }, 60000);
  afterAll(async () => {
    await store.close();
    await connection.dropDatabase();
    await connection.close();
  });

  it('a live handler handles its event while a lagging one is held in its first batch and no checkpoint can be saved', async () => {
    const head = await store.headPosition();
    const collections = new PlatformCollections(connection);
    // Checkpoint saves wait until the latch is released: a FerretDB busy with another read model's writes.
    const saves = latch();
    const saving = Object.assign(Object.create(collections) as PlatformCollections, {
      saveCheckpoint: async (name: string, position: number) => {
        await saves.promise;
        await collections.saveCheckpoint(name, position);
      },
    });
    const held = latch();
    const lagging: EventEnvelope[] = [];
    const live: EventEnvelope[] = [];
    const handlers: EventHandler[] = [
      {
        name: 'lagging',
        eventTypes: ['catalogue.UnitRegistered'],
        idempotent: true,
        handle: async (event) => void lagging.push(event),
        handleBatch: async (events) => {
          await held.promise;
          lagging.push(...events);
        },
      },
      { name: 'live', eventTypes: ['catalogue.UnitRenamed'], idempotent: true, handle: async (event) => void live.push(event) },
    ];
    const consumer = new EventConsumer(new InProcessEventBus(), collections, createLogger('test', 'silent'));
    const consumers = new StoreConsumers(store, consumer, saving, createLogger('test', 'silent'), { topicPrefix: env.KAFKA_TOPIC_PREFIX });
    await consumers.start(group, handlers);

    // The live handler read past the 3,000 events it does not want, saving nothing, and handled its own.
    await eventually(
      async () => (consumers.position(consumerCheckpointName(group, 'live')) === head ? true : undefined),
      30000,
      'the live handler to reach the head',
    );
    expect(live.map((event) => event.type)).toEqual(['catalogue.UnitRenamed']);
    // Meanwhile the lagging handler is still in its first batch, and nothing was saved.
    expect(lagging).toEqual([]);
    expect(consumers.position(consumerCheckpointName(group, 'lagging'))).toBe(0);
    expect(await collections.loadCheckpoint(consumerCheckpointName(group, 'live'))).toBe(0);

    held.release();
    saves.release();
    await eventually(
      async () => (consumers.position(consumerCheckpointName(group, 'lagging')) === head ? true : undefined),
      60000,
      'the lagging handler to catch up',
    );
    expect(new Set(lagging.map((event) => event.eventId)).size).toBe(3000);
    await consumers.stop();
    // Stopped: every handler's position is saved.
    expect(await collections.loadCheckpoint(consumerCheckpointName(group, 'lagging'))).toBe(head);
    expect(await collections.loadCheckpoint(consumerCheckpointName(group, 'live'))).toBe(head);
  }, 120000);

  it('saves the positions a handler only read past in the background, without it handling anything', async () => {
    const head = await store.headPosition();
    const collections = new PlatformCollections(connection);
    const consumer = new EventConsumer(new InProcessEventBus(), collections, createLogger('test', 'silent'));
    const consumers = new StoreConsumers(store, consumer, collections, createLogger('test', 'silent'), {
      topicPrefix: env.KAFKA_TOPIC_PREFIX,
    });
    const name = consumerCheckpointName(group, 'uninterested');
    await consumers.start(group, [{ name: 'uninterested', eventTypes: ['catalogue.UnitWithdrawn'], handle: async () => undefined }]);
    // Read past 3,001 positions: at least the last multiple of 1,000 reached is saved while it runs.
    await eventually(
      async () => ((await collections.loadCheckpoint(name)) >= 3000 ? true : undefined),
      30000,
      'the checkpoint to be saved',
    );
    expect(consumers.position(name)).toBe(head);
    await consumers.stop();
    expect(await collections.loadCheckpoint(name)).toBe(head);
  }, 60000);
});

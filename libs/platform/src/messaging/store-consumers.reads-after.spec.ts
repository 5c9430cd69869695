import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import type { EventEnvelope } from '@gongkai/contracts';
import { SqliteEventStore } from '../event-sourcing/sqlite-event-store';
import { createLogger } from '../observability/logger';
import { PlatformCollections } from '../read-models/platform-collections';
import { newEvent } from '../testing/event-store-contract';
import { eventually, isolatedEnv, latch } from '../testing/infra';
import { InProcessEventBus } from './in-process-event-bus';
import { EventConsumer, type EventHandler } from './event-consumer';
import { consumerCheckpointName, StoreConsumers } from './store-consumers';

const unitEvent = (n: number) =>
  newEvent('catalogue.UnitRegistered', { unitId: `SC-${n}`, name: `测试单位${n}`, level: '乡级', kind: 'town' });
const unitOf = (event: EventEnvelope) => String(event.data.unitId);
const TYPES = ['catalogue.UnitRegistered'];

/** A read model kept in memory: applies an event once `hold` lets it (a slow projection). */
class SlowView implements EventHandler {
  readonly name = 'test.view';
  readonly eventTypes = TYPES;
  readonly idempotent = true;
  constructor(
    private readonly hold: () => Promise<void>,
    /** What it has applied (kept across a restart by passing it on, as a stored read model would be). */
    readonly units = new Set<string>(),
  ) {}
  async handle(event: EventEnvelope): Promise<void> {
    await this.hold();
    this.units.add(unitOf(event));
  }
}

/** A process manager that reads the view: records, for each event, whether the view had it. */
class ReadingManager implements EventHandler {
  readonly name = 'test.manager';
  readonly eventTypes = TYPES;
  readonly seen: { unitId: string; inView: boolean }[] = [];
  constructor(
    private readonly view: Pick<SlowView, 'units'>,
    readonly readsAfter?: readonly string[],
  ) {}
  async handle(event: EventEnvelope): Promise<void> {
    this.seen.push({ unitId: unitOf(event), inView: this.view.units.has(unitOf(event)) });
  }
}

/** Counts each handling of an event; optionally held at one event. */
class CountingManager implements EventHandler {
  readonly name = 'test.counting';
  readonly eventTypes = TYPES;
  constructor(
    private readonly handled: string[],
    private readonly at: (unitId: string) => Promise<void> = async () => undefined,
  ) {}
  async handle(event: EventEnvelope): Promise<void> {
    await this.at(unitOf(event));
    this.handled.push(unitOf(event));
  }
}

describe('StoreConsumers: order between handlers, and a bounded stop (real SQLite store, real FerretDB)', () => {
  const env = isolatedEnv();
  const logger = createLogger('store-consumers-test', 'silent');
  let connection: Connection;
  let collections: PlatformCollections;
  let store: SqliteEventStore;
  let group: string;
  let test = 0;

  const consumersOf = () =>
    new StoreConsumers(store, new EventConsumer(new InProcessEventBus(), collections, logger), collections, logger, {
      topicPrefix: env.KAFKA_TOPIC_PREFIX,
      batchSize: 100,
    });
  const appendUnits = async (count: number) => {
    const positions: number[] = [];
    for (let n = 0; n < count; n += 1) {
      const { events } = await store.append(`catalogue.unit-SC-${test}-${n}`, [unitEvent(n)], -1);
      positions.push(events[0].globalPosition);
    }
    return positions;
  };

  beforeAll(async () => {
    connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-platform` }).asPromise();
    collections = new PlatformCollections(connection);
  });
  beforeEach(() => {
    test += 1;
    group = `${env.KAFKA_TOPIC_PREFIX}.store-consumers-${test}`;
    store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'gk-store-consumers-')), 'events.db'));
  });
  afterEach(async () => {
    await store.close();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('hands a process manager an event only after the projection it reads has applied it', async () => {
    // The view holds each event until an undeclared peer of the manager (same events, no readsAfter)
    // has handled all of them: a manager that did not wait would have read the view without them.
    const peer: string[] = [];
    const view = new SlowView(async () => {
      await eventually(async () => (peer.length === 3 ? true : undefined), 30000, 'the peer to handle all three');
    });
    const manager = new ReadingManager(view, ['test.view']);
    const consumers = consumersOf();
    await appendUnits(3);
    // The manager is started first, in a group of its own: nothing but readsAfter puts it after the view.
    await consumers.start(`${group}.managers`, [manager, new CountingManager(peer)]);
    await consumers.start(`${group}.views`, [view]);
    consumers.verifyReadsAfter();

    await eventually(async () => (manager.seen.length === 3 ? true : undefined), 30000, 'the manager to handle all three');
    await consumers.stop();
    expect(manager.seen).toEqual([0, 1, 2].map((n) => ({ unitId: `SC-${n}`, inView: true })));
  }, 60000);

  it('a manager without readsAfter is not held back (the peer above shows what waiting prevents)', async () => {
    const released = latch();
    const view = new SlowView(() => released.promise);
    const manager = new ReadingManager(view);
    const consumers = consumersOf();
    await appendUnits(2);
    await consumers.start(group, [view, manager]);
    await eventually(async () => (manager.seen.length === 2 ? true : undefined), 30000, 'the manager to handle both');
    expect(manager.seen.map((s) => s.inView)).toEqual([false, false]);
    released.release();
    await consumers.stop();
  }, 60000);

  it('refuses a readsAfter that names no started handler, and a cycle', async () => {
    const consumers = consumersOf();
    const view = new SlowView(async () => undefined);
    await consumers.start(group, [new ReadingManager(view, ['test.missing'])]);
    expect(() => consumers.verifyReadsAfter()).toThrow('test.manager reads after test.missing, which is not consumed in this process');
    await consumers.stop();

    const cyclic = consumersOf();
    await cyclic.start(group, [
      { name: 'test.a', eventTypes: TYPES, readsAfter: ['test.b'], handle: async () => undefined },
      { name: 'test.b', eventTypes: TYPES, readsAfter: ['test.a'], handle: async () => undefined },
    ]);
    expect(() => cyclic.verifyReadsAfter()).toThrow(/readsAfter cycle: test\.a → test\.b → test\.a/);
    await cyclic.stop();
  }, 60000);

  it('stop() returns while a manager is mid-batch; after a restart every event is handled exactly once', async () => {
    const handled: string[] = [];
    const entered = latch();
    const slow = latch();
    const positions = await appendUnits(5);
    const first = consumersOf();
    await first.start(group, [
      new CountingManager(handled, async (unitId) => {
        if (unitId !== 'SC-1') return;
        entered.release();
        await slow.promise;
      }),
    ]);
    await entered.promise; // the manager is in the middle of its batch of five
    const stopped = first.stop();
    slow.release();
    await stopped;
    // The batch was given up after the event in hand: the rest was not handled, the checkpoint is at what was done.
    expect(handled).toEqual(['SC-0', 'SC-1']);
    expect(await collections.loadCheckpoint(consumerCheckpointName(group, 'test.counting'))).toBe(positions[1]);

    const second = consumersOf();
    await second.start(group, [new CountingManager(handled)]);
    await eventually(async () => (handled.length >= 5 ? true : undefined), 30000, 'the rest to be handled');
    await second.stop();
    expect(handled).toEqual(['SC-0', 'SC-1', 'SC-2', 'SC-3', 'SC-4']);
    expect(await collections.loadCheckpoint(consumerCheckpointName(group, 'test.counting'))).toBe(positions[4]);
  }, 60000);

  it('stop() ends a wait for a projection; after a restart the manager is handed every event, after the projection', async () => {
    const held = latch();
    const view = new SlowView(() => held.promise);
    const manager = new ReadingManager(view, ['test.view']);
    const positions = await appendUnits(2);
    const first = consumersOf();
    const entered = latch();
    const peer: string[] = [];
    await first.start(group, [view, manager, new CountingManager(peer, async () => entered.release())]);
    await entered.promise;
    // The view holds its first event until stop() has begun; the manager waits for it, and stop ends that wait.
    const stopped = first.stop();
    held.release();
    await stopped;
    expect(manager.seen).toEqual([]);
    expect([...view.units]).toEqual(['SC-0']); // the view gave up its batch after the event in hand
    expect(await collections.loadCheckpoint(consumerCheckpointName(group, 'test.manager'))).toBe(0);

    const restartedView = new SlowView(async () => undefined, view.units);
    const restarted = new ReadingManager(restartedView, ['test.view']);
    const second = consumersOf();
    await second.start(group, [restarted, restartedView]);
    second.verifyReadsAfter();
    await eventually(async () => (restarted.seen.length === 2 ? true : undefined), 30000, 'the manager to handle both');
    await second.stop();
    expect(restarted.seen).toEqual([0, 1].map((n) => ({ unitId: `SC-${n}`, inView: true })));
    expect(await collections.loadCheckpoint(consumerCheckpointName(group, 'test.manager'))).toBe(positions[1]);
  }, 60000);
});

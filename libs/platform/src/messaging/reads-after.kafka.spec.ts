import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { topicOf, type EventEnvelope } from '@gongkai/contracts';
import { SqliteEventStore } from '../event-sourcing/sqlite-event-store';
import { createLogger } from '../observability/logger';
import { PlatformCollections } from '../read-models/platform-collections';
import { newEvent } from '../testing/event-store-contract';
import { eventually, isolatedEnv, latch } from '../testing/infra';
import { kafkaAppliedElsewhere } from './catch-up';
import type { IncomingMessage } from './event-bus';
import { EventConsumer, type EventHandler } from './event-consumer';
import { KafkaEventBus } from './kafka-event-bus';

const TYPES = ['catalogue.UnitRegistered'];
const unitOf = (event: EventEnvelope) => String(event.data.unitId);

/** A read model kept in memory; `hold` delays each event (a slow projection). */
const viewHandler = (units: Set<string>, hold: (event: EventEnvelope) => Promise<void> = async () => undefined): EventHandler => ({
  name: 'test.view',
  eventTypes: TYPES,
  idempotent: true,
  handle: async (event) => {
    await hold(event);
    units.add(unitOf(event));
  },
});

/** A process manager reading the view: records whether the view had each event when handed it. */
const managerHandler = (
  units: Set<string>,
  seen: { unitId: string; inView: boolean }[],
  readsAfter?: string[],
  name = 'test.manager', // the inbox is kept per handler name
): EventHandler => ({
  name,
  eventTypes: TYPES,
  ...(readsAfter ? { readsAfter } : {}),
  handle: async (event) => void seen.push({ unitId: unitOf(event), inView: units.has(unitOf(event)) }),
});

/** The Kafka shape: a consumer group per service, each handler after the projections it reads (ADR 0017). */
describe('readsAfter and a bounded stop over real Kafka', () => {
  const env = isolatedEnv();
  /** A topic per test: a group reads its topic from the beginning. */
  const testTopic = () => topicOf('catalogue', `${env.KAFKA_TOPIC_PREFIX}-${test}`);
  const logger = createLogger('reads-after-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'gk-reads-after-')), 'events.db'));
  const buses: KafkaEventBus[] = [];
  const consumers: EventConsumer[] = [];
  let connection: Connection;
  let collections: PlatformCollections;
  let test = 0;

  const newBus = () => {
    const bus = new KafkaEventBus({ brokers: env.KAFKA_BROKERS.split(','), clientId: `reads-after-${buses.length}` });
    buses.push(bus);
    return bus;
  };
  /** Appends `count` units (one stream each, or all on one key) and publishes them; returns their events. */
  const publishUnits = async (count: number, oneKey = false) => {
    test += 1;
    const events = [];
    for (let n = 0; n < count; n += 1) {
      const unit = newEvent('catalogue.UnitRegistered', { unitId: `RA${test}-${n}`, name: `测试单位${n}`, level: '乡级', kind: 'town' });
      events.push(...(await store.append(`catalogue.unit-RA${test}-${n}`, [unit], -1)).events);
    }
    await newBus().publish(
      events.map((event) => ({ topic: testTopic(), key: oneKey ? `catalogue.unit-RA${test}` : event.streamId, value: event })),
    );
    return events.map(unitOf);
  };
  const group = (name: string) => `${env.KAFKA_TOPIC_PREFIX}.${name}-${test}`;
  const consumerOf = (options: ConstructorParameters<typeof EventConsumer>[4] = {}) => {
    const consumer = new EventConsumer(newBus(), collections, logger, {}, options);
    consumers.push(consumer);
    return consumer;
  };

  beforeAll(async () => {
    connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-platform` }).asPromise();
    collections = new PlatformCollections(connection);
  });
  afterAll(async () => {
    for (const consumer of consumers) consumer.stop();
    await Promise.all(buses.map((bus) => bus.close()));
    await store.close();
    await connection.dropDatabase();
    await connection.close();
  });

  it('same group: a manager registered before the projection it reads runs after it on each message', async () => {
    const units = await publishUnits(3);
    const view = new Set<string>();
    const seen: { unitId: string; inView: boolean }[] = [];
    await consumerOf().start(group('declared'), [testTopic()], [managerHandler(view, seen, ['test.view']), viewHandler(view)]);
    // The same handlers without the declaration run in the order given: the manager reads the view before it has the event.
    const undeclaredView = new Set<string>();
    const undeclared: { unitId: string; inView: boolean }[] = [];
    await consumerOf().start(
      group('undeclared'),
      [testTopic()],
      [managerHandler(undeclaredView, undeclared, undefined, 'test.undeclared-manager'), viewHandler(undeclaredView)],
    );

    await eventually(async () => (seen.length === 3 && undeclared.length === 3 ? true : undefined), 60000, 'both managers to handle all');
    expect(seen.map((s) => s.unitId).sort()).toEqual([...units].sort());
    expect(seen.every((s) => s.inView)).toBe(true);
    expect(undeclared.every((s) => !s.inView)).toBe(true);
  }, 90000);

  it("another group: the manager waits until the projection's group has committed past the message", async () => {
    const units = await publishUnits(3, true); // one partition: both groups take the messages in the same order
    const viewsGroup = group('views');
    const probe = kafkaAppliedElsewhere(newBus(), (handler) => (handler === 'test.view' ? viewsGroup : null), {
      timeoutMs: 60000,
      intervalMs: 100,
    });
    // The view applies the first event only once the manager has asked for it and been told "not yet": the manager is
    // there first. (Only the first: a group commits at the end of its batch, so holding each one would wait on itself.)
    const askedTooEarly = new Set<string>();
    const watched = {
      ...probe,
      applied: async (handler: string, message: IncomingMessage) => {
        const applied = await probe.applied(handler, message);
        if (!applied) askedTooEarly.add(unitOf(JSON.parse(String(message.value)) as EventEnvelope));
        return applied;
      },
    };
    const view = new Set<string>();
    const seen: { unitId: string; inView: boolean }[] = [];
    await consumerOf({ elsewhere: watched }).start(group('managers'), [testTopic()], [managerHandler(view, seen, ['test.view'])]);
    await consumerOf().start(
      viewsGroup,
      [testTopic()],
      [
        viewHandler(view, async (event) => {
          if (unitOf(event) === units[0])
            await eventually(async () => (askedTooEarly.has(units[0]) ? true : undefined), 60000, 'the manager to ask');
        }),
      ],
    );

    await eventually(async () => (seen.length === 3 ? true : undefined), 60000, 'the manager to handle all three');
    expect(seen.map((s) => s.unitId).sort()).toEqual([...units].sort());
    expect(seen.every((s) => s.inView)).toBe(true);
    expect(askedTooEarly.has(units[0])).toBe(true);
  }, 120000);

  it('stop() gives up the batch in hand at the next message; after a restart each event is handled once', async () => {
    const units = await publishUnits(5, true); // one key: one partition, in order
    const handled: string[] = [];
    const entered = latch();
    const slow = latch();
    const counting = (hold: (unitId: string) => Promise<void>): EventHandler => ({
      name: 'test.counting',
      eventTypes: TYPES,
      handle: async (event) => {
        await hold(unitOf(event));
        handled.push(unitOf(event));
      },
    });
    const firstBus = newBus();
    const first = new EventConsumer(firstBus, collections, logger);
    await first.start(
      group('stopping'),
      [testTopic()],
      [
        counting(async (unitId) => {
          if (unitId !== units[1]) return;
          entered.release();
          await slow.promise;
        }),
      ],
    );
    await entered.promise; // the handler is in the middle of its batch of five
    first.stop();
    slow.release();
    await firstBus.close(); // returns: the rest of the batch is given up, its offset not committed
    expect(handled).toEqual(units.slice(0, 2));

    await consumerOf().start(group('stopping'), [testTopic()], [counting(async () => undefined)]);
    await eventually(async () => (handled.includes(units[4]) ? true : undefined), 60000, 'the rest to be handled');
    expect(handled).toEqual(units); // the first two were delivered again and skipped by the inbox
  }, 120000);
});

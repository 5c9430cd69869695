import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { topicOf, type EventEnvelope } from '@gongkai/contracts';
import { SqliteEventStore } from '../event-sourcing/sqlite-event-store';
import { createLogger } from '../observability/logger';
import { PlatformCollections } from '../read-models/platform-collections';
import { projectDocument } from '../read-models/projection';
import { eventually, isolatedEnv } from '../testing/infra';
import { newEvent } from '../testing/event-store-contract';
import { EventConsumer, type EventHandler } from './event-consumer';
import { KafkaEventBus } from './kafka-event-bus';

const root = resolve(__dirname, '../../../..');
const unitEvent = (n: number) =>
  newEvent('catalogue.UnitRegistered', { unitId: `CRASH-${n}`, name: `测试单位${n}`, level: '乡级', kind: 'town' });

/**
 * The relay is killed with SIGKILL in the middle of a stream and started again: every event still
 * arrives over real Kafka, and the consumer applies each exactly once.
 */
describe('relay crash and restart (real Kafka, real FerretDB)', () => {
  const env = isolatedEnv();
  const eventFile = env.EVENT_STORE_URL.slice('sqlite:'.length);
  const store = new SqliteEventStore(eventFile);
  const bus = new KafkaEventBus({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'crash-test-consumer' });
  let connection: Connection;
  let relay: ChildProcess | null = null;

  const startRelay = async () => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/platform/src/testing/relay-worker.ts'], {
      cwd: root,
      env: { ...env, EVENT_FILE: eventFile, MONGODB_DB: `${env.MONGODB_DB_PREFIX}-platform`, TOPIC_PREFIX: env.KAFKA_TOPIC_PREFIX },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((done) => child.stdout!.once('data', () => done()));
    return child;
  };

  beforeAll(async () => {
    connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-platform` }).asPromise();
  });
  afterAll(async () => {
    relay?.kill('SIGKILL');
    await bus.close();
    await store.close();
    await connection.close();
  });

  it('delivers every event and the consumer applies each once', async () => {
    const collections = new PlatformCollections(connection);
    for (let n = 0; n < 150; n += 1) await store.append(`catalogue.unit-CRASH-${n}`, [unitEvent(n)], -1);

    const handled = new Map<string, number>();
    let deliveries = 0;
    const counter: EventHandler = {
      name: 'crash-test.counter',
      eventTypes: ['catalogue.UnitRegistered'],
      handle: async (event: EventEnvelope) => {
        // Counted once the write has completed, so that "all handled" also means "all written".
        await projectDocument(connection.collection('crash_units'), event.data.unitId as string, event, () => ({ seen: true }));
        handled.set(event.eventId, (handled.get(event.eventId) ?? 0) + 1);
      },
    };
    const consumer = new EventConsumer(bus, collections, createLogger('crash-test', 'warn'));
    await consumer.start(
      `${env.KAFKA_TOPIC_PREFIX}.crash-test`,
      [topicOf('catalogue', env.KAFKA_TOPIC_PREFIX)],
      [
        {
          ...counter,
          handle: async (e) => {
            deliveries += 1;
            await counter.handle(e);
          },
        },
      ],
    );

    relay = await startRelay();
    const killedAt = await eventually(
      async () => {
        const position = await collections.loadCheckpoint('relay:crash-test');
        return position >= 40 ? position : undefined;
      },
      30000,
      'the relay to pass position 40',
    );
    relay.kill('SIGKILL');
    await new Promise((done) => relay!.once('exit', done));
    expect(killedAt).toBeLessThan(150); // really mid-stream

    // More decisions arrive while the relay is down.
    for (let n = 150; n < 200; n += 1) await store.append(`catalogue.unit-CRASH-${n}`, [unitEvent(n)], -1);
    relay = await startRelay();

    const all = await store.readAll({ after: 0, limit: 1000 });
    await eventually(async () => (handled.size === all.length ? true : undefined), 60000, 'all 200 events to be handled');
    expect(all).toHaveLength(200);
    expect([...handled.keys()].sort()).toEqual(all.map((e) => e.eventId).sort());
    expect([...handled.values()].every((count) => count === 1)).toBe(true);
    expect(await connection.collection('crash_units').countDocuments()).toBe(200);
    const offsets = await bus.topicOffsets(topicOf('catalogue', env.KAFKA_TOPIC_PREFIX));
    const published = offsets.reduce((sum, o) => sum + Number(o.high), 0);
    expect(published).toBeGreaterThanOrEqual(200);
    process.stdout.write(
      `relay crash test: killed at position ${killedAt}; ${all.length} events, ${published} messages on Kafka ` +
        `(${published - all.length} re-published after the crash), ${deliveries} handler calls\n`,
    );
  }, 120000);
});

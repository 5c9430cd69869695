import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import mongoose, { type Connection } from 'mongoose';
import { topicOf } from '@gongkai/contracts';
import { SqliteEventStore } from '../event-sourcing/sqlite-event-store';
import { PlatformCollections } from '../read-models/platform-collections';
import { eventually, isolatedEnv } from '../testing/infra';
import { startServiceProcess, type ServiceProcess } from '../testing/processes';
import { newEvent } from '../testing/event-store-contract';
import { KafkaEventBus } from './kafka-event-bus';

const root = resolve(__dirname, '../../../..');
/** The relay worker's batch size: what a killed leader can have published without checkpointing. */
const BATCH = 10;
const SESSION_TIMEOUT_MS = 6000; // the broker's default group.min.session.timeout.ms

interface Report {
  worker: string;
  event: string;
  at: number;
  leader?: boolean;
  count?: number;
  from?: number;
  to?: number;
}

interface Worker {
  id: string;
  process: ChildProcess;
  reports: Report[];
  exited: Promise<void>;
}

/**
 * Two replicas of one service's relay (separate processes, same event store, same checkpoint, same
 * Kafka) under the consumer-group leader election: exactly one publishes; when it dies mid-stream
 * the other takes over and finishes, nothing is missing on Kafka and the duplicates are bounded.
 */
describe('relay leader election (real Kafka, real FerretDB)', () => {
  const opened: { store: SqliteEventStore; bus: KafkaEventBus; connection: Connection; workers: Worker[] }[] = [];

  afterAll(async () => {
    for (const { store, bus, connection, workers } of opened) {
      for (const w of workers) if (w.process.exitCode === null && w.process.signalCode === null) w.process.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
      await bus.close();
      await store.close();
      await connection.close();
    }
  });

  async function setUp() {
    const env = isolatedEnv();
    const eventFile = env.EVENT_STORE_URL.slice('sqlite:'.length);
    const store = new SqliteEventStore(eventFile);
    const bus = new KafkaEventBus({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'leader-test-counter' });
    const connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-platform` }).asPromise();
    const workers: Worker[] = [];
    opened.push({ store, bus, connection, workers });

    const startWorker = (id: string): Worker => {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/platform/src/testing/relay-worker.ts'], {
        cwd: root,
        env: {
          ...env,
          EVENT_FILE: eventFile,
          MONGODB_DB: `${env.MONGODB_DB_PREFIX}-platform`,
          TOPIC_PREFIX: env.KAFKA_TOPIC_PREFIX,
          RELAY_ELECTION: '1',
          WORKER_ID: id,
          SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const worker: Worker = { id, process: child, reports: [], exited: new Promise((done) => child.once('exit', () => done())) };
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('{')) worker.reports.push(JSON.parse(line) as Report);
      });
      workers.push(worker);
      return worker;
    };
    const waitFor = (worker: Worker, event: string, after = 0, timeoutMs = 60000) =>
      eventually(
        async () => worker.reports.find((r) => r.event === event && r.at >= after),
        timeoutMs,
        `${worker.id} to report "${event}"`,
      );

    // Every message on the service's topic, counted per key (the stream id).
    const perKey = new Map<string, number>();
    let messages = 0;
    await bus.subscribe({
      groupId: `${env.KAFKA_TOPIC_PREFIX}.leader-test-counter`,
      topics: [topicOf('catalogue', env.KAFKA_TOPIC_PREFIX)],
      onMessage: async ({ key }) => {
        messages += 1;
        perKey.set(key!, (perKey.get(key!) ?? 0) + 1);
      },
    });
    const append = async (from: number, to: number) => {
      for (let n = from; n < to; n += 1) {
        await store.append(
          `catalogue.unit-LEAD-${n}`,
          [newEvent('catalogue.UnitRegistered', { unitId: `LEAD-${n}`, name: `单位${n}`, level: '乡级', kind: 'town' })],
          -1,
        );
      }
    };
    const published = (worker: Worker, before = Infinity) =>
      worker.reports.filter((r) => r.event === 'published' && r.at < before).reduce((sum, r) => sum + r.count!, 0);
    const positions = (worker: Worker) =>
      new Set(
        worker.reports
          .filter((r) => r.event === 'published')
          .flatMap((r) => Array.from({ length: r.to! - r.from! + 1 }, (_, i) => r.from! + i)),
      );
    const checkpoint = () => new PlatformCollections(connection).loadCheckpoint('relay:crash-test');
    // Watched on the worker's own reports (stdout), not on its checkpoint in FerretDB: on a loaded
    // machine a checkpoint read can take longer than the rest of the stream.
    const publishedPast = (worker: Worker, position: number) =>
      eventually(
        async () => (worker.reports.some((r) => r.event === 'published' && r.to! >= position) ? true : undefined),
        60000,
        `${worker.id} to publish past position ${position}`,
      );
    /** 600 events waiting, replica A elected, then replica B joined as a follower. */
    const twoReplicas = async () => {
      await append(0, 600);
      const a = startWorker('A');
      await waitFor(a, 'elected');
      const b = startWorker('B');
      await waitFor(b, 'joined');
      // The sticky assignment keeps the lease with A when B joins.
      expect(b.reports.filter((r) => r.event === 'joined').every((r) => r.leader === false)).toBe(true);
      return { a, b };
    };
    return { store, waitFor, append, twoReplicas, perKey, messageCount: () => messages, published, positions, checkpoint, publishedPast };
  }

  it('lets one replica publish, and the other take over and finish when the leader is killed', async () => {
    const t = await setUp();
    const { a, b } = await t.twoReplicas();

    await t.publishedPast(a, 200);
    a.process.kill('SIGKILL');
    await a.exited;
    const killedAt = Date.now();
    const killedAtPosition = await t.checkpoint();
    expect(killedAtPosition).toBeLessThan(600); // really mid-stream
    expect(t.published(a)).toBeGreaterThan(0);
    expect(t.published(b)).toBe(0); // exactly one replica published while both ran

    await t.append(600, 700); // decisions keep coming while the lease is still A's
    const elected = await t.waitFor(b, 'elected', killedAt);
    const all = await t.store.readAll({ after: 0, limit: 1000 });
    expect(all).toHaveLength(700);
    await eventually(async () => (all.every((e) => t.perKey.has(e.streamId)) ? true : undefined), 60000, 'every stream on Kafka');
    await eventually(
      async () => ((await t.checkpoint()) === all[all.length - 1].globalPosition ? true : undefined),
      30000,
      'B to checkpoint the end',
    );

    // Nothing missing: every event's key is on Kafka, and the two replicas' ranges cover the store.
    expect(all.filter((e) => !t.perKey.has(e.streamId))).toEqual([]);
    const covered = new Set([...t.positions(a), ...t.positions(b)]);
    expect(all.filter((e) => !covered.has(e.globalPosition))).toEqual([]);
    // At-least-once, bounded: only the batch A had published but not yet checkpointed when it was
    // killed is published again by B, so at most one batch of duplicates, and they are exactly
    // the positions both replicas published.
    const reported = t.published(a) + t.published(b);
    await eventually(async () => (t.messageCount() >= reported ? true : undefined), 30000, 'every reported message to arrive');
    const duplicates = t.messageCount() - all.length;
    const overlap = [...t.positions(a)].filter((p) => t.positions(b).has(p)).length;
    // (A batch Kafka accepted just before the kill but A never heard back about is a duplicate
    // that A did not report: hence ≥ the overlap, not equal.)
    expect(duplicates).toBeGreaterThanOrEqual(overlap);
    expect(duplicates).toBeLessThanOrEqual(BATCH);
    expect([...t.perKey.values()].every((count) => count <= 2)).toBe(true);
    process.stdout.write(
      `relay leader test (kill): A killed at position ${killedAtPosition}; B elected ${elected.at - killedAt} ms after the kill ` +
        `(session timeout ${SESSION_TIMEOUT_MS} ms); A published ${t.published(a)}, B ${t.published(b)}; ` +
        `${all.length} events, ${t.messageCount()} messages (${duplicates} duplicates, ${overlap} positions published by both)\n`,
    );
  }, 180000);

  it('hands over without duplicates when the leader shuts down gracefully', async () => {
    const t = await setUp();
    const { a, b } = await t.twoReplicas();

    await t.publishedPast(a, 200);
    const stoppingAt = Date.now();
    a.process.kill('SIGTERM');
    await t.waitFor(a, 'stopped', stoppingAt);
    await a.exited;
    const elected = await t.waitFor(b, 'elected', stoppingAt);
    expect(t.published(b, elected.at)).toBe(0);

    const all = await t.store.readAll({ after: 0, limit: 1000 });
    await eventually(async () => (all.every((e) => t.perKey.has(e.streamId)) ? true : undefined), 60000, 'every stream on Kafka');
    await eventually(
      async () => ((await t.checkpoint()) === all[all.length - 1].globalPosition ? true : undefined),
      30000,
      'B to checkpoint the end',
    );
    expect(t.published(a)).toBeLessThan(600); // stopped mid-stream
    expect(t.published(a) + t.published(b)).toBe(all.length);
    // A stopped its relay (batch in hand published and checkpointed) before leaving the group, so
    // B starts exactly where A ended.
    expect(t.messageCount()).toBe(all.length);
    process.stdout.write(
      `relay leader test (graceful): B elected ${elected.at - stoppingAt} ms after SIGTERM to A; ` +
        `A published ${t.published(a)}, B ${t.published(b)}; ${t.messageCount()} messages for ${all.length} events\n`,
    );
  }, 180000);

  it('wires the election into a service: both replicas ready, one leader by /health/ready and gongkai_relay_leader', async () => {
    const env = isolatedEnv({ LOG_LEVEL: 'info', RELAY_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS) });
    const replicas: ServiceProcess[] = [];
    try {
      for (let i = 0; i < 2; i += 1) replicas.push(await startServiceProcess('catalogue-service', env));
      const roleOf = async (replica: ServiceProcess) => {
        const response = await fetch(`${replica.url}/health/ready`);
        const body = (await response.json()) as { info: { relay?: { role: string } } };
        return { ready: response.ok, role: body.info.relay?.role };
      };
      const gaugeOf = async (replica: ServiceProcess) => {
        const text = await (await fetch(`${replica.url}/metrics`)).text();
        return /^gongkai_relay_leader\{service="catalogue"\} (\d)$/m.exec(text)?.[1];
      };
      const roles = await eventually(
        async () => {
          const seen = await Promise.all(replicas.map(roleOf));
          return seen.filter((r) => r.role === 'leader').length === 1 ? seen : undefined;
        },
        30000,
        'one leader among the two replicas',
      );
      expect(roles.every((r) => r.ready)).toBe(true); // the follower is just as ready
      expect(roles.map((r) => r.role).sort()).toEqual(['follower', 'leader']);
      const leader = replicas[roles.findIndex((r) => r.role === 'leader')];
      const follower = replicas[roles.findIndex((r) => r.role === 'follower')];
      expect(await gaugeOf(leader)).toBe('1');
      expect(await gaugeOf(follower)).toBe('0');

      const stop = await leader.stop();
      expect(stop.signal ?? stop.code).toBe('SIGTERM');
      await eventually(async () => ((await roleOf(follower)).role === 'leader' ? true : undefined), 30000, 'the follower to take over');
      expect(await gaugeOf(follower)).toBe('1');
      expect(readFileSync(leader.logFile, 'utf8')).toContain('relay leader demoted');
      expect(readFileSync(follower.logFile, 'utf8')).toContain('relay leader elected');
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
    }
  }, 120000);
});

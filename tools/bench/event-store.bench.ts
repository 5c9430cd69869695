/**
 * Event store throughput, one workload for three subjects:
 * - ours:  SqliteEventStore (hash chain, canonical JSON, envelope, BEGIN IMMEDIATE per append);
 * - peer:  @event-driven-io/emmett-sqlite through its own API (getSQLiteEventStore().appendToStream,
 *          readMessagesBatch over the whole log); installed in tools/bench/peer (see its package.json);
 * - limit: raw better-sqlite3 writing the same rows to the same table with the same pragmas, one
 *          transaction per call, with no hashing, JSON or envelope work (rows prepared untimed).
 *
 * Scale with BENCH_SCALE (default 1: 2000 streams, 20k single appends, 200k events in batches of 100).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { NewEvent } from '../../libs/platform/src/event-sourcing/event-store';
import { SqliteEventStore } from '../../libs/platform/src/event-sourcing/sqlite-event-store';
import { formatRate, formatRatio, perSecond, progress, settle, timeNs, type Bench, type BenchOutput } from './harness';

const SCALE = Number(process.env['BENCH_SCALE'] ?? '1');
const STREAMS = Math.max(10, Math.round(2000 * SCALE));
const SINGLE_EVENTS = Math.max(100, Math.round(20_000 * SCALE));
const BATCH_SIZE = 100;
const BATCH_EVENTS = Math.max(1000, Math.round(200_000 * SCALE));
const READ_BATCH = 1000;
const PAYLOADS = 4096;
const GOAL_LIMIT_RATIO = 1.5;

interface AppendCall {
  streamId: string;
  /** Our revision of the stream's last event before this call; -1 for a new stream. */
  expected: number;
  events: NewEvent[];
}

interface Workload {
  single: AppendCall[];
  batched: AppendCall[];
  total: number;
}

/** What is measured: appends are prepared (untimed) into a function that performs them (timed). */
interface Subject {
  prepareAppends(calls: AppendCall[]): () => Promise<void>;
  /** Reads the whole log from position 0 in batches; returns the number of events read. */
  readAll(batchSize: number): Promise<number>;
  close(): Promise<void>;
}

type SubjectName = 'ours' | 'peer' | 'limit';
type Figures = Record<'single' | 'batched' | 'readAll', number>;

// ---------------------------------------------------------------- workload

const TOWNS = ['城关街道', '东城街道', '西湖镇', '南山乡', '北岭镇', '河口街道', '青石镇', '白沙乡'];
const TOPICS = ['财政预算执行情况', '征地补偿安置方案', '老旧小区改造项目', '义务教育学校招生计划', '河道整治工程', '城乡低保资金发放', '环境影响评价批复', '重大建设项目批准'];
const DOCS = ['会议纪要', '批复文件', '资金拨付明细', '招标公告', '验收报告', '规划图纸'];
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇'];
const UNITS = ['TEZ-GOV', 'TEZ-FIN', 'TEZ-EDU', 'TEZ-ENV', 'TEZ-LAND', 'TEZ-CGJD'];

/** Deterministic, so every run and every subject sees the same events. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Event data of about 300–500 bytes of UTF-8 JSON, as a 政务公开 request would carry. */
function makePayloads(): Record<string, unknown>[] {
  const next = random(2026);
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)];
  return Array.from({ length: PAYLOADS }, (_, i) => {
    const town = pick(TOWNS);
    const topic = pick(TOPICS);
    const extra = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(DOCS));
    return {
      requestNo: `YSQ-2026-${String(i).padStart(6, '0')}`,
      applicant: { kind: next() < 0.8 ? 'citizen' : 'organisation', name: pick(NAMES), contact: `138****${String(Math.floor(next() * 10000)).padStart(4, '0')}` },
      subject: `关于${town}${topic}的政府信息公开申请`,
      description: `申请公开${town}2025年度${topic}的相关信息，包括${extra.join('、')}。`,
      channel: pick(['online', 'letter', 'in-person']),
      deliveryMethod: pick(['email', 'post', 'pickup']),
      unitId: pick(UNITS),
      receivedOn: '2026-03-02',
      pages: Math.floor(next() * 40),
      feeWaiver: next() < 0.5,
    };
  });
}

function makeWorkload(streams: number, singleEvents: number, batchEvents: number): Workload {
  const payloads = makePayloads();
  const streamIds = Array.from({ length: streams }, (_, i) => `request-${String(i).padStart(6, '0')}`);
  const revision = new Array<number>(streams).fill(-1);
  let sequence = 0;
  const event = (): NewEvent => {
    const n = sequence++;
    return {
      eventId: uuidv7(),
      type: n % 3 === 0 ? 'requests.RequestReceived' : 'requests.RequestUpdated',
      schemaVersion: 1,
      data: payloads[n % PAYLOADS],
      occurredAt: '2026-03-02T01:00:00.000Z',
      actor: { userId: `u-${n % 97}`, unitId: 'TEZ-GOV', role: 'clerk' },
      correlationId: `corr-${n}`,
      causationId: n % 2 === 0 ? null : `cause-${n}`,
    };
  };
  const call = (stream: number, count: number): AppendCall => {
    const result = { streamId: streamIds[stream], expected: revision[stream], events: Array.from({ length: count }, event) };
    revision[stream] += count;
    return result;
  };
  const single = Array.from({ length: singleEvents }, (_, i) => call(i % streams, 1));
  const batched = Array.from({ length: Math.ceil(batchEvents / BATCH_SIZE) }, (_, i) => call(i % streams, BATCH_SIZE));
  return { single, batched, total: singleEvents + batched.length * BATCH_SIZE };
}

// ---------------------------------------------------------------- ours

async function openOurs(file: string): Promise<Subject> {
  const store = new SqliteEventStore(file);
  return {
    prepareAppends: (calls) => async () => {
      for (const call of calls) await store.append(call.streamId, call.events, call.expected);
    },
    readAll: async (limit) => {
      let count = 0;
      let after = 0;
      for (;;) {
        const batch = await store.readAll({ after, limit });
        if (batch.length === 0) return count;
        count += batch.length;
        after = batch[batch.length - 1].globalPosition;
      }
    },
    close: () => store.close(),
  };
}

// ---------------------------------------------------------------- limit

/** The same table, columns and pragmas as SqliteEventStore, minus every rule. */
async function openLimit(file: string): Promise<Subject> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id TEXT NOT NULL UNIQUE,
      stream_id TEXT NOT NULL,
      stream_revision INTEGER NOT NULL,
      hash TEXT NOT NULL,
      envelope TEXT NOT NULL,
      UNIQUE (stream_id, stream_revision)
    );
  `);
  const insert = db.prepare('INSERT INTO events (event_id, stream_id, stream_revision, hash, envelope) VALUES (?, ?, ?, ?, ?)');
  const select = db.prepare<[number, number], { position: number; envelope: string }>(
    'SELECT position, envelope FROM events WHERE position > ? ORDER BY position LIMIT ?',
  );
  type Row = [string, string, number, string, string];
  const write = db.transaction((rows: Row[]) => {
    for (const row of rows) insert.run(row);
  }).immediate;
  // Envelopes and hashes of the right size, made once per payload: the rows cost no JSON or hashing.
  const envelopes = new Map<unknown, { envelope: string; hash: string }>();
  const rowsOf = (call: AppendCall): Row[] =>
    call.events.map((event, i) => {
      let prepared = envelopes.get(event.data);
      if (!prepared) {
        const envelope = JSON.stringify({ ...event, streamId: call.streamId, streamRevision: 0, recordedAt: new Date().toISOString(), prevHash: '0'.repeat(64), hash: '0'.repeat(64) });
        prepared = { envelope, hash: createHash('sha256').update(envelope).digest('hex') };
        envelopes.set(event.data, prepared);
      }
      return [event.eventId, call.streamId, call.expected + 1 + i, prepared.hash, prepared.envelope];
    });
  return {
    prepareAppends: (calls) => {
      const prepared = calls.map(rowsOf);
      return async () => {
        for (const rows of prepared) write(rows);
      };
    },
    readAll: async (limit) => {
      let count = 0;
      let after = 0;
      for (;;) {
        const rows = select.all(after, limit);
        if (rows.length === 0) return count;
        count += rows.length;
        after = rows[rows.length - 1].position;
      }
    },
    close: async () => {
      db.close();
    },
  };
}

// ---------------------------------------------------------------- peer

interface EmmettEvent {
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}
interface EmmettConnection {
  close(): void;
}
interface EmmettSqlite {
  getSQLiteEventStore(options: { fileName: string }): {
    appendToStream(streamName: string, events: EmmettEvent[], options?: { expectedStreamVersion?: bigint | 'STREAM_DOES_NOT_EXIST' }): Promise<unknown>;
  };
  sqliteConnection(options: { fileName: string }): EmmettConnection;
  readMessagesBatch(
    connection: EmmettConnection,
    options: { after: bigint; batchSize: number },
  ): Promise<{ currentGlobalPosition: bigint; messages: unknown[]; areEventsLeft: boolean }>;
}

const PEER_PACKAGE = '@event-driven-io/emmett-sqlite';
const PEER_DIR = join(__dirname, 'peer');

/**
 * The peer lives in its own small npm project (tools/bench/peer): emmett wants uuid ^10 as a peer
 * dependency while the workspace has uuid 11, which `npm ci` at the root would refuse. It is
 * installed there on first use; sqlite3 then builds from source (about two minutes, untimed).
 */
function loadPeer(): { peer: EmmettSqlite; version: string } | { error: string } {
  const requirePeer = createRequire(join(PEER_DIR, 'package.json'));
  const installed = () => {
    try {
      requirePeer.resolve(PEER_PACKAGE);
      return existsSync(join(PEER_DIR, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'));
    } catch {
      return false;
    }
  };
  if (!installed()) {
    progress(`installing the peer into ${PEER_DIR} (npm ci; sqlite3 builds from source; not timed)`);
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PEER_DIR, stdio: ['ignore', 2, 2] });
    if (result.status !== 0) return { error: `npm ci in tools/bench/peer failed (exit ${result.status ?? result.signal ?? result.error?.message})` };
  }
  try {
    const peer = requirePeer(PEER_PACKAGE) as EmmettSqlite;
    const version = (JSON.parse(readFileSync(join(PEER_DIR, 'node_modules', PEER_PACKAGE, 'package.json'), 'utf8')) as { version: string }).version;
    return { peer, version };
  } catch (error) {
    return { error: `cannot load ${PEER_PACKAGE}: ${(error as Error).message.split('\n')[0]}` };
  }
}

function openPeer(peer: EmmettSqlite) {
  return async (file: string): Promise<Subject> => {
    const store = peer.getSQLiteEventStore({ fileName: file });
    return {
      prepareAppends: (calls) => {
        const prepared = calls.map((call) => ({
          streamId: call.streamId,
          // emmett counts events (1-based); STREAM_DOES_NOT_EXIST for a new stream.
          options: { expectedStreamVersion: call.expected < 0 ? ('STREAM_DOES_NOT_EXIST' as const) : BigInt(call.expected + 1) },
          events: call.events.map(
            (event): EmmettEvent => ({
              type: event.type,
              data: event.data,
              metadata: {
                messageId: event.eventId,
                schemaVersion: event.schemaVersion,
                occurredAt: event.occurredAt,
                actor: event.actor,
                correlationId: event.correlationId,
                causationId: event.causationId,
              },
            }),
          ),
        }));
        return async () => {
          for (const call of prepared) await store.appendToStream(call.streamId, call.events, call.options);
        };
      },
      readAll: async (batchSize) => {
        const connection = peer.sqliteConnection({ fileName: file });
        try {
          let count = 0;
          let after = 0n;
          for (;;) {
            const batch = await peer.readMessagesBatch(connection, { after, batchSize });
            if (batch.messages.length === 0) return count;
            count += batch.messages.length;
            after = batch.currentGlobalPosition;
          }
        } finally {
          connection.close();
        }
      },
      // Each appendToStream opens and closes its own connection: nothing stays open.
      close: async () => new Promise((resolve) => setTimeout(resolve, 50)),
    };
  };
}

// ---------------------------------------------------------------- run

async function measure(name: SubjectName, open: (file: string) => Promise<Subject>, dir: string, workload: Workload, warmUp: Workload): Promise<Figures> {
  const warmSubject = await open(join(dir, `${name}-warm-up.sqlite`));
  await warmSubject.prepareAppends(warmUp.single)();
  await warmSubject.prepareAppends(warmUp.batched)();
  await warmSubject.readAll(READ_BATCH);
  await warmSubject.close();

  const subject = await open(join(dir, `${name}.sqlite`));
  const phase = async (label: string, calls: AppendCall[], events: number) => {
    const run = subject.prepareAppends(calls);
    settle();
    const ns = await timeNs(run);
    progress(`${name}: ${label}: ${events} events in ${(Number(ns) / 1e9).toFixed(2)} s`);
    return perSecond(events, ns);
  };
  const single = await phase('1 event/append', workload.single, workload.single.length);
  const batched = await phase(`${BATCH_SIZE} events/append`, workload.batched, workload.batched.length * BATCH_SIZE);
  settle();
  let read = 0;
  const readNs = await timeNs(async () => {
    read = await subject.readAll(READ_BATCH);
  });
  progress(`${name}: read all: ${read} events in ${(Number(readNs) / 1e9).toFixed(2)} s`);
  await subject.close();
  if (read !== workload.total) throw new Error(`${name} read ${read} events back, wrote ${workload.total}`);
  return { single, batched, readAll: perSecond(read, readNs) };
}

export const bench: Bench = {
  title: 'Event store: ours vs emmett-sqlite (peer) vs raw better-sqlite3 (limit)',
  async run(): Promise<BenchOutput> {
    const notes: string[] = [];
    const workload = makeWorkload(STREAMS, SINGLE_EVENTS, BATCH_EVENTS);
    const warmUp = makeWorkload(100, 1000, 5000);
    const sample = JSON.stringify(workload.single[0].events[0].data);
    notes.push(
      `workload: ${STREAMS} streams; ${SINGLE_EVENTS} appends of 1 event, then ${workload.batched.length} appends of ${BATCH_SIZE} (one per stream), then readAll in batches of ${READ_BATCH} from position 0 over all ${workload.total} events; data ≈ ${Buffer.byteLength(sample)} B of JSON (first event); each subject warmed up on its own file first.`,
    );

    const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
    const figures: Partial<Record<SubjectName, Figures>> = {};
    try {
      figures.ours = await measure('ours', openOurs, dir, workload, warmUp);
      const loaded = loadPeer();
      if ('error' in loaded) {
        notes.push(`peer NOT MEASURED: ${loaded.error}`);
      } else {
        notes.push(`peer: ${PEER_PACKAGE}@${loaded.version} (sqlite3 driver, its defaults: WAL, synchronous FULL, a new connection per appendToStream).`);
        try {
          figures.peer = await measure('peer', openPeer(loaded.peer), dir, workload, warmUp);
        } catch (error) {
          notes.push(`peer FAILED while running: ${(error as Error).message}`);
        }
      }
      figures.limit = await measure('limit', openLimit, dir, workload, warmUp);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const rows: [string, keyof Figures][] = [
      ['append, 1 event/call', 'single'],
      [`append, ${BATCH_SIZE} events/call`, 'batched'],
      [`readAll, batches of ${READ_BATCH}`, 'readAll'],
    ];
    const value = (name: SubjectName, key: keyof Figures) => figures[name]?.[key] ?? null;
    const behindPeer: string[] = [];
    const farFromLimit: string[] = [];
    for (const [label, key] of rows) {
      const ours = value('ours', key);
      const peer = value('peer', key);
      const limit = value('limit', key);
      if (ours !== null && peer !== null && ours <= peer) behindPeer.push(label);
      if (ours !== null && limit !== null && limit / ours > GOAL_LIMIT_RATIO) farFromLimit.push(`${label} (${formatRatio(limit, ours)})`);
    }
    const peerGoal = figures.peer
      ? behindPeer.length === 0
        ? 'MET'
        : `MISSED on ${behindPeer.join(', ')}`
      : 'NOT CHECKED (peer not measured)';
    const limitGoal = farFromLimit.length === 0 ? 'MET' : `MISSED on ${farFromLimit.join(', ')}`;
    notes.push(`verdict: ahead of the peer on every row: ${peerGoal}; within ${GOAL_LIMIT_RATIO}x of the limit on every row: ${limitGoal}.`);

    return {
      tables: [
        {
          columns: ['workload', 'ours events/s', 'peer events/s', 'limit events/s', 'ours/peer', 'limit/ours'],
          alignRight: [1, 2, 3, 4, 5],
          rows: rows.map(([label, key]) => [
            label,
            formatRate(value('ours', key)),
            formatRate(value('peer', key)),
            formatRate(value('limit', key)),
            formatRatio(value('ours', key), value('peer', key)),
            formatRatio(value('limit', key), value('ours', key)),
          ]),
        },
      ],
      notes,
    };
  },
};

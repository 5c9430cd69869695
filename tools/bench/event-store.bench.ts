/**
 * Event store throughput, one workload for three subjects:
 * - ours:  SqliteEventStore (hash chain, canonical JSON, envelope, BEGIN IMMEDIATE per append);
 * - peer:  @event-driven-io/emmett-sqlite through its own API (getSQLiteEventStore().appendToStream,
 *          readMessagesBatch over the whole log); installed in tools/bench/peer (see its package.json);
 * - limit: raw better-sqlite3 writing the same rows to the same table with the same pragmas, one
 *          transaction per call, with no hashing, JSON or envelope work (rows prepared untimed).
 *
 * Scale with BENCH_SCALE (default 1: 2000 streams, 20k single appends, 200k events in batches of 100).
 * An append phase stops at BENCH_PHASE_BUDGET_S seconds (default 25) and is rated over the calls it
 * made, so that a slow subject keeps the whole run near two minutes; the output says when that happens.
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
import { verifyChain } from '../../libs/platform/src/event-sourcing/hash-chain';
import { SqliteEventStore } from '../../libs/platform/src/event-sourcing/sqlite-event-store';
import { formatRate, formatRatio, perSecond, progress, settle, timeNs, type Bench, type BenchOutput } from './harness';

const SCALE = Number(process.env['BENCH_SCALE'] ?? '1');
const STREAMS = Math.max(10, Math.round(2000 * SCALE));
const SINGLE_EVENTS = Math.max(100, Math.round(20_000 * SCALE));
const BATCH_SIZE = 100;
const BATCH_EVENTS = Math.max(1000, Math.round(200_000 * SCALE));
const READ_BATCH = 1000;
const PAYLOADS = 4096;
const PHASE_BUDGET_MS = Number(process.env['BENCH_PHASE_BUDGET_S'] ?? '25') * 1000;
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

/**
 * What is measured: appends are prepared (untimed) into a function that performs them (timed), in
 * order, until done or `performance.now()` passes the deadline; it returns how many calls it made.
 */
type AppendRun = (deadline: number) => Promise<number>;
interface Subject {
  prepareAppends(calls: AppendCall[]): AppendRun;
  /** Reads the whole log from position 0 in batches; returns the number of events read. */
  readAll(batchSize: number): Promise<number>;
  /** Untimed sanity check after the run: a problem, or null. */
  check?(): Promise<string | null>;
  close(): Promise<void>;
}

type SubjectName = 'ours' | 'peer' | 'limit';
type Figures = Record<'single' | 'batched' | 'readAll', number>;

// ---------------------------------------------------------------- workload

const TOWNS = ['城关街道', '东城街道', '西湖镇', '南山乡', '北岭镇', '河口街道', '青石镇', '白沙乡'];
const TOPICS = [
  '财政预算执行情况',
  '征地补偿安置方案',
  '老旧小区改造项目',
  '义务教育学校招生计划',
  '河道整治工程',
  '城乡低保资金发放',
  '环境影响评价批复',
  '重大建设项目批准',
];
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
      applicant: {
        kind: next() < 0.8 ? 'citizen' : 'organisation',
        name: pick(NAMES),
        contact: `138****${String(Math.floor(next() * 10000)).padStart(4, '0')}`,
      },
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

const streamIdOf = (stream: number) => `request-${String(stream).padStart(6, '0')}`;

function makeWorkload(streams: number, singleEvents: number, batchEvents: number): Workload {
  const payloads = makePayloads();
  const streamIds = Array.from({ length: streams }, (_, i) => streamIdOf(i));
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
    prepareAppends: (calls) => async (deadline) => {
      let done = 0;
      while (done < calls.length && performance.now() < deadline) {
        const call = calls[done++];
        await store.append(call.streamId, call.events, call.expected);
      }
      return done;
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
    // The hash chains the store wrote must verify with hash-chain.ts (a sample of streams).
    check: async () => {
      for (let stream = 0; stream < STREAMS; stream += Math.ceil(STREAMS / 50)) {
        const streamId = streamIdOf(stream);
        const broken = verifyChain(streamId, await store.readStream(streamId));
        if (broken) return `hash chain of ${streamId} does not verify: ${broken.problem} at ${broken.streamRevision}`;
      }
      return null;
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
        const envelope = JSON.stringify({
          ...event,
          streamId: call.streamId,
          streamRevision: 0,
          recordedAt: new Date().toISOString(),
          prevHash: '0'.repeat(64),
          hash: '0'.repeat(64),
        });
        prepared = { envelope, hash: createHash('sha256').update(envelope).digest('hex') };
        envelopes.set(event.data, prepared);
      }
      return [event.eventId, call.streamId, call.expected + 1 + i, prepared.hash, prepared.envelope];
    });
  return {
    prepareAppends: (calls) => {
      const prepared = calls.map(rowsOf);
      return async (deadline) => {
        let done = 0;
        while (done < prepared.length && performance.now() < deadline) write(prepared[done++]);
        return done;
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
    appendToStream(
      streamName: string,
      events: EmmettEvent[],
      options?: { expectedStreamVersion?: bigint | 'STREAM_DOES_NOT_EXIST' },
    ): Promise<unknown>;
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
    if (result.status !== 0)
      return { error: `npm ci in tools/bench/peer failed (exit ${result.status ?? result.signal ?? result.error?.message})` };
  }
  try {
    const peer = requirePeer(PEER_PACKAGE) as EmmettSqlite;
    const version = (JSON.parse(readFileSync(join(PEER_DIR, 'node_modules', PEER_PACKAGE, 'package.json'), 'utf8')) as { version: string })
      .version;
    return { peer, version };
  } catch (error) {
    return { error: `cannot load ${PEER_PACKAGE}: ${(error as Error).message.split('\n')[0]}` };
  }
}

const peerStats = { busyRetries: 0 };

function openPeer(peer: EmmettSqlite) {
  return async (file: string): Promise<Subject> => {
    const store = peer.getSQLiteEventStore({ fileName: file });
    return {
      prepareAppends: (calls) => {
        const prepared = calls.map((call) => ({
          streamId: call.streamId,
          // emmett counts events (1-based); STREAM_DOES_NOT_EXIST for a new stream.
          options: { expectedStreamVersion: call.expected < 0 ? ('STREAM_DOES_NOT_EXIST' as const) : BigInt(call.expected + 1) },
          events: call.events.map((event): EmmettEvent => ({
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
          })),
        }));
        return async (deadline) => {
          let done = 0;
          // emmett console.logs every error inside a transaction before rethrowing it: keep stdout clean.
          const log = console.log;
          console.log = () => undefined;
          try {
            while (done < prepared.length && performance.now() < deadline) {
              const call = prepared[done++];
              for (let attempt = 1; ; attempt += 1) {
                try {
                  await store.appendToStream(call.streamId, call.events, call.options);
                  break;
                } catch (error) {
                  // sqlite3 sometimes runs emmett's COMMIT before the INSERT … RETURNING statement is
                  // finalized ("cannot commit transaction - SQL statements in progress"); the
                  // transaction is rolled back, so the call is simply made again.
                  if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt === 5) throw error;
                  peerStats.busyRetries += 1;
                }
              }
            }
          } finally {
            console.log = log;
          }
          return done;
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

interface Measured {
  name: SubjectName;
  subject: Subject;
  /** Events of calls a budget cut off, per stream: later calls expect revisions that much lower. */
  missing: Map<string, number>;
  written: number;
  events: Record<keyof Figures, number>;
  ns: Record<keyof Figures, bigint>;
  failed?: string;
}

/**
 * Every subject gets the same calls in the same order on its own fresh file. Each append phase is
 * cut into ROUNDS slices and the subjects take turns slice by slice, so that load from other
 * processes on the machine falls on all of them alike; a rate is all events over all time.
 */
const ROUNDS = 4;

async function measureAll(
  subjects: { name: SubjectName; open: (file: string) => Promise<Subject> }[],
  dir: string,
  workload: Workload,
  warmUp: Workload,
  notes: string[],
): Promise<Partial<Record<SubjectName, Figures>>> {
  const measured: Measured[] = [];
  for (const { name, open } of subjects) {
    try {
      const warm = await open(join(dir, `${name}-warm-up.sqlite`));
      await warm.prepareAppends(warmUp.single)(Infinity);
      await warm.prepareAppends(warmUp.batched)(Infinity);
      await warm.readAll(READ_BATCH);
      await warm.close();
      measured.push({
        name,
        subject: await open(join(dir, `${name}.sqlite`)),
        missing: new Map(),
        written: 0,
        events: { single: 0, batched: 0, readAll: 0 },
        ns: { single: 0n, batched: 0n, readAll: 0n },
      });
    } catch (error) {
      notes.push(`${name} FAILED while warming up: ${(error as Error).message}`);
    }
  }
  const live = () => measured.filter((m) => !m.failed);

  const phases: [keyof Figures, string, AppendCall[]][] = [
    ['single', '1 event/append', workload.single],
    ['batched', `${BATCH_SIZE} events/append`, workload.batched],
  ];
  for (const [key, label, planned] of phases) {
    const budgetCut = new Map<SubjectName, number>();
    for (let round = 0; round < ROUNDS; round += 1) {
      const slice = planned.slice(Math.floor((planned.length * round) / ROUNDS), Math.floor((planned.length * (round + 1)) / ROUNDS));
      for (const m of live()) {
        const calls =
          m.missing.size === 0 ? slice : slice.map((call) => ({ ...call, expected: call.expected - (m.missing.get(call.streamId) ?? 0) }));
        const run = m.subject.prepareAppends(calls);
        settle();
        let done = 0;
        try {
          m.ns[key] += await timeNs(async () => {
            done = await run(performance.now() + PHASE_BUDGET_MS / ROUNDS);
          });
        } catch (error) {
          m.failed = `${label}: ${(error as Error).message}`;
          notes.push(`${m.name} FAILED while running ${m.failed}`);
          continue;
        }
        const events = calls.slice(0, done).reduce((sum, call) => sum + call.events.length, 0);
        m.events[key] += events;
        m.written += events;
        for (const call of calls.slice(done)) {
          m.missing.set(call.streamId, (m.missing.get(call.streamId) ?? 0) + call.events.length);
          budgetCut.set(m.name, (budgetCut.get(m.name) ?? 0) + 1);
        }
      }
    }
    for (const m of live()) {
      progress(`${m.name}: ${label}: ${m.events[key]} events in ${(Number(m.ns[key]) / 1e9).toFixed(2)} s`);
      const cut = budgetCut.get(m.name);
      if (cut) {
        notes.push(
          `${m.name}: "${label}" hit its ${PHASE_BUDGET_MS / 1000} s budget (${PHASE_BUDGET_MS / 1000 / ROUNDS} s per round) and skipped ${cut} of ${planned.length} calls; its figure is over the ${m.events[key]} events it wrote.`,
        );
      }
    }
  }

  for (const m of live()) {
    settle();
    try {
      let read = 0;
      m.ns.readAll = await timeNs(async () => {
        read = await m.subject.readAll(READ_BATCH);
      });
      m.events.readAll = read;
      progress(`${m.name}: read all: ${read} events in ${(Number(m.ns.readAll) / 1e9).toFixed(2)} s`);
      if (read !== m.written) throw new Error(`read ${read} events back, wrote ${m.written}`);
      const problem = await m.subject.check?.();
      if (problem) notes.push(`${m.name} CHECK FAILED: ${problem}`);
    } catch (error) {
      m.failed = `readAll: ${(error as Error).message}`;
      notes.push(`${m.name} FAILED while running ${m.failed}`);
    }
  }
  for (const m of measured) await m.subject.close();

  const figures: Partial<Record<SubjectName, Figures>> = {};
  for (const m of live()) {
    figures[m.name] = {
      single: perSecond(m.events.single, m.ns.single),
      batched: perSecond(m.events.batched, m.ns.batched),
      readAll: perSecond(m.events.readAll, m.ns.readAll),
    };
  }
  return figures;
}

export const bench: Bench = {
  title: 'Event store: ours vs emmett-sqlite (peer) vs raw better-sqlite3 (limit)',
  async run(): Promise<BenchOutput> {
    const notes: string[] = [];
    const workload = makeWorkload(STREAMS, SINGLE_EVENTS, BATCH_EVENTS);
    const warmUp = makeWorkload(100, 300, 3000);
    const sample = JSON.stringify(workload.single[0].events[0].data);
    notes.push(
      `workload: ${STREAMS} streams; ${SINGLE_EVENTS} appends of 1 event, then ${workload.batched.length} appends of ${BATCH_SIZE} (one per stream), then readAll in batches of ${READ_BATCH} from position 0 over all ${workload.total} events; data ≈ ${Buffer.byteLength(sample)} B of JSON (first event); each subject warmed up on its own file first, then the subjects take turns in ${ROUNDS} rounds per append phase.`,
    );

    const subjects: { name: SubjectName; open: (file: string) => Promise<Subject> }[] = [{ name: 'ours', open: openOurs }];
    const loaded = loadPeer();
    if ('error' in loaded) {
      notes.push(`peer NOT MEASURED: ${loaded.error}`);
    } else {
      notes.push(
        `peer: ${PEER_PACKAGE}@${loaded.version} as its API uses sqlite3: WAL, synchronous left at FULL, a new connection (so a WAL checkpoint) per appendToStream.`,
      );
      subjects.push({ name: 'peer', open: openPeer(loaded.peer) });
    }
    subjects.push({ name: 'limit', open: openLimit });

    const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
    let figures: Partial<Record<SubjectName, Figures>>;
    try {
      figures = await measureAll(subjects, dir, workload, warmUp, notes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (peerStats.busyRetries > 0) {
      notes.push(
        `peer: ${peerStats.busyRetries} appendToStream call(s) failed with SQLITE_BUSY "cannot commit transaction - SQL statements in progress" (rolled back) and were made again; their time counts.`,
      );
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
    notes.push(
      `verdict: ahead of the peer on every row: ${peerGoal}; within ${GOAL_LIMIT_RATIO}x of the limit on every row: ${limitGoal}.`,
    );

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

/**
 * The auditor's workloads against a raw sequential read of the same SQLite store:
 * - raw read:   better-sqlite3 iterating `SELECT envelope FROM events ORDER BY position` (no parse);
 * - readAll:    SqliteEventStore.readAll in batches of 1000 (parse, envelope);
 * - verify:     chains (verifyStore), anchors (verifyAnchors), both (verifyRecord);
 * - replay:     the full store replayed into each read model on a fresh temporary database, through
 *               the same projection classes, by the two paths that exist: the in-memory replay of
 *               `as-of` and the comparing `rebuild`, and `rebuild --apply` (rebuildProjection: one
 *               FerretDB read and conditional write per event) (needs MONGODB_URL: FerretDB).
 * Scale with BENCH_SCALE (default 1: 100k events in 2000 streams, an anchor every 10k events, for
 * the verify rows; 250 units × 4 events for the replay rows).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { AssessmentUnitsProjection } from '../../libs/assessment/src/read-models/units.projection';
import { replayProjectionInto, temporaryDatabase } from '../../libs/audit/src/replay';
import { CatalogueUnitsProjection } from '../../libs/catalogue/src/read-models/units.projection';
import { AnchorRecorder, SYSTEM_ACTOR, verifyAnchors } from '../../libs/platform/src/event-sourcing/anchors';
import { readAllInBatches, type NewEvent } from '../../libs/platform/src/event-sourcing/event-store';
import { SqliteEventStore } from '../../libs/platform/src/event-sourcing/sqlite-event-store';
import { verifyStore } from '../../libs/platform/src/event-sourcing/verify';
import { PlatformCollections } from '../../libs/platform/src/read-models/platform-collections';
import { rebuildProjection, type Projection } from '../../libs/platform/src/read-models/rebuild';
import { formatRate, formatRatio, perSecond, progress, settle, timeNs, type Bench, type Table } from './harness';

const SCALE = Number(process.env['BENCH_SCALE'] ?? '1');
const EVENTS = Math.max(1000, Math.round(100_000 * SCALE));
const STREAMS = Math.max(10, Math.round(2000 * SCALE));
const ANCHOR_EVERY = Math.max(100, Math.round(EVENTS / 10));
const UNITS = Math.max(50, Math.round(250 * SCALE));

const event = (type: string, data: Record<string, unknown>): NewEvent => ({
  eventId: uuidv7(),
  type,
  schemaVersion: 1,
  data,
  occurredAt: '2026-03-02T01:00:00.000Z',
  actor: { userId: 'u-1', unitId: 'TEZ-GOV', role: 'district_office' },
  correlationId: 'bench',
  causationId: null,
});

async function rawRead(store: SqliteEventStore): Promise<number> {
  let n = 0;
  for (const row of store.rawDatabase.prepare('SELECT envelope FROM events ORDER BY position').iterate()) if (row) n += 1;
  return n;
}

async function readAll(store: SqliteEventStore): Promise<number> {
  let n = 0;
  for await (const batch of readAllInBatches(store, 0, 1000)) n += batch.length;
  return n;
}

type Row = [string, number, bigint];
const rows = (entries: Row[], baseline: number): Table => ({
  columns: ['workload', 'events', 'events/s', 'vs raw read'],
  alignRight: [1, 2, 3],
  rows: entries.map(([name, count, ns]) => [
    name,
    String(count),
    formatRate(perSecond(count, ns)),
    formatRatio(perSecond(count, ns), baseline),
  ]),
});

async function measure(name: string, fn: () => Promise<number>): Promise<Row> {
  settle();
  let count = 0;
  const ns = await timeNs(async () => {
    count = await fn();
  });
  progress(`${name}: ${count} events`);
  return [name, count, ns];
}

async function verifyRows(dir: string): Promise<{ table: Table; notes: string[] }> {
  const store = new SqliteEventStore(join(dir, 'verify.db'));
  const recorder = new AnchorRecorder(store);
  const revisions = new Array<number>(STREAMS).fill(-1);
  progress(`writing ${EVENTS} events in ${STREAMS} streams`);
  for (let written = 0; written < EVENTS;) {
    const s = written % STREAMS;
    const batch = Array.from({ length: 10 }, (_, i) =>
      event('requests.RequestUpdated', {
        requestId: `YSQ-${s}`,
        unitId: 'TEZ-GOV',
        reason: `依据《条例》第${i}条补正申请内容`,
        n: written + i,
      }),
    );
    await store.append(`requests.request-${s}`, batch, revisions[s]);
    revisions[s] += batch.length;
    written += batch.length;
    if (written % ANCHOR_EVERY === 0) await recorder.record(SYSTEM_ACTOR, 'cli');
  }
  await recorder.record(SYSTEM_ACTOR, 'cli');
  const raw = await measure('raw sequential read (better-sqlite3)', () => rawRead(store));
  const all = await measure('SqliteEventStore.readAll', () => readAll(store));
  const chains = await measure('verify: hash chains', async () => (await verifyStore(store)).events);
  const anchors = await measure('verify: anchors', async () => {
    const report = await verifyAnchors(store);
    if (report.findings.length > 0) throw new Error(`unexpected findings: ${JSON.stringify(report.findings[0])}`);
    return EVENTS;
  });
  const both = await measure('verify: chains + anchors (CLI verify)', async () => {
    await verifyStore(store);
    await verifyAnchors(store);
    return EVENTS;
  });
  await store.close();
  const baseline = perSecond(raw[1], raw[2]);
  return {
    table: rows([raw, all, chains, anchors, both], baseline),
    notes: [`verify store: ${EVENTS} events, ${STREAMS} streams, ${Math.ceil(EVENTS / ANCHOR_EVERY)} anchors.`],
  };
}

async function replayRows(dir: string): Promise<{ table: Table; notes: string[] } | null> {
  const url = process.env['MONGODB_URL'];
  if (!url) return null;
  const store = new SqliteEventStore(join(dir, 'replay.db'));
  progress(`writing ${UNITS} units × 4 events`);
  for (let u = 0; u < UNITS; u += 1) {
    const unitId = `TEZ-B${u}`;
    await store.append(
      `catalogue.unit-${unitId}`,
      [
        event('catalogue.UnitRegistered', { unitId, name: `第${u}镇`, level: '乡级', kind: 'town' }),
        event('catalogue.UnitRenamed', { unitId, name: `第${u}镇人民政府`, reason: '规范名称' }),
        event('catalogue.UnitOpennessOfficeDesignated', { unitId, office: '党政办公室', officerName: '张伟' }),
        event('catalogue.UnitRenamed', { unitId, name: `第${u}镇政府`, reason: '按“三定”方案更名' }),
      ],
      -1,
    );
  }
  const raw = await measure('raw sequential read (better-sqlite3)', () => rawRead(store));
  const entries: Row[] = [raw];
  const projections: [string, (c: Connection) => Projection][] = [
    ['catalogue.units', (c) => new CatalogueUnitsProjection(c)],
    ['assessment.units', (c) => new AssessmentUnitsProjection(c)],
  ];
  for (const [name, create] of projections) {
    const asOf = await temporaryDatabase(url, 'bench');
    try {
      entries.push(
        await measure(
          `replay into ${name}: as-of / compare path (in memory, then bulk)`,
          async () => (await replayProjectionInto(store, create(asOf.connection), asOf.connection)).replay.replayed,
        ),
      );
    } finally {
      await asOf.dispose();
    }
    const apply = await temporaryDatabase(url, 'bench');
    try {
      const platform = new PlatformCollections(apply.connection);
      entries.push(
        await measure(
          `replay into ${name}: rebuild --apply path (per event, FerretDB)`,
          async () => (await rebuildProjection(store, create(apply.connection), apply.connection, platform)).replayed,
        ),
      );
    } finally {
      await apply.dispose();
    }
  }
  await store.close();
  return {
    table: rows(entries, perSecond(raw[1], raw[2])),
    notes: [`replay store: ${UNITS * 4} catalogue events; rates count every event read, applied or not.`],
  };
}

export const bench: Bench = {
  title: 'audit: verify and read-model replay vs a raw sequential read',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'gk-audit-bench-'));
    try {
      const verify = await verifyRows(dir);
      const replay = await replayRows(dir);
      return {
        tables: replay ? [verify.table, replay.table] : [verify.table],
        notes: [
          ...verify.notes,
          ...(replay ? replay.notes : ['replay rows skipped: MONGODB_URL is not set (start FerretDB with tools/local-infra/up.sh)']),
        ],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

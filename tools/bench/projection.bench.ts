/**
 * Read models at the speed of the store (issue 17): the catalogue items read model fed from a SQLite
 * store by the two batched paths, beside the limit of the same server.
 * - raw insertMany:   the finished documents written with unordered `insertMany` of 1000 into a
 *                     fresh collection of the same FerretDB: the limit a projection can approach;
 *                     again into a collection with the read model's indexes (what both paths write to);
 * - rebuild --apply:  `rebuildProjection` (drop, replay the store in batches of 2000);
 * - catch-up:         the live consumer path after an outage: `EventConsumer.processBatch` (validation,
 *                     upcasting; no inbox: the revision guard suffices) in batches of 1000, as `StoreConsumers` feeds it;
 *                     again with the known-ids hint forgotten before every batch: one scan of the
 *                     collection per batch, as every batch's `$in` read cost before the hint;
 * - one at a time:    the same consumer path handed one event per batch (the path before issue 17),
 *                     over the first events only (it is slow), for comparison.
 * The workload is an import: items drafted then published (2 events each), in runs of 500 items.
 * Scale with BENCH_SCALE (default 1: 10,000 items, 20,000 events). Needs MONGODB_URL (FerretDB).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { topicOf, type ItemContent } from '@gongkai/contracts';
import { temporaryDatabase } from '../../libs/audit/src/replay';
import { CatalogueItemsProjection } from '../../libs/catalogue/src/read-models/items.projection';
import { readAllInBatches, type NewEvent } from '../../libs/platform/src/event-sourcing/event-store';
import { SqliteEventStore } from '../../libs/platform/src/event-sourcing/sqlite-event-store';
import { EventConsumer } from '../../libs/platform/src/messaging/event-consumer';
import { InProcessEventBus } from '../../libs/platform/src/messaging/in-process-event-bus';
import { createLogger } from '../../libs/platform/src/observability/logger';
import { PlatformCollections } from '../../libs/platform/src/read-models/platform-collections';
import { databaseOf } from '../../libs/platform/src/read-models/read-model-connections';
import { forgetKnownIds } from '../../libs/platform/src/read-models/projection-batch';
import { rebuildProjection } from '../../libs/platform/src/read-models/rebuild';
import { formatRate, formatRatio, perSecond, progress, settle, timeNs, type Bench } from './harness';

const SCALE = Number(process.env['BENCH_SCALE'] ?? '1');
const ITEMS = Math.max(500, Math.round(10_000 * SCALE));
const RUN = 500;
const ONE_AT_A_TIME = 300;

export const content = (n: number): ItemContent => ({
  domainCode: 'budget',
  firstLevel: '财政预算',
  secondLevel: `部门预算公开 第${n}项`,
  content: '预算收支总表、收入总表、支出总表、财政拨款收支总表',
  legalBases: [{ law: '中华人民共和国预算法', article: '第十四条' }],
  channels: [{ channel: '政府网站' }],
  level: '乡级',
});

export const event = (type: string, data: Record<string, unknown>): NewEvent => ({
  eventId: uuidv7(),
  type,
  schemaVersion: 1,
  data,
  occurredAt: '2026-03-02T01:00:00.000Z',
  actor: { userId: 'u-1', unitId: 'TEZ-GOV', role: 'clerk' },
  correlationId: 'bench',
  causationId: null,
});

/** An import: per run of 500 items, every item drafted, then every item published. */
async function fill(store: SqliteEventStore): Promise<number> {
  let events = 0;
  for (let start = 0; start < ITEMS; start += RUN) {
    const ids = Array.from({ length: Math.min(RUN, ITEMS - start) }, (_, i) => start + i);
    for (const n of ids) {
      await store.append(
        `catalogue.item-B${n}`,
        [event('catalogue.ItemDrafted', { itemId: `B${n}`, unitId: `U${n % 60}`, content: content(n) })],
        -1,
      );
    }
    for (const n of ids) {
      const published = { itemId: `B${n}`, unitId: `U${n % 60}`, version: 1, domainCode: 'budget', guidelineItemCode: null };
      await store.append(
        `catalogue.item-B${n}`,
        [event('catalogue.ItemPublished', { ...published, publishedAt: '2026-03-02T01:00:00.000Z', content: content(n) })],
        0,
      );
    }
    events += ids.length * 2;
  }
  return events;
}

/** The live consumer path over the whole store, `perBatch` events at a time (stops after `limit`). */
async function catchUp(
  store: SqliteEventStore,
  url: string,
  perBatch: number,
  limit = Infinity,
  scanEveryBatch = false,
): Promise<{ events: number; ns: bigint }> {
  const target = await temporaryDatabase(url, 'bench');
  try {
    const platform = new PlatformCollections(target.connection);
    const consumer = new EventConsumer(new InProcessEventBus(), platform, createLogger('bench', 'silent'));
    const projection = new CatalogueItemsProjection(target.connection);
    let events = 0;
    const ns = await timeNs(async () => {
      for await (const batch of readAllInBatches(store, 0, 1000)) {
        for (let at = 0; at < batch.length && events < limit; at += perBatch) {
          const slice = batch.slice(at, Math.min(at + perBatch, at + limit - events));
          const messages = slice.map((e) => ({
            topic: topicOf('catalogue', 'bench'),
            partition: 0,
            offset: String(e.globalPosition),
            key: e.streamId,
            value: e,
          }));
          // The path before the known-ids hint: every batch scans the collection once (then for its `$in`).
          if (scanEveryBatch) forgetKnownIds(databaseOf(target.connection).collection('items'));
          await consumer.processBatch('bench.catalogue', [projection], messages);
          events += slice.length;
        }
        if (events >= limit) break;
      }
    });
    return { events, ns };
  } finally {
    await target.dispose();
  }
}

/** Unordered `insertMany` of 1000 at a time into a fresh collection (with the items read model's indexes, or none). */
async function rawInsertMany(url: string, documents: Record<string, unknown>[], indexed: boolean): Promise<bigint> {
  const raw = await temporaryDatabase(url, 'bench');
  try {
    const items = databaseOf(raw.connection).collection('items');
    if (indexed) await new CatalogueItemsProjection(raw.connection).ensureIndexes();
    return await timeNs(async () => {
      for (let at = 0; at < documents.length; at += 1000) await items.insertMany(documents.slice(at, at + 1000), { ordered: false });
    });
  } finally {
    await raw.dispose();
  }
}

export const bench: Bench = {
  title: 'Projections: catch-up and rebuild against raw insertMany (FerretDB)',
  async run() {
    const url = process.env['MONGODB_URL'];
    if (!url) return { tables: [], notes: ['skipped: MONGODB_URL is not set (start FerretDB with tools/local-infra/up.sh)'] };
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-projection-'));
    const store = new SqliteEventStore(join(dir, 'events.db'));
    try {
      progress(`projection: appending ${ITEMS} items × 2 events`);
      const events = await fill(store);

      progress('projection: rebuild --apply');
      settle();
      const apply = await temporaryDatabase(url, 'bench');
      let documents: Record<string, unknown>[] = [];
      let rebuildNs = 0n;
      try {
        const platform = new PlatformCollections(apply.connection);
        rebuildNs = await timeNs(async () => {
          await rebuildProjection(store, new CatalogueItemsProjection(apply.connection), apply.connection, platform);
        });
        documents = await databaseOf(apply.connection).collection('items').find({}).toArray();
      } finally {
        await apply.dispose();
      }

      progress(`projection: raw insertMany of the same ${documents.length} documents`);
      settle();
      const rawNs = await rawInsertMany(url, documents, false);
      progress("projection: raw insertMany into a collection with the read model's indexes");
      settle();
      const rawIndexedNs = await rawInsertMany(url, documents, true);

      progress('projection: catch-up through the consumer, batches of 1000');
      settle();
      const batched = await catchUp(store, url, 1000);
      progress('projection: catch-up, batches of 1000, the ids scanned every batch (as before the hint)');
      settle();
      const scanning = await catchUp(store, url, 1000, Infinity, true);
      progress(`projection: catch-up one event at a time (first ${ONE_AT_A_TIME} events)`);
      settle();
      const single = await catchUp(store, url, 1, ONE_AT_A_TIME);

      const rawPerEvent = perSecond(events, rawNs); // the documents of all the events, written raw: events/s equivalent
      const rawIndexedPerEvent = perSecond(events, rawIndexedNs);
      const rows: [string, number, bigint][] = [
        ['raw insertMany (limit)', events, rawNs],
        ['raw insertMany, with the indexes', events, rawIndexedNs],
        ['rebuild --apply', events, rebuildNs],
        ['catch-up, batches of 1000', batched.events, batched.ns],
        ['catch-up, batches of 1000, a scan per batch (before)', scanning.events, scanning.ns],
        ['catch-up, one event at a time', single.events, single.ns],
      ];
      return {
        tables: [
          {
            columns: ['path', 'events', 'documents', 'seconds', 'events/s', 'vs raw insertMany', 'vs raw, with the indexes'],
            alignRight: [1, 2, 3, 4, 5, 6],
            rows: rows.map(([path, count, ns]) => [
              path,
              count.toLocaleString('en-US'),
              path.startsWith('catch-up, one') ? '—' : documents.length.toLocaleString('en-US'),
              (Number(ns) / 1e9).toFixed(2),
              formatRate(perSecond(count, ns)),
              formatRatio(perSecond(count, ns), rawPerEvent),
              formatRatio(perSecond(count, ns), rawIndexedPerEvent),
            ]),
          },
        ],
        notes: [
          `Workload: ${ITEMS.toLocaleString('en-US')} catalogue items drafted then published (${events.toLocaleString('en-US')} events) in runs of ${RUN}; raw insertMany writes the ${documents.length.toLocaleString('en-US')} finished documents, and its events/s is ${events.toLocaleString('en-US')} divided by its time.`,
          "The indexed raw row writes into a collection with the items read model's indexes (unit, domain, search tokens), as both projection paths do.",
          'Targets (issue 17): rebuild and catch-up >= 2,000 events/s and >= 0.5x raw insertMany.',
        ],
      };
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/**
 * The portal's catalogue reads at district scale (issue 17 item 3, ADR 0015): 60 units × 300
 * published items on FerretDB (MONGODB_URL), read as the portal reads them before and after the
 * summary documents, in the same run:
 * - before (the peer): the items read model filtered on `unitId` / `domainCode, status`, which
 *   FerretDB 1.24 answers by decoding every item document (ADR 0011);
 * - after: one `_id` read of the unit's or the domain's summary (`CatalogueItemSummariesProjection`).
 * The item documents are built with the projection's own transform and bulk-inserted (as the
 * search bench does); the summaries are projected from the same items' publication events through
 * the projection itself (batches of 1000, timed: what a rebuild of the summaries costs, beside the
 * items read model projecting the same items' events in the same run).
 * A "second instance" is a new connection and projection object that never saw an event: its
 * first read is timed on its own (no warm-up exists to pay).
 * Scale with BENCH_SCALE (items per unit); BENCH_READS (default 20) reads per row after, 3 before.
 */
import mongoose from 'mongoose';
import { PILOT_DOMAINS, type EventEnvelope } from '../../libs/contracts/src';
import { CatalogueItemSummariesProjection } from '../../libs/catalogue/src/read-models/item-summaries.projection';
import { CatalogueItemsProjection } from '../../libs/catalogue/src/read-models/items.projection';
import { publishedItemDocuments, publishedItemEvents } from './catalogue-search.bench';
import { progress, quantile, settle, type Bench, type BenchOutput } from './harness';

const SCALE = Number(process.env['BENCH_SCALE'] ?? '1');
const UNITS = 60;
const ITEMS_PER_UNIT = Math.max(10, Math.round(300 * SCALE));
const READS = Number(process.env['BENCH_READS'] ?? '20');
const READS_BEFORE = 3;
const BATCH = 1000;

async function timed(times: number, read: (i: number) => Promise<number>): Promise<{ ms: number[]; rows: number }> {
  const ms: number[] = [];
  let rows = 0;
  for (let i = 0; i < times; i += 1) {
    const start = process.hrtime.bigint();
    rows += await read(i);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: ms.sort((a, b) => a - b), rows: rows / times };
}

export const bench: Bench = {
  title: `portal catalogue reads, ${UNITS} units × ${ITEMS_PER_UNIT} items: items scan vs summary documents (FerretDB)`,
  async run(): Promise<BenchOutput> {
    const url = process.env['MONGODB_URL'];
    if (!url) throw new Error('MONGODB_URL must point at FerretDB (tools/local-infra/up.sh)');
    const dbName = `bench-portal-reads-${Date.now().toString(36)}`;
    const connection = await mongoose.createConnection(url, { dbName, maxPoolSize: 5 }).asPromise();
    try {
      const items = connection.collection('items');
      progress(`inserting ${UNITS * ITEMS_PER_UNIT} item documents`);
      for (let unit = 0; unit < UNITS; unit += 1) await items.insertMany(publishedItemDocuments(unit, ITEMS_PER_UNIT) as never[]);

      const summaries = new CatalogueItemSummariesProjection(connection);
      const events: EventEnvelope[] = [];
      for (let unit = 0; unit < UNITS; unit += 1) for (const item of publishedItemEvents(unit, ITEMS_PER_UNIT)) events.push(...item.events);
      const publications = events.filter((e) => e.type === 'catalogue.ItemPublished');
      progress(`projecting ${publications.length} publications into the summaries, batches of ${BATCH}`);
      const projectStart = process.hrtime.bigint();
      for (let at = 0; at < publications.length; at += BATCH) await summaries.handleBatch(publications.slice(at, at + BATCH));
      const projectS = Number(process.hrtime.bigint() - projectStart) / 1e9;
      progress(`the peer: the same items drafted and published (${events.length} events) into the items read model, batches of ${BATCH}`);
      const peerItems = new CatalogueItemsProjection(connection.useDb(`${dbName}-items-peer`));
      const peerStart = process.hrtime.bigint();
      for (let at = 0; at < events.length; at += BATCH) await peerItems.handleBatch(events.slice(at, at + BATCH));
      const peerS = Number(process.hrtime.bigint() - peerStart) / 1e9;
      await connection.useDb(`${dbName}-items-peer`).dropDatabase();
      settle();

      const unitId = (i: number) => `TEZ-U${(i * 7) % UNITS}`;
      const domain = (i: number) => PILOT_DOMAINS[(i * 5) % PILOT_DOMAINS.length].code;
      progress('timing the reads before (items scan) and after (summaries)');
      const rows: { name: string; result: { ms: number[]; rows: number } }[] = [];
      rows.push({
        name: "a unit's catalogue, before: items.find({unitId}) (peer)",
        result: await timed(
          READS_BEFORE,
          async (i) => (await items.find({ unitId: unitId(i) }).toArray()).filter((d) => d.status === 'published').length,
        ),
      });
      rows.push({
        name: "a unit's catalogue, after: its summary by _id",
        result: await timed(READS, async (i) => (await summaries.publishedOfUnit(unitId(i))).length),
      });
      rows.push({
        name: "a domain's catalogue, before: items.find({domainCode, status}) (peer)",
        result: await timed(READS_BEFORE, async (i) => (await items.find({ domainCode: domain(i), status: 'published' }).toArray()).length),
      });
      rows.push({
        name: "a domain's catalogue, after: its summary by _id",
        result: await timed(READS, async (i) => (await summaries.publishedInDomain(domain(i))).length),
      });
      rows.push({
        name: "a unit's milestone facts, after: its summary by _id",
        result: await timed(READS, async (i) => (await summaries.factsOfUnit(unitId(i))).length),
      });
      const other = await mongoose.createConnection(url, { dbName, maxPoolSize: 5 }).asPromise();
      try {
        const second = new CatalogueItemSummariesProjection(other);
        rows.push({
          name: "second instance (never saw an event): first read of a unit's catalogue",
          result: await timed(1, async () => (await second.publishedOfUnit(unitId(3))).length),
        });
      } finally {
        await other.close();
      }
      const summaryBytes = async (name: string) =>
        (await connection.collection(name).find({}).toArray()).reduce((sum, d) => sum + Buffer.byteLength(JSON.stringify(d)), 0);
      return {
        tables: [
          {
            columns: ['projection (batches of 1000)', 'events', 'seconds', 'events/s'],
            rows: [
              ['items read model, drafted + published (peer)', String(events.length), peerS.toFixed(1), (events.length / peerS).toFixed(0)],
              [
                'summaries (unit + domain), published',
                String(publications.length),
                projectS.toFixed(1),
                (publications.length / projectS).toFixed(0),
              ],
            ],
            alignRight: [1, 2, 3],
          },
          {
            columns: ['read', 'reads', 'items per read', 'p50 ms', 'max ms'],
            rows: rows.map(({ name, result }) => [
              name,
              String(result.ms.length),
              result.rows.toFixed(0),
              quantile(result.ms, 0.5).toFixed(1),
              result.ms[result.ms.length - 1].toFixed(1),
            ]),
            alignRight: [1, 2, 3, 4],
          },
        ],
        notes: [
          `Summary sizes (JSON): units ${(await summaryBytes('unit_catalogues')) / 1e6} MB in ${UNITS} documents, domains ${(await summaryBytes('domain_catalogues')) / 1e6} MB.`,
        ],
      };
    } finally {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    }
  },
};

/**
 * Peak RSS of the standalone with ten years of a 60-unit district (issue 17), beside the 512 MB
 * budget of the small district VM. Loaded before the process starts:
 * - the catalogue through the event store: 60 units × 300 items, each drafted then published
 *   (the standalone projects them itself at start, so its catch-up is inside the peak);
 * - the request register (10 years × 60 units × 20 requests) and the public documents (5,000 with
 *   their texts, about 1,500 characters each) as their read models hold them (the builders of
 *   request-register.bench.ts and document-search.bench.ts), bulk-inserted;
 * then the units are registered through the API, and a portal and staff mix runs (20 clients) over every in-process index: units, a unit's catalogue, the item search, the
 * document search and a unit's register. The peak is VmHWM from /proc.
 * The standalone runs as `npm start` and the image run it: compiled to JavaScript, with the heap
 * limit of `npm start` (HEAP_LIMIT_MB, docs/operations.md §19; BENCH_HEAP_LIMIT_MB overrides it).
 * Its peer, measured in the same run: the same process started without any data.
 * BENCH_SCALE scales items, requests and documents (default 1).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import { isolatedEnv, removeIsolatedEnv, startNodeService, tokenFor, type ServiceProcess } from '@gongkai/platform/testing';
import { SqliteEventStore } from '../../libs/platform/src/event-sourcing/sqlite-event-store';
import { indexTokens } from '../../libs/platform/src/search/tokenize';
import { textOf, viewOf } from './document-search.bench';
import { formatRate, kilobytes, progress, sleep, type Bench } from './harness';
import { content, event } from './projection.bench';
import { PER_UNIT_YEAR, requestDocument } from './request-register.bench';

const SCALE = Number(process.env['BENCH_SCALE'] ?? '1');
const UNITS = 60;
const YEARS = 10;
const ITEMS_PER_UNIT = Math.max(10, Math.round(300 * SCALE));
const DOCUMENTS = Math.max(100, Math.round(5000 * SCALE));
const SECONDS = Math.max(5, Math.round(20 * SCALE));
const BUDGET_MB = 512;

const unitId = (unit: number) => `TEZ-U${String(unit).padStart(2, '0')}`;

const CLIENTS = 20;
const root = resolve(__dirname, '../..');

/** The heap limit `npm start` gives the standalone (tools/start-standalone.sh), unless the bench is told another. */
function heapLimitMb(): number {
  const script = readFileSync(join(root, 'tools/start-standalone.sh'), 'utf8');
  const fromScript = /HEAP_LIMIT_MB:-(\d+)/.exec(script)?.[1];
  return Number(process.env['BENCH_HEAP_LIMIT_MB'] ?? fromScript);
}

/** The standalone compiled (infra/build/compile.js, as `npm start` and the image) and started with the heap limit. */
function startCompiled(dist: string, env: Record<string, string>, heapMb: number): Promise<ServiceProcess> {
  return startNodeService({
    name: 'standalone',
    args: ['--enable-source-maps', `--max-old-space-size=${heapMb}`, join(dist, 'apps/standalone/src/main.js')],
    env,
    readyTimeoutMs: 180000,
  });
}

const statusOf = (app: ServiceProcess) => readFileSync(`/proc/${app.process.pid}/status`, 'utf8');

/** The peer: the same standalone with no data, after it is ready and has answered each read once. */
async function emptyPeak(dist: string, heapMb: number, nodeOptions: string): Promise<number> {
  const env = isolatedEnv({ LOG_LEVEL: 'warn', NODE_OPTIONS: nodeOptions });
  const app = await startCompiled(dist, env, heapMb);
  try {
    for (const path of ['/api/catalogue/units', `/api/catalogue/portal/search?q=${encodeURIComponent('预算')}`, '/health/ready'])
      await (await fetch(`${app.url}${path}`)).arrayBuffer();
    await sleep(3000);
    return kilobytes(statusOf(app), 'VmHWM') / 1024;
  } finally {
    await Promise.race([app.stop(), sleep(60_000).then(() => app.kill())]);
    await removeIsolatedEnv(env);
  }
}

/** `CLIENTS` clients asking the paths in turn for `seconds` (each request bounded by 30 s). */
async function loop(base: string, requests: { path: string; headers?: Record<string, string> }[], seconds: number) {
  const end = performance.now() + seconds * 1000;
  let answered = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let n = client; performance.now() < end; n += 1) {
        const { path, headers } = requests[n % requests.length];
        try {
          const res = await fetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(30_000) });
          await res.arrayBuffer();
          if (res.ok) answered += 1;
          else failed += 1;
        } catch {
          failed += 1;
        }
      }
    }),
  );
  return { answered, failed };
}

/** The catalogue of every unit, appended as the item commands append it. */
async function seedCatalogue(file: string): Promise<number> {
  const store = new SqliteEventStore(file);
  try {
    for (let unit = 0; unit < UNITS; unit += 1) {
      for (let i = 0; i < ITEMS_PER_UNIT; i += 1) {
        const n = unit * ITEMS_PER_UNIT + i;
        const itemId = `D${n}`;
        const facts = { itemId, unitId: unitId(unit) };
        await store.append(`catalogue.item-${itemId}`, [event('catalogue.ItemDrafted', { ...facts, content: content(n) })], -1);
        const published = { ...facts, version: 1, domainCode: 'budget', guidelineItemCode: null, publishedAt: '2026-03-02T01:00:00.000Z' };
        await store.append(`catalogue.item-${itemId}`, [event('catalogue.ItemPublished', { ...published, content: content(n) })], 0);
      }
    }
    return await store.headPosition();
  } finally {
    await store.close();
  }
}

/** The register and the public documents, as their read models hold them. */
async function seedReadModels(url: string, prefix: string): Promise<{ requests: number; documents: number }> {
  const mongo = await new MongoClient(url).connect();
  try {
    const requests = mongo.db(`${prefix}-requests`).collection('requests');
    let requestCount = 0;
    for (let unit = 0; unit < UNITS; unit += 1) {
      const docs = [];
      for (let year = 2017; year < 2017 + YEARS; year += 1)
        for (let i = 0; i < PER_UNIT_YEAR; i += 1) docs.push(requestDocument(unit, year, i));
      await requests.insertMany(docs as never[]);
      requestCount += docs.length;
    }
    const database = mongo.db(`${prefix}-document-attributes`);
    for (let start = 0; start < DOCUMENTS; start += 500) {
      const views = [];
      const texts = [];
      for (let n = start; n < Math.min(DOCUMENTS, start + 500); n += 1) {
        const text = textOf(n);
        const view = viewOf(n, text);
        views.push({ ...view, _id: view.documentId, _applied: {}, _version: 1 });
        texts.push({ _id: view.body?.sha256, text, extracted: true, tokens: indexTokens(text) }); // as the texts projection stores it
      }
      await database.collection('documents').insertMany(views as never[]);
      await database
        .collection('document_texts')
        .insertMany(texts as never[], { ordered: false })
        .catch(() => undefined); // equal texts share an id
    }
    return { requests: requestCount, documents: DOCUMENTS };
  } finally {
    await mongo.close();
  }
}

export const bench: Bench = {
  title: `standalone shape: peak RSS with ten years of a ${UNITS}-unit district`,
  async run() {
    const url = process.env['MONGODB_URL'];
    if (!url) return { tables: [], notes: ['skipped: MONGODB_URL is not set'] };
    // The heap limit `npm start` sets (HEAP_LIMIT_MB); without one, V8 on a large machine collects
    // late and the peak says more about the machine than the app. Extra flags (a probe): BENCH_STANDALONE_NODE_OPTIONS.
    const heapMb = heapLimitMb();
    const nodeOptions = process.env['BENCH_STANDALONE_NODE_OPTIONS'] ?? '';
    const dist = join(root, 'tmp', `bench-dist-${process.pid}`);
    progress('district-memory: compiling the standalone (infra/build/compile.js)');
    execFileSync(process.execPath, [join(root, 'infra/build/compile.js'), dist], { stdio: 'ignore' });
    progress('district-memory: the peer, the standalone without data');
    const emptyMb = await emptyPeak(dist, heapMb, nodeOptions);
    const env = isolatedEnv({ LOG_LEVEL: 'warn', NODE_OPTIONS: nodeOptions });
    const storeFile = env['EVENT_STORE_URL'].replace(/^sqlite:/, '');
    progress(`district-memory: appending ${UNITS} × ${ITEMS_PER_UNIT} catalogue items (drafted, published) to the event store`);
    const head = await seedCatalogue(storeFile);
    progress('district-memory: inserting the register and the public documents');
    const seeded = await seedReadModels(url, env['MONGODB_DB_PREFIX']);
    progress('district-memory: starting the standalone');
    const app = await startCompiled(dist, env, heapMb);
    const peak = () => kilobytes(statusOf(app), 'VmHWM') / 1024;
    const now = () => kilobytes(statusOf(app), 'VmRSS') / 1024;
    const mongo = await new MongoClient(url).connect();
    try {
      const office = await tokenFor('district_office');
      for (let unit = 0; unit < UNITS; unit += 1) {
        const res = await fetch(`${app.url}/api/catalogue/units`, {
          method: 'POST',
          headers: { authorization: `Bearer ${office}`, 'content-type': 'application/json' },
          body: JSON.stringify({ unitId: unitId(unit), name: `第${unit}号单位`, level: '乡级', kind: 'town' }),
        });
        if (res.status !== 201) throw new Error(`unit ${unitId(unit)}: ${res.status} ${await res.text()}`);
      }
      progress('district-memory: waiting for the catalogue items read model to reach the store head');
      const checkpoints = mongo.db(`${env['MONGODB_DB_PREFIX']}-platform`).collection('checkpoints');
      const started = performance.now();
      for (;;) {
        const saved = (await checkpoints.findOne({ _id: { $regex: ':catalogue\\.items$' } } as never)) as { position?: number } | null;
        if ((saved?.position ?? 0) >= head) break;
        if (performance.now() - started > 1_800_000) throw new Error('the catalogue did not catch up within 30 min');
        await sleep(1000);
      }
      const catchUpSeconds = (performance.now() - started) / 1000;
      const afterCatchUp = peak();
      progress(`district-memory: caught up in ${catchUpSeconds.toFixed(0)} s, peak RSS so far ${afterCatchUp.toFixed(1)} MB`);
      const reader = await tokenFor('district_office', unitId(3));
      const requests = [
        { path: '/api/catalogue/units' },
        { path: `/api/catalogue/portal/units/${unitId(7)}/items` },
        { path: `/api/catalogue/portal/search?q=${encodeURIComponent('预算')}` },
        { path: `/api/document-attributes/public/search?q=${encodeURIComponent('低保')}` },
        { path: `/api/requests?unitId=${unitId(3)}`, headers: { authorization: `Bearer ${reader}` } },
      ];
      // First use of each read loads its in-process index (ADR 0006): once, one at a time, before the mix.
      progress('district-memory: each read once (loads the in-process indexes)');
      const firstUse: string[] = [];
      for (const { path, headers } of requests) {
        const sent = performance.now();
        const took = () => `${((performance.now() - sent) / 1000).toFixed(1)} s`;
        try {
          const res = await fetch(`${app.url}${path}`, { headers, signal: AbortSignal.timeout(600_000) });
          await res.arrayBuffer();
          firstUse.push(`${path.split('?')[0]} ${res.status} in ${took()}`);
        } catch (error) {
          // Node's fetch gives up on an answer whose headers take more than 300 s.
          firstUse.push(`${path.split('?')[0]} no answer (${(error as Error).message}) after ${took()}`);
        }
        progress(`district-memory: ${firstUse.at(-1)}, peak RSS so far ${peak().toFixed(1)} MB`);
      }
      progress(`district-memory: the mix for ${SECONDS} s, ${CLIENTS} clients`);
      const mix = await loop(app.url, requests, SECONDS);
      const peakMb = peak();
      return {
        tables: [
          {
            columns: ['standalone with', 'peak RSS (MB)', 'RSS now (MB)', 'budget (MB)'],
            rows: [
              ['no data (the peer: the same process, each read once)', emptyMb.toFixed(1), '—', String(BUDGET_MB)],
              [`the catalogue projected at start (${catchUpSeconds.toFixed(0)} s)`, afterCatchUp.toFixed(1), '—', String(BUDGET_MB)],
              [
                `… then the mix: ${mix.answered} answers (${formatRate(mix.answered / SECONDS)}/s), ${mix.failed} errors or timeouts`,
                peakMb.toFixed(1),
                now().toFixed(1),
                String(BUDGET_MB),
              ],
            ],
            alignRight: [1, 2, 3],
          },
        ],
        notes: [
          `First use (one at a time): ${firstUse.join('; ')}.`,
          `Standalone: compiled, node --enable-source-maps --max-old-space-size=${heapMb}${nodeOptions ? ` (NODE_OPTIONS ${nodeOptions})` : ''}; the data adds ${(peakMb - emptyMb).toFixed(1)} MB to the peer's peak.`,
          `Data: ${UNITS} units; ${(UNITS * ITEMS_PER_UNIT).toLocaleString('en-US')} catalogue items (${head.toLocaleString('en-US')} events in the store); ${seeded.requests.toLocaleString('en-US')} requests (${YEARS} years); ${seeded.documents.toLocaleString('en-US')} public documents with their texts.`,
          `verdict: peak RSS ${peakMb.toFixed(1)} MB is ${peakMb < BUDGET_MB ? 'UNDER' : 'OVER'} the ${BUDGET_MB} MB budget.`,
        ],
      };
    } finally {
      await mongo.close();
      // Shutdown waits for each consumer's batch in hand, which can take minutes while a process
      // manager works through a backlog one message at a time: bounded here.
      await Promise.race([app.stop(), sleep(60_000).then(() => app.kill())]);
      await removeIsolatedEnv(env);
      rmSync(dist, { recursive: true, force: true });
    }
  },
};

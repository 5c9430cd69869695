/**
 * What people feel (issue 17): the standalone as its own process with the demo data, under load from
 * `autocannon` in this process.
 * - floor:      GET /health/live, a constant answer through the same framework (guards, logging):
 *               the most this process serves here, the peer of every mix;
 * - portal mix: the home page's unit list, a unit's catalogue, a document page and a search, in turn;
 * - staff mix:  a unit's request register, a case, and a command (registering a letter's request);
 * each at 50 and 200 connections: requests/s, p50/p99 latency, errors (non-2xx, timeouts).
 * Then read-your-writes lag: from a command's answer (ETag = the stream's revision) to the case view
 * answering with that revision, one command after another, idle and under the portal mix at 200
 * connections. BENCH_SCALE scales the seconds per run (default 1: 10 s) and the lag samples (40).
 */
import { isolatedEnv, startServiceProcess, tokenFor, type ServiceProcess } from '@gongkai/platform/testing';
import { formatRate, progress, settle, sleep, type Bench, type Table } from './harness';

/** The part of autocannon's API used here (the package ships no types). */
export interface AutocannonRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: AutocannonRequest[];
  timeout?: number;
}) => Promise<AutocannonResult>;
export const autocannon = require('autocannon') as Autocannon;

const SCALE = Number(process.env['BENCH_SCALE'] ?? '1');
const SECONDS = Math.max(3, Math.round(10 * SCALE));
const LAG_SAMPLES = Math.max(10, Math.round(40 * SCALE));
const UNIT = 'TEZ-GOV-OFFICE';

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** Polls `probe` until it returns a value; fails after `ms`. */
async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(500);
  }
  throw new Error(`timed out waiting for ${what}`);
}

let sequence = 0;
/** A letter's request for `unitId`, registered by its clerk (each with its own phone number). */
export const registration = (unitId = UNIT) =>
  JSON.stringify({
    unitId,
    channel: 'registered_post',
    receivedOn: '2026-12-07',
    applicant: { type: '自然人', name: '孙丽', phone: String(13900000000 + (sequence += 1)) },
    description: '申请公开本单位2025年度部门预算执行情况。',
    preferredForm: '电子',
    delivery: '电子邮件',
  });

/** From a command's answer to the case view showing its revision, in ms. */
export async function lag(app: Pick<ServiceProcess, 'url'>, clerk: string, reader: string, unitId = UNIT): Promise<number> {
  const answer = await fetch(`${app.url}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` },
    body: registration(unitId),
  });
  if (answer.status !== 201) throw new Error(`register answered ${answer.status}: ${await answer.text()}`);
  const answered = performance.now();
  const { requestId } = (await answer.json()) as { requestId: string };
  const revision = Number(JSON.parse(answer.headers.get('etag') ?? '"0"'));
  for (;;) {
    const view = await fetch(`${app.url}/api/requests/${requestId}`, { headers: { authorization: `Bearer ${reader}` } });
    await view.arrayBuffer();
    if (view.status === 200 && Number(JSON.parse(view.headers.get('etag') ?? '"-1"')) >= revision) return performance.now() - answered;
    if (performance.now() - answered > 120_000) throw new Error(`request ${requestId} not in its view after 120 s`);
    await sleep(2);
  }
}

async function lags(app: ServiceProcess, clerk: string, reader: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < LAG_SAMPLES; i += 1) samples.push(await lag(app, clerk, reader));
  return samples;
}

export const bench: Bench = {
  title: 'HTTP load and read-your-writes lag: the standalone with the demo data (autocannon)',
  async run() {
    if (!process.env['MONGODB_URL']) return { tables: [], notes: ['skipped: MONGODB_URL is not set'] };
    const env = isolatedEnv({ GONGKAI_DEMO_DATA: 'true', LOG_LEVEL: 'warn' });
    progress('http-load: starting the standalone with demo data');
    const app = await startServiceProcess('standalone', env, 180000);
    try {
      const clerk = await tokenFor('clerk', UNIT);
      const reader = await tokenFor('district_office', UNIT);
      const get = async <T>(path: string, token?: string): Promise<T | undefined> => {
        const res = await fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
        return res.status === 200 ? ((await res.json()) as T) : undefined;
      };
      progress('http-load: waiting for the demo data in the read models');
      const unit = await waitFor(
        async () => {
          for (const { unitId } of (await get<{ unitId: string }[]>('/api/catalogue/units')) ?? []) {
            const catalogue = await get<{ items: unknown[] }>(`/api/catalogue/portal/units/${unitId}/items`);
            if (catalogue && catalogue.items.length > 0) return unitId;
          }
          return undefined;
        },
        240_000,
        'a unit with published catalogue items',
      );
      const documentId = await waitFor(
        async () =>
          (await get<{ documents: { documentId: string }[] }>('/api/document-attributes/public/documents'))?.documents[0]?.documentId,
        240_000,
        'a public document',
      );
      // A case of the unit, registered once the requests service knows the unit (UNIT_UNKNOWN until then).
      await waitFor(
        async () => {
          const res = await fetch(`${app.url}/api/requests`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` },
            body: registration(),
          });
          await res.arrayBuffer();
          return res.status === 201 ? true : undefined;
        },
        240_000,
        'the requests service to know the unit',
      );
      const requestId = await waitFor(
        async () => (await get<{ requestId: string }[]>(`/api/requests?unitId=${UNIT}`, reader))?.[0]?.requestId,
        240_000,
        'a case in the register',
      );

      const portal: AutocannonRequest[] = [
        { path: '/api/catalogue/units' },
        { path: `/api/catalogue/portal/units/${encodeURIComponent(unit)}/items` },
        { path: `/api/document-attributes/public/documents/${encodeURIComponent(documentId)}` },
        { path: `/api/catalogue/portal/search?q=${encodeURIComponent('预算')}` },
      ];
      const staff: AutocannonRequest[] = [
        { path: `/api/requests?unitId=${UNIT}`, headers: { authorization: `Bearer ${reader}` } },
        { path: `/api/requests/${requestId}`, headers: { authorization: `Bearer ${reader}` } },
        {
          method: 'POST',
          path: '/api/requests',
          headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
          body: registration(),
        },
      ];
      const mixes: [string, AutocannonRequest[]][] = [
        ['floor: GET /health/live', [{ path: '/health/live' }]],
        ['portal mix (home, catalogue, document, search)', portal],
        ['staff mix (register, case, command)', staff],
      ];
      const load: string[][] = [];
      const floors = new Map<number, number>();
      for (const connections of [50, 200]) {
        for (const [name, requests] of mixes) {
          progress(`http-load: ${name}, ${connections} connections, ${SECONDS} s`);
          settle();
          const result = await autocannon({ url: app.url, connections, duration: SECONDS, requests, timeout: 30 });
          if (name.startsWith('floor')) floors.set(connections, result.requests.average);
          const floor = floors.get(connections) ?? NaN;
          load.push([
            name,
            String(connections),
            formatRate(result.requests.average),
            `${((result.requests.average / floor) * 100).toFixed(0)}%`,
            String(result.latency.p50),
            String(result.latency.p99),
            name.startsWith('portal') ? '100' : name.startsWith('staff') ? '200' : '—',
            String(result.errors + result.non2xx),
          ]);
        }
      }

      progress(`http-load: read-your-writes lag, ${LAG_SAMPLES} commands, idle`);
      const idle = await lags(app, clerk, reader);
      progress(`http-load: read-your-writes lag, ${LAG_SAMPLES} commands, under the portal mix at 200 connections`);
      const background = autocannon({ url: app.url, connections: 200, duration: 3600, requests: portal, timeout: 30 });
      let loaded: number[] = [];
      try {
        await sleep(1000);
        loaded = await lags(app, clerk, reader);
      } finally {
        (background as unknown as { stop?: () => void }).stop?.();
        await background.catch(() => undefined);
      }
      const lagRow = (name: string, samples: number[], target: string) => [
        name,
        String(samples.length),
        percentile(samples, 50).toFixed(0),
        percentile(samples, 99).toFixed(0),
        target,
      ];
      const tables: Table[] = [
        {
          columns: ['mix', 'connections', 'requests/s', 'of the floor', 'p50 ms', 'p99 ms', 'p99 target ms', 'errors'],
          rows: load,
          alignRight: [1, 2, 3, 4, 5, 6, 7],
        },
        {
          columns: ['read-your-writes lag (standalone)', 'commands', 'p50 ms', 'p99 ms', 'p99 target ms'],
          rows: [lagRow('idle', idle, '300'), lagRow('under the portal mix, 200 connections', loaded, '1000')],
          alignRight: [1, 2, 3, 4],
        },
      ];
      return {
        tables,
        notes: [
          `${SECONDS} s per run; autocannon runs in the bench process on the same 2 cores as the standalone and FerretDB, so every figure includes the load generator's own CPU (the floor shows how much).`,
          'Lag: one command at a time; the view is polled every 2 ms; p99 of this few commands is close to their maximum.',
          'The distributed shape (Kafka) is not measured here.',
        ],
      };
    } finally {
      await app.stop();
    }
  },
};

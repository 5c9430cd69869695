import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { MongoClient, type Document } from 'mongodb';
import { SHAPE_SERVICES } from '@gongkai/platform';
import { eventually, tokenFor } from '@gongkai/platform/testing';

/** What the fault drills share: the audit CLI as a process, the store, the read models, the counts. */
export const root = resolve(__dirname, '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a shell command line from the repository root (as an operator would type it), with `env`. */
export function shell(commandLine: string, env: Record<string, string>, timeoutMs = 240000): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', commandLine], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', fail);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** The audit CLI from source, as `npm run audit -- <args>` runs it. */
export function auditCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const quoted = args.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  return shell(`node -r @swc-node/register apps/audit-cli/src/main.ts ${quoted}`, {
    ...env,
    SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'),
  });
}

/** The event ids and streams in a SQLite store file right now (read-only, beside the running app). */
export function storeContents(eventStoreUrl: string): {
  events: number;
  eventIds: Set<string>;
  perStream: Map<string, number>;
  /** The ids of the events in streams whose id starts with `prefix`. */
  eventIdsIn(prefix: string): string[];
} {
  const db = new Database(eventStoreUrl.replace(/^sqlite:/, ''), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT event_id, stream_id FROM events').all() as { event_id: string; stream_id: string }[];
    const perStream = new Map<string, number>();
    for (const row of rows) perStream.set(row.stream_id, (perStream.get(row.stream_id) ?? 0) + 1);
    return {
      events: rows.length,
      eventIds: new Set(rows.map((r) => r.event_id)),
      perStream,
      eventIdsIn: (prefix) => rows.filter((r) => r.stream_id.startsWith(prefix)).map((r) => r.event_id),
    };
  } finally {
    db.close();
  }
}

export async function call(baseUrl: string, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** Registers one unit (a catalogue command every other service's read models consume). */
export async function registerUnit(baseUrl: string, unitId: string, n: number) {
  return call(baseUrl, 'POST', '/api/catalogue/units', await tokenFor('district_office'), {
    unitId,
    name: `演练单位${n}`,
    level: n % 2 === 0 ? '乡级' : '县级',
    kind: n % 2 === 0 ? 'town' : 'department',
  });
}

/** Σ `gongkai_events_applied_total` of one process (per handler too), from its /metrics. */
export async function appliedByHandler(baseUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const applied: Record<string, number> = {};
  for (const match of text.matchAll(/^gongkai_events_applied_total\{[^}]*handler="([^"]+)"[^}]*\} (\d+)/gm)) {
    applied[match[1]] = (applied[match[1]] ?? 0) + Number(match[2]);
  }
  return applied;
}

export const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

/** The processed-event inbox of an installation: entries per handler (one per handler and event id). */
export async function inboxByHandler(mongo: MongoClient, prefix: string): Promise<Record<string, number>> {
  const rows = await mongo
    .db(`${prefix}-platform`)
    .collection('processed_events')
    .aggregate<{ _id: string; n: number }>([{ $group: { _id: '$handler', n: { $sum: 1 } } }])
    .toArray();
  return Object.fromEntries(rows.map((r) => [r._id, r.n]));
}

export type Snapshot = Record<string, Document[]>;

/**
 * Fields a replay legitimately writes differently: the optimistic-concurrency counter `_version`
 * (it counts writes) and the projections' declared `bookkeepingFields` (assessment facts' `projectedAt`).
 */
const NOT_COMPARED = ['_version', 'projectedAt'];

/**
 * Every document of the collections `collections` (`<service>/<collection>`) of an installation's
 * databases `<prefix>-<service>`, sorted by id, without the fields a replay writes differently.
 */
export async function snapshot(mongo: MongoClient, prefix: string, collections: string[]): Promise<Snapshot> {
  const result: Snapshot = {};
  for (const key of collections) {
    const [service, collection] = key.split('/');
    const docs = await mongo.db(`${prefix}-${service}`).collection(collection).find({}).sort({ _id: 1 }).toArray();
    result[key] = docs.map((doc) => Object.fromEntries(Object.entries(doc).filter(([field]) => !NOT_COMPARED.includes(field))));
  }
  return result;
}

/** The `<service>/<collection>` names of an installation's read-model databases (the platform's excluded). */
export async function collectionsOf(mongo: MongoClient, prefix: string): Promise<string[]> {
  const names: string[] = [];
  for (const service of SHAPE_SERVICES) {
    for (const c of await mongo.db(`${prefix}-${service}`).listCollections({}, { nameOnly: true }).toArray())
      names.push(`${service}/${c.name}`);
  }
  return names.sort();
}

/** A progress line with the seconds since `since`, so a slow step shows in the output. */
export function progress(since: number, step: string) {
  process.stdout.write(`[drill] +${Math.round((Date.now() - since) / 1000)} s ${step}\n`);
}

export const documentCount = (s: Snapshot) => Object.values(s).reduce((n, docs) => n + docs.length, 0);

/** The counts line every drill prints. */
export function printCounts(drill: string, counts: { before: number; after: number; applied: number; duplicates: number }, extra = '') {
  process.stdout.write(
    `\n[drill] ${drill}: events before ${counts.before}, after ${counts.after}, applied ${counts.applied}, duplicates ${counts.duplicates}${extra ? `; ${extra}` : ''}\n`,
  );
}

/**
 * Commands that keep flowing from `writers` concurrent callers until `stop()`: each phase of a drill
 * allows a bounded number more (`allow(n)`), so the relay and the read models are never buried
 * under more than a drill needs, and the run time stays bounded. A caller waits while the phase's
 * commands are all answered. `send(n)` sends the n-th command and answers its HTTP status (0: no answer).
 */
export function commandFlow(send: (n: number) => Promise<number>, writers = 4, deadlineMs = 300000) {
  const answered: Record<string, number> = {};
  const started = Date.now();
  let next = 0;
  let allowed = 0;
  let flowing = true;
  const ok = () => answered[201] ?? 0;
  const total = () => Object.values(answered).reduce((a, b) => a + b, 0);
  const done = Promise.all(
    Array.from({ length: writers }, async () => {
      while (flowing && Date.now() - started < deadlineMs) {
        if (next >= allowed) {
          await new Promise((wake) => setTimeout(wake, 50));
          continue;
        }
        const status = await send(next++).catch(() => 0);
        answered[status] = (answered[status] ?? 0) + 1;
      }
    }),
  );
  return {
    answered,
    ok,
    /** Lets `n` more commands be sent (counted from those sent so far), without waiting for them. */
    allow(n: number) {
      allowed = next + n;
    },
    /** Lets `n` more commands be sent and waits until every one has its answer. */
    async phase(n: number, what: string, timeoutMs = 90000) {
      allowed = next + n;
      const target = allowed;
      await eventually(async () => (total() >= target ? true : undefined), timeoutMs, `${n} commands ${what}`);
    },
    async stop() {
      flowing = false;
      await done;
    },
  };
}

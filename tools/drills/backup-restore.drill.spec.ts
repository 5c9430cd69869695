import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { v7 as uuidv7 } from 'uuid';
import { eventually, isolatedEnv, removeIsolatedEnv, startServiceProcess, tokenFor, type ServiceProcess } from '@gongkai/platform/testing';
import {
  call,
  collectionsOf,
  documentCount,
  inboxByHandler,
  printCounts,
  progress,
  registerUnit,
  root,
  shell,
  snapshot,
  storeContents,
} from './drill-kit';

/** The runbook's procedure, as written in docs/operations.md §6 (the block after the drill marker). */
function runbookProcedure(): string {
  const text = readFileSync(join(root, 'docs/operations.md'), 'utf8');
  const match = /<!-- drill:backup-restore[^>]*-->\n```sh\n([\s\S]*?)\n```/.exec(text);
  if (!match) throw new Error('docs/operations.md has no backup-restore block after its drill marker');
  return match[1];
}

/** Collections of an installation that are not read models: not rebuilt, copied by hand (runbook). */
const NOT_READ_MODELS = ['interpretation/personal_data'];

/**
 * Fault drill 4 (issue 16.9): an online backup of the SQLite store while the standalone runs,
 * restored into a fresh directory, `verify` clean, every read model rebuilt into a fresh database
 * prefix and equal to the running installation's. The commands are the runbook's, read from it.
 */
describe('fault drill: backup and restore of the SQLite store, as the runbook says', () => {
  const env = isolatedEnv();
  let app: ServiceProcess | undefined;
  let mongo: MongoClient;
  const work: string[] = [];
  const otherPrefixes: string[] = [];

  beforeAll(async () => {
    mongo = await new MongoClient(env.MONGODB_URL).connect();
  });

  afterAll(async () => {
    await app?.stop();
    await mongo?.close();
    for (const dir of work) rmSync(dir, { recursive: true, force: true });
    await removeIsolatedEnv(env, { otherPrefixes });
  });

  it('restores a backup taken while the app runs into read models equal to the original ones, and verifies', async () => {
    const started = Date.now();
    app = await startServiceProcess('standalone', env, 180000);
    const running = app;
    progress(started, 'standalone ready');
    const district = await tokenFor('district_office');
    // Decisions of several kinds: registrations, offices designated, renames.
    for (let i = 0; i < 30; i += 1) expect((await registerUnit(running.url, `DRILL-BK-${i}`, i)).status).toBe(201);
    for (let i = 0; i < 30; i += 3) {
      const designated = await call(
        running.url,
        'PUT',
        `/api/catalogue/units/DRILL-BK-${i}/openness-office`,
        await tokenFor('clerk', `DRILL-BK-${i}`),
        {
          office: '党政综合办公室',
          officerName: `联络员${i}`,
        },
      );
      expect(designated.status).toBe(200);
    }
    for (let i = 1; i < 30; i += 5) {
      const renamed = await call(running.url, 'POST', `/api/catalogue/units/DRILL-BK-${i}/rename`, district, {
        name: `演练单位${i}（更名）`,
        reason: '机构改革更名',
      });
      expect(renamed.status).toBe(200);
    }
    const before = storeContents(env.EVENT_STORE_URL);
    progress(started, `${before.events} events recorded`);
    // The running installation's read models have caught up: the relay's checkpoint is the store's head.
    await eventually(
      async () => {
        const checkpoints = await mongo.db(`${env.MONGODB_DB_PREFIX}-platform`).collection('checkpoints').find({}).toArray();
        return checkpoints.some((c) => c.position >= before.events) ? true : undefined;
      },
      60000,
      'the relay to reach the head of the store',
    );

    // The runbook's block, while the standalone keeps running and serving.
    const dir = mkdtempSync(join(tmpdir(), 'gk-drill-backup-'));
    work.push(dir);
    const newPrefix = `t${uuidv7().replace(/-/g, '').slice(-12)}`;
    otherPrefixes.push(newPrefix);
    let procedureRunning = true;
    const serving = (async () => {
      let reads = 0;
      while (procedureRunning) {
        expect((await call(running.url, 'GET', '/api/catalogue/units', district)).status).toBe(200);
        reads += 1;
      }
      return reads;
    })();
    const procedure = await shell(runbookProcedure(), {
      ...env,
      BACKUP: join(dir, 'events-backup.db'),
      RESTORED: join(dir, 'restored'),
      NEW_PREFIX: newPrefix,
    });
    procedureRunning = false;
    const readsDuringBackup = await serving;
    progress(started, 'runbook procedure done');
    process.stdout.write(`runbook procedure output:\n${procedure.stdout}${procedure.stderr}`);
    expect(procedure.code).toBe(0);
    expect(procedure.stdout).toContain(
      `备份完成：${join(dir, 'events-backup.db')}，${before.perStream.size} 个事件流，${before.events} 个事件`,
    );
    expect(procedure.stdout).toContain(`完整性校验通过：${before.perStream.size} 个事件流，${before.events} 个事件，哈希链完整；`);
    expect(procedure.stdout).toMatch(/重建 catalogue\.\S+：重放 \d+ 个事件，应用 \d+ 个。/);

    // The restored store holds exactly the original's events.
    const restored = storeContents(`sqlite:${join(dir, 'restored/events.db')}`);
    expect([...restored.eventIds].sort()).toEqual([...before.eventIds].sort());

    // Every read model of the rebuild equals the running installation's, document by document.
    const originalCollections = await collectionsOf(mongo, env.MONGODB_DB_PREFIX);
    const rebuiltCollections = await collectionsOf(mongo, newPrefix);
    expect(originalCollections.filter((c) => !rebuiltCollections.includes(c)).filter((c) => !NOT_READ_MODELS.includes(c))).toEqual([]);
    expect(rebuiltCollections.filter((c) => !originalCollections.includes(c))).toEqual([]);
    progress(started, `${rebuiltCollections.length} read-model collections`);
    const original = await snapshot(mongo, env.MONGODB_DB_PREFIX, rebuiltCollections);
    const rebuilt = await snapshot(mongo, newPrefix, rebuiltCollections);
    // Applied once each. Batched read models keep no inbox (ADR 0011; the per-stream revision guard
    // skips a replay): an event applied twice would leave a document different from the running
    // installation's, so the duplicates are the documents that differ. Process managers keep the
    // inbox: the rebuild's equals the original's.
    const differing = rebuiltCollections.reduce(
      (n, collection) =>
        n +
        Math.max(rebuilt[collection].length, original[collection].length) -
        rebuilt[collection].filter((doc) => original[collection].some((o) => JSON.stringify(o) === JSON.stringify(doc))).length,
      0,
    );
    for (const collection of rebuiltCollections) expect([collection, rebuilt[collection]]).toEqual([collection, original[collection]]);
    expect(documentCount(rebuilt)).toBeGreaterThan(60);
    const originalInbox = await inboxByHandler(mongo, env.MONGODB_DB_PREFIX);
    const rebuiltInbox = await inboxByHandler(mongo, newPrefix);
    expect(rebuiltInbox).toEqual(originalInbox);
    const applied = [...procedure.stdout.matchAll(/应用 (\d+) 个。/g)].reduce((n, m) => n + Number(m[1]), 0);
    const duplicates = differing;
    printCounts(
      'backup and restore',
      { before: before.events, after: restored.events, applied, duplicates },
      `${rebuiltCollections.length} collections, ${documentCount(rebuilt)} documents equal; ${readsDuringBackup} reads served during the procedure; ${Math.round((Date.now() - started) / 1000)} s`,
    );
    expect(duplicates).toBe(0);
  }, 480000);
});

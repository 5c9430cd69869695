import { MongoClient } from 'mongodb';
import {
  eventually,
  isolatedEnv,
  startPrivateFerretDb,
  startServiceProcess,
  type PrivateServer,
  type ServiceProcess,
} from '@gongkai/platform/testing';
import { appliedByHandler, auditCli, inboxByHandler, printCounts, progress, registerUnit, storeContents, sum } from './drill-kit';

/**
 * Fault drill 1 (issue 16.9): the read models' FerretDB is SIGKILLed and started again while
 * commands keep arriving at a standalone process. A private FerretDB (its own port and data
 * directory) stands in for the shared one. Afterwards the consumers have resumed, every read model
 * equals what a clean rebuild gives (the audit CLI's comparing `rebuild`), and no handler applied
 * an event twice (the per-handler applied counters equal the processed-event inbox).
 */
describe('fault drill: FerretDB killed and restarted while events flow', () => {
  let ferret: PrivateServer;
  let app: ServiceProcess | undefined;
  let mongo: MongoClient | undefined;

  afterAll(async () => {
    await app?.stop();
    await mongo?.close();
    await ferret?.kill();
  });

  it('resumes, converges to a clean rebuild and applies nothing twice', async () => {
    const started = Date.now();
    const timedOut = () => Date.now() - started > 300000; // the writers never outlive a failed drill
    ferret = await startPrivateFerretDb();
    const env = isolatedEnv({ MONGODB_URL: ferret.address });
    app = await startServiceProcess('standalone', env, 180000);
    const running = app;
    progress(started, `standalone ready on private FerretDB ${ferret.address} (pid ${ferret.pid})`);

    // Commands keep flowing, four at a time, until told to stop.
    const answered: Record<string, number> = {};
    let next = 0;
    let writing = true;
    const writer = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (writing && !timedOut()) {
          const n = next++;
          const { status } = await registerUnit(running.url, `DRILL-FD-${n}`, n).catch(() => ({ status: 0 }));
          answered[status] = (answered[status] ?? 0) + 1;
        }
      }),
    );
    const ok = () => answered[201] ?? 0;
    await eventually(async () => (ok() >= 20 ? true : undefined), 60000, '20 commands before the kill');
    // Kill only once FerretDB has created the read models' databases: FerretDB 1.24 (SQLite) killed
    // while it creates a database can leave a file without its metadata table, and then refuses to
    // start ("no such table: _ferretdb_collections"); that is FerretDB's, not what this drill tests.
    const warm = new MongoClient(ferret.address);
    await eventually(
      async () =>
        (await warm
          .db(`${env.MONGODB_DB_PREFIX}-platform`)
          .collection('checkpoints')
          .findOne({ position: { $gte: 20 } }))
          ? true
          : undefined,
      60000,
      'the first 20 events relayed',
    );
    await warm.close();

    await ferret.kill();
    const before = storeContents(env.EVENT_STORE_URL).events;
    progress(started, `FerretDB SIGKILLed at ${before} events`);
    const atKill = ok();
    await eventually(async () => (ok() >= atKill + 15 ? true : undefined), 60000, '15 commands while FerretDB is down');
    // The app has noticed: its readiness probe reports the read-model database down.
    await eventually(async () => ((await fetch(`${running.url}/health/ready`)).ok ? undefined : true), 60000, 'readiness to fail');
    progress(started, `${ok() - atKill} commands answered 201 while FerretDB was down`);
    await ferret.start();
    const atRestart = ok();
    progress(started, `FerretDB restarted (pid ${ferret.pid})`);
    await eventually(async () => ((await fetch(`${running.url}/health/ready`)).ok ? true : undefined), 60000, 'readiness to recover');
    await eventually(async () => (ok() >= atRestart + 15 ? true : undefined), 60000, '15 commands after the restart');
    writing = false;
    await writer;
    const after = storeContents(env.EVENT_STORE_URL).events;

    // Consumers resume: the relay's checkpoint reaches the head of the store.
    mongo = await new MongoClient(ferret.address).connect();
    const platform = mongo.db(`${env.MONGODB_DB_PREFIX}-platform`);
    await eventually(
      async () => ((await platform.collection('checkpoints').find({}).toArray()).some((c) => c.position >= after) ? true : undefined),
      120000,
      'the relay to reach the head of the store',
    );
    progress(started, `caught up at ${after} events; commands answered ${JSON.stringify(answered)}`);

    // Every read model equals a clean rebuild (replayed into a separate database and compared).
    const compare = await auditCli(['rebuild'], env);
    process.stdout.write(
      compare.stdout
        .split('\n')
        .filter((l) => !l.includes('0 处不同'))
        .join('\n'),
    );
    const compared = [...compare.stdout.matchAll(/^比对 (\S+)：重放 (\d+) 个事件，(\d+) 条文档，(\d+) 处不同。$/gm)];
    expect(compared.length).toBeGreaterThan(10);
    expect(compared.filter((m) => m[4] !== '0').map((m) => m[0])).toEqual([]);
    expect(compared.every((m) => Number(m[2]) === after)).toBe(true);
    expect(compare.code).toBe(0);

    // Applied once each: what each handler counted as applied is what its inbox holds.
    const applied = await appliedByHandler(running.url);
    const inbox = await inboxByHandler(mongo, env.MONGODB_DB_PREFIX);
    const duplicates = Math.max(0, sum(applied) - sum(inbox));
    printCounts(
      'FerretDB SIGKILL and restart',
      { before, after, applied: sum(applied), duplicates },
      `inbox ${sum(inbox)} entries; ${ok()} commands answered 201 (${atRestart - atKill} while FerretDB was down), others ${JSON.stringify(answered)}; ${Math.round((Date.now() - started) / 1000)} s`,
    );
    expect(applied).toEqual(inbox);
    expect(duplicates).toBe(0);
    expect(after).toBeGreaterThanOrEqual(before + 15);
  }, 480000);
});

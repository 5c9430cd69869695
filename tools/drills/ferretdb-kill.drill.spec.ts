import { MongoClient } from 'mongodb';
import {
  eventually,
  isolatedEnv,
  removeIsolatedEnv,
  startPrivateFerretDb,
  startServiceProcess,
  type PrivateServer,
  type ServiceProcess,
} from '@gongkai/platform/testing';
import {
  appliedByHandler,
  auditCli,
  commandFlow,
  inboxByHandler,
  printCounts,
  progress,
  registerUnit,
  storeContents,
  sum,
} from './drill-kit';

/**
 * Fault drill 1 (issue 16.9): the read models' FerretDB is SIGKILLed and started again while
 * commands keep arriving at a standalone process. A private FerretDB (its own port and data
 * directory) stands in for the shared one. Afterwards the consumers have resumed, every read model
 * equals what a clean rebuild gives (the audit CLI's comparing `rebuild`), and no handler applied
 * an event twice (the per-handler applied counters equal the processed-event inbox).
 */
describe('fault drill: FerretDB killed and restarted while events flow', () => {
  let ferret: PrivateServer | undefined;
  let app: ServiceProcess | undefined;
  let env: Record<string, string> | undefined;
  const clients: MongoClient[] = [];

  afterAll(async () => {
    await app?.stop();
    await Promise.all(clients.map((c) => c.close()));
    await ferret?.dispose();
    if (env) await removeIsolatedEnv(env, { databases: false }); // the private FerretDB went with its directory
  }, 60000);

  it('resumes, converges to a clean rebuild and applies nothing twice', async () => {
    const started = Date.now();
    const server = (ferret = await startPrivateFerretDb());
    env = isolatedEnv({ MONGODB_URL: server.address });
    const isolated = env;
    app = await startServiceProcess('standalone', isolated, 180000);
    const running = app;
    progress(started, `standalone ready on private FerretDB ${server.address} (pid ${server.pid}); log ${running.logFile}`);
    const mongo = new MongoClient(server.address, { serverSelectionTimeoutMS: 2000 });
    clients.push(mongo);
    const checkpointAt = async (position: number) =>
      (await mongo
        .db(`${isolated.MONGODB_DB_PREFIX}-platform`)
        .collection('checkpoints')
        .findOne({ position: { $gte: position } }))
        ? true
        : undefined;

    // Commands keep flowing, four at a time, a bounded number per phase.
    const flow = commandFlow(async (n) => (await registerUnit(running.url, `DRILL-FD-${n}`, n)).status);
    await flow.phase(20, 'before the kill');
    // Kill only once FerretDB has created the read models' databases: FerretDB 1.24 (SQLite) killed
    // while it creates a database can leave a file without its metadata table, and then refuses to
    // start ("no such table: _ferretdb_collections"); that is FerretDB's, not what this drill tests.
    await eventually(() => checkpointAt(20), 120000, 'the first 20 events relayed');

    flow.allow(15); // these are in flight when FerretDB dies
    await server.kill();
    const before = storeContents(isolated.EVENT_STORE_URL).events;
    const atKill = flow.ok();
    progress(started, `FerretDB SIGKILLed at ${before} events`);
    await flow.phase(15, 'while FerretDB is down');
    // The app has noticed: its readiness probe reports the read-model database down.
    await eventually(async () => ((await fetch(`${running.url}/health/ready`)).ok ? undefined : true), 60000, 'readiness to fail');
    const atRestart = flow.ok();
    progress(started, `${atRestart - atKill} commands answered 201 while FerretDB was down`);
    await server.start();
    progress(started, `FerretDB restarted (pid ${server.pid})`);
    await eventually(async () => ((await fetch(`${running.url}/health/ready`)).ok ? true : undefined), 90000, 'readiness to recover');
    await flow.phase(15, 'after the restart');
    await flow.stop();
    const after = storeContents(isolated.EVENT_STORE_URL).events;

    // Consumers resume: the relay's checkpoint reaches the head of the store.
    await eventually(() => checkpointAt(after), 180000, 'the relay to reach the head of the store');
    progress(started, `caught up at ${after} events; commands answered ${JSON.stringify(flow.answered)}`);

    // Every read model equals a clean rebuild (replayed into a separate database and compared).
    const compare = await auditCli(['rebuild'], isolated);
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

    // Applied once each. Process managers keep the processed-event inbox: what each counted as applied
    // is what its inbox holds. Batched read models keep no inbox (ADR 0011: the per-stream revision
    // guard skips a replay), so for them "nothing twice" is the rebuild comparison above: a document
    // with an event applied twice would differ from the clean replay.
    const applied = await appliedByHandler(running.url);
    const inbox = await inboxByHandler(mongo, isolated.MONGODB_DB_PREFIX);
    const withInbox = Object.fromEntries(Object.entries(applied).filter(([handler]) => handler in inbox));
    const duplicates = Math.max(0, sum(withInbox) - sum(inbox));
    printCounts(
      'FerretDB SIGKILL and restart',
      { before, after, applied: sum(applied), duplicates },
      `inbox ${sum(inbox)} entries; ${flow.ok()} commands answered 201 (${atRestart - atKill} while FerretDB was down), all answers ${JSON.stringify(flow.answered)}; ${Math.round((Date.now() - started) / 1000)} s`,
    );
    expect(withInbox).toEqual(inbox);
    expect(duplicates).toBe(0);
    expect(atRestart - atKill).toBeGreaterThanOrEqual(15);
    expect(after).toBeGreaterThanOrEqual(before + 15);
  }, 540000);
});

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { MongoClient } from 'mongodb';
import { v7 as uuidv7 } from 'uuid';
import { SHAPE_SERVICES, KafkaEventBus } from '@gongkai/platform';
import {
  TEST_JWT_SECRET,
  TEST_PERSONAL_DATA_MASTER_KEY,
  eventually,
  requireInfra,
  startNodeService,
  tokenFor,
  type ServiceProcess,
} from '@gongkai/platform/testing';

/**
 * The distributed shape as the manifests run it, on this machine: the five services compiled to
 * JavaScript (infra/build/compile.js, as in the image) and started as separate processes with the
 * settings of the dev overlay's ConfigMap (only the cluster addresses swapped for the local Kafka
 * and FerretDB, the Secret's keys filled with local values), after the topic Job's script created
 * the topics. Mid-scenario the assessment service gets SIGTERM, more units are registered while it
 * is down, and it is started again: nothing may be lost and nothing applied twice.
 */
const root = resolve(__dirname, '../..');

function renderedConfig(): Record<string, string> {
  const run = spawnSync(process.execPath, [join(root, 'tools/deploy-checks/render.mjs'), 'dev'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!run.stdout) throw new Error(`render.mjs printed nothing: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as {
    overlays: { objects: { kind: string; metadata: { name: string }; data?: Record<string, string> }[] }[];
  };
  const objects = report.overlays[0].objects;
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'gongkai-config')!.data!;
  return {
    ...config,
    CREATE_TOPICS_SCRIPT: objects.find((o) => o.metadata.name === 'gongkai-kafka-topics-script')!.data!['create-topics.js'],
  };
}

async function call(method: string, url: string, token: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('distributed shape from the manifests: SIGTERM and restart of a service mid-scenario', () => {
  const infra = requireInfra();
  const id = uuidv7().replace(/-/g, '').slice(-10);
  const work = mkdtempSync(join(tmpdir(), 'gk-restart-'));
  mkdirSync(join(root, 'tmp'), { recursive: true });
  const build = mkdtempSync(join(root, 'tmp', 'deploy-restart-')); // under the repo: node_modules resolve
  const procs = new Map<string, ServiceProcess>();
  let env: Record<string, string>;
  let mongo: MongoClient;
  let bus: KafkaEventBus;

  async function start(service: string): Promise<ServiceProcess> {
    const proc = await startNodeService({
      name: service,
      args: [join(build, `apps/${service}-service/src/main.js`)],
      cwd: work,
      env,
      logFile: join(work, `${service}-${Date.now()}.log`),
      readyTimeoutMs: 90000,
    });
    procs.set(service, proc);
    return proc;
  }

  async function stop(service: string) {
    const proc = procs.get(service)!;
    const exit = await proc.stop();
    procs.delete(service);
    return { ...exit, log: proc.logFile };
  }

  /** What the event store, Kafka and the assessment read model hold right now. */
  async function counts() {
    const store = new Database(env.EVENT_STORE_URL.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
    const storeEvents = (store.prepare(`SELECT COUNT(*) AS n FROM events WHERE stream_id LIKE 'catalogue.%'`).get() as { n: number }).n;
    const catalogueEventIds = (
      store.prepare(`SELECT event_id FROM events WHERE stream_id LIKE 'catalogue.%'`).all() as { event_id: string }[]
    ).map((r) => r.event_id);
    store.close();
    const offsets = await bus.topicOffsets(`${env.KAFKA_TOPIC_PREFIX}.catalogue`);
    const kafkaMessages = offsets.reduce((sum, p) => sum + Number(p.high), 0);
    const units = await mongo.db(`${env.MONGODB_DB_PREFIX}-assessment`).collection('units').find({}).toArray();
    const sourceEventIds = units.flatMap((u) => u.sourceEventIds as string[]);
    return {
      storeEvents,
      kafkaMessages,
      readModelDocuments: units.length,
      sourceEventIds: sourceEventIds.length,
      units,
      catalogueEventIds,
      allSourceEventIds: sourceEventIds,
    };
  }

  beforeAll(async () => {
    const rendered = renderedConfig();
    const { CREATE_TOPICS_SCRIPT, ...config } = rendered;
    // The manifests' settings; cluster addresses and the Secret's keys swapped for local values.
    env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...config,
      KAFKA_BROKERS: infra.kafkaBrokers,
      HTTP_HOST: '127.0.0.1',
      KAFKA_TOPIC_PREFIX: `r${id}`,
      MONGODB_DB_PREFIX: `r${id}`,
      LOG_LEVEL: 'info',
      // Five processes on one host cannot share the ConfigMap's METRICS_PORT: /metrics on each HTTP port here.
      METRICS_PORT: '',
      // gongkai-secrets: EVENT_STORE_URL (one shared store, as EventStoreDB would be), MONGODB_URL, AUTH_JWT_SECRET,
      // PERSONAL_DATA_MASTER_KEY (requests, interpretation and catalogue seal personal data: applicants, commenters, subscribers)
      EVENT_STORE_URL: `sqlite:${join(work, 'events.db')}`,
      MONGODB_URL: infra.mongodbUrl,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      PERSONAL_DATA_MASTER_KEY: TEST_PERSONAL_DATA_MASTER_KEY,
    };
    process.stdout.write(`settings from the dev overlay's ConfigMap: ${Object.keys(config).join(', ')}\n`);
    // The topic Job's script, as rendered (single broker here: replication factor 1).
    const scriptFile = join(build, 'create-topics.js');
    writeFileSync(scriptFile, CREATE_TOPICS_SCRIPT);
    const created = execFileSync(process.execPath, [scriptFile], {
      env: { ...env, KAFKA_REPLICATION_FACTOR: '1', KAFKA_MIN_INSYNC_REPLICAS: '1' },
      encoding: 'utf8',
    });
    process.stdout.write(`create-topics Job script:\n${created}`);
    expect(created.trim().split('\n')).toEqual([
      ...SHAPE_SERVICES.map((s) => `r${id}.${s}\tcreated\tpartitions=${config.KAFKA_PARTITIONS}`),
      ...SHAPE_SERVICES.map((s) => `r${id}.relay-lease.${s}\tcreated\tpartitions=1`),
    ]);

    execFileSync(process.execPath, [join(root, 'infra/build/compile.js'), build], { cwd: root, stdio: 'pipe' });
    mongo = await new MongoClient(infra.mongodbUrl).connect();
    bus = new KafkaEventBus({ brokers: infra.kafkaBrokers.split(','), clientId: 'restart-test' });
    // Five separate processes; the catalogue first so that its relay is up before the scenario.
    for (const service of SHAPE_SERVICES) await start(service);
  }, 300000);

  afterAll(async () => {
    const exits = await Promise.all([...procs.keys()].map(async (service) => [service, await stop(service)] as const));
    for (const [, exit] of exits) expect(exit.code ?? exit.signal).toBe('SIGTERM');
    await bus?.close();
    await mongo?.close();
    rmSync(build, { recursive: true, force: true });
  }, 60000);

  it('loses nothing and applies nothing twice across a SIGTERM and restart of the assessment service', async () => {
    const district = await tokenFor('district_office');
    const catalogue = () => procs.get('catalogue')!.url;
    const register = async (unitId: string, name: string, kind: string) =>
      expect(
        (
          await call('POST', `${catalogue()}/api/catalogue/units`, district, {
            unitId,
            name,
            level: kind === 'department' ? '县级' : '乡级',
            kind,
          })
        ).status,
      ).toBe(201);
    const designate = async (unitId: string, office: string, officerName: string) =>
      expect(
        (
          await call('PUT', `${catalogue()}/api/catalogue/units/${unitId}/openness-office`, await tokenFor('clerk', unitId), {
            office,
            officerName,
          })
        ).status,
      ).toBe(200);
    const assessmentUnits = async () =>
      (await call('GET', `${procs.get('assessment')!.url}/api/assessment/units`, district)).body as {
        unitId: string;
        hasOpennessOffice: boolean;
        name: string;
      }[];

    // 1. Before: three units, one office.
    await register('TEZ-YHJD', '运河街道办事处', 'subdistrict');
    await register('TEZ-ZHZ', '张山子镇', 'town');
    await register('TEZ-JYJ', '区教育和体育局', 'department');
    await designate('TEZ-ZHZ', '党政综合办公室', '刘洋');
    await eventually(
      async () =>
        (await assessmentUnits()).filter((u) => u.hasOpennessOffice).length === 1 && (await assessmentUnits()).length === 3
          ? true
          : undefined,
      60000,
      'three units in assessment',
    );
    const before = await counts();

    // 2. SIGTERM the assessment service: graceful shutdown (hooks ran, consumers left the group).
    const exit = await stop('assessment');
    expect(exit.code ?? exit.signal).toBe('SIGTERM');
    expect(readFileSync(exit.log, 'utf8')).toContain('shutting down');

    // 3. While it is down: two more units, an office designated, a unit renamed.
    await register('TEZ-DZ', '邳庄镇', 'town');
    await register('TEZ-SFJ', '区司法局', 'department');
    await designate('TEZ-DZ', '党政办公室', '王芳');
    expect(
      (await call('POST', `${catalogue()}/api/catalogue/units/TEZ-JYJ/rename`, district, { name: '区教育局', reason: '机构改革更名' }))
        .status,
    ).toBe(200);
    // The catalogue's relay published them to Kafka although no one consumes them now.
    const whileDown = await eventually(
      async () => {
        const c = await counts();
        return c.kafkaMessages === c.storeEvents && c.storeEvents === before.storeEvents + 4 ? c : undefined;
      },
      30000,
      'the relay to publish the events made while assessment was down',
    );

    // 4. Start it again: the same consumer group picks up where it left off.
    const restarted = await start('assessment');
    const after = await eventually(
      async () => {
        const c = await counts();
        const dz = c.units.find((u) => u.unitId === 'TEZ-DZ');
        const jyj = c.units.find((u) => u.unitId === 'TEZ-JYJ');
        return c.readModelDocuments === 5 && dz?.hasOpennessOffice && jyj?.name === '区教育局' ? c : undefined;
      },
      60000,
      'five units in assessment after the restart',
    );
    await new Promise((done) => setTimeout(done, 2000)); // time for any duplicate to show up
    const settled = await counts();
    const applied = await fetch(`${restarted.url}/metrics`).then((r) => r.text());
    const appliedAfterRestart = Number(/gongkai_events_applied_total\{handler="assessment\.units"[^}]*\} (\d+)/.exec(applied)?.[1] ?? 0);

    process.stdout.write(
      [
        '',
        'event counts (catalogue events → Kafka → assessment read model "units"):',
        '                         store events  kafka messages  read-model docs  source event ids',
        `  before SIGTERM         ${String(before.storeEvents).padStart(12)}  ${String(before.kafkaMessages).padStart(14)}  ${String(before.readModelDocuments).padStart(15)}  ${String(before.sourceEventIds).padStart(16)}`,
        `  while assessment down  ${String(whileDown.storeEvents).padStart(12)}  ${String(whileDown.kafkaMessages).padStart(14)}  ${String(whileDown.readModelDocuments).padStart(15)}  ${String(whileDown.sourceEventIds).padStart(16)}`,
        `  after restart          ${String(settled.storeEvents).padStart(12)}  ${String(settled.kafkaMessages).padStart(14)}  ${String(settled.readModelDocuments).padStart(15)}  ${String(settled.sourceEventIds).padStart(16)}`,
        `  events applied by the restarted assessment process: ${appliedAfterRestart} (made while it was down: 4)`,
        '',
      ].join('\n'),
    );

    expect(before).toMatchObject({ storeEvents: 4, kafkaMessages: 4, readModelDocuments: 3, sourceEventIds: 4 });
    expect(whileDown).toMatchObject({ storeEvents: 8, kafkaMessages: 8, readModelDocuments: 3, sourceEventIds: 4 });
    expect(settled).toMatchObject({ storeEvents: 8, kafkaMessages: 8, readModelDocuments: 5, sourceEventIds: 8 });
    expect(after.sourceEventIds).toBe(8);
    // Exactly the expected documents, each built from the right events, none applied twice.
    const perUnit = Object.fromEntries(settled.units.map((u) => [u.unitId, (u.sourceEventIds as string[]).length]));
    expect(perUnit).toEqual({ 'TEZ-YHJD': 1, 'TEZ-ZHZ': 2, 'TEZ-JYJ': 2, 'TEZ-DZ': 2, 'TEZ-SFJ': 1 });
    expect(new Set(settled.allSourceEventIds).size).toBe(settled.allSourceEventIds.length);
    expect([...settled.allSourceEventIds].sort()).toEqual([...settled.catalogueEventIds].sort());
    expect(appliedAfterRestart).toBe(4);
  }, 240000);
});

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { eventually } from './infra';

/**
 * Private FerretDB and Kafka servers for the fault drills (tools/drills): the same binaries
 * tools/local-infra provisions (cached under ~/.cache/gongkai/artifacts), started by the test on
 * ports of their own with a data directory of their own, so that a drill can SIGKILL and restart
 * them without touching the shared servers other tests run against. Only the pid started here is
 * ever signalled.
 */
const workspaceRoot = resolve(__dirname, '../../../..');
const localInfra = join(workspaceRoot, 'tools/local-infra');
const artifacts = join(process.env.GONGKAI_CACHE_DIR ?? join(homedir(), '.cache/gongkai'), 'artifacts');
const HOST = '127.0.0.1';

/** The cache key lib.sh gives an artifact: the first 16 hex digits of the sha256 of its key files. */
function artifactKey(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(join(localInfra, file)));
  return hash.digest('hex').slice(0, 16);
}

function artifact(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run tools/local-infra/up.sh once (npm test does) to provision it`);
  return path;
}

/** A port the kernel considers free right now. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** True when `roundTrip` succeeds; the client is closed either way. */
async function answers(roundTrip: () => Promise<void>, close: () => Promise<unknown>): Promise<boolean> {
  try {
    await roundTrip();
    return true;
  } catch {
    return false;
  } finally {
    await close().catch(() => undefined);
  }
}

export interface PrivateServer {
  /** The address clients use: a MongoDB URL, or Kafka's `host:port`. */
  readonly address: string;
  readonly dataDir: string;
  readonly logFile: string;
  /** The pid of the running server (undefined while it is down). */
  readonly pid: number | undefined;
  /** SIGKILL: a crash, the server gets no chance to clean up. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory and waits until it answers. */
  start(): Promise<void>;
  /** SIGKILL (if running) and remove the data directory, log included: the end of a drill, passed or failed. */
  dispose(): Promise<void>;
}

class ManagedServer implements PrivateServer {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly address: string,
    readonly dataDir: string,
    readonly logFile: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly ready: () => Promise<boolean>,
    private readonly readyTimeoutMs: number,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error(`${this.address} is already running`);
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(this.command, this.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    this.exited = new Promise((done) =>
      child.once('exit', () => {
        if (this.child === child) this.child = null;
        done();
      }),
    );
    await eventually(
      async () => {
        if (this.child !== child) throw new Error(`exited during start-up; see ${this.logFile}`);
        return (await this.ready()) ? true : undefined;
      },
      this.readyTimeoutMs,
      `the private server at ${this.address} to answer (log: ${this.logFile})`,
    );
  }

  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    this.child?.kill('SIGTERM');
    await this.exited;
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Starts `server`; a server that does not come up is killed and its directory removed. */
async function started(server: ManagedServer): Promise<PrivateServer> {
  try {
    await server.start();
    return server;
  } catch (error) {
    const log = existsSync(server.logFile) ? readFileSync(server.logFile, 'utf8').trimEnd().split('\n').slice(-20).join('\n') : '(no log)';
    await server.dispose();
    throw new Error(`${(error as Error).message}\n--- last lines of its log ---\n${log}`);
  }
}

/** A FerretDB (SQLite backend) on a free port with an empty data directory of its own. */
export async function startPrivateFerretDb(): Promise<PrivateServer> {
  const binary = artifact(
    join(artifacts, `ferretdb-${artifactKey(['ferretdb/go.mod', 'ferretdb/go.sum', 'ferretdb/main.go'])}`, 'ferretdb'),
  );
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'gk-drill-ferretdb-'));
  const url = `mongodb://${HOST}:${port}/`;
  const server = new ManagedServer(
    url,
    dataDir,
    join(dataDir, 'ferretdb.log'),
    binary,
    ['-listen-addr', `${HOST}:${port}`, '-data-dir', join(dataDir, 'data')],
    () => {
      const client = new MongoClient(url, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
      return answers(
        async () => void (await client.connect().then(() => client.db('admin').command({ ping: 1 }))),
        () => client.close(),
      );
    },
    60000,
  );
  mkdirSync(join(dataDir, 'data'));
  return started(server);
}

/**
 * A single-node Kafka (KRaft, combined broker and controller, PLAINTEXT only) on free ports with
 * its own formatted log directory. A restart after SIGKILL takes longer (the controller waits for
 * the old broker session to expire, about 10 s).
 */
export async function startPrivateKafka(): Promise<PrivateServer> {
  const libs = artifact(join(artifacts, `kafka-${artifactKey(['kafka/pom.xml'])}`, 'libs'));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'gk-drill-kafka-'));
  const properties = join(dataDir, 'server.properties');
  writeFileSync(
    properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@${HOST}:${controllerPort}`,
      `listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://${HOST}:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      `log.dirs=${join(dataDir, 'logs')}`,
      'num.partitions=3',
      'auto.create.topics.enable=true',
      'group.initial.rebalance.delay.ms=0',
      'default.replication.factor=1',
      'min.insync.replicas=1',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=3',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'transaction.state.log.num.partitions=3',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'share.coordinator.state.topic.num.partitions=3',
      'num.network.threads=2',
      'num.io.threads=2',
      'num.recovery.threads.per.data.dir=1',
      '',
    ].join('\n'),
  );
  const log4j = join(localInfra, 'kafka/log4j2.properties');
  const jvm = ['-Xms128m', '-Xmx384m', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true', `-Dlog4j2.configurationFile=${log4j}`];
  const format = spawnSync(
    'java',
    [
      ...jvm,
      '-XX:+UseSerialGC',
      '-cp',
      `${libs}/*`,
      'kafka.tools.StorageTool',
      'format',
      '--cluster-id',
      randomBytes(16).toString('base64url').replace(/^-/, 'A'),
      '--config',
      properties,
    ],
    { encoding: 'utf8', timeout: 120000 },
  );
  if (format.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`kafka storage format failed: ${format.stderr || format.stdout || format.error}`);
  }
  const address = `${HOST}:${port}`;
  const server = new ManagedServer(
    address,
    dataDir,
    join(dataDir, 'kafka.log'),
    'java',
    [...jvm, '-XX:+UseG1GC', `-Dkafka.logs.dir=${dataDir}`, '-cp', `${libs}/*`, 'kafka.Kafka', properties],
    () => {
      const admin = new Kafka({ clientId: 'drill-probe', brokers: [address], logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
      return answers(
        async () => void (await admin.connect().then(() => admin.listTopics())),
        () => admin.disconnect(),
      );
    },
    180000,
  );
  return started(server);
}

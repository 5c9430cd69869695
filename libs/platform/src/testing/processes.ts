import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LISTENING_MESSAGE, type ListeningMessage } from '../nest/listening-message';
import { eventually } from './infra';

const workspaceRoot = resolve(__dirname, '../../../..');

export interface ServiceProcess {
  name: string;
  url: string;
  logFile: string;
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait for the exit; Nest re-raises the signal after its shutdown hooks ran. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: a crash, nothing gets to clean up. */
  kill(): Promise<void>;
}

export interface NodeServiceOptions {
  name: string;
  /** Arguments to `node`: the entry point, and what it needs to load. */
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  /** Where the output goes; a fresh temporary file by default. */
  logFile?: string;
  readyTimeoutMs?: number;
}

/** The end of a service's log, for the error that reports why it did not come up. */
function logTail(logFile: string, lines = 40): string {
  if (!existsSync(logFile)) return '(no log)';
  const text = readFileSync(logFile, 'utf8').trimEnd();
  return text
    ? text
        .split('\n')
        .slice(-lines)
        .map((line) => line.slice(0, 600))
        .join('\n')
    : '(empty log)';
}

/**
 * Starts a gongkai app as a real separate Node process and waits until its /health/ready is green.
 * The app listens on a port the kernel picks (HTTP_PORT=0) and reports it over the IPC channel: a
 * port chosen here and handed over could be taken by another socket before the child binds it.
 */
export async function startNodeService(options: NodeServiceOptions): Promise<ServiceProcess> {
  const { name, args, env, cwd = workspaceRoot, readyTimeoutMs = 60000 } = options;
  const logFile = options.logFile ?? join(mkdtempSync(join(tmpdir(), `gk-${name}-`)), 'out.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...env, HTTP_PORT: '0', HTTP_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  // Exited once the process is gone and its output is all in the log file.
  const logClosed = new Promise<void>((done) => log.once('close', done));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => void logClosed.then(() => done({ code, signal }))),
  );
  let url: string | undefined;
  child.on('message', (message: ListeningMessage) => {
    if (message?.type === LISTENING_MESSAGE) url = message.url;
  });
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  try {
    const outcome = await eventually(
      async () => {
        if (hasExited()) return 'exited';
        if (!url) return undefined;
        const response = await fetch(`${url}/health/ready`).catch(() => null);
        return response?.ok ? 'ready' : undefined;
      },
      readyTimeoutMs,
      `${name} to be ready`,
    );
    if (outcome === 'exited') throw new Error(`${name} exited during start-up (code ${child.exitCode}, signal ${child.signalCode})`);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`${(error as Error).message}\n--- last lines of ${logFile} ---\n${logTail(logFile)}`);
  }
  child.disconnect();
  return {
    name,
    url: url as string,
    logFile,
    process: child,
    exited,
    stop: async () => {
      if (!hasExited()) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (!hasExited()) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** `apps/<app>/src/main.ts` run from source (TypeScript through @swc-node/register). */
export function startServiceProcess(app: string, env: Record<string, string>, readyTimeoutMs = 60000): Promise<ServiceProcess> {
  return startNodeService({
    name: app,
    args: ['-r', '@swc-node/register', `apps/${app}/src/main.ts`],
    env: { ...env, SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.base.json') },
    readyTimeoutMs,
  });
}

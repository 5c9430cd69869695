import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually } from './infra';

const workspaceRoot = resolve(__dirname, '../../../..');

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface ServiceProcess {
  name: string;
  url: string;
  logFile: string;
  process: ChildProcess;
  /** SIGTERM and wait for the exit; Nest re-raises the signal after its shutdown hooks ran. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: a crash, nothing gets to clean up. */
  kill(): Promise<void>;
}

/**
 * Starts `apps/<app>/src/main.ts` as a real separate Node process (TypeScript through
 * @swc-node/register) and waits until its /health/ready is green.
 */
export async function startServiceProcess(app: string, env: Record<string, string>, readyTimeoutMs = 60000): Promise<ServiceProcess> {
  const port = await freePort();
  const logFile = join(mkdtempSync(join(tmpdir(), `gk-${app}-`)), 'out.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
    cwd: workspaceRoot,
    env: { ...env, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.base.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${app} exited; see ${logFile}`);
        const response = await fetch(`${url}/health/ready`).catch(() => null);
        return response?.ok ? true : undefined;
      },
      readyTimeoutMs,
      `${app} to be ready (log: ${logFile})`,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    name: app,
    url,
    logFile,
    process: child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

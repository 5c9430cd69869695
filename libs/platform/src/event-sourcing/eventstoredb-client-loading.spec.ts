import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');

/** Which of the client library's modules a fresh Node process holds after running `code`. */
function clientLoadedAfter(code: string): boolean {
  const script = `${code}; process.stdout.write(String(Object.keys(require.cache).some((file) => file.includes('@eventstore/db-client'))));`;
  const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json') },
    encoding: 'utf8',
  });
  return out.trim().endsWith('true');
}

describe('the EventStoreDB client library (issue 17: memory of the standalone)', () => {
  it('is not loaded with the platform, only when an EventStoreDB store is created', () => {
    expect(clientLoadedAfter("require('./libs/platform/src')")).toBe(false);
    expect(clientLoadedAfter("new (require('./libs/platform/src').EventStoreDbEventStore)('esdb://127.0.0.1:1?tls=false')")).toBe(true);
  }, 60000);
});

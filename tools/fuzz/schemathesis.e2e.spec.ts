import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '@gongkai/platform';
import { eventually, isolatedEnv } from '@gongkai/platform/testing';
import { loadDemoData, standaloneApp } from '@gongkai/shapes';
import { fuzzArguments, summaryLine, type FuzzReport } from './schemathesis';

/**
 * The API contract, fuzzed (issue 16.8): Schemathesis (PyPI, tools/fuzz/provision.sh) generates
 * requests from the OpenAPI document the standalone serves and fails on any 5xx, any response that
 * breaks its documented schema and any status the document does not list. Bounded: a few examples
 * per operation, once anonymously over the public operations and once as a clerk of a demo unit
 * over all of them (docs/runbook.md, "API contract").
 */
describe('schema-based fuzzing of the standalone (Schemathesis)', () => {
  let app: INestApplication;
  let url: string;
  let st: string;
  let clerkToken: string;
  let unitId: string;
  const work = mkdtempSync(join(tmpdir(), 'gk-fuzz-'));
  const reports: { who: string; report: FuzzReport }[] = [];

  beforeAll(async () => {
    st = execFileSync('bash', [join(__dirname, 'provision.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    ({ app } = await createApp(standaloneApp, isolatedEnv({ AUTH_DEV_LOGIN: 'true', PUBLIC_SUBMISSIONS_PER_MINUTE: '10000' })));
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    // Data to find: the demo district (units, catalogues, documents, requests), as `npm start` has it.
    await loadDemoData(app);
    unitId = await eventually(
      async () => {
        // A town with a published catalogue, so that the clerk's reads find something.
        const units = (await (await fetch(`${url}/api/catalogue/units`)).json()) as { unitId: string; kind: string }[];
        for (const unit of units.filter((u) => u.kind === 'town')) {
          const catalogue = (await (await fetch(`${url}/api/catalogue/portal/units/${unit.unitId}/items`)).json()) as { items: unknown[] };
          if (catalogue.items.length > 0) return unit.unitId;
        }
        return undefined;
      },
      60_000,
      'the demo units',
    );
    const login = await fetch(`${url}/api/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'fuzz-clerk', name: '模糊测试', role: 'clerk', unitId }),
    });
    clerkToken = ((await login.json()) as { token: string }).token;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    const line = summaryLine(reports);
    if (line) process.stdout.write(`\n${line}\n`);
  }, 120_000);

  /** Runs Schemathesis on `schema` (a file) against the standalone; resolves with its JSON report. */
  async function fuzz(who: string, schema: string, headers: string[]): Promise<FuzzReport> {
    const reportDir = join(work, who);
    const output: Buffer[] = [];
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(st, fuzzArguments({ schema, url, reportDir, headers }), {
        cwd: work, // its example database (.schemathesis/) stays out of the checkout
        env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
      child.on('error', reject);
      child.on('close', resolve);
    });
    const text = Buffer.concat(output).toString('utf8');
    writeFileSync(join(work, `${who}.txt`), text);
    const file = readdirSync(reportDir).find((name) => name.endsWith('.json'));
    if (!file) throw new Error(`schemathesis (${who}) wrote no report; exit ${exitCode}:\n${text.slice(-4000)}`);
    const report = JSON.parse(readFileSync(join(reportDir, file), 'utf8')) as FuzzReport;
    reports.push({ who, report });
    // The whole console report of a failing run, so the finding can be read (and replayed) from the test output.
    if (report.failures.length > 0 || report.errors.length > 0 || exitCode !== 0) process.stdout.write(`\n${text}\n`);
    return report;
  }

  // What earlier runs found (with FUZZ_PHASES=coverage,fuzzing), kept as plain regressions.
  it('answers 400, not 500, for an asOf that is no day', async () => {
    const auth = { authorization: `Bearer ${clerkToken}` };
    for (const path of [
      `/api/catalogue/portal/units/${unitId}/items?asOf=0000-00-00`,
      `/api/assessment/schemes/any/scores/${unitId}?asOf=0000-00-00`,
      `/api/assessment/schemes/any/notices/${unitId}?asOf=2026-13-01`,
    ]) {
      const response = await fetch(`${url}${path}`, { headers: auth });
      expect([path, response.status, ((await response.json()) as { code: string }).code]).toEqual([
        path,
        400,
        expect.stringMatching(/AS_OF/),
      ]);
    }
  });

  it('sends staff no search tokens with the items of their unit', async () => {
    const auth = { authorization: `Bearer ${clerkToken}` };
    const items = (await (await fetch(`${url}/api/catalogue/units/${unitId}/items`, { headers: auth })).json()) as object[];
    const todo = (await (await fetch(`${url}/api/catalogue/units/${unitId}/items/todo`, { headers: auth })).json()) as Record<
      string,
      object[]
    >;
    expect(items.length).toBeGreaterThan(0);
    for (const item of [...items, ...(todo.returned ?? []), ...(todo.drafts ?? [])]) {
      expect(Object.keys(item)).not.toContain('tokens');
      expect(Object.keys(item)).not.toContain('nameTokens');
    }
  });

  const document = async () =>
    (await (await fetch(`${url}/api/docs-json`)).json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };

  it('anonymous: every public operation answers within its contract', async () => {
    const full = await document();
    const publicOnly = {
      ...full,
      paths: Object.fromEntries(
        Object.entries(full.paths)
          .map(([path, operations]) => [path, Object.fromEntries(Object.entries(operations).filter(([, op]) => op.security?.length === 0))])
          .filter(([, operations]) => Object.keys(operations).length > 0),
      ),
    };
    const schema = join(work, 'public-openapi.json');
    writeFileSync(schema, JSON.stringify(publicOnly));
    const report = await fuzz('anonymous', schema, []);
    expect(report.operations.tested).toBeGreaterThan(20);
    expect(report.failures).toEqual([]);
    expect(report.errors).toEqual([]);
  }, 240_000);

  it('as a clerk: every operation answers within its contract', async () => {
    const schema = join(work, 'openapi.json');
    writeFileSync(schema, JSON.stringify(await document()));
    const report = await fuzz('clerk', schema, [`Authorization: Bearer ${clerkToken}`]);
    expect(report.operations.tested).toBeGreaterThan(100);
    expect(report.failures).toEqual([]);
    expect(report.errors).toEqual([]);
  }, 300_000);
});

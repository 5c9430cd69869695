import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/**
 * `npm test` runs `prettier --check .` (tools/test.sh). This negative control writes a badly
 * formatted file into the tree and expects the same check to refuse it, and to accept the file once
 * formatted with the repository's .prettierrc.json, so the check cannot silently pass everything
 * (a broken config, an ignore file that swallows the sources).
 */
describe('formatting (Prettier)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(root, 'tools/architecture/format-probe-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const check = (...args: string[]) => {
    const run = spawnSync('npx', ['prettier', '--check', ...args, relative(root, dir)], { cwd: root, encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  };

  // Single quotes and one 113-character line: the repository's style, not Prettier's defaults.
  const formatted = [
    "import { join } from 'node:path';",
    '',
    "export const probe = (unitId: string, year: number) => join('data', unitId, String(year), 'catalogue', 'items.json');",
    '',
  ].join('\n');
  const unformatted =
    'import {join} from "node:path"\nexport const probe=(unitId:string,year:number)=>\n  join("data",unitId,String(year),"catalogue","items.json")\n';

  it('refuses a badly formatted source file', () => {
    writeFileSync(join(dir, 'probe.ts'), unformatted);
    const { status, output } = check();
    expect(status).toBe(1);
    expect(output).toContain('probe.ts');
  });

  it('accepts it formatted with the repository configuration, and only with it', () => {
    writeFileSync(join(dir, 'probe.ts'), formatted);
    expect(check()).toEqual({ status: 0, output: expect.stringContaining('All matched files use Prettier code style') });
    // The same text fails under Prettier's defaults: the check above used .prettierrc.json.
    expect(check('--no-config').status).toBe(1);
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/**
 * The service boundaries are a build rule (ARCHITECTURE.md "Layout"). These cases lint code that
 * crosses them, as if it were in the repository, and expect the rule to refuse it, so the rule
 * cannot silently stop working (it skips itself when Nx has no project graph).
 */
describe('module boundaries', () => {
  beforeAll(() => {
    execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
  }, 60000);

  // ESLint runs as its own process: its flat config is an ES module that jest's VM cannot load.
  const lint = async (file: string, code: string) => {
    const run = spawnSync('npx', ['eslint', '--format', 'json', '--stdin', '--stdin-filename', resolve(root, file)], {
      cwd: root,
      input: code,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
    return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
  };

  it('refuses a service library importing another service library', async () => {
    const messages = await lint(
      'libs/assessment/src/boundary-probe.ts',
      "import { unitDecider } from '@gongkai/catalogue';\nexport const probe = unitDecider;\n",
    );
    expect(messages).toEqual([expect.stringContaining('scope:assessment')]);
  });

  it('refuses a shared library importing a service library', async () => {
    const messages = await lint(
      'libs/platform/src/boundary-probe.ts',
      "import { CatalogueModule } from '@gongkai/catalogue';\nexport const probe = CatalogueModule;\n",
    );
    // Nx reports it as a forbidden tag, or as a cycle when the service already uses that library.
    expect(messages).toEqual([expect.stringMatching(/scope:shared|Circular dependency/)]);
  });

  it('allows a service library to use the shared libraries, and an app to use any library', async () => {
    expect(
      await lint(
        'libs/assessment/src/boundary-probe.ts',
        "import { DomainError } from '@gongkai/platform';\nexport const probe = DomainError;\n",
      ),
    ).toEqual([]);
    expect(
      await lint(
        'apps/standalone/src/boundary-probe.ts',
        "import { CatalogueModule } from '@gongkai/catalogue';\nexport const probe = CatalogueModule;\n",
      ),
    ).toEqual([]);
  });
});

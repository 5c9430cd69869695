import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');

interface Probe {
  filePath: string;
  code: string;
}

/**
 * Domain code (libs/<service>/src/domain) imports no framework, no I/O and not the platform barrel
 * (eslint.config.mjs, no-restricted-imports; `npm test` lints the tree). These cases lint probe
 * files as if they sat in a domain folder, with the repository's ESLint configuration, and expect
 * the rule to refuse the forbidden imports and accept the allowed ones.
 */
describe('domain purity (lint)', () => {
  // ESLint runs as its own process: its flat config is an ES module that jest's VM cannot load.
  // One process lints every probe (ESLint's Node API, lintText with a path under a domain folder).
  const lint = (probes: Probe[]): string[][] => {
    const script = `
      import { ESLint } from 'eslint';
      const probes = JSON.parse(await new Response(process.stdin).text());
      const eslint = new ESLint({ cwd: process.cwd() });
      const found = [];
      for (const { filePath, code } of probes) {
        const [result] = await eslint.lintText(code, { filePath });
        found.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => \`\${m.line}: \${m.message}\`));
      }
      process.stdout.write(JSON.stringify(found));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      input: JSON.stringify(probes.map((p) => ({ ...p, filePath: resolve(root, p.filePath) }))),
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout) as string[][];
  };

  const forbidden = [
    "import { Injectable } from '@nestjs/common';",
    "import { DomainError } from '@gongkai/platform';",
    "import { Model } from 'mongoose';",
    "import { readFileSync } from 'node:fs';",
    "import { createServer } from 'node:http';",
    "import pino from 'pino';",
    "import { signDevToken } from '@gongkai/platform/testing';",
  ];
  const allowed = [
    "import { DomainError, fold } from '@gongkai/platform/domain';",
    "import { deciderSpec } from '@gongkai/platform/decider-spec';",
    "import type { Actor } from '@gongkai/contracts';",
    "import { toShanghaiDate } from '@gongkai/working-days';",
    "import type { ItemState } from './item';",
  ];
  const probe = (lines: string[]) => `${lines.join('\n')}\nexport const probe = 1;\n`;

  let domainFile: string[];
  let domainSpec: string[];
  let applicationFile: string[];
  beforeAll(() => {
    [domainFile, domainSpec, applicationFile] = lint([
      { filePath: 'libs/catalogue/src/domain/purity-probe.ts', code: probe([...forbidden, ...allowed]) },
      { filePath: 'libs/catalogue/src/domain/purity-probe.spec.ts', code: probe([...forbidden, ...allowed]) },
      { filePath: 'libs/catalogue/src/application/purity-probe.ts', code: probe([...forbidden, ...allowed]) },
    ]);
  }, 60000);

  it('refuses framework, I/O and platform-barrel imports in domain code, line by line', () => {
    expect(domainFile.map((m) => m.split(':')[0])).toEqual(forbidden.map((_, i) => String(i + 1)));
    expect(domainFile[0]).toContain("'@nestjs/common' import is restricted");
    expect(domainFile[1]).toContain('never the platform barrel');
  });

  it('accepts the domain entry points of the platform, the contracts, working days and its own files', () => {
    const allowedLines = allowed.map((_, i) => String(forbidden.length + i + 1));
    expect(domainFile.filter((m) => allowedLines.includes(m.split(':')[0]))).toEqual([]);
  });

  it('lets a domain spec write a fixture file, and nothing else', () => {
    expect(domainSpec.map((m) => m.split(':')[0])).toEqual(['1', '2', '3', '5', '6', '7']);
  });

  it('leaves the application layer alone', () => {
    expect(applicationFile).toEqual([]);
  });
});

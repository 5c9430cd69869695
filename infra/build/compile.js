#!/usr/bin/env node
// Compiles apps/ and libs/ (TypeScript) to plain CommonJS JavaScript in dist/, with the
// `@gongkai/*` path aliases of tsconfig.base.json rewritten to relative requires, so that the
// runtime image needs only Node and the production dependencies:
//   node infra/build/compile.js            → dist/apps/<app>/src/main.js, dist/libs/…
//   node dist/apps/standalone/src/main.js   (or any apps/<service>-service, apps/audit-cli)
// Type checking is not done here (`npx tsc -p tsconfig.json --noEmit` does it in tools/test.sh).
'use strict';
const { mkdirSync, readdirSync, rmSync, writeFileSync, copyFileSync, statSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');
const { transformFileSync } = require('@swc/core');

const root = resolve(__dirname, '../..');
const out = resolve(root, process.argv[2] ?? 'dist');
const { compilerOptions } = require(join(root, 'tsconfig.base.json'));

// Skipped: tests and the browser app (apps/web has a build of its own).
const skip = (path) => /\.(spec|test|e2e)\.ts$/.test(path) || /(^|\/)(node_modules|web)(\/|$)/.test(relative(root, path));

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (skip(path)) continue;
    if (entry.isDirectory()) yield* sources(path);
    else yield path;
  }
}

rmSync(out, { recursive: true, force: true });
let compiled = 0;
let copied = 0;
const started = Date.now();
for (const top of ['apps', 'libs']) {
  for (const file of sources(join(root, top))) {
    const target = join(out, relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    if (file.endsWith('.ts') && !file.endsWith('.d.ts')) {
      const { code, map } = transformFileSync(file, {
        swcrc: false,
        sourceMaps: true,
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
          // swc rewrites these aliases into relative paths in the output.
          baseUrl: root,
          paths: compilerOptions.paths,
        },
        module: { type: 'commonjs' },
      });
      const js = target.replace(/\.ts$/, '.js');
      writeFileSync(js, `${code}\n//# sourceMappingURL=${js.split('/').pop()}.map\n`);
      writeFileSync(`${js}.map`, map);
      compiled += 1;
    } else if (!file.endsWith('project.json') && statSync(file).isFile()) {
      copyFileSync(file, target); // data files (e.g. calendars) travel with the code
      copied += 1;
    }
  }
}
process.stderr.write(`compiled ${compiled} files, copied ${copied} into ${relative(root, out) || out} in ${Date.now() - started} ms\n`);

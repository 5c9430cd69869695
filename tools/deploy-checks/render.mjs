#!/usr/bin/env node
// Renders Kustomize overlays of infra/k8s and validates every rendered object against the
// Kubernetes API schemas, offline:
//   1. kustomize build (binary from tools/deploy-checks/provision.sh, cached; no download here);
//   2. the JSON-schema validators bundled in the npm package kubernetes-models (generated from the
//      Kubernetes OpenAPI spec): types, formats, required fields, enums, int-or-string…;
//   3. unknown fields, which those schemas allow (as the API server would with a warning): every
//      object is type-checked by tsc against the same package's TypeScript interfaces, whose
//      excess-property check rejects a misspelt or misplaced field.
// Usage: node tools/deploy-checks/render.mjs [overlay… | file:<yaml>]   (default: every overlay)
// Prints JSON {tools, overlays: [{overlay, objects, errors}]} on stdout; exit 1 on any error.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml');
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const overlaysDir = join(root, 'infra/k8s/overlays');
const KUSTOMIZE_VERSION = 'v5.8.2';

export function kustomizeBinary() {
  if (process.env.KUSTOMIZE) return process.env.KUSTOMIZE;
  const cache = process.env.GONGKAI_CACHE_DIR || join(homedir(), '.cache/gongkai');
  const path = join(cache, `artifacts/kustomize-${KUSTOMIZE_VERSION}/bin/kustomize`);
  try {
    statSync(path);
  } catch {
    throw new Error(`kustomize is not provisioned (${path}): run tools/deploy-checks/provision.sh`);
  }
  return path;
}

/** Every directory under infra/k8s/overlays with a kustomization.yaml: dev, prod, dev/rebuild-…, … */
export function allOverlays(dir = overlaysDir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    if (readdirSync(path).includes('kustomization.yaml')) found.push(relative(overlaysDir, path));
    found.push(...allOverlays(path));
  }
  return found.sort();
}

const modulePath = (apiVersion, kind) => {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [null, apiVersion];
  return `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`;
};

async function schemaErrors(object) {
  let Model;
  try {
    Model = (await import(modulePath(object.apiVersion, object.kind)))[object.kind];
  } catch {
    return [`no schema for ${object.apiVersion} ${object.kind}`];
  }
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [error.message];
  }
}

/** tsc over `const o: I<Kind> = {…}` for every object: excess-property errors are unknown fields. */
function strictErrors(rendered) {
  mkdirSync(join(root, 'tmp'), { recursive: true }); // gitignored; node_modules resolve from here
  const dir = mkdtempSync(join(root, 'tmp', 'deploy-checks-'));
  try {
    const files = [];
    rendered.forEach(({ overlay, objects }, n) => {
      const imports = new Map();
      const lines = [];
      const owners = []; // line number → object index
      objects.forEach((object, i) => {
        const alias = `I${object.kind}_${object.apiVersion.replace(/\W/g, '_')}`;
        imports.set(alias, `import type { I${object.kind} as ${alias} } from '${modulePath(object.apiVersion, object.kind)}';`);
        const body = `export const o${i}: ${alias} = ${JSON.stringify(object, null, 1)};`.split('\n');
        body.forEach(() => owners.push(i));
        lines.push(...body);
      });
      const header = [...imports.values()];
      const file = join(dir, `overlay${n}.ts`);
      writeFileSync(file, [...header, ...lines].join('\n'));
      files.push({ file, overlay, objects, owners, offset: header.length });
    });
    const tsc = require.resolve('typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(
        process.execPath,
        [
          tsc,
          '--noEmit',
          '--strict',
          '--skipLibCheck',
          '--moduleResolution',
          'node',
          '--module',
          'commonjs',
          '--target',
          'es2022',
          '--types',
          'node',
          ...files.map((f) => f.file),
        ],
        {
          cwd: root,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    } catch (error) {
      output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    }
    const errors = new Map(files.map((f) => [f.overlay, []]));
    for (const line of output.split('\n')) {
      const match = /^(.*?)\((\d+),\d+\): error (TS\d+: .*)$/.exec(line.trim());
      if (!match) {
        if (line.trim()) errors.get(files[0].overlay).push(`tsc: ${line.trim()}`);
        continue;
      }
      const f = files.find((x) => resolve(root, match[1]) === x.file);
      const object = f?.objects[f.owners[Number(match[2]) - 1 - f.offset]];
      (errors.get(f?.overlay ?? files[0].overlay) ?? []).push(
        `${object ? `${object.kind}/${object.metadata?.name}` : match[1]}: ${match[3]}`,
      );
    }
    return errors;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `overlays`: names under infra/k8s/overlays, or `file:<path>` for a YAML file (tests' fixtures). */
export async function renderAndValidate(overlays = allOverlays()) {
  const kustomize = kustomizeBinary();
  const rendered = overlays.map((overlay) => {
    const text = overlay.startsWith('file:')
      ? readFileSync(overlay.slice(5), 'utf8')
      : execFileSync(kustomize, ['build', join(overlaysDir, overlay)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { overlay, objects: yaml.loadAll(text).filter(Boolean) };
  });
  const strict = strictErrors(rendered);
  const results = [];
  for (const { overlay, objects } of rendered) {
    const errors = [];
    for (const object of objects) {
      for (const message of await schemaErrors(object)) errors.push(`${object.kind}/${object.metadata?.name}: ${message}`);
    }
    errors.push(...strict.get(overlay));
    results.push({ overlay, objects, errors });
  }
  const models = JSON.parse(readFileSync(join(root, 'node_modules/kubernetes-models/package.json'), 'utf8'));
  return {
    tools: {
      kustomize: execFileSync(kustomize, ['version'], { encoding: 'utf8' }).trim(),
      schemas: `kubernetes-models ${models.version}`,
    },
    overlays: results,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const report = await renderAndValidate(args.length > 0 ? args : undefined);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  for (const { overlay, objects, errors } of report.overlays) {
    process.stderr.write(`${overlay}: ${objects.length} objects, ${errors.length} errors\n${errors.map((e) => `  ${e}\n`).join('')}`);
  }
  process.exit(report.overlays.some((o) => o.errors.length > 0) ? 1 : 0);
}

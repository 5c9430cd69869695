import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SHAPE_SERVICES, configSchema } from '@gongkai/platform';

/**
 * infra/: every Kustomize overlay renders and every object passes the Kubernetes API schemas
 * (tools/deploy-checks/render.mjs: kustomize from provision.sh, schemas from kubernetes-models),
 * and the deployment policy holds: probes, limits, non-root, no literal secret.
 */
const root = resolve(__dirname, '../..');

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered Kubernetes objects are plain JSON */
type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
};
interface Report {
  tools: { kustomize: string; schemas: string };
  overlays: { overlay: string; objects: K8sObject[]; errors: string[] }[];
}

function render(args: string[] = []): { report: Report; status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [join(root, 'tools/deploy-checks/render.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!run.stdout) throw new Error(`render.mjs printed nothing: ${run.stderr}`);
  return { report: JSON.parse(run.stdout) as Report, status: run.status, stderr: run.stderr };
}

const overlayNames = ['dev', 'prod'];
let report: Report;
const objectsOf = (overlay: string) => report.overlays.find((o) => o.overlay === overlay)!.objects;
const ofKind = (overlay: string, kind: string) => objectsOf(overlay).filter((o) => o.kind === kind);
const containersOf = (o: K8sObject): any[] => o.spec.template.spec.containers;
/** The five services' Deployments (the web app's Deployment serves files and holds no data or secret). */
const serviceDeployments = (overlay: string) =>
  ofKind(overlay, 'Deployment')
    .filter((d) => d.metadata.labels?.['app.kubernetes.io/component'] === 'service')
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));

/**
 * Memory beside V8's heap in a service process (docs/operations.md §19): measured about 80 MB idle
 * and 162 MB at the standalone's peak while it projects a district's catalogue (district-memory bench).
 */
const NATIVE_HEADROOM_MIB = 160;
/** A Kubernetes memory quantity in MiB (Mi, Gi, M, G or bytes). */
function mebibytes(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(Mi|Gi|M|G)?$/.exec(String(quantity));
  if (!match) return Number.NaN;
  const factor = { Mi: 1, Gi: 1024, M: 1e6 / 2 ** 20, G: 1e9 / 2 ** 20 }[match[2] ?? ''] ?? 1 / 2 ** 20;
  return Number(match[1]) * factor;
}

beforeAll(() => {
  const result = render();
  report = result.report;
  process.stdout.write(`${result.stderr}tools: kustomize ${report.tools.kustomize}, schemas ${report.tools.schemas}\n`);
}, 120000);

describe('Kubernetes manifests (infra/k8s)', () => {
  it('renders every overlay, and every object passes the Kubernetes API schemas', () => {
    const rendered = report.overlays.map((o) => o.overlay);
    expect(rendered).toEqual(expect.arrayContaining([...overlayNames, 'dev/rebuild-read-models', 'prod/rebuild-read-models']));
    for (const { overlay, objects, errors } of report.overlays) {
      expect({ overlay, errors }).toEqual({ overlay, errors: [] });
      expect(objects.length).toBeGreaterThan(0);
    }
    for (const overlay of overlayNames) {
      const kinds = new Set(objectsOf(overlay).map((o) => o.kind));
      for (const kind of ['Deployment', 'Service', 'ConfigMap', 'PodDisruptionBudget', 'NetworkPolicy', 'Ingress', 'Job'])
        expect(kinds).toContain(kind);
    }
  });

  it('rejects what the API server would reject (negative control of the validation itself)', () => {
    const fixture = join(mkdtempSync(join(tmpdir(), 'gk-deploy-')), 'broken.yaml');
    writeFileSync(
      fixture,
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: broken }',
        'spec:',
        '  selector: { matchLabels: { a: b } }',
        '  template:',
        '    metadata: { labels: { a: b } }',
        '    spec:',
        '      containers:',
        '        - name: c',
        '          image: x',
        '          readinessProbe: { httpGet: { path: /health/ready, prot: 3000 } }',
        '          resources: { limits: { memory: { lots: true } } }',
      ].join('\n'),
    );
    const { report: bad, status } = render([`file:${fixture}`]);
    expect(status).toBe(1);
    const errors = bad.overlays[0].errors.join('\n');
    expect(errors).toMatch(/must have required property port/); // schema
    expect(errors).toMatch(/'"prot"' does not exist/); // unknown field
    expect(errors).toMatch(/limits\/memory/);
  }, 60000);

  describe.each(overlayNames)('policy, overlay %s', (overlay) => {
    it('runs one Deployment per service and one for the web app, each with a Service and a PodDisruptionBudget', () => {
      const names = ofKind(overlay, 'Deployment')
        .map((d) => d.metadata.name)
        .sort();
      expect(names).toEqual([...SHAPE_SERVICES, 'web'].sort());
      expect(serviceDeployments(overlay).map((d) => d.metadata.name)).toEqual([...SHAPE_SERVICES].sort());
      for (const name of names) {
        expect(ofKind(overlay, 'Service').map((s) => s.metadata.name)).toContain(name);
        expect(ofKind(overlay, 'PodDisruptionBudget').map((s) => s.metadata.name)).toContain(name);
        const image = containersOf(ofKind(overlay, 'Deployment').find((d) => d.metadata.name === name)!)[0].image as string;
        expect(image).toMatch(new RegExp(`gongkai/${name === 'web' ? 'web-server' : `${name}-service`}:[\\w.-]+$`));
        expect(image).not.toMatch(/:latest$/);
      }
    });

    it('gives every Deployment probes on /health/live and /health/ready, requests and limits, and a non-root read-only security context', () => {
      for (const deployment of ofKind(overlay, 'Deployment')) {
        const pod = deployment.spec.template.spec;
        for (const container of containersOf(deployment)) {
          const where = `${overlay} ${deployment.metadata.name}/${container.name}`;
          expect({ where, live: container.livenessProbe?.httpGet?.path }).toEqual({ where, live: '/health/live' });
          expect({ where, ready: container.readinessProbe?.httpGet?.path }).toEqual({ where, ready: '/health/ready' });
          for (const kind of ['requests', 'limits']) {
            expect({ where, kind, cpu: !!container.resources?.[kind]?.cpu, memory: !!container.resources?.[kind]?.memory }).toEqual({
              where,
              kind,
              cpu: true,
              memory: true,
            });
          }
          expect({ where, nonRoot: container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot }).toEqual({
            where,
            nonRoot: true,
          });
          expect({ where, uid: container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser }).not.toEqual({ where, uid: 0 });
          expect(container.securityContext).toMatchObject({
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
          });
        }
      }
    });

    it('runs the Jobs unprivileged with limits too', () => {
      const jobs = [...ofKind(overlay, 'Job'), ...objectsOf(`${overlay}/rebuild-read-models`)];
      expect(jobs.map((j) => j.metadata.name).sort()).toEqual(['gongkai-create-topics', 'gongkai-rebuild-read-models']);
      for (const job of jobs) {
        expect(job.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
        for (const container of containersOf(job)) {
          expect(container.resources.limits).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
          expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
        }
      }
      const rebuild = objectsOf(`${overlay}/rebuild-read-models`)[0];
      expect(containersOf(rebuild)[0].args).toEqual(['rebuild', '--apply']);
      expect(containersOf(rebuild)[0].image).toMatch(/gongkai\/audit-cli:/);
      expect(rebuild.metadata.namespace).toBe(ofKind(overlay, 'Deployment')[0].metadata.namespace);
    });

    it('holds no literal secret: secrets come from the Secret gongkai-secrets, which the manifests never contain', () => {
      const objects = [...objectsOf(overlay), ...objectsOf(`${overlay}/rebuild-read-models`)];
      expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
      const secretish = /SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|CREDENTIAL|API_?KEY|MONGODB_URL|EVENT_STORE_URL/i;
      const credentialsInUrl = /:\/\/[^/\s:@]+:[^/\s@]+@/;
      for (const o of objects) {
        if (o.kind === 'ConfigMap') {
          for (const [key, value] of Object.entries(o.data ?? {})) {
            expect({ key, secretish: secretish.test(key), credentials: credentialsInUrl.test(value) }).toEqual({
              key,
              secretish: false,
              credentials: false,
            });
          }
        }
        for (const container of o.spec?.template?.spec?.containers ?? []) {
          for (const variable of container.env ?? []) {
            const literal = variable.value !== undefined;
            expect({
              name: variable.name,
              literalSecret: literal && (secretish.test(variable.name) || credentialsInUrl.test(variable.value)),
            }).toEqual({ name: variable.name, literalSecret: false });
          }
        }
      }
      for (const deployment of serviceDeployments(overlay)) {
        expect(containersOf(deployment)[0].envFrom).toEqual([
          { configMapRef: { name: 'gongkai-config' } },
          { secretRef: { name: 'gongkai-secrets' } },
        ]);
      }
      // The web app reads the settings (HTTP_*, AUTH_ISSUER for its CSP), never the secrets.
      expect(containersOf(ofKind(overlay, 'Deployment').find((d) => d.metadata.name === 'web')!)[0].envFrom).toEqual([
        { configMapRef: { name: 'gongkai-config' } },
      ]);
    });

    it('sets only settings the services know (config.ts), and listens on all interfaces on the probed port', () => {
      const config = ofKind(overlay, 'ConfigMap').find((c) => c.metadata.name === 'gongkai-config')!;
      const known = Object.keys(configSchema.shape);
      for (const key of Object.keys(config.data!)) expect({ key, known: known.includes(key) }).toEqual({ key, known: true });
      expect(config.data).toMatchObject({ HTTP_HOST: '0.0.0.0', HTTP_PORT: '3000', AUTH_DEV_LOGIN: 'false' });
      expect(() =>
        configSchema.parse({ ...config.data, GONGKAI_SHAPE: 'catalogue', MONGODB_URL: 'mongodb://m/', AUTH_JWT_SECRET: 'x'.repeat(32) }),
      ).not.toThrow();
      for (const deployment of ofKind(overlay, 'Deployment')) expect(containersOf(deployment)[0].ports[0].containerPort).toBe(3000);
    });

    it('bounds every service heap (HEAP_LIMIT_MB) under its memory limit, with room for native memory and the import worker (§19)', () => {
      const config = ofKind(overlay, 'ConfigMap').find((c) => c.metadata.name === 'gongkai-config')!;
      const workerHeapMb = Number(
        config.data!.CATALOGUE_IMPORT_WORKER_HEAP_MB ?? configSchema.shape.CATALOGUE_IMPORT_WORKER_HEAP_MB.parse(undefined),
      );
      for (const deployment of serviceDeployments(overlay)) {
        const container = containersOf(deployment)[0];
        const where = `${overlay}/${deployment.metadata.name}`;
        const heap = (container.env ?? []).find((v: { name: string }) => v.name === 'HEAP_LIMIT_MB')?.value;
        expect({ where, heap }).toEqual({ where, heap: expect.stringMatching(/^[1-9][0-9]*$/) });
        expect((container.env ?? []).map((v: { name: string }) => v.name)).not.toContain('NODE_OPTIONS'); // one way to set the heap
        // Native memory beside the heap (code, jieba's dictionary, buffers); the catalogue also parses uploads on a worker with a heap of its own.
        const needed = Number(heap) + NATIVE_HEADROOM_MIB + (deployment.metadata.name === 'catalogue' ? workerHeapMb : 0);
        expect({ where, limit: mebibytes(container.resources.limits.memory) }).toEqual({ where, limit: expect.any(Number) });
        expect({ where, limitCoversHeap: mebibytes(container.resources.limits.memory) >= needed }).toEqual({
          where,
          limitCoversHeap: true,
        });
        expect({
          where,
          requestWithinLimit: mebibytes(container.resources.requests.memory) <= mebibytes(container.resources.limits.memory),
        }).toEqual({
          where,
          requestWithinLimit: true,
        });
      }
    });

    it('scales consumers with partitions only where MongoDB makes it safe (HPA ≤ KAFKA_PARTITIONS; none in dev, ADR 0004)', () => {
      const partitions = Number(ofKind(overlay, 'ConfigMap').find((c) => c.metadata.name === 'gongkai-config')!.data!.KAFKA_PARTITIONS);
      const hpas = ofKind(overlay, 'HorizontalPodAutoscaler');
      if (overlay === 'dev') expect(hpas).toEqual([]);
      else expect(hpas.length).toBeGreaterThan(0);
      for (const hpa of hpas) {
        expect(hpa.spec.maxReplicas).toBeLessThanOrEqual(partitions);
        expect(ofKind(overlay, 'Deployment').map((d) => d.metadata.name)).toContain(hpa.spec.scaleTargetRef.name);
      }
    });

    it('routes the ingress only to existing Services: `/` to the web app, /api/<service> to each service, /api/auth to a service', () => {
      const services = new Set(ofKind(overlay, 'Service').map((s) => s.metadata.name));
      const routed = new Map<string, string>();
      for (const ingress of ofKind(overlay, 'Ingress')) {
        for (const rule of ingress.spec.rules) {
          for (const path of rule.http.paths) {
            expect(services).toContain(path.backend.service.name);
            expect(path.pathType).toBe('Prefix');
            routed.set(path.path, path.backend.service.name);
          }
        }
      }
      expect(routed.get('/')).toBe('web');
      expect(SHAPE_SERVICES).toContain(routed.get('/api/auth'));
      for (const service of SHAPE_SERVICES) expect({ service, to: routed.get(`/api/${service}`) }).toEqual({ service, to: service });
      expect(routed.size).toBe(SHAPE_SERVICES.length + 2);
      const web = ofKind(overlay, 'NetworkPolicy').find((p) => p.metadata.name === 'gongkai-web-ingress')!;
      expect(web.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/component': 'web' } });
      const deny = ofKind(overlay, 'NetworkPolicy').find((p) => p.metadata.name === 'gongkai-default-deny')!;
      expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    });

    it('serves /metrics on the metrics port only, reachable from the monitoring namespace alone, never through the ingress (issue 16.7)', () => {
      const config = ofKind(overlay, 'ConfigMap').find((c) => c.metadata.name === 'gongkai-config')!;
      const metricsPort = Number(config.data!.METRICS_PORT);
      expect(metricsPort).toBeGreaterThan(0);
      expect(metricsPort).not.toBe(Number(config.data!.HTTP_PORT));
      for (const deployment of serviceDeployments(overlay)) {
        const where = `${overlay} ${deployment.metadata.name}`;
        const annotations = deployment.spec.template.metadata.annotations ?? {};
        expect({ where, port: annotations['prometheus.io/port'], path: annotations['prometheus.io/path'] }).toEqual({
          where,
          port: String(metricsPort),
          path: '/metrics',
        });
        const ports = containersOf(deployment)[0].ports as { name: string; containerPort: number }[];
        expect({ where, metrics: ports.find((p) => p.name === 'metrics')?.containerPort }).toEqual({ where, metrics: metricsPort });
      }
      for (const service of ofKind(overlay, 'Service')) {
        for (const port of service.spec.ports)
          expect({ service: service.metadata.name, port: port.port }).not.toEqual({ service: service.metadata.name, port: metricsPort });
      }
      const policy = ofKind(overlay, 'NetworkPolicy').find((p) => p.metadata.name === 'gongkai-services-ingress')!;
      const rules = policy.spec.ingress as { from: Record<string, any>[]; ports: { port: number }[] }[];
      const toMetrics = rules.filter((rule) => rule.ports.some((p) => p.port === metricsPort));
      expect(toMetrics.map((rule) => rule.from)).toEqual([
        [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
      ]);
      for (const rule of rules.filter((r) => !toMetrics.includes(r))) {
        expect(rule.from).not.toContainEqual({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } });
      }
    });

    it('creates a topic for each service (<prefix>.<service>)', () => {
      const script = ofKind(overlay, 'ConfigMap').find((c) => c.metadata.name === 'gongkai-kafka-topics-script')!.data!['create-topics.js'];
      const listed = /const SERVICES = (\[.*?\]);/.exec(script)![1];
      expect(JSON.parse(listed.replace(/'/g, '"'))).toEqual([...SHAPE_SERVICES]);
    });
  });
});

describe('container image (infra/docker)', () => {
  const dockerfile = readFileSync(join(root, 'infra/docker/Dockerfile'), 'utf8');

  it('is multi-stage, production dependencies only, non-root, with a HEALTHCHECK and a build arg for the app', () => {
    expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/^ARG APP=/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).toMatch(/node infra\/build\/compile\.js dist/);
    expect(dockerfile).toMatch(/dist\/apps\/\$\{GONGKAI_APP\}\/src\/main\.js/);
  });

  it('bounds the heap by HEAP_LIMIT_MB in its entry point, the standalone by default as `npm start` does (§19)', () => {
    const entrypoint = JSON.parse(/^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)![1]) as string[];
    expect(entrypoint.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    // The entry point's own shell script, printing the command it would exec.
    const command = (env: Record<string, string>) =>
      execFileSync('/bin/sh', ['-c', entrypoint[2].replace('exec node', 'echo node'), '--'], {
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
      }).trim();
    const startScript = readFileSync(join(root, 'tools/start-standalone.sh'), 'utf8');
    const npmStartDefault = /HEAP_LIMIT_MB:-(\d+)/.exec(startScript)![1];
    expect(startScript).toMatch(/--max-old-space-size="\$HEAP_LIMIT_MB" dist\/apps\/standalone\/src\/main\.js/);
    expect(command({ GONGKAI_APP: 'standalone' })).toBe(
      `node --enable-source-maps --max-old-space-size=${npmStartDefault} dist/apps/standalone/src/main.js`,
    );
    expect(command({ GONGKAI_APP: 'standalone', HEAP_LIMIT_MB: '400' })).toBe(
      'node --enable-source-maps --max-old-space-size=400 dist/apps/standalone/src/main.js',
    );
    expect(command({ GONGKAI_APP: 'catalogue-service', HEAP_LIMIT_MB: '320' })).toBe(
      'node --enable-source-maps --max-old-space-size=320 dist/apps/catalogue-service/src/main.js',
    );
    expect(command({ GONGKAI_APP: 'audit-cli' })).toBe('node --enable-source-maps dist/apps/audit-cli/src/main.js');
  });

  it('compiles every app to JavaScript with the path aliases rewritten (infra/build/compile.js)', () => {
    mkdirSync(join(root, 'tmp'), { recursive: true });
    const out = mkdtempSync(join(root, 'tmp', 'deploy-build-'));
    try {
      execFileSync(process.execPath, [join(root, 'infra/build/compile.js'), out], { cwd: root, stdio: 'pipe' });
      const apps = readdirSync(join(root, 'apps')).filter((app) => app !== 'web');
      for (const app of apps) expect({ app, main: existsSync(join(out, 'apps', app, 'src/main.js')) }).toEqual({ app, main: true });
      const main = readFileSync(join(out, 'apps/catalogue-service/src/main.js'), 'utf8');
      expect(main).not.toMatch(/require\("@gongkai\//);
      expect(main).toMatch(/require\("\.\.\/\.\.\/\.\.\/libs\/catalogue\/src"\)/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60000);
});

describe('runbook (docs/operations.md)', () => {
  const runbook = readFileSync(join(root, 'docs/operations.md'), 'utf8');

  it('names only files that exist in the repository', () => {
    const paths = new Set<string>();
    for (const match of runbook.matchAll(/(?:^|[\s`'"(=])((?:infra|tools|docs|libs|apps)\/[\w./<>$-]*[\w/>])/gm)) paths.add(match[1]);
    expect(paths.size).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const path of paths) {
      // Placeholders stand for each of their values: <env> = dev and prod, <app>/$APP = an app.
      const concrete = path.includes('<env>') ? ['dev', 'prod'].map((env) => path.replace('<env>', env)) : [path];
      for (const candidate of concrete) {
        if (/[<$]/.test(candidate)) {
          if (!existsSync(join(root, candidate.replace(/\/[^/]*[<$].*$/, '')))) missing.push(candidate);
        } else if (!existsSync(join(root, candidate))) missing.push(candidate);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names only npm scripts that exist, and every gongkai_* metric there is', () => {
    const scripts = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts);
    for (const [, script] of runbook.matchAll(/npm run (?:--[\w-]+ )*([\w:][\w:-]*)/g)) expect(scripts).toContain(script);
    // Platform metrics (libs/platform/src/observability/metrics.ts) and a service's own (e.g. the requests module's calendar gauge).
    const definitions = execFileSync(
      'git',
      ['grep', '-h', '-E', "name: 'gongkai_[a-z_]+'", '--', 'libs/*/src/*.ts', 'libs/*/src/**/*.ts', ':!*.spec.ts'],
      { cwd: root, encoding: 'utf8' },
    );
    const defined = [...definitions.matchAll(/name: '(gongkai_\w+)'/g)].map((m) => m[1]);
    expect(defined).toEqual(expect.arrayContaining(['gongkai_relay_leader', 'gongkai_working_day_calendar_published_days_left']));
    expect(defined.length).toBeGreaterThan(0);
    for (const name of defined) expect(runbook).toContain(name);
    for (const [name] of runbook.matchAll(/gongkai_[a-z_]+/g)) expect(defined).toContain(name);
  });
});

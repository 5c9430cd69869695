import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SHAPE_SERVICES } from '@gongkai/platform';
import { createGateway, routeFor, routesFrom } from './gateway';

const root = resolve(__dirname, '../..');
// js-yaml ships no types; tools/deploy-checks/render.mjs uses it the same way.
const yaml = require('js-yaml') as { load(text: string): unknown };

const listen = (server: Server) =>
  new Promise<number>((done) => server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)));
const close = (server: Server) =>
  new Promise<void>((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });

/** A service that answers with what it received. */
const echo = (service: string) =>
  createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      response.writeHead(201, { 'Content-Type': 'application/json', ETag: '"7"' });
      response.end(
        JSON.stringify({ service, method: request.method, url: request.url, body, ifMatch: request.headers['if-match'] ?? null }),
      );
    });
  });

describe('local gateway (tools/gateway: the Ingress of `npm run start:services`)', () => {
  let catalogue: Server;
  let requests: Server;
  let gateway: Server;
  let base: string;
  let webRoot: string;

  beforeAll(async () => {
    // apps/web/dist stands in as <tmp>/dist; a file beside it must stay out of reach.
    const dir = mkdtempSync(join(tmpdir(), 'gateway-'));
    writeFileSync(join(dir, 'secret.txt'), 'not for the web');
    webRoot = join(dir, 'dist');
    mkdirSync(join(webRoot, 'assets'), { recursive: true });
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>gongkai</title>');
    writeFileSync(join(webRoot, 'assets/app.js'), 'console.log("app");');
    catalogue = echo('catalogue');
    requests = echo('requests');
    const [cataloguePort, requestsPort] = [await listen(catalogue), await listen(requests)];
    // A third service that is not running: its port is taken from a server closed at once.
    const gone = createServer();
    const gonePort = await listen(gone);
    await close(gone);
    gateway = createGateway({
      routes: routesFrom(`catalogue=${cataloguePort},requests=${requestsPort},assessment=${gonePort}`),
      webRoot,
    });
    base = `http://127.0.0.1:${await listen(gateway)}`;
  });
  afterAll(async () => {
    await Promise.all([close(gateway), close(catalogue), close(requests)]);
    rmSync(resolve(webRoot, '..'), { recursive: true, force: true });
  });

  it('routes /api/<service>/… to that service, with method, path, query, body and headers', async () => {
    const read = await fetch(`${base}/api/catalogue/units?level=乡级`);
    expect(read.status).toBe(201);
    expect(await read.json()).toEqual({
      service: 'catalogue',
      method: 'GET',
      url: '/api/catalogue/units?level=%E4%B9%A1%E7%BA%A7',
      body: '',
      ifMatch: null,
    });
    const write = await fetch(`${base}/api/requests/R-1/decision`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'If-Match': '"6"' },
      body: '{"outcome":"granted"}',
    });
    expect(write.headers.get('etag')).toBe('"7"');
    expect(await write.json()).toEqual({
      service: 'requests',
      method: 'POST',
      url: '/api/requests/R-1/decision',
      body: '{"outcome":"granted"}',
      ifMatch: '"6"',
    });
  });

  it('matches whole path segments, as the Ingress Prefix does', async () => {
    const routes = routesFrom('catalogue=3001,document-attributes=3002');
    expect(routeFor(routes, '/api/catalogue')?.port).toBe(3001);
    expect(routeFor(routes, '/api/catalogue?x=1')?.port).toBe(3001);
    expect(routeFor(routes, '/api/document-attributes/public/x')?.port).toBe(3002);
    expect(routeFor(routes, '/api/catalogues')).toBeUndefined();
    const response = await fetch(`${base}/api/catalogues`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 'NO_ROUTE' });
    expect((await fetch(`${base}/health/ready`)).status).toBe(404);
  });

  it('answers 502 problem+json when the service is not running', async () => {
    const response = await fetch(`${base}/api/assessment/units`);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ status: 502, code: 'SERVICE_UNAVAILABLE' });
  });

  it('serves the web app: its files, and index.html for the portal and console routes', async () => {
    for (const path of ['/', '/console', '/console/requests/R-1', '/units/TEZ-CIVIL']) {
      const page = await fetch(`${base}${path}`);
      expect({ path, status: page.status, type: page.headers.get('content-type') }).toEqual({
        path,
        status: 200,
        type: 'text/html; charset=utf-8',
      });
      expect(await page.text()).toContain('<title>gongkai</title>');
    }
    const script = await fetch(`${base}/assets/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("app");');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    const outside = await fetch(`${base}/assets/..%2F..%2Fsecret.txt`);
    expect(outside.status).toBe(404);
    expect(await outside.text()).not.toContain('not for the web');
  });

  it('routes the paths the Ingress routes, and start-services.sh starts every service behind it', () => {
    const ingress = yaml.load(readFileSync(join(root, 'infra/k8s/base/ingress.yaml'), 'utf8')) as {
      spec: { rules: { http: { paths: { path: string; pathType: string; backend: { service: { name: string } } }[] } }[] };
    };
    const paths = ingress.spec.rules.flatMap((rule) => rule.http.paths);
    expect(paths.length).toBeGreaterThan(0);
    // The gateway routes /api/<service> to each service, /api/auth to the first, and serves the web app for `/`.
    for (const { path, pathType, backend } of paths) {
      expect(pathType).toBe('Prefix');
      if (path === '/') expect(backend.service.name).toBe('web');
      else if (path === '/api/auth') expect(SHAPE_SERVICES).toContain(backend.service.name);
      else expect(path).toBe(`/api/${backend.service.name}`);
    }
    const script = readFileSync(join(root, 'tools/start-services.sh'), 'utf8');
    const started = /^services=\((.*)\)$/m
      .exec(script)![1]
      .split(' ')
      .map((entry) => entry.split(':')[0]);
    expect(started.sort()).toEqual([...SHAPE_SERVICES].sort());
    expect(script).toContain('tools/gateway/gateway.ts');
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { contentSecurityPolicy } from '@gongkai/platform/web';
import { createWebServer } from './web-server';

const listen = (server: Server) =>
  new Promise<string>((done) => server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

describe('web server of the distributed shape (apps/web-server, the Ingress’s `/`)', () => {
  let dir: string;
  let webRoot: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gk-web-server-'));
    writeFileSync(join(dir, 'secret.txt'), 'not for the web');
    webRoot = join(dir, 'dist');
    mkdirSync(join(webRoot, 'assets'), { recursive: true });
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>gongkai</title>');
    writeFileSync(join(webRoot, 'assets/app.js'), 'console.log("app");');
    server = createWebServer({ webRoot, identityProvider: 'https://id.example.gov.cn' });
    base = await listen(server);
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the portal and console routes with the API’s security headers, the provider allowed in the CSP', async () => {
    for (const path of ['/', '/console', '/console/requests/R-1', '/units/TEZ-CIVIL']) {
      const page = await fetch(`${base}${path}`);
      expect({ path, status: page.status, type: page.headers.get('content-type'), cache: page.headers.get('cache-control') }).toEqual({
        path,
        status: 200,
        type: 'text/html; charset=utf-8',
        cache: 'no-cache',
      });
      expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy('https://id.example.gov.cn'));
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await page.text()).toContain('<title>gongkai</title>');
    }
    const script = await fetch(`${base}/assets/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("app");');
  });

  it('never serves a file outside the app, nor index.html for a missing asset or a server path', async () => {
    const outside = await fetch(`${base}/assets/..%2F..%2Fsecret.txt`);
    expect(outside.status).toBe(404);
    expect(await outside.text()).not.toContain('not for the web');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    for (const path of ['/api/requests', '/api/auth/sign-in', '/metrics']) {
      const answer = await fetch(`${base}${path}`);
      expect({ path, status: answer.status, type: answer.headers.get('content-type') }).toEqual({
        path,
        status: 404,
        type: 'application/problem+json',
      });
      expect(await answer.json()).toMatchObject({ code: 'NO_ROUTE' });
    }
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });

  it('is live at once, and ready only when the web app has been built', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    const empty = createWebServer({ webRoot: resolve(dir, 'not-built') });
    const emptyBase = await listen(empty);
    try {
      expect((await fetch(`${emptyBase}/health/live`)).status).toBe(200);
      expect((await fetch(`${emptyBase}/health/ready`)).status).toBe(503);
      expect(await (await fetch(`${emptyBase}/`)).json()).toMatchObject({ code: 'WEB_APP_NOT_BUILT' });
      expect((await fetch(`${emptyBase}/`)).headers.get('content-security-policy')).toBe(contentSecurityPolicy(null));
    } finally {
      await new Promise((done) => empty.close(done));
    }
  });
});

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Public } from '../auth/auth.guard';
import { createApp } from '../nest/bootstrap';
import { isolatedEnv } from '../testing/infra';
import { contentSecurityPolicy, issuerOrigin } from './security-headers';

@Controller('api/test')
class FailingController {
  @Public()
  @Get('boom')
  boom(): never {
    throw new Error(`cannot open ${join(process.cwd(), 'data/secret.db')}`);
  }
}

@Module({ controllers: [FailingController] })
class FailingModule {}

const root = join(__dirname, '../../../..');

describe('security headers and error bodies (a real app serving the API and a built web app)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const web = mkdtempSync(join(tmpdir(), 'gk-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/index.js"></script>');
    ({ app } = await createApp(
      { shape: 'standalone', title: 'headers test', modules: () => [FailingModule], staticRoot: web },
      isolatedEnv({ AUTH_ISSUER: 'https://id.example.gov.cn/realms/gongkai' }),
    ));
    await app.init();
  }, 60000);
  afterAll(() => app?.close());

  it.each(['/api/test/missing', '/health/live', '/', '/console/requests/42'])('sends the security headers on %s', async (path) => {
    const response = await request(app.getHttpServer()).get(path);
    expect(response.headers).toMatchObject({
      'content-security-policy': contentSecurityPolicy('https://id.example.gov.cn'),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['content-security-policy']).toContain("script-src 'self';");
    expect(response.headers['content-security-policy']).toContain("connect-src 'self' https://id.example.gov.cn;");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('answers failures without a stack trace or an internal path', async () => {
    const server = app.getHttpServer();
    const answers = [
      await request(server).get('/api/test/boom').expect(500),
      await request(server).post('/api/test/boom').set('content-type', 'application/json').send('{"broken": ').expect(400),
      await request(server)
        .get('/api/%E0%A4%A')
        .expect((r) => expect(r.status).toBeGreaterThanOrEqual(400)),
      await request(server)
        .get('/assets/%E0%A4%A.js')
        .expect((r) => expect(r.status).toBeGreaterThanOrEqual(400)),
    ];
    for (const answer of answers) {
      expect(answer.headers['content-security-policy']).toBeDefined();
      expect(answer.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|\/work\/|\/home\/|\/root\/|data\/secret/);
    }
    expect(answers[0].body).toMatchObject({ code: 'INTERNAL_ERROR', status: 500 });
    expect(answers[1].body).toMatchObject({ code: 'MALFORMED_JSON' });
  });

  it('offers no provider sign-in without AUTH_JWKS_URL and AUTH_CONSOLE_CLIENT_ID, and no demo login without AUTH_DEV_LOGIN', async () => {
    const options = await request(app.getHttpServer()).get('/api/auth/sign-in').expect(200);
    expect(options.body).toEqual({ demoLogin: false, provider: null });
  });
});

describe('the Content-Security-Policy fits the web app', () => {
  const inlineCode = (html: string) => [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>|<style\b|\son[a-z]+=|\sstyle="/gi)].map((m) => m[0]);

  it('index.html (source and, when built, apps/web/dist) has no inline script, style or handler', () => {
    expect(inlineCode(readFileSync(join(root, 'apps/web/index.html'), 'utf8'))).toEqual([]);
    const built = join(root, 'apps/web/dist/index.html');
    if (existsSync(built)) expect(inlineCode(readFileSync(built, 'utf8'))).toEqual([]);
  });

  it('names the identity provider only when the issuer is a URL', () => {
    expect(issuerOrigin('gongkai')).toBeNull();
    expect(issuerOrigin('http://127.0.0.1:28080/realms/gongkai')).toBe('http://127.0.0.1:28080');
    expect(contentSecurityPolicy(null)).toContain("connect-src 'self';");
  });
});

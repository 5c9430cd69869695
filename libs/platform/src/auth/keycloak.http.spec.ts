import { Controller, Get, Module, Post, Req, type INestApplication } from '@nestjs/common';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { commandContext } from '../http/command-context';
import { createApp } from '../nest/bootstrap';
import { isolatedEnv } from '../testing/infra';
import { type AuthenticatedRequest, CurrentPrincipal, Roles } from './auth.guard';
import type { Principal } from './principal';
import { TokenVerifier } from './token-verifier';

/**
 * The API against real Keycloak tokens: the realm of infra/identity, served by the Keycloak that
 * `tools/local-infra/up.sh keycloak` provisions (tools/test.sh starts it and sets KEYCLOAK_ISSUER).
 * Users and clients are those of infra/identity/gongkai-realm.json (password: local only).
 */
const issuer = process.env.KEYCLOAK_ISSUER;
const PASSWORD = 'gongkai-local-dev-only';

if (!issuer) {
  console.warn(
    'Keycloak suite SKIPPED: KEYCLOAK_ISSUER is not set (run `npm test`, or tools/local-infra/up.sh keycloak and export its output)',
  );
  describe('API with real Keycloak tokens', () => {
    it.skip('SKIPPED: KEYCLOAK_ISSUER is not set, so the sign-in was not tested against Keycloak', () => undefined);
  });
} else {
  const jwksUrl = process.env.KEYCLOAK_JWKS_URL ?? `${issuer}/protocol/openid-connect/certs`;
  const base = issuer.replace(/\/realms\/[^/]+$/, '');

  /** A token from the provider through the password grant of a test-only client. */
  async function passwordToken(username: string, { realm = 'gongkai', client = 'gongkai-test' } = {}): Promise<string> {
    const response = await fetch(`${base}/realms/${realm}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: client, username, password: PASSWORD, scope: 'openid' }),
    });
    const body = (await response.json()) as { access_token?: string; error_description?: string };
    if (!response.ok || !body.access_token) throw new Error(`no token for ${username}@${realm}/${client}: ${body.error_description}`);
    return body.access_token;
  }

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('accepted');
      },
      (error: { kind: string; code: string }) => ({ kind: error.kind, code: error.code }),
    );

  describe('TokenVerifier with real Keycloak tokens', () => {
    const verifier = new TokenVerifier({ jwksUrl, issuer, audience: 'gongkai', clockToleranceSeconds: 0 });

    it('accepts the right role and unit: the subject is the user id, the name is kept for display', async () => {
      const clerk = await passwordToken('clerk-zsz');
      expect(await verifier.verify(clerk)).toEqual({ userId: decodeJwt(clerk).sub, name: '王芳', role: 'clerk', unitId: 'TEZ-ZSZ' });
      expect(await verifier.verify(await passwordToken('district'))).toMatchObject({ role: 'district_office', unitId: 'TEZ-GOV-OFFICE' });
      expect(await verifier.verify(await passwordToken('auditor'))).toMatchObject({ name: '周丽', role: 'auditor', unitId: null });
    }, 30000);

    it('refuses a token from another realm (other issuer, other keys)', async () => {
      const foreign = await passwordToken('clerk-zsz', { realm: 'other' });
      expect(await refusal(verifier.verify(foreign))).toEqual({ kind: 'unauthenticated', code: 'TOKEN_INVALID' });
      // Even when the issuer is the one expected, its signature is not from this realm's keys.
      const trustingIssuer = new TokenVerifier({ jwksUrl, issuer: decodeJwt(foreign).iss as string, audience: 'gongkai' });
      expect(await refusal(trustingIssuer.verify(foreign))).toEqual({ kind: 'unauthenticated', code: 'TOKEN_INVALID' });
    }, 30000);

    it('refuses a token meant for another application (audience)', async () => {
      const token = await passwordToken('clerk-zsz', { client: 'other-app' });
      expect(decodeJwt(token).aud).not.toContain('gongkai');
      expect(await refusal(verifier.verify(token))).toEqual({ kind: 'unauthenticated', code: 'TOKEN_INVALID' });
    }, 30000);

    it('refuses an expired token', async () => {
      const token = await passwordToken('clerk-zsz', { client: 'gongkai-test-expiring' });
      const { exp = 0 } = decodeJwt(token);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp * 1000 - Date.now()) + 1100));
      expect(await refusal(verifier.verify(token))).toEqual({ kind: 'unauthenticated', code: 'TOKEN_EXPIRED' });
    }, 30000);

    it('refuses, with a stable code, a token without a gongkai role, with two, and unit staff without a unit (403)', async () => {
      expect(await refusal(verifier.verify(await passwordToken('test-norole')))).toEqual({ kind: 'forbidden', code: 'ROLE_CLAIM_MISSING' });
      expect(await refusal(verifier.verify(await passwordToken('test-tworoles')))).toEqual({
        kind: 'forbidden',
        code: 'ROLE_CLAIM_AMBIGUOUS',
      });
      expect(await refusal(verifier.verify(await passwordToken('test-nounit')))).toEqual({ kind: 'forbidden', code: 'UNIT_CLAIM_MISSING' });
    }, 30000);
  });

  describe('the console client of the realm (for the sign-in of the web app)', () => {
    const authorize = (params: Record<string, string>) =>
      fetch(
        `${issuer}/protocol/openid-connect/auth?${new URLSearchParams({ client_id: 'gongkai-console', response_type: 'code', scope: 'openid', ...params })}`,
        {
          redirect: 'manual',
        },
      );
    const challenge = { code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' };

    it('shows the login page for Authorization Code + PKCE to the local shapes, refuses it without PKCE or to another site', async () => {
      for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000']) {
        const page = await authorize({ redirect_uri: `${origin}/console`, ...challenge });
        expect({ origin, status: page.status }).toEqual({ origin, status: 200 });
        expect(await page.text()).toContain('kc-form-login');
      }
      const withoutPkce = await authorize({ redirect_uri: 'http://localhost:3000/console' });
      expect(withoutPkce.status).toBe(302);
      expect(withoutPkce.headers.get('location')).toMatch(/error=invalid_request.*code_challenge/);
      expect((await authorize({ redirect_uri: 'https://evil.example/console', ...challenge })).status).toBe(400);
    }, 30000);

    it('gives the console no password grant', async () => {
      const response = await fetch(`${issuer}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', client_id: 'gongkai-console', username: 'clerk-zsz', password: PASSWORD }),
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/unauthorized_client|invalid_grant|invalid_client/);
    }, 30000);
  });

  @Controller('api/test')
  class WhoAmIController {
    @Get('me')
    me(@CurrentPrincipal() principal: Principal) {
      return principal;
    }

    /** The actor every command of this request would record in its events. */
    @Post('actor')
    @Roles('clerk', 'reviewer', 'office_head')
    actor(@Req() req: AuthenticatedRequest) {
      return commandContext(req).actor;
    }
  }

  @Module({ controllers: [WhoAmIController] })
  class WhoAmIModule {}

  describe('a Nest app configured for Keycloak (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE)', () => {
    let app: INestApplication;
    const tokens: Record<string, string> = {};

    beforeAll(async () => {
      const { AUTH_JWT_SECRET: _secret, ...env } = isolatedEnv({
        AUTH_JWKS_URL: jwksUrl,
        AUTH_ISSUER: issuer,
        AUTH_AUDIENCE: 'gongkai',
        AUTH_CONSOLE_CLIENT_ID: 'gongkai-console',
      });
      ({ app } = await createApp(
        { shape: 'standalone', title: 'keycloak test', modules: () => [WhoAmIModule] },
        {
          ...env,
          REQUESTS_IDENTITY_KEY: 'k'.repeat(32),
          INTERPRETATION_PERSONAL_DATA_KEY: 'k'.repeat(32),
          SUBSCRIPTIONS_LINK_KEY: 'k'.repeat(32),
        },
      ));
      await app.init();
      for (const user of ['clerk-zsz', 'auditor', 'test-norole']) tokens[user] = await passwordToken(user);
      tokens.foreign = await passwordToken('clerk-zsz', { realm: 'other' });
    }, 60000);
    afterAll(() => app?.close());

    const call = (method: 'get' | 'post', path: string, token: string) =>
      request(app.getHttpServer())[method](path).set('Authorization', `Bearer ${token}`);

    it('serves a clerk: the actor of the events is the provider’s subject and display name, with role and unit from the token', async () => {
      const me = await call('get', '/api/test/me', tokens['clerk-zsz']).expect(200);
      expect(me.body).toEqual({ userId: decodeJwt(tokens['clerk-zsz']).sub, name: '王芳', role: 'clerk', unitId: 'TEZ-ZSZ' });
      // The console asks the same after its sign-in at the provider.
      expect((await call('get', '/api/auth/me', tokens['clerk-zsz']).expect(200)).body).toEqual(me.body);
      const actor = await call('post', '/api/test/actor', tokens['clerk-zsz']).expect(201);
      expect(actor.body).toEqual({ userId: decodeJwt(tokens['clerk-zsz']).sub, name: '王芳', unitId: 'TEZ-ZSZ', role: 'clerk' });
    });

    it('tells the console to sign in at the provider, and has no demo login', async () => {
      const options = await request(app.getHttpServer()).get('/api/auth/sign-in').expect(200);
      expect(options.body).toEqual({ demoLogin: false, provider: { issuer, clientId: 'gongkai-console' } });
      await request(app.getHttpServer()).post('/api/auth/dev-token').send({ userId: 'x', role: 'admin' }).expect(404);
    });

    it('refuses a write to an auditor, a token without a role (403, stable code, zh-CN) and another realm’s token (401)', async () => {
      const write = await call('post', '/api/test/actor', tokens.auditor).expect(403);
      expect(write.body).toMatchObject({ code: 'READ_ONLY_ROLE' });
      const noRole = await call('get', '/api/test/me', tokens['test-norole']).expect(403);
      expect(noRole.body).toMatchObject({ status: 403, code: 'ROLE_CLAIM_MISSING', detail: expect.stringContaining('角色') });
      const foreign = await call('get', '/api/test/me', tokens.foreign).expect(401);
      expect(foreign.body).toMatchObject({ code: 'TOKEN_INVALID' });
    });
  });
}

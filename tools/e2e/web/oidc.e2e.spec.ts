import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApp } from '@gongkai/platform';
import { isolatedEnv } from '@gongkai/platform/testing';
import { loadDemoData, standaloneApp } from '@gongkai/shapes';
import { DESKTOP, ensureWebBuilt, launch, recordCspViolations, SCREENSHOTS, screenshotBoth } from './browser';
import { KEYCLOAK_PASSWORD, keycloakToken, seedOpenRequest } from './seed';

/**
 * The console's sign-in at the identity provider in a real browser: Authorization Code + PKCE
 * against the local Keycloak (tools/local-infra/up.sh keycloak, realm infra/identity), the standalone
 * configured as a district deploys it (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE,
 * AUTH_CONSOLE_CLIENT_ID; no demo login). The Content-Security-Policy is in force throughout and no
 * violation may be reported.
 */
const issuer = process.env.KEYCLOAK_ISSUER;

if (!issuer) {
  console.warn(
    'OIDC browser suite SKIPPED: KEYCLOAK_ISSUER is not set (run `npm test`, or tools/local-infra/up.sh keycloak and export its output)',
  );
  describe('web: the console signs in at the identity provider', () => {
    it.skip('SKIPPED: KEYCLOAK_ISSUER is not set', () => undefined);
  });
} else {
  describe('web: the console signs in at the identity provider (Keycloak) in Chromium', () => {
    let app: INestApplication;
    let url: string;
    let browser: Browser;
    let caseId: string;
    const contexts: BrowserContext[] = [];
    /** The CSP violations each context reports. */
    const recorders: string[][] = [];

    beforeAll(async () => {
      ensureWebBuilt();
      const { AUTH_JWT_SECRET: _secret, ...env } = isolatedEnv({
        AUTH_JWKS_URL: process.env.KEYCLOAK_JWKS_URL ?? `${issuer}/protocol/openid-connect/certs`,
        AUTH_ISSUER: issuer,
        AUTH_AUDIENCE: 'gongkai',
        AUTH_CONSOLE_CLIENT_ID: 'gongkai-console',
        AUTH_DEV_LOGIN: 'false',
        AUTH_CLOCK_TOLERANCE_S: '0', // an expired token is refused at once
        REQUESTS_IDENTITY_KEY: 'k'.repeat(32),
        INTERPRETATION_PERSONAL_DATA_KEY: 'k'.repeat(32),
        SUBSCRIPTIONS_LINK_KEY: 'k'.repeat(32),
      });
      ({ app } = await createApp(standaloneApp, env));
      url = await listenOnRegisteredPort(app);
      await loadDemoData(app);
      // A request of 张山子镇 still 已登记, registered by its clerk with a token from the provider; the
      // read models first catch up with the demo data (a year of requests): wait until the case shows.
      const clerkToken = await keycloakToken(issuer, 'clerk-zsz');
      caseId = await seedOpenRequest(url, 'TEZ-ZSZ', clerkToken);
      let seen = '';
      for (let attempt = 0; attempt < 360 && !seen.startsWith('200'); attempt++) {
        if (attempt) await new Promise((resolve) => setTimeout(resolve, 500));
        const view = await fetch(`${url}/api/requests/${caseId}`, { headers: { authorization: `Bearer ${clerkToken}` } });
        seen = `${view.status} ${await view.text()}`;
      }
      if (!seen.startsWith('200')) throw new Error(`the seeded case ${caseId} did not show: ${seen}`);
      browser = await launch();
    }, 240_000);

    afterAll(async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      await app?.close();
    });

    afterEach(() => {
      // The CSP of the app (and of the provider's pages) held: nothing was refused in any page of the test.
      expect(recorders.flatMap((violations) => violations.splice(0))).toEqual([]);
    });

    async function newPage(): Promise<Page> {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      contexts.push(context);
      recorders.push(await recordCspViolations(context));
      return context.newPage();
    }

    /** On the provider's own login page: type the user's name and password. */
    async function signInAtProvider(page: Page, username: string) {
      await page.waitForURL((u) => u.href.startsWith(`${issuer}/`));
      await page.locator('#username').fill(username);
      await page.locator('#password').fill(KEYCLOAK_PASSWORD);
      await page.locator('#kc-login').click();
    }

    async function signIn(page: Page, username: string) {
      await page.goto(`${url}/console/login`);
      await page.getByRole('button', { name: '通过统一身份认证登录' }).click();
      await signInAtProvider(page, username);
      await page.getByRole('heading', { level: 1, name: '待办事项' }).waitFor({ timeout: 30_000 });
    }

    /** What the page keeps in sessionStorage (the session and oidc-client-ts' user), and that localStorage holds nothing. */
    const storage = (page: Page) =>
      page.evaluate(() => {
        const web = globalThis as unknown as { sessionStorage: WebStorage; localStorage: WebStorage };
        const read = (store: WebStorage) => Object.fromEntries(Object.keys(store).map((key) => [key, store.getItem(key) ?? '']));
        return { session: read(web.sessionStorage), local: read(web.localStorage) };
      });

    const sessionToken = async (page: Page) => JSON.parse((await storage(page)).session['gongkai.session'] ?? 'null')?.token as string;

    /** An access token of the user that the API refuses as expired (the test client's tokens live one second). */
    async function expiredToken(username: string): Promise<string> {
      const token = await keycloakToken(issuer as string, username, 'gongkai-test-expiring');
      const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number };
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp * 1000 - Date.now()) + 1100));
      return token;
    }

    async function setSessionToken(page: Page, token: string) {
      await page.evaluate((token) => {
        const store = (globalThis as unknown as { sessionStorage: WebStorage }).sessionStorage;
        store.setItem('gongkai.session', JSON.stringify({ ...JSON.parse(store.getItem('gongkai.session') ?? '{}'), token }));
      }, token);
    }

    it('without the demo login the endpoint does not exist and the login page offers only the provider', async () => {
      expect((await fetch(`${url}/api/auth/sign-in`).then((r) => r.json())) as unknown).toEqual({
        demoLogin: false,
        provider: { issuer, clientId: 'gongkai-console' },
      });
      const demo = await fetch(`${url}/api/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'x', role: 'admin' }),
      });
      expect(demo.status).toBe(404);

      const page = await newPage();
      await page.goto(`${url}/console`);
      await page.getByRole('button', { name: '通过统一身份认证登录' }).waitFor();
      expect(page.url()).toBe(`${url}/console/login?next=%2Fconsole`);
      expect(await page.getByText('演示登录').count()).toBe(0);
      expect(await page.getByLabel('工号').count()).toBe(0);
      expect(await screenshotBoth(page, 'oidc-login')).toEqual([]);
    }, 60_000);

    it('a clerk signs in on the provider’s page, assigns a request, survives an expired session with the typing kept, and logs out', async () => {
      const page = await newPage();
      await signIn(page, 'clerk-zsz');
      expect(await page.locator('.lead').first().textContent()).toContain('王芳');
      // Tokens are kept in sessionStorage (the session and oidc-client-ts' user), none in localStorage.
      const kept = await storage(page);
      expect(kept.local).toEqual({});
      const oidcUserKey = Object.keys(kept.session).find((key) => key.startsWith('oidc.user:'));
      expect(oidcUserKey).toBe(`oidc.user:${issuer}:gongkai-console`);
      const oidcUser = JSON.parse(kept.session[oidcUserKey as string]) as { refresh_token?: string; access_token: string };
      expect(oidcUser.refresh_token).toBeTruthy(); // renewal before expiry uses it (automaticSilentRenew)

      // A disclosure request step: the clerk assigns herself as the handler (her name from the provider).
      await page.goto(`${url}/console/requests/${caseId}`);
      const assign = page.getByRole('button', { name: '分配', exact: true });
      await assign.waitFor();
      expect(await page.getByLabel('承办人姓名').inputValue()).toBe('王芳');
      await assign.click();
      await page.getByText('已分配承办人：王芳。').waitFor();
      await page
        .getByTestId('case-status')
        .filter({ hasText: /^办理中$/ })
        .waitFor({ timeout: 15_000 });

      // The access token expires: the next call is renewed with the refresh token, without asking the user.
      const stale = await expiredToken('clerk-zsz');
      await setSessionToken(page, stale);
      await page.reload();
      await page
        .getByTestId('case-status')
        .filter({ hasText: /^办理中$/ })
        .waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('session-expired').count()).toBe(0);
      expect(await sessionToken(page)).not.toBe(stale);

      // Mid-task, the provider's session ends too (idle timeout): the reply typed so far is kept over the new sign-in.
      const reply = '经查，您申请的2025年度城乡居民最低生活保障资金发放总额属于公开范围，现予以公开。';
      await page.getByLabel('答复内容').fill(reply);
      const current = JSON.parse((await storage(page)).session[oidcUserKey as string]) as { refresh_token: string };
      const ended = await fetch(`${issuer}/protocol/openid-connect/logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: 'gongkai-console', refresh_token: current.refresh_token }),
      });
      expect(ended.status).toBe(204);
      await setSessionToken(page, await expiredToken('clerk-zsz'));
      await page.getByRole('button', { name: '提交审核' }).click();
      const expired = page.getByTestId('session-expired');
      await expired.waitFor();
      expect(await expired.textContent()).toContain('登录已失效，请重新登录');
      expect(await page.getByLabel('答复内容').inputValue()).toBe(reply);
      expect(await screenshotBoth(page, 'oidc-session-expired')).toEqual([]);
      await expired.getByRole('button', { name: '重新登录' }).click();
      await page.waitForURL((u) => u.href.startsWith(`${issuer}/`));
      await page.screenshot({ path: join(SCREENSHOTS, 'oidc-provider-login-desktop.png'), fullPage: true });
      await signInAtProvider(page, 'clerk-zsz');
      await page.waitForURL(`${url}/console/requests/${caseId}`, { timeout: 30_000 });
      await page.getByLabel('答复内容').waitFor({ timeout: 15_000 });
      expect(await page.getByLabel('答复内容').inputValue()).toBe(reply);
      await page.getByRole('button', { name: '提交审核' }).click();
      await page.getByText('答复已起草，等待审核。').waitFor();

      // Logout ends the session at the provider (end-session endpoint) and comes back to the login page.
      const before = JSON.parse((await storage(page)).session[oidcUserKey as string]) as { refresh_token: string };
      await page.getByRole('button', { name: /^退出（王芳/ }).click();
      await page.waitForURL(`${url}/console/login?signedOut=1`, { timeout: 30_000 });
      await page.getByText('您已退出登录。').waitFor();
      expect(Object.keys((await storage(page)).session).filter((key) => key === 'gongkai.session' || key.startsWith('oidc.user:'))).toEqual(
        [],
      );
      // The old session is refused: the provider no longer renews it, the console's calls carry no token, and the API asks for a sign-in.
      const refresh = await fetch(`${issuer}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'gongkai-console', refresh_token: before.refresh_token }),
      });
      expect(refresh.status).toBe(400);
      expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');
      const me = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.status));
      expect(me).toBe(401);
      await page.goto(`${url}/console`);
      await page.getByRole('button', { name: '通过统一身份认证登录' }).waitFor();
      // Signing in again needs the password: the provider's session is gone.
      await page.getByRole('button', { name: '通过统一身份认证登录' }).click();
      await page.waitForURL((u) => u.href.startsWith(`${issuer}/`));
      await page.locator('#password').waitFor();
    }, 180_000);

    it('an auditor signs in on the provider’s page and is refused a write, in Chinese', async () => {
      const auditorToken = await keycloakToken(issuer, 'auditor');
      const obligations = (await fetch(`${url}/api/interpretation/obligations`, {
        headers: { authorization: `Bearer ${auditorToken}` },
      }).then((r) => r.json())) as { documentId: string; obligation: { status: string } | null }[];
      const open = obligations.find((o) => o.obligation && o.obligation.status !== 'published');
      expect(open).toBeDefined();

      const page = await newPage();
      await signIn(page, 'auditor');
      expect(await page.locator('.lead').first().textContent()).toContain('周丽');
      await page.goto(`${url}/console/interpretation/${encodeURIComponent(open?.documentId ?? '')}`);
      await page.getByLabel('方案内容').fill('审计人员尝试修改解读方案');
      await page.getByRole('button', { name: /解读方案$/ }).click();
      await page.getByText('审计监督人员只能查阅，不能修改任何数据。').waitFor();
      expect(await page.getByLabel('方案内容').inputValue()).toBe('审计人员尝试修改解读方案');
      expect(await screenshotBoth(page, 'oidc-auditor-refused')).toEqual([]);
    }, 120_000);
  });
}

/** The Web Storage of a page (the root tsconfig has no DOM lib). */
interface WebStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * The provider accepts the console's redirect only to the registered local addresses (the
 * standalone's port 3000, Vite's 5173): listen on whichever of them is free.
 */
async function listenOnRegisteredPort(app: INestApplication): Promise<string> {
  for (const port of [3000, 5173]) {
    try {
      await app.listen(port, '127.0.0.1');
      return `http://127.0.0.1:${port}`;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error('ports 3000 and 5173 are both in use: the provider redirects only to them (infra/identity/gongkai-realm.json)');
}

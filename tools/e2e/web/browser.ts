import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { createApp } from '@gongkai/platform';
import { isolatedEnv } from '@gongkai/platform/testing';
import { standaloneApp } from '@gongkai/shapes';

const ROOT = join(__dirname, '../../..');
const WEB = join(ROOT, 'apps/web');
export const SCREENSHOTS = join(ROOT, 'artifacts/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds apps/web when dist is missing or older than its sources (tools/test.sh builds it first). */
export function ensureWebBuilt() {
  const index = join(WEB, 'dist/index.html');
  const sources = Math.max(newest(join(WEB, 'src')), statSync(join(WEB, 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync('npx', ['tsc', '-p', 'apps/web'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync('npx', ['vite', 'build', 'apps/web', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

/** Playwright launches Chromium with a fresh temporary profile (user-data dir) every time. */
export function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run tools/provision-browser.sh`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Records every Content-Security-Policy violation the pages of a context report (Chromium's console
 * message, and the `securitypolicyviolation` event, logged by a script the browser adds before the
 * page's own: Playwright's init scripts are not subject to the page's CSP).
 */
export async function recordCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.addInitScript({
    content:
      "document.addEventListener('securitypolicyviolation', (e) => console.error('securitypolicyviolation: ' + e.violatedDirective + ' ' + e.blockedURI));",
  });
  context.on('console', (message) => {
    const text = message.text();
    if (/securitypolicyviolation|Content Security Policy/i.test(text)) violations.push(`${message.page()?.url() ?? '?'}: ${text}`);
  });
  return violations;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core (WCAG 2.x A and AA rules) on the current page; only serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Runs in the page; the root tsconfig has no DOM lib, so the page's globals are reached through globalThis.
  // Evaluated, not added as an inline <script>: the app's Content-Security-Policy (script-src 'self') blocks inline scripts.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const page = globalThis as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** Full-page screenshots at phone and desktop widths, with an axe check at each. */
export async function screenshotBoth(page: Page, name: string): Promise<AxeViolation[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const found: AxeViolation[] = [];
  for (const [label, size] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
    found.push(...(await seriousViolations(page)).map((v) => ({ ...v, id: `${label}:${v.id}` })));
  }
  return found;
}

/** Read models are eventually consistent: reloads until the locator is visible (bounded); on failure says what the page showed. */
export async function reloadUntil(page: Page, locator: ReturnType<Page['locator']>, tries = 20): Promise<void> {
  for (let n = 0; n < tries; n++) {
    if (
      await locator
        .first()
        .isVisible()
        .catch(() => false)
    )
      return;
    await page.waitForTimeout(500);
    await page.reload();
    await page.waitForTimeout(300);
  }
  await locator
    .first()
    .waitFor({ timeout: 5000 })
    .catch(async (error: Error) => {
      throw new Error(`${error.message}\nThe page showed:\n${await page.locator('main').innerText()}`);
    });
}

/** Full-page screenshots show a sticky header where the page is scrolled to: take them from the top. */
export async function scrollToTop(page: Page): Promise<void> {
  // Runs in the page; the root tsconfig has no DOM lib.
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
}

/** Signs in through the console's development login form (AUTH_DEV_LOGIN=true) and waits for the home page. */
export async function signIn(page: Page, baseUrl: string, userId: string, role: string, unit?: string): Promise<void> {
  await page.goto(`${baseUrl}/console/login`);
  await page.getByLabel('工号').fill(userId);
  await page.getByLabel('岗位角色').selectOption(role);
  if (unit) await page.getByLabel('所在单位').selectOption(unit);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
}

/** A standalone instance serving the built web app, and a Chromium to drive it: what every browser spec starts with. */
export interface WebStandalone {
  app: INestApplication;
  /** http://127.0.0.1:<port> */
  url: string;
  browser: Browser;
  /** A page in a new browser context (desktop size, zh-CN, downloads accepted), closed with the session. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** A new page signed in through the development login. */
  pageAs(userId: string, role: string, unit?: string, options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Builds apps/web when needed, starts the standalone on a free loopback port with the development login
 * (and `env` on top of the isolated test environment), runs `prepare` (seeding) and launches Chromium.
 */
export async function startWebStandalone(
  env: Record<string, string> = {},
  prepare?: (app: INestApplication, url: string) => Promise<void>,
): Promise<WebStandalone> {
  ensureWebBuilt();
  const { app } = await createApp(standaloneApp, isolatedEnv({ AUTH_DEV_LOGIN: 'true', ...env }));
  const contexts: BrowserContext[] = [];
  let browser: Browser | undefined;
  const close = async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app.close();
  };
  try {
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await prepare?.(app, url);
    const launched = (browser = await launch());
    const newPage = async (options: BrowserContextOptions = {}) => {
      const context = await launched.newContext({ viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true, ...options });
      contexts.push(context);
      return context.newPage();
    };
    return {
      app,
      url,
      browser: launched,
      newPage,
      pageAs: async (userId, role, unit, options) => {
        const page = await newPage(options);
        await signIn(page, url, userId, role, unit);
        return page;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

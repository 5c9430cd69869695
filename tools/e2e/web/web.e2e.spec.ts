import type { INestApplication } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApp } from '@gongkai/platform';
import { isolatedEnv } from '@gongkai/platform/testing';
import { loadDemoData, standaloneApp } from '@gongkai/shapes';
import { DESKTOP, ensureWebBuilt, launch, screenshotBoth } from './browser';
import { seedWebData, type SeedResult } from './seed';

/**
 * The portal and the console in a real browser (playwright-core driving Debian's Chromium) against
 * a standalone instance on real FerretDB: the acceptance flows, screenshots under
 * artifacts/screenshots/ and an axe-core check of each screenshotted page.
 */
describe('web: portal and console in Chromium', () => {
  let app: INestApplication;
  let url: string;
  let browser: Browser;
  let seed: SeedResult;
  let trackingCode = '';
  let requestId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    ({ app } = await createApp(standaloneApp, isolatedEnv({ AUTH_DEV_LOGIN: 'true' })));
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await loadDemoData(app);
    seed = await seedWebData(url);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true });
    contexts.push(context);
    return context.newPage();
  }

  /** Read models are eventually consistent: reload until the locator shows (bounded). */
  async function reloadUntil(page: Page, locator: ReturnType<Page['locator']>, tries = 20) {
    for (let n = 0; n < tries; n++) {
      if (await locator.first().isVisible().catch(() => false)) return;
      await page.waitForTimeout(500);
      await page.reload();
      await page.waitForTimeout(300);
    }
    await locator.first().waitFor({ timeout: 5000 });
  }

  async function login(page: Page, userId: string, role: string, unit?: string) {
    await page.goto(`${url}/console/login`);
    await page.getByLabel('工号').fill(userId);
    await page.getByLabel('岗位角色').selectOption(role);
    if (unit) await page.getByLabel('所在单位').selectOption(unit);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '待办事项' }).waitFor();
  }

  it('a citizen finds an item by a Chinese word, files a request and follows it by code', async () => {
    const page = await newPage();
    await page.goto(`${url}/`);
    await page.getByRole('link', { name: '社会救助' }).waitFor();
    await page.getByRole('link', { name: '区民政局' }).first().waitFor();
    expect(await screenshotBoth(page, 'portal-home')).toEqual([]);

    await page.getByLabel('检索公开事项、公文和政策解读').fill('救助');
    await page.getByRole('button', { name: '检索' }).click();
    await page.getByRole('link', { name: seed.itemName }).click();
    await page.getByRole('heading', { level: 1, name: seed.itemName }).waitFor();
    await page.getByText('信息形成或者变更之日起20个工作日内').waitFor();
    expect(await screenshotBoth(page, 'catalogue-item')).toEqual([]);

    await page.getByRole('link', { name: '区民政局', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /区民政局政务公开事项标准目录/ }).waitFor();
    expect(await screenshotBoth(page, 'catalogue-unit')).toEqual([]);

    await page.goto(`${url}/apply?unit=TEZ-CIVIL`);
    await page.getByLabel('姓名').fill('张');
    await page.getByLabel('所需政府信息的名称、文号或便于查询的其他特征性描述').fill('2025年度特困人员救助供养的审批结果和供养标准');
    await page.getByRole('button', { name: '提交申请' }).click();
    // The API refuses a one-character name and a request with no contact: shown next to the fields, typing kept.
    await page.getByRole('alert').waitFor();
    expect(await page.locator('.field-error').count()).toBeGreaterThan(0);
    expect(await page.getByLabel('所需政府信息的名称、文号或便于查询的其他特征性描述').inputValue()).toContain('特困人员');
    expect(await screenshotBoth(page, 'request-form-errors')).toEqual([]);

    await page.getByLabel('姓名').fill('张明');
    await page.getByLabel('联系电话').fill('13800000000');
    await page.getByRole('button', { name: '提交申请' }).click();
    trackingCode = (await page.getByTestId('tracking-code').textContent())!.trim();
    expect(trackingCode.length).toBeGreaterThan(4);
    expect(await screenshotBoth(page, 'request-submitted')).toEqual([]);

    await page.getByRole('link', { name: '查询办理进度' }).click();
    await reloadUntil(page, page.getByTestId('track-status'));
    expect(await page.getByTestId('track-status').textContent()).toBe('已登记');
    await page.getByText(/剩余 \d+ 个工作日/).waitFor();
  });

  it('a clerk handles that request to a reply (reviewed by the reviewer) and downloads the letter', async () => {
    const clerk = await newPage();
    await login(clerk, 'clerk-wang', 'clerk', 'TEZ-CIVIL');
    await reloadUntil(clerk, clerk.getByRole('link', { name: /2025年度特困人员救助供养/ }));
    await clerk.getByRole('link', { name: /2025年度特困人员救助供养/ }).first().click();
    await clerk.getByTestId('remaining-days').waitFor();
    requestId = clerk.url().split('/').pop()!;
    expect(await clerk.getByTestId('remaining-days').textContent()).toMatch(/剩余 \d+ 个工作日/);
    expect(await screenshotBoth(clerk, 'clerk-case')).toEqual([]);

    await clerk.getByLabel('答复类型').selectOption('disclose');
    await clerk.getByLabel('答复内容').fill('经查，您申请的2025年度特困人员救助供养审批结果和供养标准属于公开范围，现予以公开，详见附件。');
    await clerk.getByRole('button', { name: '提交审核' }).click();
    await clerk.getByText('答复已起草，等待审核。').waitFor();
    await reloadUntil(clerk, clerk.getByTestId('case-status').filter({ hasText: '待审核' }));

    const reviewer = await newPage();
    await login(reviewer, 'reviewer-li', 'reviewer', 'TEZ-CIVIL');
    await reviewer.goto(`${url}/console/requests/${requestId}`);
    await reloadUntil(reviewer, reviewer.getByRole('button', { name: '审核通过' }));
    await reviewer.getByRole('button', { name: '审核通过' }).click();
    await reviewer.getByText('审核通过。').waitFor();

    await reloadUntil(clerk, clerk.getByRole('button', { name: '出具答复' }));
    await clerk.getByRole('button', { name: '出具答复' }).click();
    await clerk.getByText('已答复申请人。').waitFor();
    await reloadUntil(clerk, clerk.getByTestId('case-status').filter({ hasText: /^已答复$/ }));
    const [download] = await Promise.all([clerk.waitForEvent('download'), clerk.getByRole('button', { name: '下载政府信息公开申请答复书' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const body = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 2).toString()).toBe('PK');

    const citizen = await newPage();
    await citizen.goto(`${url}/track?code=${encodeURIComponent(trackingCode)}`);
    await reloadUntil(citizen, citizen.getByTestId('track-status').filter({ hasText: '已答复' }));
    expect(await citizen.getByTestId('track-status').textContent()).toBe('已答复');
  });

  it('a reviewer confirms the disclosure attribute of a document', async () => {
    const page = await newPage();
    await login(page, 'reviewer-zhao', 'reviewer', 'TEZ-CIVIL');
    await page.getByRole('link', { name: seed.documentTitle }).first().click();
    expect(await page.getByTestId('document-phase').textContent()).toBe('待保密审查');
    await page.getByLabel('通过（确认建议的公开属性）').check();
    await page.getByRole('button', { name: '提交审查结论' }).click();
    await page.getByText('已确认公开属性。').waitFor();
    await reloadUntil(page, page.getByTestId('document-phase').filter({ hasText: '审查通过待印发' }));
    expect(await page.getByTestId('document-attribute').textContent()).toBe('主动公开');
  });

  it('the district office sees the ranking', async () => {
    const page = await newPage();
    await login(page, 'office-sun', 'district_office', 'TEZ-GOV-OFFICE');
    await page.getByRole('link', { name: '排名', exact: true }).click();
    await page.getByTestId('ranking').locator('li').first().waitFor();
    expect(await page.getByTestId('ranking').getByText('区民政局').count()).toBe(1);
    expect(await screenshotBoth(page, 'ranking')).toEqual([]);
  });

  it('an auditor opens the timeline of that request', async () => {
    const page = await newPage();
    await login(page, 'auditor-qian', 'auditor');
    await page.goto(`${url}/console/audit?target=${requestId}`);
    await reloadUntil(page, page.getByTestId('timeline').locator('li').nth(3));
    const text = await page.getByTestId('timeline').textContent();
    expect(text).toContain('clerk-wang');
    expect(text).toContain('reviewer-li');
    await page.getByTestId('verify-result').waitFor();
    expect(await screenshotBoth(page, 'audit-timeline')).toEqual([]);
  });
});

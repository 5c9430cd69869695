import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApp } from '@gongkai/platform';
import { isolatedEnv } from '@gongkai/platform/testing';
import { standaloneApp } from '@gongkai/shapes';
import { DESKTOP, ensureWebBuilt, launch } from './browser';
import { devToken } from './seed';

/**
 * Issue 15 (registers with real tools) in a real browser: a clerk filters the document register by
 * a word typed short (低保, the documents say 最低生活保障 or 低保) and a type, sees exactly those
 * documents, pages through the server's pages, and exports them; the .xlsx parsed back holds exactly
 * the filtered documents.
 */
describe('web: the document register filters, pages and exports in Chromium', () => {
  const UNIT = 'TEZ-CIVIL';
  let app: INestApplication;
  let url: string;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let clerkToken: string;
  const expected: string[] = [];
  const others: string[] = [];

  async function registerDocument(title: string, documentNumber: string, documentType: string): Promise<void> {
    for (let attempt = 0; attempt < 60; attempt++) {
      const response = await fetch(`${url}/api/document-attributes/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${clerkToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ unitId: UNIT, title, documentNumber, documentType, needsInterpretation: false }),
      });
      const body = (await response.json()) as { code?: string };
      if (response.status === 201 || response.status === 200) return;
      if (body.code !== 'UNIT_UNKNOWN' && body.code !== 'UNIT_NOT_FOUND')
        throw new Error(`register ${response.status}: ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error('the documents service never learnt of the unit');
  }

  beforeAll(async () => {
    ensureWebBuilt();
    ({ app } = await createApp(standaloneApp, isolatedEnv({ AUTH_DEV_LOGIN: 'true' })));
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const district = await devToken(url, 'district-e2e-register', 'district_office', 'TEZ-GOV-OFFICE');
    const created = await fetch(`${url}/api/catalogue/units`, {
      method: 'POST',
      headers: { authorization: `Bearer ${district}`, 'content-type': 'application/json' },
      body: JSON.stringify({ unitId: UNIT, name: '区民政局', level: '县级', kind: 'department' }),
    });
    expect(created.status).toBe(201);
    clerkToken = await devToken(url, 'clerk-e2e-register', 'clerk', UNIT, '刘洋');
    // 低保 normative documents: the filter's rows (22, more than one page of 20).
    for (let n = 1; n <= 22; n++) {
      const title = n % 2 ? `关于调整2026年城乡最低生活保障标准的通知（示例${n}）` : `关于做好低保对象动态管理工作的通知（示例${n}）`;
      const number = `台民发〔2026〕${n}号`;
      await registerDocument(title, number, '行政规范性文件');
      expected.push(number);
    }
    // Not in the filtered register: a 低保 document of another type, and normative documents on something else.
    await registerDocument('台儿庄区民政局关于低保工作情况的报告（示例）', '台民字〔2026〕1号', '其他');
    others.push('台民字〔2026〕1号');
    await registerDocument('关于规范养老机构消防安全管理的通知（示例）', '台民发〔2026〕90号', '行政规范性文件');
    others.push('台民发〔2026〕90号');
    browser = await launch();
  }, 300_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  }, 120_000);

  async function saved(page: Page, click: () => Promise<void>): Promise<Buffer> {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }).catch(async (error: Error) => {
        throw new Error(`${error.message}\nThe page showed:\n${await page.locator('main').innerText()}`);
      }),
      click(),
    ]);
    return readFileSync(await download.path());
  }

  const shownNumbers = (page: Page) =>
    page
      .locator('[data-testid="documents-table"] tbody tr td:first-child')
      .evaluateAll((cells) => cells.map((cell) => (cell as unknown as { textContent: string | null }).textContent ?? ''));

  it('a clerk filters the document register by text and type, pages it, and exports exactly the filtered documents', async () => {
    context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${url}/console/login`);
    await page.getByLabel('工号').fill('clerk-e2e-register');
    await page.getByLabel('岗位角色').selectOption('clerk');
    await page.getByLabel('所在单位').selectOption(UNIT);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '待办事项' }).waitFor();

    await page.goto(`${url}/console/documents`);
    const filters = page.getByRole('search', { name: '筛选公文' });
    // Every registered document first (the projection may still be catching up: wait for all 24).
    await page.getByTestId('documents-total').filter({ hasText: '共 24 件' }).waitFor({ timeout: 60_000 });
    await filters.getByLabel('全文检索').fill('低保');
    await filters.getByLabel('文种').selectOption('行政规范性文件');
    await filters.getByLabel('排序').selectOption('documentNumber');
    await filters.getByRole('button', { name: '筛选' }).click();
    await page.getByTestId('documents-total').filter({ hasText: '共 22 件' }).waitFor();

    // The server pages: 20 on the first page, the other 2 on the second.
    const first = await shownNumbers(page);
    expect(first).toHaveLength(20);
    await page.getByRole('navigation', { name: '分页' }).getByRole('button', { name: '下一页' }).click();
    await page.getByText('第 2 / 2 页').waitFor();
    // The second page replaces the first: no third row any more.
    await page.locator('[data-testid="documents-table"] tbody tr').nth(2).waitFor({ state: 'detached' });
    const second = await shownNumbers(page);
    expect([...first, ...second].sort()).toEqual([...expected].sort());

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await saved(page, () => filters.getByRole('button', { name: '导出公文登记簿（Excel）' }).click())) as unknown as ArrayBuffer,
    );
    const sheet = workbook.getWorksheet('公文登记')!;
    expect(String(sheet.getRow(1).getCell(2).value)).toBe('文号');
    const numbers: string[] = [];
    const types = new Set<string>();
    for (let r = 2; r <= sheet.rowCount; r++) {
      numbers.push(String(sheet.getRow(r).getCell(2).value));
      types.add(String(sheet.getRow(r).getCell(4).value));
    }
    expect([...numbers].sort()).toEqual([...expected].sort());
    expect(numbers.some((n) => others.includes(n))).toBe(false);
    expect([...types]).toEqual(['行政规范性文件']);
  }, 240_000);
});

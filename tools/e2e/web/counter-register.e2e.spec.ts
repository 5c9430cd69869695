import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { unitDecider, unitStreamId } from '@gongkai/catalogue';
import { CommandHandler } from '@gongkai/platform';
import { DEMO_UNITS } from '@gongkai/shapes';
import { signIn, startWebStandalone, type WebStandalone } from './browser';
import { devToken } from './seed';

/**
 * Issue 15 in a real browser, on a fixed day (Thursday 31 December 2026, 10:00 Beijing: the server's
 * clock and the page's), so that "overdue and received this month" has rows: a town clerk registers
 * a letter received last Tuesday with its scan and prints the receipt; then filters the register to
 * overdue + 自然人 + this month, exports it, and the .xlsx holds exactly those rows.
 */
const NOW = new Date('2026-12-31T02:00:00.000Z');
const LAST_TUESDAY = '2026-12-29';
const UNIT = 'TEZ-ZSZ';
/** 1×1 PNG: the photographed letter. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('web: counter registration and the request register in Chromium', () => {
  let session: WebStandalone;
  let url: string;
  let clerkToken: string;
  const expected: string[] = [];
  const others: string[] = [];

  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${clerkToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async function register(receivedOn: string, type: string, name: string, description: string): Promise<string> {
    for (let attempt = 0; attempt < 60; attempt++) {
      const res = await api<{ requestId: string; code?: string }>('POST', '/api/requests', {
        unitId: UNIT,
        channel: 'registered_post',
        receivedOn,
        applicant: { type, name, phone: '13605321234' },
        description,
        preferredForm: '纸质',
        delivery: '邮寄',
      });
      if (res.status === 201) return res.body.requestId;
      // The requests service learns of the unit from the catalogue's event (eventually consistent).
      if (res.body.code !== 'UNIT_UNKNOWN') throw new Error(`register ${res.status}: ${JSON.stringify(res.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error('the requests service never learnt of the unit');
  }

  beforeAll(async () => {
    // Only the clock is fixed: timers, ticks and I/O run as usual.
    jest.useFakeTimers({
      now: NOW,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    const blobs = mkdtempSync(join(tmpdir(), 'gongkai-e2e-scans-'));
    session = await startWebStandalone({ BLOB_STORE_URL: `file:${blobs}` }, async (app, base) => {
      url = base;
      await seed(app);
    });
  }, 240_000);

  async function seed(app: WebStandalone['app']) {
    const unit = DEMO_UNITS.find((u) => u.unitId === UNIT)!;
    await app.get(CommandHandler).handle(unitDecider, unitStreamId(UNIT), unit, {
      actor: { userId: 'e2e', unitId: 'TEZ-GOV-OFFICE', role: 'district_office' },
      correlationId: 'e2e-counter',
      now: NOW.toISOString(),
    });
    clerkToken = await devToken(url, 'seed-clerk', 'clerk', UNIT, '刘洋');
    // Overdue on 31 December: received 1 and 2 December (20 working days ran out on 29 and 30 December).
    expected.push(await register('2026-12-01', '自然人', '王秀英', '请提供本镇2026年农村低保资金的发放明细。'));
    expected.push(await register('2026-12-02', '自然人', '李建国', '申请公开北洛村2026年修路工程的预算和结算。'));
    // Not in the filtered register: a company (overdue), last month (overdue), and one still within its period.
    others.push(await register('2026-12-01', '商业企业', '台儿庄区顺河建材有限公司', '申请公开本镇2026年建材采购的招标文件。'));
    others.push(await register('2026-11-20', '自然人', '张桂兰', '想了解我们村2026年危房改造补助名单。'));
    others.push(await register('2026-12-28', '自然人', '刘洪涛', '请公开本镇2026年秸秆禁烧补助的发放标准。'));
  }

  afterAll(async () => {
    await session?.close();
    jest.useRealTimers();
  }, 120_000);

  async function saved(page: Page, click: () => Promise<void>): Promise<Buffer> {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }).catch(async (error: Error) => {
        // On failure, say what the page showed instead (an error notice).
        throw new Error(`${error.message}\nThe page showed:\n${await page.locator('main').innerText()}`);
      }),
      click(),
    ]);
    return readFileSync(await download.path());
  }

  it('a clerk registers a letter received last Tuesday with its scan, prints the receipt, filters the register and exports exactly those rows', async () => {
    const page = await session.newPage();
    await page.context().clock.setFixedTime(NOW);
    await signIn(page, url, 'clerk-liu', 'clerk', UNIT);

    // The letter: an ordinary letter (平信), received — confirmed with the applicant — last Tuesday, with its scan.
    await page.goto(`${url}/console/requests`);
    await page.getByRole('link', { name: '登记纸质、信函、传真、当面申请' }).click();
    await page.getByLabel('申请方式').selectOption('ordinary_letter');
    await page.getByLabel('收到申请日期').fill(LAST_TUESDAY);
    await page.getByLabel('姓名').fill('陈玉梅');
    await page.getByLabel('通信地址').fill('台儿庄区张山子镇北洛村');
    await page
      .getByLabel('所需政府信息的名称、文号或便于查询的其他特征性描述')
      .fill('我想看看咱们镇今年给困难老人发的临时救助名单和钱数。');
    const scan = join(mkdtempSync(join(tmpdir(), 'gongkai-e2e-')), '陈玉梅来信.png');
    writeFileSync(scan, PNG);
    await page.getByLabel('申请书扫描件（PDF、JPEG 或 PNG）').setInputFiles(scan);
    await page.getByRole('button', { name: '登记并生成回执' }).click();
    const trackingCode = (await page.getByTestId('tracking-code').innerText()).trim();
    const dueOn = (await page.getByTestId('due-on').innerText()).trim();
    expect(trackingCode.length).toBeGreaterThan(6);
    expect(dueOn).toMatch(/^2027-01-\d{2}$/);

    const receipt = await saved(page, () => page.getByRole('button', { name: '打印回执（Word）' }).click());
    const xml = await (await JSZip.loadAsync(receipt)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const fact of ['政府信息公开申请回执', '陈玉梅', trackingCode, dueOn, LAST_TUESDAY, '本机关与申请人确认之日']) {
      expect([fact, text.includes(fact)]).toEqual([fact, true]);
    }

    // The scan is the letter's, in the file store; the case shows it registered as a letter of last Tuesday.
    const caseLink = (await page.getByRole('link', { name: '查看案件' }).getAttribute('href'))!;
    const letterId = decodeURIComponent(caseLink.split('/').pop()!);
    const stored = await fetch(`${url}/api/requests/${letterId}/scan`, { headers: { authorization: `Bearer ${clerkToken}` } });
    expect([stored.status, Buffer.compare(Buffer.from(await stored.arrayBuffer()), PNG)]).toEqual([200, 0]);
    const letter = await api<{ receivedOn: string; channel: string; receiptBasis: string }>('GET', `/api/requests/${letterId}`);
    expect(letter.body).toMatchObject({ receivedOn: LAST_TUESDAY, channel: '平信', receiptBasis: '本机关与申请人确认之日' });

    // The register, filtered to overdue + 自然人 + received this month.
    await page.goto(`${url}/console/requests`);
    await page.getByRole('checkbox', { name: '已逾期' }).check();
    await page.getByLabel('申请人类型').selectOption('自然人');
    await page.getByRole('button', { name: '本月收到' }).click();
    expect(await page.getByLabel('收到日期自').inputValue()).toBe('2026-12-01');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.getByTestId('register-total').filter({ hasText: '共 2 件' }).waitFor();
    const shown = await page
      .locator('[data-testid="register-table"] tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => (row as unknown as { getAttribute(name: string): string | null }).getAttribute('data-request-id')),
      );
    expect([...shown].sort()).toEqual([...expected].sort());

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await saved(page, () => page.getByRole('button', { name: '导出登记台账（Excel）' }).click())) as unknown as ArrayBuffer,
    );
    const sheet = workbook.getWorksheet('登记台账')!;
    const ids: string[] = [];
    for (let r = 3; r <= sheet.rowCount; r++) ids.push(String(sheet.getRow(r).getCell(2).value));
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(ids.some((id) => others.includes(id))).toBe(false);
    const types = new Set<string>();
    for (let r = 3; r <= sheet.rowCount; r++) types.add(String(sheet.getRow(r).getCell(6).value));
    expect([...types]).toEqual(['自然人']);
  }, 180_000);
});

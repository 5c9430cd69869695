import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { loadDemoData } from '@gongkai/shapes';
import { reloadUntil, signIn, startWebStandalone, type WebStandalone } from './browser';
import { approveAndReply, catalogueReady, devToken, seedOpenRequest, seedOverdueRequest } from './seed';

/**
 * Issue 20 in a real browser: a request left unanswered past its deadline is challenged from the
 * console (the challenge in the case's timeline and in Table 4), and the unit's letter settings edited
 * by its office head print in a reply letter generated afterwards (.docx parsed back).
 */
describe('web: challenges and letter settings in Chromium (issue 20)', () => {
  const UNIT = 'TEZ-CIVIL';
  let session: WebStandalone;
  let url: string;

  beforeAll(async () => {
    session = await startWebStandalone({}, async (app, base) => {
      await loadDemoData(app);
      await catalogueReady(base, UNIT);
    });
    ({ url } = session);
  }, 240_000);

  afterAll(() => session?.close(), 120_000);

  const newPage = () => session.newPage();
  const login = (page: Page, userId: string, role: string, unit: string) => signIn(page, url, userId, role, unit);

  /** Table 4 of the unit's report for this year, as the API computes it. */
  async function table4(): Promise<Record<string, Record<string, number>>> {
    const token = await devToken(url, 'office-liu', 'district_office', 'TEZ-GOV-OFFICE');
    const year = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4);
    const response = await fetch(`${url}/api/requests/reports/annual/${UNIT}/${year}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { table4: Record<string, Record<string, number>> }).table4;
  }

  it('a request left unanswered past its deadline is challenged from the console; the challenge is in the case timeline and Table 4', async () => {
    const requestId = await seedOverdueRequest(url, UNIT);
    const before = (await table4()).reconsideration['尚未审结'];

    // The district office (the government's reconsideration body) records the reconsideration on the overdue case.
    const page = await newPage();
    await login(page, 'office-liu', 'district_office', 'TEZ-GOV-OFFICE');
    await page.goto(`${url}/console/requests/${requestId}`);
    await reloadUntil(page, page.getByText(/已逾期（期限/));
    expect(await page.getByTestId('case-status').textContent()).not.toMatch(/已答复/);
    const section = page.locator('section', { has: page.getByRole('heading', { name: '行政复议、行政诉讼' }) });
    await section.getByText('登记行政复议或行政诉讼', { exact: true }).click();
    expect(await section.getByLabel('提起人').locator('option').allTextContents()).toEqual(['申请人']);
    expect(await section.textContent()).toContain('针对：未按期答复');
    await section.getByLabel('类别').selectOption('reconsideration');
    await section.getByLabel('复议机关或人民法院').fill('台儿庄区人民政府');
    await section.getByRole('button', { name: '登记复议或诉讼' }).click();
    await page.getByText('已登记行政复议或行政诉讼，计入年度报告表四。').waitFor();
    const listed = page.getByTestId('challenges').locator('li').filter({ hasText: '台儿庄区人民政府' });
    await reloadUntil(page, listed);
    expect(await listed.textContent()).toContain('申请人针对未按期答复');
    expect(await listed.textContent()).toContain('尚未审结');

    // The case's timeline (决定记录) shows it.
    await page.getByRole('link', { name: '查看本申请的决定记录' }).click();
    const entry = page.getByTestId('timeline').locator('li').filter({ hasText: '登记行政复议或行政诉讼' });
    await reloadUntil(page, entry);
    await entry.getByText('全部内容与哈希').click();
    expect(await entry.textContent()).toContain('未按期答复');

    // Table 4 counts it under 行政复议, not yet decided.
    const deadline = Date.now() + 120_000;
    let after = before;
    while (after !== before + 1 && Date.now() < deadline) {
      after = (await table4()).reconsideration['尚未审结'];
      if (after !== before + 1) await page.waitForTimeout(250);
    }
    expect(after).toBe(before + 1);
  }, 420_000);

  it("the office head's letter settings print in a reply letter drafted afterwards (Art. 36(5): the agency that holds it)", async () => {
    const head = await newPage();
    await login(head, 'head-wu', 'office_head', UNIT);
    await head.goto(`${url}/console/requests`);
    await head.getByRole('link', { name: /答复书设置/ }).click();
    await head.getByRole('heading', { level: 1, name: '答复书设置' }).waitFor();
    await head.getByTestId('letter-settings').getByText('默认设置（尚未修改）').waitFor();
    await head.getByLabel('答复书署名').fill('台儿庄区民政局（政府信息公开专用章）');
    await head.getByLabel('行政复议机关').fill('枣庄市台儿庄区人民政府');
    await head.getByLabel('联系方式').fill('区民政局办公室 0632-6612345');
    await head.getByLabel('答复书文号前缀').fill('台民信复');
    await head.getByRole('button', { name: '保存答复书设置' }).click();
    await head.getByText('答复书设置已保存，此后生成的答复书按新设置打印。').waitFor();
    await reloadUntil(head, head.getByTestId('letter-settings').getByText('第 1 版'), 120);

    // A clerk of the unit sees the settings but cannot edit them.
    const clerk = await newPage();
    await login(clerk, 'clerk-chen', 'clerk', UNIT);
    await clerk.goto(`${url}/console/letter-settings`);
    await reloadUntil(clerk, clerk.getByTestId('letter-settings').getByText('台民信复'), 120);
    expect(await clerk.getByRole('button', { name: '保存答复书设置' }).count()).toBe(0);

    // The clerk drafts an Art. 36(5) reply in the console, naming the agency that holds the information.
    const requestId = await seedOpenRequest(url, UNIT);
    const content = '经检索，本机关未制作、获取您申请的2025年度城乡居民最低生活保障资金发放总额的统计信息。';
    await clerk.goto(`${url}/console/requests/${requestId}`);
    await reloadUntil(clerk, clerk.getByRole('heading', { name: '起草答复' }));
    await clerk.getByLabel('答复类型').selectOption('unable.not_held');
    await clerk.getByLabel('答复内容').fill(content);
    await clerk.getByLabel('负责公开该信息的机关').fill('台儿庄区财政局');
    await clerk.getByLabel('该机关的联系方式').fill('0632-6618888');
    await clerk.getByRole('button', { name: '提交审核' }).click();
    await clerk.getByText('答复已起草，等待审核。').waitFor();
    await approveAndReply(url, requestId, UNIT);
    await clerk.reload();
    await reloadUntil(clerk, clerk.getByRole('button', { name: '下载政府信息公开申请答复书' }));
    const [download] = await Promise.all([
      clerk.waitForEvent('download'),
      clerk.getByRole('button', { name: '下载政府信息公开申请答复书' }).click(),
    ]);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const xml = await (await JSZip.loadAsync(Buffer.concat(chunks))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('台儿庄区民政局（政府信息公开专用章）');
    expect(text).toContain('枣庄市台儿庄区人民政府');
    expect(text).toContain('区民政局办公室 0632-6612345');
    expect(text).toMatch(/台民信复〔\d{4}〕\w+号/);
    expect(text).toContain(content);
    expect(text).toContain('该政府信息由台儿庄区财政局负责公开，联系方式：0632-6618888');
  }, 420_000);
});

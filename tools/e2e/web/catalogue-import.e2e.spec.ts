import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemoData } from '@gongkai/shapes';
import { PUBLISHED_FIXTURES } from '../../../libs/catalogue/src/testing/published-fixtures';
import { reloadUntil, screenshotBoth, scrollToTop, startWebStandalone, type WebStandalone } from './browser';
import { catalogueReady, devToken } from './seed';

/**
 * Issue 18 in a real browser: a town's officer imports the catalogue table the way counties publish
 * it (two-row merged header, √ columns, ■ channel lists, the domain only in the title), checks the
 * preview, confirms, downloads the original file from the import record, and sees the new items in
 * the catalogue and in the coverage view's proposals; confirms one proposed match (确认对应) and
 * rejects another (否决), publishes the confirmed item, and sees the coverage of the sourced
 * guideline change: the guideline item leaves the unit's list of items with no catalogue item.
 */
describe('web: importing a published catalogue table in Chromium', () => {
  const UNIT = 'TEZ-ZSZ';
  let session: WebStandalone;

  beforeAll(async () => {
    session = await startWebStandalone({}, async (app, url) => {
      await loadDemoData(app);
      // The district office loads the sourced guideline (社会救助 from a county's published catalogue).
      const office = await devToken(url, 'office-li', 'district_office', 'TEZ-GOV-OFFICE');
      const loaded = await fetch(`${url}/api/catalogue/guidelines/reference`, {
        method: 'POST',
        headers: { authorization: `Bearer ${office}` },
      });
      if (!loaded.ok) throw new Error(`loading the sourced guideline: ${loaded.status} ${await loaded.text()}`);
      await catalogueReady(url, UNIT);
    });
  }, 120_000);

  afterAll(() => session?.close(), 120_000);

  it('a town clerk imports a published-layout table (preview, confirm, original kept), confirms and rejects proposed matches, publishes and sees coverage change', async () => {
    // 复兴镇's layout: the domain (社会救助) only in the title row, the sheet called Sheet1.
    const fixture = PUBLISHED_FIXTURES.find((f) => f.domainCode === 'social-assistance' && f.domainFrom === 'title')!;
    const file = join(mkdtempSync(join(tmpdir(), 'gongkai-e2e-')), '社会救助领域基层政务公开标准目录.xlsx');
    writeFileSync(file, await fixture.file());

    const page = await session.pageAs('clerk-zhao', 'clerk', UNIT);
    await page.getByRole('link', { name: '公开事项目录' }).click();
    await page.getByRole('heading', { level: 1, name: '公开事项目录' }).waitFor();
    await page.getByTestId('catalogue-items').getByRole('listitem').first().waitFor();
    const before = await page.getByTestId('catalogue-items').getByRole('listitem').count();
    expect(await page.getByTestId('catalogue-items').getByText('低保政策', { exact: true }).count()).toBe(0);

    await page.getByRole('link', { name: '导入导出' }).click();
    await page.getByRole('heading', { name: '电子表格导入导出' }).waitFor();
    await page.getByLabel('选择要导入的文件（.xlsx 或 .docx）').setInputFiles(file);
    await page.getByRole('button', { name: '预览', exact: true }).click();

    // The preview: both source rows with their elements, where the domain came from, nothing recorded yet.
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    const rows = preview.getByTestId('import-row');
    expect(await rows.count()).toBe(fixture.expected.length);
    expect(await preview.getByTestId('import-summary').textContent()).toContain(`共 ${fixture.expected.length} 行`);
    expect(await preview.getByTestId('import-domain').textContent()).toBe('领域取自：标题 —— 社会救助');
    expect(await preview.getByTestId('import-table').textContent()).toContain('各地公开的目录样式 · 表头 2 行');
    const first = rows.filter({ has: page.getByRole('rowheader', { name: `第 ${fixture.expected[0].rowNumber} 行` }) });
    expect(await first.textContent()).toContain(fixture.expected[0].name);
    expect(await first.textContent()).toContain(fixture.expected[0].channels);
    expect(await first.textContent()).toContain('新建');
    expect(await preview.getByTestId('import-row-errors').count()).toBe(0);
    const confirm = page.getByRole('button', { name: '确认导入' });
    expect(await confirm.isEnabled()).toBe(true);
    await scrollToTop(page);
    expect(await screenshotBoth(page, 'catalogue-import-preview')).toEqual([]);

    await confirm.click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain(`新增草稿 ${fixture.expected.length} 条`);
    await page.getByRole('link', { name: '查看覆盖情况和指引事项对应建议' }).waitFor();

    // The import record keeps the original file: listed with its name, downloadable, the same bytes.
    const records = page.getByTestId('import-records');
    await records.waitFor();
    expect(await records.getByRole('row').count()).toBe(2);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      records.getByRole('button', { name: '下载原始文件：社会救助领域基层政务公开标准目录.xlsx' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('社会救助领域基层政务公开标准目录.xlsx');
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    expect(sha256(readFileSync((await download.path())!))).toBe(sha256(readFileSync(file)));
    expect(await records.textContent()).toContain(sha256(readFileSync(file)).slice(0, 16));

    // The catalogue lists the imported rows as drafts (once the read model has them: the machine may be slow).
    await page.getByRole('link', { name: '本单位事项', exact: true }).click();
    const items = page.getByTestId('catalogue-items');
    for (const expected of fixture.expected) await reloadUntil(page, items.getByRole('link', { name: expected.name, exact: true }), 90);
    expect(await items.getByRole('listitem').count()).toBe(before + fixture.expected.length);

    // The coverage view: 社会救助 (sourced) with its guideline items that have no catalogue item yet.
    await page.getByRole('link', { name: '覆盖情况与对应建议', exact: true }).click();
    await page.getByRole('heading', { name: '各领域覆盖情况' }).waitFor();
    const domains = page.getByTestId('coverage-domains');
    const assistance = domains.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '社会救助' }) });
    await assistance.waitFor();
    expect(await assistance.textContent()).not.toContain('示例');
    const cells = async () => (await assistance.getByRole('cell').allTextContents()).map((t) => t.trim());
    const [expected, coveredBefore] = (await cells()).map(Number);
    expect(expected).toBeGreaterThan(coveredBefore);
    const missing = assistance.getByRole('cell').last().getByRole('listitem');
    const missingBefore = await missing.allTextContents();
    expect(missingBefore.some((t) => t.startsWith('最低生活保障—政策法规文件'))).toBe(true);
    expect(missingBefore.some((t) => t.startsWith('最低生活保障—办事指南'))).toBe(true);

    // The new items with the guideline items proposed for them.
    const proposals = page.getByTestId('match-proposals');
    await reloadUntil(page, proposals.getByRole('link', { name: fixture.expected[1].name }));
    const proposalOf = (name: string) => proposals.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
    const policy = proposalOf(fixture.expected[0].name);
    expect(await policy.textContent()).toContain('最低生活保障—政策法规文件');
    expect(await policy.textContent()).toMatch(/相似度 \d+%/);
    await scrollToTop(page);
    expect(await screenshotBoth(page, 'catalogue-coverage-proposals')).toEqual([]);

    // 确认对应: 低保政策 stands for 最低生活保障—政策法规文件; the item is no longer offered proposals.
    await policy.getByRole('button', { name: `确认对应：${fixture.expected[0].name} 对应 最低生活保障—政策法规文件` }).click();
    await page.getByText('已确认对应，覆盖情况已更新。').waitFor({ timeout: 30_000 });
    expect(await proposals.getByRole('link', { name: fixture.expected[0].name, exact: true }).count()).toBe(0);

    // 否决: 低保对象 is not 最低生活保障—办事指南; that pair is never proposed again.
    const recipients = proposalOf(fixture.expected[1].name);
    const guide = `否决对应：${fixture.expected[1].name} 对应 最低生活保障—办事指南`;
    await recipients.getByRole('button', { name: guide }).click();
    await page.getByText('已否决该对应建议，不再建议。').waitFor({ timeout: 30_000 });
    expect(await proposals.getByRole('button', { name: guide }).count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { name: '各领域覆盖情况' }).waitFor();
    await proposals.getByRole('link', { name: fixture.expected[1].name, exact: true }).waitFor();
    expect(await proposals.getByRole('button', { name: guide }).count()).toBe(0);
    // Drafts count for nothing yet: the coverage is as it was.
    await assistance.waitFor();
    expect((await cells()).slice(0, 2).map(Number)).toEqual([expected, coveredBefore]);

    // The officer publishes 低保政策; the coverage counts its confirmed guideline item, which leaves the list.
    await page.getByRole('link', { name: '本单位事项', exact: true }).click();
    await items.getByRole('link', { name: fixture.expected[0].name, exact: true }).click();
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByText(/已发布（第 1 版）/).waitFor({ timeout: 30_000 });
    await page.goto(`${session.url}/console/catalogue?view=coverage`);
    // The coverage follows the published item once the read model has it (bounded: the machine may be slow).
    for (let n = 0; n < 60; n++) {
      await assistance.waitFor();
      if ((await cells())[1] === String(coveredBefore + 1)) break;
      await page.waitForTimeout(500);
      await page.reload();
    }
    expect((await cells()).slice(0, 2).map(Number)).toEqual([expected, coveredBefore + 1]);
    const after = await missing.allTextContents();
    expect(after.some((t) => t.startsWith('最低生活保障—政策法规文件'))).toBe(false);
    expect(after.some((t) => t.startsWith('最低生活保障—办事指南'))).toBe(true);
    expect(after).toHaveLength(missingBefore.length - 1);
    await scrollToTop(page);
    expect(await screenshotBoth(page, 'catalogue-coverage-after-match')).toEqual([]);
  }, 300_000);
});

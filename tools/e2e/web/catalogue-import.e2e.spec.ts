import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemoData } from '@gongkai/shapes';
import { PUBLISHED_FIXTURES } from '../../../libs/catalogue/src/testing/published-fixtures';
import { reloadUntil, screenshotBoth, scrollToTop, startWebStandalone, type WebStandalone } from './browser';
import { catalogueReady } from './seed';

/**
 * Issue 18 in a real browser: a town's officer imports the catalogue table the way counties publish
 * it (two-row merged header, √ columns, ■ channel lists, the domain only in the title), checks the
 * preview, confirms, and sees the new items in the catalogue and in the coverage view's proposals.
 */
describe('web: importing a published catalogue table in Chromium', () => {
  const UNIT = 'TEZ-ZSZ';
  let session: WebStandalone;

  beforeAll(async () => {
    session = await startWebStandalone({}, async (app, url) => {
      await loadDemoData(app);
      await catalogueReady(url, UNIT);
    });
  }, 120_000);

  afterAll(() => session?.close(), 120_000);

  it('a town clerk previews a published-layout table, confirms it and sees the new items and their proposed guideline items', async () => {
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

    // The catalogue lists the imported rows as drafts (once the read model has them: the machine may be slow).
    await page.getByRole('link', { name: '本单位事项', exact: true }).click();
    const items = page.getByTestId('catalogue-items');
    for (const expected of fixture.expected) await reloadUntil(page, items.getByRole('link', { name: expected.name, exact: true }), 90);
    expect(await items.getByRole('listitem').count()).toBe(before + fixture.expected.length);

    // The coverage view: the new items with the guideline items proposed for them.
    await page.getByRole('link', { name: '覆盖情况与对应建议', exact: true }).click();
    await page.getByRole('heading', { name: '各领域覆盖情况' }).waitFor();
    await page.getByTestId('coverage-domains').getByRole('rowheader', { name: '社会救助' }).waitFor();
    const proposals = page.getByTestId('match-proposals');
    await reloadUntil(page, proposals.getByRole('link', { name: fixture.expected[0].name }));
    const proposal = proposals.getByRole('listitem').filter({ has: page.getByRole('link', { name: fixture.expected[0].name }) });
    expect(await proposal.textContent()).toContain('最低生活保障');
    expect(await proposal.textContent()).toMatch(/相似度 \d+%/);
    await scrollToTop(page);
    expect(await screenshotBoth(page, 'catalogue-coverage-proposals')).toEqual([]);
  }, 300_000);
});

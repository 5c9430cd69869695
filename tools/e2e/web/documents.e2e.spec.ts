import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { docxOf } from '../../../libs/document-attributes/src/testing/demo-files';
import { reloadUntil, screenshotBoth, startWebStandalone, type WebStandalone } from './browser';
import { devToken } from './seed';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Issue 21 in a real browser: a clerk registers a policy with a .docx body and an annex with its
 * redacted version, a reviewer approves it, the clerk issues it; a citizen finds it by a word that is
 * only in its body (and by an abbreviation), reads its text and downloads the redacted annex; the
 * unredacted original is reachable by no public address.
 */
describe('web: a document with its files, from the clerk to the citizen, in Chromium', () => {
  const UNIT = 'TEZ-CIVIL';
  let session: WebStandalone;
  let url: string;

  beforeAll(async () => {
    // Only the unit (the demo data's other documents are not needed, and take minutes to load here).
    session = await startWebStandalone({}, async (_app, base) => {
      const district = await devToken(base, 'district-e2e-docs', 'district_office', 'TEZ-GOV-OFFICE');
      const created = await fetch(`${base}/api/catalogue/units`, {
        method: 'POST',
        headers: { authorization: `Bearer ${district}`, 'content-type': 'application/json' },
        body: JSON.stringify({ unitId: UNIT, name: '区民政局', level: '县级', kind: 'department' }),
      });
      expect(created.status).toBe(201);
      for (let n = 0; n < 120; n++) {
        const units = (await (await fetch(`${base}/api/catalogue/units`)).json()) as { unitId: string }[];
        if (units.some((u) => u.unitId === UNIT)) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    });
    ({ url } = session);
  }, 240_000);

  afterAll(() => session?.close(), 240_000);

  const pageAs = (userId: string, role: string) => session.pageAs(userId, role, UNIT);

  /** Waits for the locator; on failure says what the page showed instead. */
  const shows = (page: Page, locator: ReturnType<Page['locator']>) =>
    locator
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\nAt ${page.url()} the page showed:\n${await page.locator('main').innerText()}`);
      });

  it('a clerk publishes a policy with a .docx body and a redacted annex; a citizen finds, reads and downloads it; the original stays private', async () => {
    const title = '关于做好2026年冬季困难群众取暖救助工作的通知（示例）';
    const number = `台民发〔2026〕${100 + Math.floor(Math.random() * 800)}号`;
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-e2e-'));
    const bodyPath = join(dir, '取暖救助通知.docx');
    writeFileSync(
      bodyPath,
      await docxOf([
        '各镇人民政府、街道办事处：',
        '对城乡特困人员和低收入家庭发放冬季清洁取暖补助，每户每季1200元，由镇街道于12月底前发放到户。',
        '符合条件的职工可按规定提取住房公积金用于取暖设施改造。',
      ]),
    );
    const original = Buffer.from('受助家庭名单\n1 李某某 370405195501012345 泥沟镇某村8号 1200元\n', 'utf8');
    const redacted = Buffer.from('受助家庭名单\n1 李某某 ■■■■ ■■■■ 1200元\n', 'utf8');
    const originalPath = join(dir, '受助家庭名单.txt');
    const redactedPath = join(dir, '受助家庭名单（删除处理）.txt');
    writeFileSync(originalPath, original);
    writeFileSync(redactedPath, redacted);

    // The clerk registers the document and uploads its files.
    const clerk = await pageAs('clerk-e2e-docs', 'clerk');
    await clerk.goto(`${url}/console/documents`);
    await clerk.getByLabel('标题').fill(title);
    await clerk.getByLabel('文号').fill(number);
    await clerk.getByLabel('主题分类').selectOption('民政、扶贫、救灾');
    await clerk.getByRole('button', { name: '登记', exact: true }).click();
    await shows(clerk, clerk.getByRole('heading', { name: '正文与附件' }));
    const documentId = clerk.url().split('/').pop() as string;
    await clerk.getByLabel(/^正文（/).setInputFiles(bodyPath);
    await clerk.getByRole('button', { name: '上传正文' }).click();
    await clerk.getByTestId('document-body').getByText('取暖救助通知.docx').waitFor();
    await clerk.getByLabel('附件名称').fill('附件 受助家庭名单');
    await clerk.getByLabel('附件文件').setInputFiles(originalPath);
    await clerk.getByRole('button', { name: '上传附件' }).click();
    await clerk.getByText('原件：').waitFor();
    await clerk.getByText('上传“附件 受助家庭名单”的删除处理版本').click();
    await clerk.getByLabel('删除处理后的文件').setInputFiles(redactedPath);
    await clerk.getByLabel('删除依据（条例第十四至十六条）').selectOption('PERSONAL_PRIVACY');
    await clerk.getByLabel('删除的内容').fill('受助人的身份证号码和住址');
    await clerk.getByRole('button', { name: '上传删除处理版本' }).click();
    await clerk.getByText('公开版本（删除处理）：').waitFor();
    await clerk.getByRole('button', { name: '提交保密审查' }).click();
    await clerk.getByTestId('document-phase').getByText('待保密审查').waitFor();

    // Another person of the unit reviews it.
    const reviewer = await pageAs('reviewer-e2e-docs', 'reviewer');
    await reviewer.goto(`${url}/console/documents/${documentId}`);
    await reviewer.getByRole('button', { name: '提交审查结论' }).click();
    await reviewer.getByTestId('document-phase').getByText('审查通过待印发').waitFor();

    // The clerk issues it: the published version is fixed, the 索引号 assigned. The 成文日期 (from which
    // Art. 26's twenty working days run) opens as registered, may not be later than the issue date, and is kept.
    await clerk.reload();
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    expect(await clerk.getByLabel('成文日期').inputValue()).toBe(day(0));
    await clerk.getByLabel('成文日期').fill(day(1));
    await clerk.getByRole('button', { name: '印发', exact: true }).click();
    await clerk.getByText('成文日期不能晚于印发日期。').first().waitFor();
    expect(await clerk.getByLabel('成文日期').getAttribute('aria-invalid')).toBe('true');
    await clerk.getByLabel('成文日期').fill(day(-3));
    await clerk.getByRole('button', { name: '印发', exact: true }).click();
    await clerk.getByTestId('staff-index-number').waitFor();
    expect(await clerk.getByTestId('staff-index-number').innerText()).toMatch(/^TEZ-CIVIL\/2026-\d{5}$/);
    expect(await clerk.getByTestId('staff-formed-on').innerText()).toBe(day(-3));
    expect(await clerk.getByTestId('publication-due').innerText()).toContain('自成文日期起 20 个工作日');

    // A citizen finds it by a word only in its body.
    const citizen = await session.newPage();
    await citizen.goto(`${url}/search?q=${encodeURIComponent('清洁取暖')}`);
    const hit = citizen.getByTestId('document-hits').getByRole('link', { name: title });
    await reloadUntil(citizen, hit, 30);
    expect(await citizen.getByTestId('document-hits').locator('mark', { hasText: '清洁取暖' }).count()).toBeGreaterThan(0);
    // …and by an abbreviation of what the body says (公积金 → 住房公积金).
    await citizen.goto(`${url}/search?q=${encodeURIComponent('公积金')}`);
    await reloadUntil(citizen, citizen.getByTestId('document-hits').getByRole('link', { name: title }), 30);

    // It opens the document, reads the text, and downloads the redacted annex.
    await citizen.getByTestId('document-hits').getByRole('link', { name: title }).click();
    await citizen.getByTestId('document-text').getByText('每户每季1200元', { exact: false }).waitFor();
    expect(await citizen.getByTestId('index-number').innerText()).toMatch(/^TEZ-CIVIL\/2026-\d{5}$/);
    expect(await citizen.getByTestId('written-on').innerText()).toBe(day(-3));
    await citizen.getByText('已作删除处理后公开：涉及个人隐私').waitFor();
    const [download] = await Promise.all([
      citizen.waitForEvent('download'),
      citizen.getByRole('link', { name: /附件 受助家庭名单/ }).click(),
    ]);
    const saved = join(dir, 'downloaded.txt');
    await download.saveAs(saved);
    expect(sha256(readFileSync(saved))).toBe(sha256(redacted));
    expect(await screenshotBoth(citizen, 'portal-document-page')).toEqual([]);

    // The unredacted original: no public address serves it, probed by its hash and the document's id.
    const publicDocument = (await (await fetch(`${url}/api/document-attributes/public/documents/${documentId}`)).json()) as Record<
      string,
      unknown
    >;
    expect(JSON.stringify(publicDocument)).not.toContain(sha256(original));
    const probes = [
      `${url}/api/document-attributes/public/documents/${documentId}/files/${sha256(original)}`,
      `${url}/api/document-attributes/documents/${documentId}/files/${sha256(original)}`,
    ];
    const answers = await Promise.all(probes.map((probe) => fetch(probe)));
    expect(answers.map((a) => a.status)).toEqual([404, 401]);
    const search = (await (await fetch(`${url}/api/document-attributes/public/search?q=370405195501012345`)).json()) as { hits: unknown[] };
    expect(search.hits).toEqual([]);
  }, 300_000);
});

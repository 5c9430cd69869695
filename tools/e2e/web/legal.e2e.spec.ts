import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { loadDemoData } from '@gongkai/shapes';
import { reloadUntil, screenshotBoth, signIn, startWebStandalone, type WebStandalone } from './browser';
import { approveAndReply, call, catalogueReady, devToken, seedOpenRequest, seedOverdueRequest } from './seed';

/**
 * Issue 20 in a real browser: a request left unanswered past its deadline is challenged from the
 * console (the challenge in the case's timeline and in Table 4); the unit's letter settings edited by
 * its office head print in a reply letter generated afterwards (.docx parsed back); the Art. 35
 * reasons step and the later reply date (延迟答复); the Art. 32 written notice to a third party that
 * objected; a 部分公开 reply with two withheld parts entered in the reply form, whose letter lists them
 * with their grounds; the report deadlines on the office heads' home pages, a draft, and a published
 * annual report corrected by the office head with a reason, said on the portal.
 */
describe('web: challenges, letters, the legal steps and the annual report in Chromium (issue 20)', () => {
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

  const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  /** 2027-03-01 → 2027年3月1日, as the letters print dates. */
  const cn = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return `${y}年${m}月${d}日`;
  };

  /** The text of the .docx the button downloads (word/document.xml without its tags). */
  async function docxText(page: Page, button: string): Promise<string> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const xml = await (await JSZip.loadAsync(Buffer.concat(chunks))).file('word/document.xml')!.async('string');
    return xml.replace(/<[^>]+>/g, '');
  }

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
    const text = await docxText(clerk, '下载政府信息公开申请答复书');
    expect(text).toContain('台儿庄区民政局（政府信息公开专用章）');
    expect(text).toContain('枣庄市台儿庄区人民政府');
    expect(text).toContain('区民政局办公室 0632-6612345');
    expect(text).toMatch(/台民信复〔\d{4}〕\w+号/);
    expect(text).toContain(content);
    expect(text).toContain('该政府信息由台儿庄区财政局负责公开，联系方式：0632-6618888');
  }, 420_000);

  const massRepeatOffered = (page: Page) => page.getByLabel('答复类型').locator('option[value="reject.mass_repeat"]').count();

  it('Art. 35: the reasons step, then the office head sets and notifies a later reply date (延迟答复) and its letter says so', async () => {
    const requestId = await seedOpenRequest(url, UNIT);
    const head = await newPage();
    await login(head, 'head-wu', 'office_head', UNIT);
    await head.goto(`${url}/console/requests/${requestId}`);
    await reloadUntil(head, head.getByRole('heading', { name: '起草答复' }));
    // Before the applicant was asked for reasons, 大量反复 is not a reply the form offers.
    expect(await massRepeatOffered(head)).toBe(0);

    await head.getByText('要求申请人说明理由（大量、频繁申请）').click();
    await head.getByLabel('说明理由期限（工作日）').fill('10');
    await head.getByRole('button', { name: '要求申请人说明理由', exact: true }).click();
    await head.getByText('已要求申请人说明理由。').waitFor();
    const reasons = head.locator('section', { has: head.getByRole('heading', { name: '说明理由（条例第三十五条）' }) });
    await reloadUntil(head, reasons.getByLabel('结果'));
    // The period is running: 逾期未说明 is not offered yet.
    expect(await reasons.getByLabel('结果').locator('option[value="no_answer"]').count()).toBe(0);
    await reasons.getByLabel('结果').selectOption('accepted');
    await reasons.getByLabel('说明').fill('申请人称系课题研究需要，提供了研究计划，理由合理。');
    await reasons.getByRole('button', { name: '登记说明理由的结果' }).click();
    await head.getByText('已登记申请人说明理由的结果。').waitFor();
    await reloadUntil(head, reasons.getByRole('heading', { name: '确定延迟答复的合理期限' }));
    expect(await reasons.getByTestId('reasons-outcome').textContent()).toContain('理由合理');
    // Reasons accepted: still no 大量反复 reply.
    expect(await massRepeatOffered(head)).toBe(0);

    // A date before the current deadline is refused at its field, in Chinese; a later one is set.
    await reasons.getByLabel('延迟答复期限').fill(today());
    await reasons.getByLabel('延迟答复理由').fill('申请涉及近十年的救助台账，需要逐年检索整理');
    await reasons.getByRole('button', { name: '确定延迟答复期限' }).click();
    await reasons
      .getByText(/延迟答复的期限应晚于现有答复期限/)
      .first()
      .waitFor();
    const later = new Date(Date.now() + 90 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await reasons.getByLabel('延迟答复期限').fill(later);
    await reasons.getByRole('button', { name: '确定延迟答复期限' }).click();
    await head.getByText('已确定延迟答复的期限并告知申请人。').waitFor();
    await reloadUntil(head, head.getByTestId('deferral'));
    expect(await head.getByTestId('deferral').textContent()).toContain(`${later} 前答复`);

    const text = await docxText(head, '下载延迟答复告知书');
    expect(text).toContain('政府信息公开申请延迟答复告知书');
    expect(text).toContain('申请涉及近十年的救助台账，需要逐年检索整理');
    expect(text).toContain(`将于${cn(later)}前作出答复`);
    expect(text).toContain('第三十五条');
  }, 420_000);

  it('Art. 32: a third party objected; the clerk records the written notice of the decision to disclose, and prints it', async () => {
    const requestId = await seedOpenRequest(url, UNIT);
    const clerk = await devToken(url, 'seed-counter', 'clerk', UNIT, '赵敏');
    const step = (action: string, body: object) => call(url, clerk, 'POST', `/api/requests/${requestId}/${action}`, body);
    const party = '台儿庄区康宁养老服务有限公司';
    await step('consultations', { consultationId: 'TP-1', kind: 'third_party', party, subject: '该公司2025年度运营补贴的申请材料' });
    await step('consultation-letter-received', { consultationId: 'TP-1', receivedOn: today() });
    await step('consultation-end', { consultationId: 'TP-1', outcome: '第三方书面回复不同意公开', answer: 'objected', endedOn: today() });

    const page = await newPage();
    await login(page, 'clerk-chen', 'clerk', UNIT);
    await page.goto(`${url}/console/requests/${requestId}`);
    const form = page.getByLabel('决定公开的内容和理由');
    await reloadUntil(page, form);
    const reason = '运营补贴属于财政资金使用情况，不公开可能对公共利益造成重大影响，决定公开补贴金额和依据，隐去法定代表人个人信息。';
    await form.fill(reason);
    await page.getByRole('button', { name: '书面告知第三方' }).click();
    await page.getByText('已书面告知第三方决定公开的内容和理由。').waitFor();
    await reloadUntil(page, page.getByTestId('third-party-notice'));
    expect(await page.getByTestId('third-party-notice').textContent()).toContain(`${today()} 已书面告知第三方决定公开`);

    const text = await docxText(page, '下载政府信息公开决定告知书（第三方）');
    expect(text).toContain(`${party}：`);
    expect(text).toContain(reason);
    expect(text).toContain('第三十二条');
  }, 420_000);

  it('部分公开: two withheld parts entered in the reply form (checked in Chinese), shown in the case and listed with their grounds in the letter', async () => {
    const requestId = await seedOpenRequest(url, UNIT);
    const page = await newPage();
    await login(page, 'clerk-chen', 'clerk', UNIT);
    await page.goto(`${url}/console/requests/${requestId}`);
    await reloadUntil(page, page.getByRole('heading', { name: '起草答复' }));
    await page.getByLabel('答复类型').selectOption('partial');
    const editor = page.getByTestId('withheld-editor');
    await editor.waitFor();
    const part = (n: number) => editor.getByRole('group', { name: `第 ${n} 项` });
    const content = '经检索，现将2025年度城乡居民最低生活保障资金的发放总额和分月发放情况提供给您，其中部分内容不予公开。';
    await page.getByLabel('答复内容').fill(content);
    await part(1).getByLabel('不予公开的内容').fill('低保对象的姓名、身份证号码和家庭住址');
    await part(1).getByLabel('不予公开的依据').selectOption('withhold.third_party');
    await part(1).getByLabel('不予公开的理由').fill('属于个人隐私，公开会对第三方合法权益造成损害');
    // A second part left blank, and a third added and removed: the form says in Chinese what is missing.
    await editor.getByRole('button', { name: '增加一项不予公开的内容' }).click();
    await editor.getByRole('button', { name: '增加一项不予公开的内容' }).click();
    await part(3).waitFor();
    await editor.getByRole('button', { name: '删除第 3 项' }).click();
    expect(await part(3).count()).toBe(0);
    await page.getByRole('button', { name: '提交审核' }).click();
    await part(2).getByText('请填写第 2 项不予公开的内容。').waitFor();
    await part(2).getByText('请说明第 2 项不予公开的理由（至少 2 个字）。').waitFor();
    expect(await part(2).getByLabel('不予公开的内容').getAttribute('aria-invalid')).toBe('true');
    expect(await screenshotBoth(page, 'reply-withheld-errors')).toEqual([]);

    await part(2).getByLabel('不予公开的内容').fill('区民政局内部审核会议的讨论记录');
    await part(2).getByLabel('不予公开的依据').selectOption('withhold.process_info');
    await part(2).getByLabel('不予公开的理由').fill('属于行政机关在履行职责过程中形成的讨论记录');
    await page.getByLabel('获取信息的方式、途径和时间').fill('以电子邮件方式发送至申请人邮箱');
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('答复已起草，等待审核。').waitFor();
    await approveAndReply(url, requestId, UNIT);

    await page.reload();
    const listed = page.getByTestId('reply-withheld');
    await reloadUntil(page, listed);
    const shown = await listed.textContent();
    expect(shown).toContain(
      '低保对象的姓名、身份证号码和家庭住址：属于个人隐私，公开会对第三方合法权益造成损害（不予公开：保护第三方合法权益）',
    );
    expect(shown).toContain('区民政局内部审核会议的讨论记录');

    const text = await docxText(page, '下载政府信息公开申请答复书');
    expect(text).toContain(content);
    expect(text).toContain('获取方式：以电子邮件方式发送至申请人邮箱');
    expect(text).toMatch(
      /1\. “低保对象的姓名、身份证号码和家庭住址”不予公开：属于个人隐私，公开会对第三方合法权益造成损害（保护第三方合法权益，依据[^）]+）/,
    );
    expect(text).toMatch(
      /2\. “区民政局内部审核会议的讨论记录”不予公开：属于行政机关在履行职责过程中形成的讨论记录（属于四类过程性信息，依据[^）]+）/,
    );
    // The remedy follows the category: reconsideration first for the withheld part, either for the rest.
    expect(text).toContain('如对本答复中不予公开部分的决定不服');
    expect(text).toContain('应当先向');
  }, 420_000);

  it('report deadlines on the home pages; a published report corrected by the office head with a reason, said on the portal', async () => {
    const head = await newPage();
    await login(head, 'head-edu', 'office_head', 'TEZ-EDU');
    const deadlines = head.getByTestId('report-deadlines');
    await deadlines.waitFor();
    const row2025 = deadlines.locator('tr').filter({ hasText: '2025 年度' });
    expect(await row2025.textContent()).toContain('区教育和体育局');
    expect(await row2025.textContent()).toContain('2026-01-31');
    expect(await row2025.getByTestId('report-status').textContent()).toBe('已公布');
    // Only the unit's own reports.
    expect(await deadlines.textContent()).not.toContain('张山子镇');
    expect(await screenshotBoth(head, 'home-report-deadlines')).toEqual([]);

    // The office head opens the report from the home page and corrects it: the reason is required.
    await row2025.getByRole('link', { name: '区教育和体育局' }).click();
    await head.getByText(/已定稿并公布/).waitFor();
    await head.getByText('更正已公布的年度报告').click();
    expect(await screenshotBoth(head, 'annual-report-correction-form')).toEqual([]);
    await head.getByLabel('行政许可·本年处理决定数量').fill('216');
    await head.getByRole('button', { name: '更正并公布' }).click();
    await head.getByText('未更正，您填写的内容已保留').waitFor();
    expect(await head.getByLabel('更正理由').getAttribute('aria-invalid')).toBe('true');
    const reason = '行政许可决定数量统计时漏计2件延续许可，由214件更正为216件。';
    await head.getByLabel('更正理由').fill(reason);
    await head.getByRole('button', { name: '更正并公布' }).click();
    await head.getByText('年度报告已更正，门户网站显示更正后的版本并注明更正情况。').waitFor();

    // The portal shows the current version and says it was corrected (date and reason).
    const portal = await newPage();
    await portal.goto(`${url}/annual-reports/TEZ-EDU/2025`);
    await reloadUntil(portal, portal.getByTestId('report-corrected'));
    const said = await portal.getByTestId('report-corrected').textContent();
    expect(said).toContain(`本报告已于 ${today()} 更正，现为第 2 版`);
    expect(said).toContain(reason);
    expect(await screenshotBoth(portal, 'annual-report-corrected')).toEqual([]);
    const table2 = portal.getByTestId('report-table').first();
    expect(await table2.textContent()).toContain('216');
    await portal.goto(`${url}/annual-reports`);
    await portal.getByRole('link', { name: /区教育和体育局2025年政府信息公开工作年度报告/ }).waitFor();
    expect(await portal.locator('li', { hasText: '区教育和体育局2025年' }).textContent()).toContain('（已更正）');

    // The earlier version stays in the record: the report's stream holds the finalisation and then the correction with its reason.
    const auditor = await devToken(url, 'audit-zhao', 'auditor');
    const history = await call<{ entries: { type: string; reason: string | null }[] }>(
      url,
      auditor,
      'GET',
      `/api/audit/history/${encodeURIComponent('requests.annual-report-TEZ-EDU-2025')}`,
    );
    expect(history.entries.map((e) => e.type)).toEqual(['requests.AnnualReportFinalised', 'requests.AnnualReportCorrected']);
    expect(history.entries[1].reason).toBe(reason);

    // The district office sees every unit's reports and the government's own (due 31 March).
    const office = await newPage();
    await login(office, 'office-liu', 'district_office', 'TEZ-GOV-OFFICE');
    const all = office.getByTestId('report-deadlines');
    await all.waitFor();
    const government = all.locator('tr').filter({ hasText: '2026-03-31' });
    expect(await government.count()).toBe(1);
    expect(await government.textContent()).toContain('台儿庄区');
    expect(
      await all.locator('tr').filter({ hasText: '张山子镇' }).filter({ hasText: '2025 年度' }).getByTestId('report-status').textContent(),
    ).toBe('已公布');
    expect(await all.locator('tr').filter({ hasText: '区教育和体育局' }).filter({ hasText: '2025 年度' }).textContent()).toContain(
      '已更正',
    );
  }, 420_000);

  it('a draft saved by the office head shows as 草稿 on the home page while the report is not yet due, and the form opens with it', async () => {
    // The report in play that is not yet due: the current year's in December, the previous year's in January.
    const now = today();
    const thisYear = Number(now.slice(0, 4));
    const year = now.slice(5) >= '12-01' ? thisYear : thisYear - 1;
    const due = `${year + 1}-01-31`;
    const head = await newPage();
    await login(head, 'head-wu', 'office_head', UNIT);
    await head.goto(`${url}/console/annual-report?year=${year}`);
    await head.getByRole('button', { name: '保存草稿' }).waitFor();
    const overview = `${year}年，区民政局认真贯彻政府信息公开条例（草稿，待补充数据）。`;
    await head.getByLabel('一、总体情况').fill(overview);
    await head.getByLabel('行政许可·本年处理决定数量').fill('57');
    await head.getByRole('button', { name: '保存草稿' }).click();
    await head.getByText('草稿已保存。').waitFor();
    await head.getByText('已保存草稿，尚未定稿公布。').waitFor();

    await head.goto(`${url}/console`);
    const row = head
      .getByTestId('report-deadlines')
      .locator('tr')
      .filter({ hasText: `${year} 年度` });
    await reloadUntil(head, row);
    expect(await row.textContent()).toContain(due);
    expect(await row.getByTestId('report-status').textContent()).toBe(now <= due ? '草稿' : '已逾期');

    // Another session of the office head (nothing kept in this browser) opens the form with the saved draft.
    const again = await newPage();
    await login(again, 'head-wu', 'office_head', UNIT);
    await again.goto(`${url}/console/annual-report?year=${year}`);
    await again.getByRole('button', { name: '保存草稿' }).waitFor();
    expect(await again.getByLabel('一、总体情况').inputValue()).toBe(overview);
    expect(await again.getByLabel('行政许可·本年处理决定数量').inputValue()).toBe('57');
  }, 420_000);
});

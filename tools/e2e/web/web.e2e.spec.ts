import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { loadDemoData } from '@gongkai/shapes';
import { PHONE, reloadUntil, screenshotBoth, scrollToTop, signIn, startWebStandalone, type WebStandalone } from './browser';
import {
  assignAsAnotherUser,
  seedAssessment,
  seedIssuedPolicy,
  seedOpenRequest,
  seedWebData,
  type AssessmentSeed,
  type PolicySeed,
  type SeedResult,
} from './seed';

/**
 * The portal and the console in a real browser (playwright-core driving Debian's Chromium) against
 * a standalone instance on real FerretDB: the acceptance flows, screenshots under
 * artifacts/screenshots/ and an axe-core check of each screenshotted page.
 */
describe('web: portal and console in Chromium', () => {
  let session: WebStandalone;
  let url: string;
  let seed: SeedResult;
  let trackingCode = '';
  let requestId = '';
  let assessment: AssessmentSeed;
  let policy: PolicySeed;
  /** A moment (Asia/Shanghai, YYYY-MM-DDTHH:mm:ss) after the interpretation's sign-off and before its publication. */
  let beforePublish = '';

  beforeAll(async () => {
    session = await startWebStandalone({}, async (app, base) => {
      await loadDemoData(app);
      seed = await seedWebData(base);
    });
    ({ url } = session);
  }, 240_000); // the read models first catch up with the demo data: on a busy machine, more than a minute

  afterAll(() => session?.close());

  const newPage = () => session.newPage();
  const login = (page: Page, userId: string, role: string, unit?: string) => signIn(page, url, userId, role, unit);

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
    await clerk
      .getByRole('link', { name: /2025年度特困人员救助供养/ })
      .first()
      .click();
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
    const [download] = await Promise.all([
      clerk.waitForEvent('download'),
      clerk.getByRole('button', { name: '下载政府信息公开申请答复书' }).click(),
    ]);
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

  it('a clerk takes a request through an investigation, a third-party consultation and a fee to the reply, delivers and archives it', async () => {
    const citizen = await newPage();
    await citizen.goto(`${url}/apply?unit=TEZ-CIVIL`);
    await citizen.getByLabel('姓名').fill('李秀英');
    await citizen.getByLabel('联系电话').fill('13600001234');
    await citizen
      .getByLabel('所需政府信息的名称、文号或便于查询的其他特征性描述')
      .fill('2025年度民办养老机构运营补贴的发放明细（含各机构名称和金额）');
    await citizen.getByRole('button', { name: '提交申请' }).click();
    await citizen.getByTestId('tracking-code').waitFor();

    const clerk = await newPage();
    await login(clerk, 'clerk-ma', 'clerk', 'TEZ-CIVIL');
    await clerk.goto(`${url}/console/requests`);
    const link = clerk.getByRole('link', { name: /民办养老机构运营补贴/ });
    await reloadUntil(clerk, link);
    await link.first().click();
    const status = clerk.getByTestId('case-status');
    await status.waitFor();
    /** The case's status label, once the read model has caught up with the step just taken. */
    // No reloads: after each step the page itself waits until the read model shows the write.
    const statusIs = async (label: string) => {
      await status.filter({ hasText: new RegExp(`^${label}$`) }).waitFor({ timeout: 15000 });
      expect(await status.textContent()).toBe(label);
    };
    expect(await status.textContent()).toBe('已登记');

    // Registered: assigning a handler is the open step (the signed-in clerk, proposed).
    expect(await clerk.getByLabel('承办人工号').inputValue()).toBe('clerk-ma');
    await clerk.getByRole('button', { name: '分配', exact: true }).click();
    await clerk.getByText('已分配承办人：clerk-ma。').waitFor();
    await statusIs('办理中');

    // Another unit is asked to help find the information (协助调查); its answer is recorded on the case.
    await clerk.locator('summary', { hasText: '请求其他单位协助调查' }).click();
    await clerk.getByLabel('协助单位').selectOption({ label: '张山子镇人民政府' });
    await clerk.getByLabel('需协助查明的事项').fill('提供本镇养老机构2025年度运营补贴的拨付凭证');
    await clerk.getByRole('button', { name: '请求协助调查' }).click();
    await clerk.getByText('已请求协助调查。').waitFor();
    await clerk.getByTestId('investigations').getByText('尚未答复').waitFor();
    await clerk.getByLabel('协助单位的答复').fill('已提供拨付凭证三份');
    await clerk.getByRole('button', { name: '登记协助答复' }).click();
    await clerk
      .getByTestId('investigations')
      .getByText(/答复：已提供拨付凭证三份/)
      .waitFor();

    // A third-party consultation stops the clock and holds back the reply until it ends.
    await clerk.locator('summary', { hasText: '征求第三方或其他机关意见' }).click();
    await clerk.getByLabel('被征求意见方类别').selectOption('third_party');
    await clerk.getByRole('textbox', { name: '被征求意见方', exact: true }).fill('台儿庄区康宁养老服务中心');
    await clerk.getByLabel('征求意见事项').fill('公开本中心2025年度获得的运营补贴金额');
    await clerk.getByRole('button', { name: '开始征求意见' }).click();
    await clerk.getByText('已开始征求意见，征求意见所需时间不计算在答复期限内。').waitFor();
    await clerk.getByTestId('consultations').getByText('进行中').waitFor();
    expect(await clerk.getByTestId('consultations').textContent()).toContain('第三方：台儿庄区康宁养老服务中心');
    expect(await clerk.getByTestId('remaining-days').textContent()).toContain('计时暂停');
    await clerk.getByText('征求意见尚未结束，结束后方可起草答复。').waitFor();
    await statusIs('办理中');
    // The third party's 15 working days run from its receipt of the letter (Art. 32): recorded, they are counted from it.
    await clerk.getByLabel('对方收到征询函日期').fill(await clerk.getByLabel('结束日期').inputValue());
    await clerk.getByRole('button', { name: '登记收到征询函日期' }).click();
    await clerk
      .getByTestId('consultations')
      .getByText(/对方 \d{4}-\d{2}-\d{2} 收到 · 答复期限 \d{4}-\d{2}-\d{2}/)
      .waitFor();

    await clerk.getByLabel('征求意见结果').fill('该中心书面同意公开补贴金额');
    expect(await clerk.getByLabel('结束日期').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Silence cannot be recorded while the party's 15 working days run: refused at the field, typing kept.
    await clerk.getByLabel('对方意见').selectOption('no_answer');
    await clerk.getByRole('button', { name: '结束征求意见' }).click();
    await clerk
      .getByText(/期限届满前不能以“逾期未提出意见”结束征求意见/)
      .first()
      .waitFor();
    expect(await clerk.getByLabel('对方意见').getAttribute('aria-invalid')).toBe('true');
    expect(await clerk.getByLabel('征求意见结果').inputValue()).toBe('该中心书面同意公开补贴金额');
    await clerk.getByLabel('对方意见').selectOption('agreed');
    await clerk.getByRole('button', { name: '结束征求意见' }).click();
    await clerk.getByText('已结束征求意见，答复期限恢复计算。').waitFor();
    await clerk
      .getByTestId('consultations')
      .getByText(/\d{4}-\d{2}-\d{2} 结束/)
      .waitFor();
    expect(await clerk.getByTestId('consultations').textContent()).toContain('结果：同意公开；该中心书面同意公开补贴金额');
    await statusIs('办理中');

    // Only the office head extends the deadline (Art. 33); more than 20 working days is refused next to the field.
    expect(await clerk.locator('summary', { hasText: '延长答复期限' }).count()).toBe(0);
    const head = await newPage();
    await login(head, 'head-wu', 'office_head', 'TEZ-CIVIL');
    await head.goto(clerk.url());
    await head.locator('summary', { hasText: '延长答复期限' }).click();
    await head.getByLabel('延长工作日数').fill('25');
    await head.getByLabel('延期理由').fill('需要逐一核对各养老机构的补贴发放凭证');
    await head.getByRole('button', { name: '同意延长' }).click();
    await head
      .locator('.field-invalid')
      .filter({ has: head.getByLabel('延长工作日数') })
      .locator('.field-error')
      .waitFor();
    await head.getByLabel('延长工作日数').fill('10');
    await head.getByRole('button', { name: '同意延长' }).click();
    await head.getByText('已延长答复期限。').waitFor();
    await reloadUntil(clerk, clerk.getByTestId('extension-facts'));
    const newDueOn = /(\d{4}-\d{2}-\d{2}) 前答复/.exec((await clerk.getByTestId('extension-facts').textContent()) ?? '')?.[1];
    expect(newDueOn).toBeDefined();
    expect(await clerk.getByTestId('remaining-days').textContent()).toContain(`${newDueOn} 前答复`);
    await statusIs('办理中');

    // A per-page fee: 150 pages are ¥700 (31–100 at ¥10) + ¥1000 (101–150 at ¥20).
    await clerk.locator('summary', { hasText: '收取信息处理费' }).click();
    await clerk.getByLabel('计费方式').selectOption('per_page');
    await clerk.getByLabel('页数').fill('150');
    await clerk.getByRole('button', { name: '发出收费通知' }).click();
    await reloadUntil(clerk, clerk.getByTestId('fee-amount').filter({ hasText: '1700 元' }));
    expect(await clerk.getByTestId('fee-facts').textContent()).toContain('按量计收（150 页）');
    expect(await clerk.getByTestId('fee-pay-by').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}（暂自发出通知之日起计算/);
    await clerk.getByText('信息处理费缴纳后方可起草答复。').waitFor();
    await statusIs('办理中');

    // The applicant received the notice today: the payment period runs from that day.
    expect(await clerk.getByLabel('申请人收到收费通知日期').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await clerk.getByRole('button', { name: '登记收到日期' }).click();
    await reloadUntil(clerk, clerk.getByTestId('fee-pay-by').filter({ hasText: '自申请人收到收费通知之日起计算' }));
    expect(await clerk.getByTestId('fee-pay-by').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}（自申请人收到收费通知之日起计算）$/);
    await statusIs('办理中');

    // A wrong amount is refused by the decider, next to the amount field, the typing kept.
    await clerk.getByLabel('缴纳金额（元）').fill('1500');
    await clerk.getByRole('button', { name: '登记缴费' }).click();
    const amountError = clerk
      .locator('.field-invalid')
      .filter({ has: clerk.getByLabel('缴纳金额（元）') })
      .locator('.field-error');
    await amountError.waitFor();
    expect(await amountError.textContent()).toBe('应缴金额为 1700 元。');
    expect(await clerk.getByLabel('缴纳金额（元）').getAttribute('aria-invalid')).toBe('true');
    expect(await clerk.getByLabel('缴纳金额（元）').inputValue()).toBe('1500');
    await scrollToTop(clerk);
    expect(await screenshotBoth(clerk, 'request-case-steps')).toEqual([]);

    await clerk.getByLabel('缴纳金额（元）').fill('1700');
    await clerk.getByRole('button', { name: '登记缴费' }).click();
    await clerk.getByText('已登记缴费。').waitFor();
    await reloadUntil(clerk, clerk.getByTestId('fee-paid').filter({ hasText: '已缴纳' }));
    await statusIs('办理中');

    await reloadUntil(clerk, clerk.getByLabel('答复内容'));
    await clerk.getByLabel('答复类型').selectOption('disclose');
    await clerk.getByLabel('答复内容').fill('经征求第三方意见，您申请的2025年度民办养老机构运营补贴发放明细予以公开，详见附件。');
    await clerk.getByRole('button', { name: '提交审核' }).click();
    await statusIs('待审核');

    const reviewer = await newPage();
    await login(reviewer, 'reviewer-li', 'reviewer', 'TEZ-CIVIL');
    await reviewer.goto(clerk.url());
    await reloadUntil(reviewer, reviewer.getByRole('button', { name: '审核通过' }));
    await reviewer.getByRole('button', { name: '审核通过' }).click();
    await reviewer.getByText('审核通过。').waitFor();
    // Another user's write: the clerk's page learns of it on reload.
    await reloadUntil(clerk, status.filter({ hasText: /^审核通过待答复$/ }));
    await statusIs('审核通过待答复');

    await clerk.getByRole('button', { name: '出具答复' }).click();
    await statusIs('已答复');
    expect(await clerk.getByTestId('outcome-facts').textContent()).toMatch(/予以公开（\d{4}-\d{2}-\d{2}），用时 \d+ 个工作日，按期答复/);

    await clerk.getByLabel('送达方式').selectOption('电子邮件');
    await clerk.getByLabel('送达凭证').fill('电子邮件已于当日发送至申请人邮箱');
    await clerk.getByRole('button', { name: '登记送达' }).click();
    await statusIs('已送达');
    expect(await clerk.getByTestId('outcome-facts').textContent()).toContain('电子邮件送达（电子邮件已于当日发送至申请人邮箱）');

    await clerk.getByLabel('档案号').fill('TEZ-MZ-2026-YSQ-0007');
    await clerk.getByRole('button', { name: '归档', exact: true }).click();
    await statusIs('已归档');
    expect(await clerk.getByTestId('archived').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} 已归档，档号 TEZ-MZ-2026-YSQ-0007$/);
    // Closed: no handling step is offered any more, the facts and the letters of the steps taken stay; only a
    // reconsideration or lawsuit can still be recorded (in any state of the request).
    const forms = clerk.locator('main form');
    expect(await forms.count()).toBe(1);
    expect(await forms.locator('button').allTextContents()).toEqual(['登记复议或诉讼']);
    expect(await clerk.getByRole('button', { name: '下载收费通知' }).count()).toBe(1);
    expect(await clerk.getByRole('button', { name: '下载补正申请告知书' }).count()).toBe(0);
    await scrollToTop(clerk);
    expect(await screenshotBoth(clerk, 'request-case-archived')).toEqual([]);
  }, 120_000);

  it('a reviewer confirms the disclosure attribute of a document', async () => {
    const page = await newPage();
    await login(page, 'reviewer-zhao', 'reviewer', 'TEZ-CIVIL');
    await page.getByRole('link', { name: seed.documentTitle }).first().click();
    expect(await page.getByTestId('document-phase').textContent()).toBe('待保密审查');
    await page.getByLabel('通过（确认建议的公开属性）').check();
    await page.getByRole('button', { name: '提交审查结论' }).click();
    await page.getByText('已确认公开属性。').waitFor();
    // No reload: the page waits until the read model shows the reviewer's own write.
    await page.getByTestId('document-phase').filter({ hasText: '审查通过待印发' }).waitFor({ timeout: 15000 });
    expect(await page.getByTestId('document-attribute').textContent()).toBe('主动公开');
  });

  it('the district office sees the ranking', async () => {
    assessment = await seedAssessment(url);
    const page = await newPage();
    await login(page, 'office-sun', 'district_office', 'TEZ-GOV-OFFICE');
    await page.getByRole('link', { name: '排名', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '政务公开考核排名' }).waitFor();
    await page.getByLabel('考核方案').selectOption(assessment.schemeId);
    const ranking = page.getByTestId('ranking');
    await ranking.getByRole('link', { name: assessment.expected[0].name }).waitFor();
    // The units in ranked order with their totals, as the scores API computed them from the seeded facts.
    const readRows = () =>
      ranking.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          rank: tr.querySelector('[data-testid=rank]')?.textContent,
          name: tr.querySelector('th a')?.textContent,
          total: tr.querySelector('[data-testid=total]')?.textContent,
        })),
      );
    // The table may render again once the scheme's scores arrive: read it once it holds every unit (bounded).
    let rows = await readRows();
    for (let attempt = 0; attempt < 50 && rows.length < assessment.expected.length; attempt += 1) {
      await page.waitForTimeout(200);
      rows = await readRows();
    }
    expect(rows).toEqual(assessment.expected.map((u, n) => ({ rank: String(n + 1), name: u.name, total: `${u.total} / 100` })));
    expect(await page.getByTestId('commended').locator('a').allTextContents()).toEqual(assessment.commended);
    expect(await page.getByTestId('rectify').locator('a').allTextContents()).toEqual(assessment.rectify);
    expect(await page.getByTestId('criticised').locator('a').allTextContents()).toEqual(assessment.criticised);
    expect(await screenshotBoth(page, 'ranking')).toEqual([]);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出考核结果（.xlsx）' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await xlsx.createReadStream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 2).toString()).toBe('PK');

    // One unit's breakdown, then the explanation of one indicator: the facts and their event ids.
    await ranking.getByRole('link', { name: '泥沟镇人民政府' }).click();
    await page.getByRole('heading', { level: 1, name: '泥沟镇人民政府考核得分明细' }).waitFor();
    expect(await page.getByTestId('unit-total').textContent()).toBe('90 / 100');
    expect(await page.getByTestId('indicators').textContent()).toContain('个别栏目更新滞后');
    expect(await screenshotBoth(page, 'unit-breakdown')).toEqual([]);

    await page
      .getByTestId('indicators')
      .getByRole('link', { name: /：参加集中学习培训$/ })
      .click();
    await page.getByRole('heading', { level: 1, name: '得分说明：参加集中学习培训' }).waitFor();
    expect(await page.getByTestId('event-id').allTextContents()).toContain(assessment.trainingEventId);
    expect(await page.getByTestId('explain').textContent()).toContain('10 / 10');
    expect(await screenshotBoth(page, 'unit-explain')).toEqual([]);

    // Publishing a scheme below the 4% floor is refused, with the rule shown next to the weight field.
    await page.getByRole('link', { name: '考核方案', exact: true }).click();
    await page.getByTestId('schemes').getByText(assessment.title).waitFor();
    await page.getByLabel('方案编号').fill('KH-E2E-LOW');
    await page.getByLabel('政务公开工作占绩效考核的权重（%）').fill('3.9');
    await page.getByRole('button', { name: '发布方案' }).click();
    await page.locator('.field-invalid .field-error').filter({ hasText: '不低于4%' }).waitFor();
    expect(await page.getByLabel('政务公开工作占绩效考核的权重（%）').getAttribute('aria-invalid')).toBe('true');
    expect(await screenshotBoth(page, 'schemes-refused')).toEqual([]);
  }, 120_000);

  it('a unit clerk sees its running score and what it is losing points on', async () => {
    const page = await newPage();
    await login(page, 'clerk-liu', 'clerk', 'TEZ-NHZ');
    await page.getByRole('link', { name: '本单位得分' }).click();
    await page.getByRole('heading', { level: 1, name: '本单位考核得分' }).waitFor();
    await page.getByLabel('考核方案').selectOption(assessment.schemeId);
    await page.getByTestId('live-total').filter({ hasText: '90' }).waitFor();
    expect(await page.getByTestId('losing').locator('h3').first().textContent()).toContain('工作实效（人工评议）');
    expect(await screenshotBoth(page, 'unit-live')).toEqual([]);
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

  it('a clerk drafts a catalogue item, is told which element is missing, publishes it and imports a spreadsheet with a bad row', async () => {
    const page = await newPage();
    await login(page, 'clerk-zhou', 'clerk', 'TEZ-CIVIL');
    await page.getByRole('link', { name: '公开事项目录' }).click();
    await page.getByRole('heading', { level: 1, name: '公开事项目录' }).waitFor();
    await page.getByRole('link', { name: '新增公开事项' }).click();
    await page.getByRole('heading', { level: 1, name: '新增公开事项' }).waitFor();

    const name = '最低生活保障对象认定及保障金发放';
    await page.getByLabel('所属领域').selectOption('social-assistance');
    await page.getByLabel('一级事项').fill('最低生活保障');
    await page.getByLabel('事项名称（二级事项）').fill(name);
    await page.getByLabel('公开内容（要素）').fill('保障对象认定条件、申请程序、保障标准、保障金发放结果');
    await page.getByLabel('公开依据').fill('《社会救助暂行办法》第九条\n《山东省最低生活保障办法》');
    await page.getByLabel('公开时限').fill('信息形成或者变更之日起20个工作日内');
    await page.getByLabel('主动公开').check();
    await page.getByLabel('全社会').check();
    await page.getByLabel('政府网站', { exact: true }).check();
    await page.getByLabel('社区/企事业单位/村公示栏(电子屏)').check();
    // 公开主体 left out: the draft is saved, publishing is refused and the refusal shows next to that field.
    await page.getByRole('button', { name: '发布', exact: true }).click();
    const subjectError = page
      .locator('.field-invalid')
      .filter({ has: page.getByLabel('公开主体') })
      .locator('.field-error');
    await subjectError.waitFor();
    expect(await subjectError.textContent()).toContain('公开主体');
    expect(await page.getByRole('alert').first().textContent()).toContain('缺少：主体');
    expect(await page.getByLabel('公开主体').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('事项名称（二级事项）').inputValue()).toBe(name);
    expect(await page.getByLabel('公开依据').inputValue()).toContain('《山东省最低生活保障办法》');
    expect(page.url()).toMatch(/\/console\/catalogue\/items\/[0-9a-f-]{36}$/);
    const itemId = page.url().split('/').pop()!;
    expect(await screenshotBoth(page, 'catalogue-editor-errors')).toEqual([]);

    await page.getByLabel('公开主体').fill('区民政局');
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByText('已发布（第 1 版）').waitFor();
    expect(await page.locator('.field-error').count()).toBe(0);
    await reloadUntil(page, page.getByRole('button', { name: '提交修订' }));
    expect(await page.getByTestId('item-status').textContent()).toContain('已发布');
    expect(await screenshotBoth(page, 'catalogue-editor-published')).toEqual([]);
    // A revision needs a reason: refused next to that field, the edited content kept.
    await page.getByLabel('公开内容（要素）').fill('保障对象认定条件、申请程序、保障标准、保障金发放结果、动态管理情况');
    await page.getByRole('button', { name: '提交修订' }).click();
    await page
      .locator('.field-invalid')
      .filter({ has: page.getByLabel('修订理由') })
      .locator('.field-error')
      .waitFor();
    expect(await page.getByLabel('公开内容（要素）').inputValue()).toContain('动态管理情况');
    await page.getByLabel('修订理由').fill('补充动态管理情况');
    await page.getByRole('button', { name: '提交修订' }).click();
    await page.getByText('修订已发布（第 2 版）').waitFor();

    const citizen = await newPage();
    await citizen.goto(`${url}/items/${itemId}`);
    await reloadUntil(citizen, citizen.getByRole('heading', { level: 1, name }));
    await citizen.getByText('区民政局').first().waitFor();

    // The spreadsheet: the export's header row, one good row and one whose 公开层级 and 公开渠道 are wrong.
    await page.goto(`${url}/console/catalogue`);
    await reloadUntil(page, page.getByTestId('catalogue-items').getByRole('link', { name }));
    expect(await page.getByTestId('catalogue-progress').textContent()).toContain('标准指引覆盖');
    await page.getByRole('link', { name: '导入导出' }).click();
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载本单位目录（标准列，.xlsx）' }).click(),
    ]);
    expect(exported.suggestedFilename()).toMatch(/\.xlsx$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await exported.createReadStream()) chunks.push(chunk as Buffer);
    const source = new ExcelJS.Workbook();
    await source.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const header = (source.worksheets[0].getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toContain('公开渠道和载体');
    const row = (values: Record<string, string>) => header.map((column) => values[column] ?? '');
    const good = {
      序号: '1',
      一级事项: '临时救助',
      二级事项: '临时救助对象审批结果',
      '公开内容（要素）': '救助对象、救助金额、审批结果',
      公开依据: '《社会救助暂行办法》第四十七条',
      公开时限: '信息形成或者变更之日起20个工作日内',
      公开主体: '区民政局',
      公开渠道和载体: '政府网站、政务服务中心',
      公开对象: '全社会',
      公开方式: '主动',
      公开层级: '县级',
      所属领域: '社会救助',
    };
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('政务公开事项标准目录');
    sheet.addRow(header);
    sheet.addRow(row(good));
    sheet.addRow(row({ ...good, 序号: '2', 二级事项: '临时救助资金发放情况', 公开层级: '省级', 公开渠道和载体: '政府网站、微博' }));
    const file = join(mkdtempSync(join(tmpdir(), 'gongkai-e2e-')), '目录-有误.xlsx');
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    await page.getByLabel('选择要导入的文件（.xlsx 或 .docx）').setInputFiles(file);
    await page.getByRole('button', { name: '预览', exact: true }).click();
    // The preview shows the bad row's problems in place, under that row; confirming stays disabled.
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-summary').textContent()).toContain('有误 1 行');
    const problems = page.getByTestId('import-row-errors');
    expect(await problems.count()).toBe(1);
    const problemText = (await problems.textContent()) ?? '';
    expect(problemText).toContain('第 3 行');
    expect(problemText).toContain('公开层级“省级”应为“县级”或“乡级”');
    expect(problemText).toContain('微博');
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await scrollToTop(page);
    expect(await screenshotBoth(page, 'catalogue-import-errors')).toEqual([]);

    // Nothing was imported: the good row's item is not in the list.
    await page.goto(`${url}/console/catalogue`);
    await page.getByTestId('catalogue-items').getByRole('link', { name }).waitFor();
    expect(await page.getByTestId('catalogue-items').getByText('临时救助对象审批结果').count()).toBe(0);
  }, 120_000);

  it('a clerk of the drafting unit prepares the interpretation of an issued policy; the sign-off of the 签发人 is recorded by name; it is published', async () => {
    policy = await seedIssuedPolicy(url);
    const clerk = await newPage();
    await login(clerk, 'clerk-chen', 'clerk', 'TEZ-CIVIL');
    await clerk.getByRole('link', { name: '政策解读', exact: true }).click();
    await clerk.getByRole('heading', { level: 1, name: '政策解读任务' }).waitFor();
    const row = clerk.getByTestId('obligations-open').locator('li').filter({ hasText: policy.title });
    await reloadUntil(clerk, row);
    expect(await row.getByTestId('due-status').textContent()).toMatch(/应于 \d{4}-\d{2}-\d{2} 前发布/);
    await row.getByRole('link', { name: policy.title }).click();
    await clerk.getByRole('heading', { level: 1, name: policy.title }).waitFor();
    expect(await clerk.getByTestId('approver').textContent()).toBe(policy.approverId);

    await clerk.getByLabel('方案内容').fill('围绕救助对象、救助标准和申请程序进行解读，由区民政局社会救助科负责，随文件同步发布。');
    await clerk.getByLabel('简明问答').first().check();
    await clerk.locator('input[name=planChannels][value=政府网站]').check();
    await clerk.getByRole('button', { name: '保存解读方案' }).click();
    await clerk.getByText('解读方案已保存。').waitFor();
    // No reloads after the clerk's own steps: the page waits until the read model shows each write.
    await clerk.getByTestId('plan-text').waitFor({ timeout: 15000 });

    await clerk.getByLabel('材料形式').selectOption('简明问答');
    await clerk.getByLabel('材料标题').fill('《台儿庄区临时救助实施办法》政策问答');
    await clerk
      .getByLabel('正文')
      .fill('问：哪些人可以申请临时救助？\n答：因火灾、交通事故等意外事件导致基本生活暂时出现严重困难的家庭或个人。');
    await clerk.getByRole('button', { name: '添加解读材料' }).click();
    await clerk.getByText('解读材料已添加（添加材料后须重新审签）。').waitFor();
    await clerk.getByTestId('materials').getByText('《台儿庄区临时救助实施办法》政策问答').waitFor({ timeout: 15000 });

    // The 签发人 is data (a leader who need not be a system user): without a name the API refuses, next to the field.
    await clerk.getByRole('button', { name: '登记审签' }).click();
    await clerk.getByTestId('sign-off').getByRole('alert').waitFor();
    expect(await clerk.getByTestId('sign-off').locator('.field-error').count()).toBe(1);
    expect(await clerk.getByTestId('obligation-status').textContent()).toBe('待审签');
    expect(await screenshotBoth(clerk, 'interpretation-obligation-refused')).toEqual([]);

    // The office head records the sign-off of the leader who issued the policy, by name.
    const head = await newPage();
    await login(head, 'head-zhao', 'office_head', 'TEZ-CIVIL');
    await head.goto(`${url}/console/interpretation/${policy.documentId}`);
    await head.getByLabel('签发人').fill('王建国');
    await head.getByRole('button', { name: '登记审签' }).click();
    await head.getByRole('status').getByText('已登记审签。').waitFor();
    await head.getByTestId('obligation-status').filter({ hasText: '已审签待发布' }).waitFor({ timeout: 15000 });
    expect(await head.getByTestId('sign-off').textContent()).toContain('已由 王建国 审签');
    await head.waitForTimeout(1100);
    beforePublish = new Date().toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).replace(' ', 'T').slice(0, 19);
    await head.waitForTimeout(1100);

    // Another user's write: the clerk's page learns of it on reload.
    await reloadUntil(clerk, clerk.getByTestId('obligation-status').filter({ hasText: '已审签待发布' }));
    await clerk.getByRole('button', { name: '发布解读' }).click();
    await clerk.getByText('解读已发布。').waitFor();
    await clerk.getByTestId('published').waitFor({ timeout: 15000 });
    expect(await clerk.getByTestId('due-status').textContent()).toContain('按时发布');
    expect(await screenshotBoth(clerk, 'interpretation-obligation-published')).toEqual([]);

    await clerk.getByRole('link', { name: '在门户网站查看' }).click();
    await reloadUntil(clerk, clerk.getByText('《台儿庄区临时救助实施办法》政策问答'));
    await clerk.getByRole('heading', { level: 1, name: policy.title }).waitFor();
  }, 120_000);

  it('an auditor sees that read model as it stood before the publication, with the verification and the latest anchor', async () => {
    // The district office records an anchor (its text is meant to be archived outside the system).
    const office = await newPage();
    await login(office, 'office-liu', 'district_office', 'TEZ-GOV-OFFICE');
    await office.goto(`${url}/console/audit/as-of`);
    await office.getByRole('button', { name: '立即记录锚点' }).click();
    await office.getByText(/已记录锚点/).waitFor();
    await office.getByTestId('anchor-text').filter({ hasText: 'Merkle 根' }).waitFor();
    const root = /Merkle 根（[^）]+）：([0-9a-f]{64})/.exec((await office.getByTestId('anchor-text').textContent()) ?? '')?.[1];
    expect(root).toBeDefined();

    const page = await newPage();
    await login(page, 'auditor-qian', 'auditor');
    await page.getByRole('link', { name: '时间回溯' }).first().click();
    await page.getByRole('heading', { level: 1, name: '时间回溯' }).waitFor();
    await page.getByLabel('读模型').selectOption('interpretation.policies');
    await page.getByLabel('时刻（北京时间）').fill(beforePublish);
    await page.getByLabel('筛选（编号或内容包含）').fill(policy.documentId);
    await page.getByRole('button', { name: '回溯查看' }).click();
    const asOf = page.getByTestId('as-of');
    await asOf.waitFor({ timeout: 30_000 });
    const then = await asOf.textContent();
    expect(then).toContain(policy.title);
    expect(then).toContain('signed_off');
    expect(then).not.toContain('publishedOn');
    expect(await page.getByTestId('replay-report').textContent()).toMatch(/此后记录的 [1-9]\d* 个事件未计入/);
    await page.getByTestId('verify-result').waitFor();
    expect(await page.getByTestId('verify-result').textContent()).toContain('与锚点一致，未发现篡改');
    expect(await page.getByTestId('anchor-text').textContent()).toContain(root);
    // Auditors are read-only: no anchoring button for them.
    expect(await page.getByRole('button', { name: '立即记录锚点' }).count()).toBe(0);
    expect(await screenshotBoth(page, 'audit-as-of-past')).toEqual([]);

    // Now: the same document is published.
    await page
      .getByLabel('时刻（北京时间）')
      .fill(
        new Date(Date.now() + 60_000).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).replace(' ', 'T').slice(0, 19),
      );
    await page.getByRole('button', { name: '回溯查看' }).click();
    await page.getByTestId('as-of').filter({ hasText: 'publishedOn' }).waitFor({ timeout: 30_000 });
  }, 120_000);
  it('citizens comment and register; the owning units answer a concern in time, moderate the comment and erase personal data with a reason', async () => {
    const citizen = await newPage();
    await citizen.goto(`${url}/consultations/DEMO-PARKS-2026`);
    await citizen.getByLabel('意见内容').fill('建议在口袋公园增设无障碍通道和夜间照明，方便老年人使用。');
    await citizen.getByLabel('姓名（选填）').fill('刘建国');
    await citizen.getByLabel('联系方式（选填，不公开）').fill('13912345678');
    await citizen.getByRole('button', { name: '提交意见' }).click();
    await citizen.getByText(/已提交/).waitFor();
    await citizen.goto(`${url}/open-days/DEMO-OPENDAY-EDU`);
    await citizen.getByLabel('姓名').fill('陈晓梅');
    await citizen.getByLabel('联系方式').fill('13700001111');
    await citizen.getByRole('button', { name: '报名' }).click();
    await citizen.getByText('报名成功。').waitFor();

    // The housing bureau's clerk: the concern assigned to it and the comment waiting for moderation are on the home page.
    const clerk = await newPage();
    await login(clerk, 'clerk-sun', 'clerk', 'TEZ-HOUSING');
    await reloadUntil(clerk, clerk.getByRole('heading', { name: '公众意见：待审核（1）' }));
    await clerk.getByRole('heading', { name: /回应关切：待回应/ }).waitFor();
    await clerk.getByRole('link', { name: '部分小区冬季供暖温度不达标' }).first().click();
    await clerk.getByRole('heading', { level: 1, name: '部分小区冬季供暖温度不达标' }).waitFor();
    expect(await clerk.getByTestId('concern-due').first().textContent()).toMatch(/回应：剩余 \d+ (天|小时)/);
    expect(await screenshotBoth(clerk, 'concern-case')).toEqual([]);
    await clerk
      .getByLabel('回应内容')
      .fill('区住建局已督促供热企业对运河街道相关小区逐户排查，管网检修已于当日完成，室温已恢复至18℃以上。');
    await clerk.getByRole('button', { name: '发布回应' }).click();
    await clerk.getByText('回应已发布。').waitFor();
    // No reload: the page waits until the read model shows the clerk's own write (likewise after moderating below).
    await clerk.getByTestId('concern-responses').waitFor({ timeout: 15000 });
    expect(await clerk.getByTestId('concern-responses').textContent()).toContain('按时');

    await clerk.goto(`${url}/console/consultations/DEMO-PARKS-2026`);
    await reloadUntil(clerk, clerk.getByTestId('comments-pending').getByText(/无障碍通道/));
    // Staff see a masked name until they ask for the personal data.
    expect(await clerk.getByTestId('comments-pending').textContent()).not.toContain('刘建国');
    await clerk.getByRole('button', { name: '查看提出人信息' }).click();
    expect(await clerk.getByTestId('personal-data').textContent()).toContain('13912345678');
    await clerk.getByRole('button', { name: '不予公开' }).click();
    await clerk.getByText('不予公开的意见须说明理由。').waitFor();
    expect(await screenshotBoth(clerk, 'comment-moderation')).toEqual([]);
    await clerk.getByRole('button', { name: '审核通过并公开' }).click();
    await clerk.getByText('已审核公开。').waitFor();
    await clerk.getByTestId('comments-moderated').getByText('已公开').waitFor({ timeout: 15000 });
    await clerk.getByRole('button', { name: '删除个人信息' }).click();
    await clerk.getByRole('button', { name: '确认删除' }).click();
    await clerk.locator('.field-error').first().waitFor();
    await clerk.getByLabel('删除理由').fill('意见提出人来电要求删除其姓名和联系方式');
    await clerk.getByRole('button', { name: '确认删除' }).click();
    await clerk.getByText('个人信息已删除。').waitFor();

    const publicPage = await newPage();
    await publicPage.goto(`${url}/consultations/DEMO-PARKS-2026`);
    await reloadUntil(publicPage, publicPage.getByText(/无障碍通道/));
    expect(await publicPage.locator('main').textContent()).not.toContain('刘建国');

    // The education bureau hosts the open day: only its staff see the registrants, and can erase them.
    await clerk.goto(`${url}/console/open-days/DEMO-OPENDAY-EDU`);
    await clerk.getByText('报名者的个人信息仅限主办单位工作人员查阅。').waitFor();
    const edu = await newPage();
    await login(edu, 'clerk-zhou', 'clerk', 'TEZ-EDU');
    await edu.goto(`${url}/console/open-days/DEMO-OPENDAY-EDU`);
    await reloadUntil(edu, edu.getByTestId('registrants').getByText('陈晓梅'));
    expect(await edu.getByTestId('registrants').textContent()).toContain('13700001111');
    expect(await screenshotBoth(edu, 'open-day-registrants')).toEqual([]);
    await edu.getByRole('button', { name: '删除个人信息' }).click();
    await edu.getByLabel('删除理由').fill('报名者本人申请取消报名并删除个人信息');
    await edu.getByRole('button', { name: '确认删除' }).click();
    await edu.getByText('暂无报名者（或个人信息已删除）。').waitFor();
  }, 120_000);
  it('a citizen reads the published annual report of a unit and downloads it', async () => {
    const page = await newPage();
    await page.goto(`${url}/`);
    await page.getByRole('navigation', { name: '常用服务' }).getByRole('link', { name: '政府信息公开年度报告' }).click();
    await page.getByRole('heading', { level: 1, name: '政府信息公开工作年度报告' }).waitFor();
    await page.getByRole('link', { name: '张山子镇人民政府2025年政府信息公开工作年度报告' }).click();
    await page.getByRole('heading', { level: 1, name: '张山子镇人民政府2025年政府信息公开工作年度报告' }).waitFor();
    expect(await page.getByTestId('report-table').count()).toBe(3);
    const table3 = page.getByRole('region', { name: /表三/ });
    expect(await table3.textContent()).toContain('本年新收政府信息公开申请数量');
    expect(await page.getByRole('heading', { name: '一、总体情况' }).count()).toBe(1);
    expect(await screenshotBoth(page, 'annual-report')).toEqual([]);
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载年度报告（Word）' }).click()]);
    expect(file.suggestedFilename()).toMatch(/2025.*\.docx$/);

    // An office head finalises the civil affairs bureau's 2025 report in the console: it is published at once.
    const head = await newPage();
    await login(head, 'head-zhang', 'office_head', 'TEZ-CIVIL');
    await head.getByRole('link', { name: '年度报告' }).first().click();
    await head.getByRole('heading', { level: 1, name: '政府信息公开工作年度报告' }).waitFor();
    await head.getByLabel('报告年度').selectOption('2025');
    await head.getByRole('region', { name: /表三/ }).waitFor();
    await head.getByLabel('行政许可·本年处理决定数量').fill('-3');
    await head.getByRole('button', { name: '定稿并公布' }).click();
    await head.locator('.field-error').first().waitFor();
    expect(await head.getByLabel('一、总体情况').isVisible()).toBe(true);
    await head.getByLabel('行政许可·本年处理决定数量').fill('45');
    await head
      .getByLabel('一、总体情况')
      .fill('2025年，区民政局认真贯彻《中华人民共和国政府信息公开条例》，主动公开社会救助、养老服务等领域信息。');
    await head.getByRole('button', { name: '定稿并公布' }).click();
    await head.getByText('年度报告已定稿，并已在门户网站公布。').waitFor();
    await page.goto(`${url}/annual-reports`);
    await reloadUntil(page, page.getByRole('link', { name: /民政局2025年政府信息公开工作年度报告/ }));
    await page.getByRole('link', { name: /民政局2025年政府信息公开工作年度报告/ }).click();
    await page.getByText('主动公开社会救助、养老服务等领域信息').waitFor();
    expect(await page.getByRole('region', { name: /表二/ }).textContent()).toContain('45');
  }, 120_000);
  it('the district office starts the yearly review; a reviewer finds the task on the home page and releases the document', async () => {
    // The district office starts the year's review from the document register and follows it per unit.
    const office = await newPage();
    await login(office, 'office-zhou', 'district_office', 'TEZ-GOV-OFFICE');
    await office.getByRole('link', { name: '公文与审查' }).click();
    const year = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4);
    await office.getByRole('heading', { name: `${year} 年度评估` }).waitFor();
    await office.getByRole('button', { name: '启动年度评估' }).click();
    await office.getByText(`已启动 ${year} 年度评估，各单位的评估任务已生成。`).waitFor();
    await reloadUntil(office, office.getByTestId('review-progress').getByRole('rowheader', { name: '区民政局' }));
    expect(await screenshotBoth(office, 'review-cycle')).toEqual([]);

    const page = await newPage();
    await login(page, 'reviewer-zhao', 'reviewer', 'TEZ-CIVIL');
    await reloadUntil(page, page.getByRole('heading', { name: /公文年度评估：待评估（[1-9]/ }));
    await page.getByRole('link', { name: /2025年第二季度城乡最低生活保障对象审核情况的通报/ }).click();
    await page.getByRole('heading', { name: `${year} 年度评估` }).waitFor();
    await page.getByLabel('转为主动公开').check();
    await page.getByRole('button', { name: '提交评估结论' }).click();
    // No reason: the API's message appears next to the field, and nothing is decided.
    await page.locator('.field-error, [role=alert]').first().waitFor();
    expect(await page.getByTestId('document-attribute').textContent()).toBe('依申请公开');
    await page.getByLabel('理由').fill('保障对象个人信息已作去标识化处理，审核结果可以主动公开');
    await page.getByRole('button', { name: '提交评估结论' }).click();
    await page.getByText('已决定转为主动公开，须在20个工作日内公开。').waitFor();
    // No reload: the page waits until the read model shows the reviewer's own decision.
    await page
      .getByTestId('document-attribute')
      .filter({ hasText: /^主动公开$/ })
      .waitFor({ timeout: 15000 });
    expect(await page.getByTestId('document-attribute').textContent()).toBe('主动公开');

    // On a phone the console menu folds behind one button.
    await page.setViewportSize(PHONE);
    const home = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '待办' });
    expect(await home.isVisible()).toBe(false);
    await page.getByRole('button', { name: '菜单' }).click();
    await home.click();
    await page.getByRole('heading', { level: 1, name: '待办事项' }).waitFor();
    expect(await home.isVisible()).toBe(false);
  }, 120_000);

  it('a clerk deciding on a case that another user changed first is told so, keeps the typing and reloads', async () => {
    const caseId = await seedOpenRequest(url);
    const clerk = await newPage();
    await login(clerk, 'clerk-gao', 'clerk', 'TEZ-CIVIL');
    await clerk.goto(`${url}/console/requests/${caseId}`);
    await reloadUntil(clerk, clerk.getByLabel('答复内容'));
    expect(await clerk.getByTestId('case-status').textContent()).toBe('已登记');
    const reply = '经查，您申请的2025年度城乡居民最低生活保障资金发放总额属于公开范围，现予以公开。';
    await clerk.getByLabel('答复内容').fill(reply);

    // Meanwhile the office head assigns a handler: the page still shows the case as it was.
    await assignAsAnotherUser(url, caseId);
    await clerk.getByRole('button', { name: '提交审核' }).click();
    const stale = clerk.getByTestId('stale-revision');
    await stale.waitFor();
    expect(await stale.textContent()).toContain('该案件已被他人修改，请刷新后再操作');
    expect(await clerk.getByLabel('答复内容').inputValue()).toBe(reply);
    expect(await clerk.getByTestId('case-status').textContent()).toBe('已登记');
    await scrollToTop(clerk);
    expect(await screenshotBoth(clerk, 'request-case-stale')).toEqual([]);

    // 刷新: the page shows the other user's step, the typing is still there, and the step now goes through.
    await stale.getByRole('button', { name: '刷新' }).click();
    await clerk
      .getByTestId('case-status')
      .filter({ hasText: /^办理中$/ })
      .waitFor({ timeout: 15000 });
    await clerk.getByText(/承办人：钱伟（clerk-qian）/).waitFor();
    expect(await clerk.getByLabel('答复内容').inputValue()).toBe(reply);
    await clerk.getByRole('button', { name: '提交审核' }).click();
    await clerk.getByText('答复已起草，等待审核。').waitFor();
    await clerk
      .getByTestId('case-status')
      .filter({ hasText: /^待审核$/ })
      .waitFor({ timeout: 15000 });
  }, 120_000);
});

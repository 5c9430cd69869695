import { defaultWorkingDayCalendar, toShanghaiDate } from '@gongkai/working-days';
import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import request from 'supertest';
import { REPLY_CATEGORY_CODES } from '@gongkai/contracts';
import {
  CommandHandler,
  createApp,
  EVENT_STORE,
  GONGKAI_CONFIG,
  PublicSubmissionLimiter,
  ReadModelConnections,
  type EventStore,
  type GongkaiConfig,
} from '@gongkai/platform';
import { eventually, isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { CATEGORY_LEGAL } from './domain/legal-basis';
import { trackingCodeHash } from './application/settings';
import { RequestsProjection } from './read-models/requests.projection';
import { RequestsModule } from './requests.module';
import { knownUnits } from './testing/known-units';
import { runYearScenario, type ScenarioExpectation } from './testing/year-scenario';

/** The requests service alone, as in the distributed shape: real SQLite store → Kafka → FerretDB read models. */
describe('requests service over Kafka and FerretDB', () => {
  let app: INestApplication;
  let store: EventStore;
  let expected: ScenarioExpectation;
  let district: string;
  /**
   * The government's own office (kind district_office) and a department: the district government's
   * report covers the government itself by default (REQUESTS_DISTRICT_REPORT_SCOPE=government, L),
   * not the department. TEZ-ZSZ (a town) is known for the public form's tests.
   */
  const GOVERNMENT = 'TEZ-GOV-OFFICE';
  const UNITS = [GOVERNMENT, 'TEZ-EDU'];

  const documentXml = async (body: Buffer) => (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string');
  const binary = (res: request.Response, cb: (e: Error | null, b: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };

  beforeAll(async () => {
    ({ app } = await createApp({ shape: 'requests', title: 'requests test', modules: () => [RequestsModule] }, isolatedEnv()));
    await app.init();
    await knownUnits(app, [...UNITS, 'TEZ-ZSZ']);
    store = app.get(EVENT_STORE);
    district = await tokenFor('district_office');
    expected = await runYearScenario(app.get(CommandHandler), UNITS, 2025);
  }, 120000);
  afterAll(() => app?.close());

  const report = (unitId: string, year: number) =>
    eventually(
      async () => {
        const res = await request(app.getHttpServer())
          .get(`/api/requests/reports/annual/${unitId}/${year}`)
          .set('Authorization', `Bearer ${district}`);
        // Every scenario request (22 per unit) has reached the read model when 一 + 二 says so; the
        // district report (default scope) counts only the government's office.
        const t = res.body.table3;
        const [received, closed] = [22, 21];
        const complete = year !== 2025 || (t.new['总计'] === received && t.total['总计'] === closed);
        return res.status === 200 && complete ? res.body : undefined;
      },
      120000,
      `the ${year} report of ${unitId}`,
    );

  it('Table 3 of 2025 matches the scenario for each unit, every category once, and balances', async () => {
    for (const unitId of UNITS) {
      const body = await report(unitId, 2025);
      const t = body.table3;
      const e = expected.units[unitId];
      for (const [type, n] of Object.entries(e.newByType)) expect([unitId, type, t.new[type]]).toEqual([unitId, type, n]);
      expect(t.new['总计']).toBe(22);
      expect(t.carried_over['总计']).toBe(0);
      for (const code of REPLY_CATEGORY_CODES) expect([code, t[code]['总计']]).toEqual([code, 1]);
      expect(t.total['总计']).toBe(21);
      expect(t.carried_forward).toMatchObject({ [e.carriedForwardType]: 1, 总计: 1 });
      expect(body.balanced).toBe(true);
      expect(body.table4.reconsideration).toMatchObject({ 维持: 1, 总计: 1 });
    }
    // The district government's own report: the government and its office, not the department (default scope).
    const all = await report('district', 2025);
    expect(all.table3).toEqual((await report(GOVERNMENT, 2025)).table3);
    expect(all.table3.new['总计']).toBe(22);
    expect(all.table3.total['总计']).toBe(21);
    expect(all.table3.carried_forward['总计']).toBe(1);
    expect(all.table4.reconsideration).toMatchObject({ 维持: 1, 总计: 1 });
  }, 150000); // the read model catches up with the whole year on a shared machine

  it("the case open at year end is 2026's 上年结转", async () => {
    const body = await report(GOVERNMENT, 2026);
    expect(body.table3.carried_over).toMatchObject({ 科研机构: 1, 总计: 1 });
    expect(body.table3.new['总计']).toBe(0);
    expect(body.table3.carried_forward['总计']).toBe(1);
  });

  it('finalises once with Table 2 entered by hand, and exports .xlsx and .docx with the six sections', async () => {
    const head = await tokenFor('office_head', GOVERNMENT);
    await report(GOVERNMENT, 2025);
    await request(app.getHttpServer())
      .post(`/api/requests/reports/annual/${GOVERNMENT}/2025/finalise`)
      .set('Authorization', `Bearer ${head}`)
      .send({ licensing_decisions: 312, fees_amount_10k_yuan: 1.5 })
      .expect(201);
    await request(app.getHttpServer())
      .post(`/api/requests/reports/annual/${GOVERNMENT}/2025/finalise`)
      .set('Authorization', `Bearer ${head}`)
      .send({})
      .expect(409);
    const xlsx = await request(app.getHttpServer())
      .get(`/api/requests/reports/annual/${GOVERNMENT}/2025?format=xlsx`)
      .set('Authorization', `Bearer ${head}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sheet3 = workbook.getWorksheet('表三 收到和处理申请')!;
    const rows = sheet3.getSheetValues().filter(Boolean) as unknown[][];
    // The official layout: a title row, then the grid; the 总计 column is the tenth (after three label columns and 自然人 + five 法人或其他组织).
    const totalRow = rows.find((r) => r.some((v) => String(v).includes('（七）总计')))!;
    expect(rows[2][10]).toBe('总计');
    expect(totalRow[10]).toBe(21);
    const table2 = workbook.getWorksheet('表二 主动公开')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(table2.find((r) => String(r[1]).startsWith('行政许可'))![2]).toBe(312);
    const docx = await request(app.getHttpServer())
      .get(`/api/requests/reports/annual/${GOVERNMENT}/2025?format=docx`)
      .set('Authorization', `Bearer ${head}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const xml = await documentXml(docx.body);
    for (const section of [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]) {
      expect(xml).toContain(section);
    }
  });

  it('the reply letter (.docx) opens and cites the legal wording of its category; partial lists what was withheld', async () => {
    const clerk = await tokenFor('clerk', 'TEZ-EDU');
    for (const { requestId, category } of expected.replied.filter(
      (r) => r.unitId === 'TEZ-EDU' && ['partial', 'withhold.state_secret', 'reject.repeat'].includes(r.category),
    )) {
      const res = await eventually(async () => {
        const r = await request(app.getHttpServer())
          .get(`/api/requests/${requestId}/letters/reply`)
          .set('Authorization', `Bearer ${clerk}`)
          .buffer(true)
          .parse(binary);
        return r.status === 200 ? r : undefined;
      });
      const xml = await documentXml(res.body);
      expect(xml).toContain('政府信息公开申请答复书');
      expect(xml).toContain(CATEGORY_LEGAL[category].wording);
      expect(xml).toContain(CATEGORY_LEGAL[category].article);
      if (category === 'partial') expect(xml).toContain('中标合同中的报价明细');
    }
  });

  it('tells operators how many days the published holiday arrangements last (metric)', async () => {
    const metrics = await request(app.getHttpServer()).get('/metrics').expect(200);
    const left = defaultWorkingDayCalendar().publishedDaysLeft(toShanghaiDate(new Date()));
    expect(metrics.text).toMatch(new RegExp(`^gongkai_working_day_calendar_published_days_left\\{[^}]*\\} ${left}$`, 'm'));
  });

  describe('the public form', () => {
    const valid = {
      unitId: 'TEZ-ZSZ',
      applicant: { type: '自然人', name: '李明', phone: '13912345678', idDocument: { kind: '居民身份证', number: '370405199001011234' } },
      description: '张山子镇2026年农村危房改造补助对象名单',
      preferredForm: '电子',
      delivery: '电子邮件',
    };
    const post = (body: unknown) =>
      request(app.getHttpServer())
        .post('/api/requests/public')
        .send(body as object);
    beforeEach(() => app.get(PublicSubmissionLimiter).reset());

    async function refused(body: unknown, status: number, code: string) {
      const before = await store.headPosition();
      const res = await post(body);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code, detail: expect.stringMatching(/[\u4e00-\u9fa5]/) });
      expect(await store.headPosition()).toBe(before);
      return res.body;
    }

    it('refuses bad input with zh-CN errors and stores nothing', async () => {
      const noContact = await refused({ ...valid, applicant: { type: '自然人', name: '李明' } }, 400, 'VALIDATION_FAILED');
      expect(noContact.errors).toEqual([expect.objectContaining({ field: 'applicant', message: expect.stringContaining('联系方式') })]);
      const script = await refused({ ...valid, description: '<script>alert(1)</script>名单' }, 400, 'VALIDATION_FAILED');
      expect(script.errors).toEqual([expect.objectContaining({ field: 'description', message: '不能包含 HTML 标签或脚本' })]);
      await refused({ ...valid, description: '长'.repeat(2001) }, 400, 'VALIDATION_FAILED');
      await refused({ ...valid, description: 'x'.repeat(20 * 1024 * 1024) }, 413, 'PAYLOAD_TOO_LARGE');
      const { unitId: _u, ...noUnit } = valid;
      await refused(noUnit, 400, 'VALIDATION_FAILED');
    });

    it('limits filings per client address (PUBLIC_SUBMISSIONS_PER_MINUTE), bad ones included, and stores nothing refused', async () => {
      const { PUBLIC_SUBMISSIONS_PER_MINUTE: limit } = app.get<GongkaiConfig>(GONGKAI_CONFIG);
      for (let i = 0; i < limit; i += 1) expect((await post({ ...valid, description: '' })).status).toBe(400);
      await refused(valid, 429, 'TOO_MANY_REQUESTS_FILED');
    });

    it('refuses absurd receipt dates at the counter (not a date, in the future, long ago)', async () => {
      const clerk = await tokenFor('clerk', 'TEZ-ZSZ');
      for (const [receivedOn, code] of [
        ['2026-02-30', 'VALIDATION_FAILED'],
        ['2099-01-01', 'DATE_IN_FUTURE'],
        ['1999-01-01', 'RECEIPT_TOO_OLD'],
      ]) {
        const before = await store.headPosition();
        const res = await request(app.getHttpServer())
          .post('/api/requests')
          .set('Authorization', `Bearer ${clerk}`)
          .send({ ...valid, channel: 'registered_post', receivedOn });
        expect([receivedOn, res.body.code]).toEqual([receivedOn, code]);
        expect(res.body.detail).toMatch(/[\u4e00-\u9fa5]/);
        expect(await store.headPosition()).toBe(before);
      }
    });

    it('tells the applicant by tracking code when the clock is paused for a consultation, and until when to pay a fee', async () => {
      const filed = await post(valid).expect(201);
      const clerk = await tokenFor('clerk', 'TEZ-ZSZ');
      const act = (action: string, body: object) =>
        request(app.getHttpServer())
          .post(`/api/requests/${filed.body.requestId}/${action}`)
          .set('Authorization', `Bearer ${clerk}`)
          .send(body);
      const tracked = (until: (body: Record<string, unknown>) => boolean) =>
        eventually(async () => {
          const r = await request(app.getHttpServer()).get(`/api/requests/track/${filed.body.trackingCode}`);
          return r.status === 200 && until(r.body) ? r.body : undefined;
        });
      expect(await tracked(() => true)).toMatchObject({ paused: false });
      await act('assign', { handlerId: 'clerk-1' }).expect(200);
      await act('consultations', {
        consultationId: 'C1',
        kind: 'third_party',
        party: '某养老服务中心',
        subject: '是否同意公开补贴金额',
      }).expect(200);
      expect(await tracked((b) => b.paused === true)).toMatchObject({ status: 'in_progress', paused: true });
      await act('consultation-end', { consultationId: 'C1', outcome: '同意公开' }).expect(200);
      await act('fee-notice', { method: 'per_page', pages: 150 }).expect(200);
      // Until the day the applicant received the notice is known, the page states the rule, not a date.
      const unpaid = await tracked((b) => b.feeAmountYuan === 1700);
      // REQUESTS_FEE_PAUSES_CLOCK defaults to paused: the fee period is not counted in the reply period.
      expect(unpaid).toMatchObject({ paused: true, feeAmountYuan: 1700 });
      expect(unpaid.feePayByOn).toBeUndefined();
      const today = toShanghaiDate(new Date());
      await act('fee-notice-received', { receivedOn: today }).expect(200);
      expect(await tracked((b) => b.feePayByOn !== undefined)).toMatchObject({
        feeAmountYuan: 1700,
        feePayByOn: defaultWorkingDayCalendar().addWorkingDays(today, 20),
      });
    });

    it('gives a 128-bit tracking code that shows the status, and reveals nothing without it', async () => {
      const res = await post(valid).expect(201);
      expect(res.body.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{1,5}){5}$/);
      expect(res.body.trackingCode.replace(/-/g, '')).toHaveLength(26); // 26 × 5 = 130 bits of crypto randomness
      const status = await eventually(async () => {
        const r = await request(app.getHttpServer()).get(`/api/requests/track/${res.body.trackingCode.toLowerCase()}`);
        return r.status === 200 ? r.body : undefined;
      });
      expect(status).toMatchObject({ status: 'registered', statusLabel: '已登记', receivedOn: res.body.receivedOn, dueOn: res.body.dueOn });
      // Provisional exactly when the due date lies past the published holiday arrangements (from December 2026 on, until 2027's is added).
      const provisional = res.body.dueOn > defaultWorkingDayCalendar().publishedRange().to;
      expect([res.body.dueOnProvisional, status.dueOnProvisional, res.body.notice.includes('节假日安排尚未公布')]).toEqual([
        provisional,
        provisional,
        provisional,
      ]);
      expect(JSON.stringify(status)).not.toMatch(/李明|1391234|370405/);
      const wrong = await request(app.getHttpServer()).get('/api/requests/track/ABCDE-FGHJK-MNPQR-STVWX-YZ012-3').expect(404);
      expect(wrong.body.code).toBe('TRACKING_CODE_UNKNOWN');
      // The code is found by its hash's link (one `_id` read); a request projected before the links
      // existed (no link until a rebuild) is still found, by its hash in the request itself.
      const projection = app.get(RequestsProjection);
      const hash = trackingCodeHash(res.body.trackingCode);
      const connection = app.get(ReadModelConnections).get('requests');
      const links = connection.collection<{ _id: string }>('tracking_codes');
      expect(await links.findOne({ _id: hash })).toMatchObject({ requestId: res.body.requestId });
      await links.deleteOne({ _id: hash });
      const afterUpgrade = projection.withConnection(connection);
      expect(await afterUpgrade.byTrackingHash(hash)).toMatchObject({ requestId: res.body.requestId });
      expect(await afterUpgrade.byTrackingHash(trackingCodeHash('ABCDE-FGHJK-MNPQR-STVWX-YZ012-3'))).toBeNull();
      // The store keeps the ID document masked with a keyed hash, never the number, and even the
      // masked form, the name and the phone only sealed with the applicant's key (crypto-shredding).
      const events = await store.readStream(`requests.request-${res.body.requestId}`);
      expect(JSON.stringify(events)).not.toMatch(/370405199001011234|3704\*{10}1234|李明|13912345678/);
      expect(events[0].data.applicant).toMatchObject({
        name: expect.stringMatching(/^enc:v1:/),
        idDocument: { masked: expect.stringMatching(/^enc:v1:/) },
      });

      // Staff handle it over HTTP: correction notice within 7 working days, letter as .docx.
      const clerk = await tokenFor('clerk', 'TEZ-ZSZ');
      const other = await tokenFor('clerk', 'TEZ-EDU');
      await request(app.getHttpServer())
        .post(`/api/requests/${res.body.requestId}/assign`)
        .set('Authorization', `Bearer ${other}`)
        .send({ handlerId: 'x' })
        .expect(403);
      const noticed = await request(app.getHttpServer())
        .post(`/api/requests/${res.body.requestId}/correction-notice`)
        .set('Authorization', `Bearer ${clerk}`)
        .send({ items: ['请说明所需名单涉及的村（居）名称'], periodWorkingDays: 10 })
        .expect(200);
      expect(noticed.body).toMatchObject({ status: 'awaiting_correction', events: ['requests.CorrectionRequested'] });
      const letter = await eventually(async () => {
        const r = await request(app.getHttpServer())
          .get(`/api/requests/${res.body.requestId}/letters/correction`)
          .set('Authorization', `Bearer ${clerk}`)
          .buffer(true)
          .parse(binary);
        return r.status === 200 ? r : undefined;
      });
      const xml = await documentXml(letter.body);
      expect(xml).toContain('第三十条');
      expect(xml).toContain('请说明所需名单涉及的村（居）名称');
      const extension = await request(app.getHttpServer())
        .post(`/api/requests/${res.body.requestId}/extension`)
        .set('Authorization', `Bearer ${clerk}`)
        .send({ workingDays: 5, reason: '需调取档案', noticeSentOn: res.body.receivedOn });
      expect(extension.status).toBe(403);
      expect(extension.body.code).toBe('EXTENSION_NEEDS_OFFICE_HEAD');
    });
  });
});

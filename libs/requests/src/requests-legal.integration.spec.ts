import type { INestApplication } from '@nestjs/common';
import JSZip from 'jszip';
import request from 'supertest';
import type { Role } from '@gongkai/contracts';
import { CommandHandler, createApp, EVENT_STORE, PublicSubmissionLimiter, type EventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { addCalendarDays, defaultWorkingDayCalendar, toShanghaiDate, type LocalDate } from '@gongkai/working-days';
import { RequestHandling } from './application/handling';
import { REQUESTS_SETTINGS, type RequestsSettings } from './application/settings';
import { requestStreamId } from './domain/request';
import { RequestsProjection } from './read-models/requests.projection';
import { RequestsUnitsProjection } from './read-models/units.projection';
import { RequestsModule } from './requests.module';
import { knownUnits } from './testing/known-units';

const UNIT = 'TEZ-ZSZ';
const OTHER = 'TEZ-EDU';
const TODAY = toShanghaiDate(new Date()) as LocalDate;

/** The legal review (issue 20) and the integrity findings (issue 16) over HTTP: real store, Kafka, FerretDB. */
describe('requests: what the law and the fuzzing run asked for, over HTTP', () => {
  let app: INestApplication;
  let store: EventStore;
  let phone = 13800000000;

  beforeAll(async () => {
    ({ app } = await createApp({ shape: 'requests', title: 'requests legal test', modules: () => [RequestsModule] }, isolatedEnv()));
    await app.init();
    await knownUnits(app, [UNIT, OTHER]);
    store = app.get(EVENT_STORE);
  }, 120000);
  afterAll(() => app?.close());

  const http = () => request(app.getHttpServer());
  const applicant = (name: string, tel = String(++phone)) => ({ type: '自然人', name, phone: tel });

  async function register(unitId: string, who: object, extra: object = {}): Promise<string> {
    const res = await http()
      .post('/api/requests')
      .set('Authorization', `Bearer ${await tokenFor('clerk', unitId)}`)
      .send({
        unitId,
        channel: 'in_person',
        receivedOn: TODAY,
        applicant: who,
        description: '本镇2026年农村危房改造补助对象名单',
        preferredForm: '电子',
        delivery: '电子邮件',
        ...extra,
      });
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    return res.body.requestId as string;
  }

  const act = async (requestId: string, action: string, body: object, role: Role = 'clerk', unitId = UNIT) =>
    http()
      .post(`/api/requests/${requestId}/${action}`)
      .set('Authorization', `Bearer ${await tokenFor(role, unitId)}`)
      .send(body);

  const detail = (requestId: string, until: (body: Record<string, unknown>) => boolean) =>
    eventually(async () => {
      const res = await http()
        .get(`/api/requests/${requestId}`)
        .set('Authorization', `Bearer ${await tokenFor('clerk', UNIT)}`);
      return res.status === 200 && until(res.body) ? res.body : undefined;
    }, 60000);

  async function refusedWithoutTrace(send: () => Promise<request.Response>, status: number, code: string) {
    const before = await store.headPosition();
    const res = await send();
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/[\u4e00-\u9fa5]/);
    expect(await store.headPosition()).toBe(before);
  }

  describe('units that do not exist (issue 16.1)', () => {
    it('refuses a filing on the portal and at the counter, and a transfer, with UNIT_UNKNOWN; nothing recorded', async () => {
      app.get(PublicSubmissionLimiter).reset();
      const filing = {
        unitId: 'TEZ-NOWHERE',
        applicant: applicant('李明'),
        description: '某单位2026年预算公开说明',
        preferredForm: '电子',
        delivery: '电子邮件',
      };
      await refusedWithoutTrace(() => http().post('/api/requests/public').send(filing), 422, 'UNIT_UNKNOWN');
      await refusedWithoutTrace(
        async () =>
          http()
            .post('/api/requests')
            .set('Authorization', `Bearer ${await tokenFor('district_office')}`)
            .send({ ...filing, channel: 'in_person', receivedOn: TODAY }),
        422,
        'UNIT_UNKNOWN',
      );
      const requestId = await register(UNIT, applicant('王强'));
      await refusedWithoutTrace(
        () => act(requestId, 'transfer', { toUnitId: 'TEZ-NOWHERE', reason: '职责不属本单位' }),
        422,
        'UNIT_UNKNOWN',
      );
      expect((await act(requestId, 'transfer', { toUnitId: OTHER, reason: '属区教体局职责' })).status).toBe(200);
    });
  });

  describe('fees by the 109号 text (issue 20.4)', () => {
    it('counts per applicant per month at the charging unit: 10 requests to each of two units, no per-request fee at either', async () => {
      const same = applicant('赵敏', '13700000001');
      const ids: Record<string, string[]> = { [UNIT]: [], [OTHER]: [] };
      for (let i = 0; i < 10; i += 1) {
        ids[UNIT].push(await register(UNIT, same, { description: `张山子镇公开事项第${i + 1}项的政府信息` }));
        ids[OTHER].push(await register(OTHER, same, { description: `区教体局公开事项第${i + 1}项的政府信息` }));
      }
      const tenth = ids[OTHER][9];
      const projected = async (requestIds: string[]) =>
        (await Promise.all(requestIds.map((id) => app.get(RequestsProjection).get(id)))).every(Boolean) ? true : undefined;
      await eventually(() => projected([...ids[UNIT], ...ids[OTHER]]));
      // The 10th at the second unit is its 10th there (it was the 20th in the district): free.
      const notDue = await act(tenth, 'fee-notice', { method: 'per_request' }, 'clerk', OTHER);
      expect([notDue.status, notDue.body.code]).toEqual([422, 'FEE_NOT_DUE']);
      // The 11th at the first unit is charged ¥100.
      const eleventh = await register(UNIT, same, { description: '张山子镇公开事项第11项的政府信息' });
      await eventually(async () => ((await app.get(RequestsProjection).get(eleventh)) ? true : undefined));
      expect((await act(eleventh, 'fee-notice', { method: 'per_request' })).status).toBe(200);
      const events = await store.readStream(requestStreamId(eleventh));
      expect(events.at(-1)).toMatchObject({ type: 'requests.FeeNoticeIssued', data: { quantity: 11, amountYuan: 100 } });
    });

    it('one application split into 15 items (一事一申请): items 11–15 are charged', async () => {
      const requestId = await register(UNIT, applicant('钱伟'));
      await eventually(async () => ((await app.get(RequestsProjection).get(requestId)) ? true : undefined));
      expect((await act(requestId, 'count-items', { items: 15, reason: '一份申请列明15项不同信息' })).status).toBe(200);
      expect((await act(requestId, 'fee-notice', { method: 'per_request' })).status).toBe(200);
      const events = await store.readStream(requestStreamId(requestId));
      expect(events.at(-1)).toMatchObject({ type: 'requests.FeeNoticeIssued', data: { quantity: 1, items: 15, amountYuan: 500 } });
    });

    it('refuses a per-page fee on a reply that withholds everything, and ending a case as unpaid before the notice’s receipt is known', async () => {
      const withheld = await register(UNIT, applicant('孙丽'));
      expect((await act(withheld, 'draft-reply', { category: 'withhold.process_info', content: '属于过程性信息。' })).status).toBe(200);
      await refusedWithoutTrace(
        () => act(withheld, 'fee-notice', { method: 'per_page', pages: 150 }),
        422,
        'PER_PAGE_FEE_WITHOUT_INFORMATION',
      );
      const unpaid = await register(UNIT, applicant('周杰'));
      expect((await act(unpaid, 'fee-notice', { method: 'per_page', pages: 150 })).status).toBe(200);
      await refusedWithoutTrace(() => act(unpaid, 'abandon-unpaid', {}), 422, 'FEE_NOTICE_RECEIPT_UNKNOWN');
    });
  });

  describe('challenges and steps (issue 20.2, 20.3)', () => {
    it('a request left unanswered past its deadline can be challenged; the challenge is in the case timeline and Table 4', async () => {
      const longAgo = addCalendarDays(TODAY, -50);
      const requestId = await register(UNIT, applicant('吴刚'), { channel: 'registered_post', receivedOn: longAgo });
      await detail(requestId, (b) => (b.clock as { overdue?: boolean } | null)?.overdue === true);
      const filed = await act(requestId, 'challenges', {
        challengeId: 'SS-1',
        kind: 'litigation_direct',
        filedOn: TODAY,
        body: '台儿庄区人民法院',
      });
      expect([filed.status, filed.body.events]).toEqual([200, ['requests.ChallengeFiled']]);
      const view = await detail(requestId, (b) => (b.challenges as unknown[]).length === 1);
      expect(view.challenges).toEqual([
        expect.objectContaining({ challengeId: 'SS-1', party: 'applicant', against: 'no_reply', outcome: null }),
      ]);
      expect((view.history as { type: string }[]).map((h) => h.type)).toContain('ChallengeFiled');
      const year = Number(TODAY.slice(0, 4));
      const report = await eventually(async () => {
        const res = await http()
          .get(`/api/requests/reports/annual/${UNIT}/${year}`)
          .set('Authorization', `Bearer ${await tokenFor('district_office')}`);
        return res.status === 200 && res.body.table4?.litigation_direct?.['总计'] >= 1 ? res.body : undefined;
      }, 60000);
      expect(report.table4.litigation_direct).toMatchObject({ 尚未审结: 1, 总计: 1 });
    });

    it('a 大量反复 reply cannot be drafted before the applicant was asked for reasons', async () => {
      const requestId = await register(UNIT, applicant('郑华'));
      await refusedWithoutTrace(
        () => act(requestId, 'draft-reply', { category: 'reject.mass_repeat', content: '不予处理。' }),
        422,
        'REASONS_NOT_ASKED',
      );
      expect((await act(requestId, 'reasons-request', { periodWorkingDays: 5 })).status).toBe(200);
      expect((await act(requestId, 'reasons-answer', { outcome: 'rejected' })).status).toBe(200);
      expect((await act(requestId, 'draft-reply', { category: 'reject.mass_repeat', content: '不予处理。' })).status).toBe(200);
    });
  });

  describe('separation of duties for replies (issue 16.2)', () => {
    it('the drafter cannot review its own reply; REQUESTS_ALLOW_SELF_REVIEW allows it and the case records it', async () => {
      const requestId = await register(UNIT, applicant('冯雪'));
      expect((await act(requestId, 'draft-reply', { category: 'disclose', content: '予以公开。' }, 'office_head')).status).toBe(200);
      await refusedWithoutTrace(() => act(requestId, 'review', { approved: true }, 'office_head'), 403, 'SELF_REVIEW');
      const settings = app.get<RequestsSettings>(REQUESTS_SETTINGS);
      expect(settings.allowSelfReview).toBe(false);
      const oneOffice = new RequestHandling(
        app.get(CommandHandler),
        app.get(RequestsProjection),
        { ...settings, allowSelfReview: true },
        defaultWorkingDayCalendar(),
        app.get(RequestsUnitsProjection),
      );
      await oneOffice.handle(
        requestId,
        { type: 'ReviewReply', approved: true },
        {
          actor: { userId: `office_head-${UNIT}`, unitId: UNIT, role: 'office_head' },
          correlationId: 'self-review',
          now: new Date().toISOString(),
        },
      );
      const events = await store.readStream(requestStreamId(requestId));
      expect(events.at(-1)).toMatchObject({
        type: 'requests.ReplyReviewed',
        data: { selfReview: true, reviewedBy: `office_head-${UNIT}` },
      });
    });
  });

  describe('letter settings (issue 20.1)', () => {
    it('the office head sets them, a clerk cannot; the reply letter prints them and the remedy of its category', async () => {
      const put = async (role: Role, unitId = UNIT) =>
        http()
          .put(`/api/requests/letter-settings/${UNIT}`)
          .set('Authorization', `Bearer ${await tokenFor(role, unitId)}`)
          .send({
            printedName: '台儿庄区张山子镇人民政府',
            reconsiderationBody: '台儿庄区人民政府',
            contact: '0632-6611234',
            numberPrefix: '张政信复',
          });
      await refusedWithoutTrace(() => put('clerk'), 403, 'ROLE_NOT_ALLOWED');
      await refusedWithoutTrace(() => put('office_head', OTHER), 403, 'OTHER_UNIT');
      expect((await put('office_head')).body).toMatchObject({ events: ['requests.LetterSettingsUpdated'] });
      const settings = await eventually(async () => {
        const res = await http()
          .get(`/api/requests/letter-settings/${UNIT}`)
          .set('Authorization', `Bearer ${await tokenFor('clerk', UNIT)}`);
        return res.body.version === 1 ? res.body : undefined;
      });
      expect(settings).toMatchObject({ printedName: '台儿庄区张山子镇人民政府', editable: false });

      const requestId = await register(UNIT, applicant('陈晨'));
      expect(
        (await act(requestId, 'draft-reply', { category: 'withhold.internal_affairs', content: '属于内部人事管理信息。' })).status,
      ).toBe(200);
      expect((await act(requestId, 'review', { approved: true }, 'reviewer')).status).toBe(200);
      expect((await act(requestId, 'reply', {})).status).toBe(200);
      const xml = await eventually(async () => {
        const res = await http()
          .get(`/api/requests/${requestId}/letters/reply`)
          .set('Authorization', `Bearer ${await tokenFor('clerk', UNIT)}`)
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => cb(null, Buffer.concat(chunks)));
          });
        return res.status === 200 ? (await JSZip.loadAsync(res.body)).file('word/document.xml')!.async('string') : undefined;
      });
      expect(xml).toContain('答复如下：属于内部人事管理信息。');
      expect(xml).toContain('应当先向台儿庄区人民政府申请行政复议');
      expect(xml).toContain('台儿庄区张山子镇人民政府');
    });
  });
});

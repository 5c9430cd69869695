import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { Role } from '@gongkai/contracts';
import { CommandHandler, createApp } from '@gongkai/platform';
import { eventually, isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { addCalendarDays, defaultWorkingDayCalendar, toShanghaiDate, type LocalDate } from '@gongkai/working-days';
import { REGISTER_EXPORT_HEADERS, REGISTER_FIRST_ROW } from './documents/register-export';
import { requestStreamId } from './domain/request';
import { requestDecider, type RequestCommand } from './domain/request.decide';
import { RequestsModule } from './requests.module';
import { knownUnits } from './testing/known-units';

const UNIT = 'TEZ-ZSZ';
const OTHER = 'TEZ-EDU';
const TODAY = toShanghaiDate(new Date());
const calendar = defaultWorkingDayCalendar();
const plus = (from: LocalDate, workingDays: number) => calendar.addWorkingDays(from, workingDays);
const daysAgo = (days: number) => addCalendarDays(TODAY, -days);
/** 58 calendar days hold well over 20 working days, and a receipt may go back 60. */
const LONG_AGO = daysAgo(58);
/** The earliest receipt date whose 20 working days have not run out: due on the next working day at the latest. */
const NEAR_DUE = (() => {
  let back = 0;
  while (plus(daysAgo(back + 1), 20) >= TODAY) back += 1;
  return daysAgo(back);
})();
const ID_NUMBER = '370405198805051234';
const REPEATER = { type: '自然人', name: '周强', phone: '13700001111', idDocument: { kind: '居民身份证', number: ID_NUMBER } };

type Key = 'overdue' | 'nearDue' | 'replied' | 'fresh' | 'correction' | 'repeat' | 'otherOverdue';
type Case = { id: string; receivedOn: LocalDate; description: string };
type Row = { requestId: string; [field: string]: unknown };

/** The statutory clock of a running request received on `receivedOn`, read today. */
const runningClock = (receivedOn: LocalDate, flags: { overdue: boolean; nearDue: boolean }) => {
  const dueOn = plus(receivedOn, 20);
  return {
    dueOn,
    remainingWorkingDays: calendar.workingDaysBetween(TODAY, dueOn),
    ...flags,
    paused: false,
    provisional: calendar.isProvisional(dueOn),
  };
};
/** Still registered: the stage began on receipt, with one working day to assign it. */
const registeredStage = (receivedOn: LocalDate, overInternalLimit: boolean) => ({
  since: receivedOn,
  internalLimitWorkingDays: 1,
  internalDueOn: plus(receivedOn, 1),
  overInternalLimit,
});

/** The read endpoints of the requests service over HTTP: lists, flags, statistics, detail. Real store, Kafka, FerretDB. */
describe('reading requests over HTTP', () => {
  let app: INestApplication;
  const c = {} as Record<Key, Case>;
  let phone = 13900000000;

  const read = async (path: string, role: Role, unitId: string | null = UNIT) =>
    request(app.getHttpServer())
      .get(path)
      .set('Authorization', `Bearer ${await tokenFor(role, unitId)}`);
  const ids = (rows: Row[]) => rows.map((r) => r.requestId);
  const inReceiptOrder = (...keys: Key[]) =>
    keys
      .map((k) => c[k])
      .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || (a.id < b.id ? -1 : 1))
      .map((r) => r.id);
  const MINE: Key[] = ['overdue', 'nearDue', 'replied', 'fresh', 'correction', 'repeat'];
  const ALL: Key[] = [...MINE, 'otherOverdue'];

  function expectProblem(res: request.Response, status: number, code: string) {
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/[\u4e00-\u9fa5]/);
  }

  /** Registered at the counter by a clerk of the unit (by default a registered letter signed for on `receivedOn`). */
  async function register(unitId: string, receivedOn: LocalDate, description: string, extra: object = {}): Promise<Case> {
    const res = await request(app.getHttpServer())
      .post('/api/requests')
      .set('Authorization', `Bearer ${await tokenFor('clerk', unitId)}`)
      .send({
        unitId,
        channel: 'registered_post',
        receivedOn,
        applicant: { type: '自然人', name: '孙丽', phone: String(++phone) },
        description,
        preferredForm: '电子',
        delivery: '电子邮件',
        ...extra,
      });
    expect([description, res.status, res.body.code]).toEqual([description, 201, undefined]);
    return { id: res.body.requestId, receivedOn, description };
  }

  async function act(role: Role, requestId: string, action: string, body: object = {}) {
    const res = await request(app.getHttpServer())
      .post(`/api/requests/${requestId}/${action}`)
      .set('Authorization', `Bearer ${await tokenFor(role, UNIT)}`)
      .send(body);
    expect([action, res.status, res.body.code]).toEqual([action, 200, undefined]);
  }

  beforeAll(async () => {
    ({ app } = await createApp({ shape: 'requests', title: 'request reads test', modules: () => [RequestsModule] }, isolatedEnv()));
    await app.init();
    await knownUnits(app, [UNIT, OTHER, 'TEZ-CIVIL']);
    c.overdue = await register(UNIT, LONG_AGO, '张山子镇2025年村级财务公开明细');
    c.nearDue = await register(UNIT, NEAR_DUE, '张山子镇2025年耕地地力保护补贴发放名单', { channel: 'in_person' });
    c.fresh = await register(UNIT, TODAY, '张山子镇2026年道路养护工程合同');
    c.correction = await register(UNIT, TODAY, '关于某事项的有关文件');
    await act('clerk', c.correction.id, 'correction-notice', { items: ['请说明所需文件的名称或文号'], periodWorkingDays: 10 });
    c.replied = await register(UNIT, daysAgo(10), '张山子镇2026年农村危房改造补助对象名单', { applicant: REPEATER });
    await act('clerk', c.replied.id, 'assign', { handlerId: 'clerk-1', handlerName: '王芳' });
    await act('clerk', c.replied.id, 'draft-reply', { category: 'disclose', content: '现将名单提供给您。' });
    await act('reviewer', c.replied.id, 'review', { approved: true });
    await act('clerk', c.replied.id, 'reply');
    // The repeat hint reads the read model: the first request must show as closed there first.
    await eventually(
      async () => ((await read(`/api/requests/${c.replied.id}`, 'clerk')).body.closedOn ? true : undefined),
      30000,
      'the reply in the read model',
    );
    c.repeat = await register(UNIT, TODAY, '张山子镇2026年农村危房改造补助对象名单及补助金额', { applicant: REPEATER });
    c.otherOverdue = await register(OTHER, LONG_AGO, '区教育和体育局2025年学生资助名单');
    const status = (k: Key) => (k === 'correction' ? 'awaiting_correction' : k === 'replied' ? 'replied' : 'registered');
    await eventually(
      async () => {
        const rows = (await read('/api/requests', 'district_office', null)).body as Row[];
        const seen = new Map(rows.map((r) => [r.requestId, r.status]));
        return rows.length === ALL.length && ALL.every((k) => seen.get(c[k].id) === status(k)) ? rows : undefined;
      },
      60000,
      'every request in the read model',
    );
  }, 180000);
  afterAll(() => app?.close());

  describe('GET /api/requests', () => {
    it("lists the clerk's own unit in receipt order, each row with its status label, statutory clock and internal stage", async () => {
      const res = await read('/api/requests', 'clerk');
      expect(res.status).toBe(200);
      const rows = res.body as Row[];
      expect(ids(rows)).toEqual(inReceiptOrder(...MINE));
      const row = (k: Key) => rows.find((r) => r.requestId === c[k].id);
      expect(Object.fromEntries(MINE.map((k) => [k, row(k)?.statusLabel]))).toEqual({
        overdue: '已登记',
        nearDue: '已登记',
        replied: '已答复',
        fresh: '已登记',
        correction: '待补正',
        repeat: '已登记',
      });
      expect(row('fresh')).toEqual({
        requestId: c.fresh.id,
        unitId: UNIT,
        receivedOn: TODAY,
        channel: '挂号信/邮政快递',
        applicantType: '自然人',
        description: c.fresh.description,
        status: 'registered',
        statusLabel: '已登记',
        clock: runningClock(TODAY, { overdue: false, nearDue: false }),
        stage: registeredStage(TODAY, false),
        stepsDue: [],
        possibleRepeatOf: [],
        category: null,
        closedOn: null,
        handlerName: null,
        backEntered: false,
      });
      expect(row('fresh')).toMatchObject({ clock: { remainingWorkingDays: 20 } });
      expect(row('overdue')).toMatchObject({
        clock: runningClock(LONG_AGO, { overdue: true, nearDue: false }),
        stage: registeredStage(LONG_AGO, true),
      });
      expect((row('overdue')?.clock as { remainingWorkingDays: number }).remainingWorkingDays).toBeLessThan(0);
      expect(row('nearDue')).toMatchObject({
        channel: '当面申请',
        clock: runningClock(NEAR_DUE, { overdue: false, nearDue: true }),
        stage: registeredStage(NEAR_DUE, true),
      });
      // Awaiting correction, the clock stands still: no due date until the corrected request arrives.
      expect(row('correction')).toMatchObject({
        status: 'awaiting_correction',
        clock: { dueOn: null, remainingWorkingDays: null, overdue: false, nearDue: false, paused: true, provisional: false },
        stage: { internalLimitWorkingDays: null, internalDueOn: null, overInternalLimit: false },
      });
      expect(row('replied')).toMatchObject({
        status: 'replied',
        clock: null,
        category: 'disclose',
        closedOn: TODAY,
        stage: { internalLimitWorkingDays: 3, overInternalLimit: false },
      });
    });

    it('flag=overdue, near_due and open keep exactly the matching requests, of the caller’s unit only', async () => {
      const flagged = async (flag: string, role: Role = 'clerk', unitId: string | null = UNIT) => {
        const res = await read(`/api/requests?flag=${flag}`, role, unitId);
        expect([flag, res.status]).toEqual([flag, 200]);
        return ids(res.body);
      };
      expect(await flagged('overdue')).toEqual([c.overdue.id]);
      expect(await flagged('near_due')).toEqual([c.nearDue.id]);
      expect(await flagged('open')).toEqual(inReceiptOrder('overdue', 'nearDue', 'fresh', 'correction', 'repeat'));
      expect(await flagged('overdue', 'district_office', null)).toEqual(inReceiptOrder('overdue', 'otherOverdue'));
      expect(await flagged('open', 'clerk', OTHER)).toEqual([c.otherOverdue.id]);
      expectProblem(await read('/api/requests?flag=bogus', 'clerk'), 400, 'VALIDATION_FAILED');
    });

    it('scopes the list: unit staff to their unit, the district office and auditors to any unit or all', async () => {
      const listed = async (query: string, role: Role, unitId: string | null) => {
        const res = await read(`/api/requests${query}`, role, unitId);
        expect([role, query, res.status]).toEqual([role, query, 200]);
        return ids(res.body);
      };
      expect(await listed('', 'reviewer', UNIT)).toEqual(inReceiptOrder(...MINE));
      expect(await listed(`?unitId=${UNIT}`, 'office_head', UNIT)).toEqual(inReceiptOrder(...MINE));
      expect(await listed('', 'office_head', OTHER)).toEqual([c.otherOverdue.id]);
      expect(await listed('', 'district_office', null)).toEqual(inReceiptOrder(...ALL));
      expect(await listed(`?unitId=${OTHER}`, 'district_office', null)).toEqual([c.otherOverdue.id]);
      expect(await listed('', 'auditor', null)).toEqual(inReceiptOrder(...ALL));
      expect(await listed(`?unitId=${UNIT}`, 'auditor', null)).toEqual(inReceiptOrder(...MINE));
      expectProblem(await read(`/api/requests?unitId=${OTHER}`, 'clerk', UNIT), 403, 'OTHER_UNIT');
      // Unit staff without a unit in their token are refused at sign-in (issue 14: never a guessed scope).
      expectProblem(await read('/api/requests', 'clerk', null), 403, 'UNIT_CLAIM_MISSING');
      expectProblem(await request(app.getHttpServer()).get('/api/requests'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('the register: filters, text, sorting, paging, export', () => {
    const listed = async (query: string, role: Role = 'clerk', unitId: string | null = UNIT) => {
      const res = await read(`/api/requests?${query}`, role, unitId);
      expect([query, res.status, res.body.code]).toEqual([query, 200, undefined]);
      return { ids: ids(res.body), total: Number(res.headers['x-total-count']) };
    };

    it('filters on status, category, applicant type, channel, handler, dates and flags combined', async () => {
      expect(await listed('status=awaiting_correction')).toEqual({ ids: [c.correction.id], total: 1 });
      expect(await listed('category=disclose')).toEqual({ ids: [c.replied.id], total: 1 });
      expect(await listed('channel=in_person')).toEqual({ ids: [c.nearDue.id], total: 1 });
      expect(await listed('handlerId=clerk-1')).toEqual({ ids: [c.replied.id], total: 1 });
      expect(await listed('applicantType=商业企业')).toEqual({ ids: [], total: 0 });
      expect(await listed(`receivedFrom=${TODAY}&receivedTo=${TODAY}`)).toEqual({
        ids: inReceiptOrder('fresh', 'correction', 'repeat'),
        total: 3,
      });
      expect(await listed(`closedFrom=${TODAY}`)).toEqual({ ids: [c.replied.id], total: 1 });
      expect(await listed('flag=closed')).toEqual({ ids: [c.replied.id], total: 1 });
      // Clock flags with stored filters: overdue + 自然人 + received this period.
      expect(await listed(`flag=overdue&applicantType=自然人&receivedFrom=${LONG_AGO}`)).toEqual({ ids: [c.overdue.id], total: 1 });
      expect(await listed(`flag=overdue,near_due`)).toEqual({ ids: [], total: 0 });
      expect(await listed(`flag=open&status=registered&channel=registered_post`)).toEqual({
        ids: inReceiptOrder('overdue', 'fresh', 'repeat'),
        total: 3,
      });
    });

    it('the text box finds words of the description and the request number', async () => {
      expect(await listed(`q=${encodeURIComponent('危房改造')}`)).toEqual({ ids: inReceiptOrder('replied', 'repeat'), total: 2 });
      expect(await listed(`q=${encodeURIComponent('危房 金额')}`)).toEqual({ ids: [c.repeat.id], total: 1 });
      // The applicant is sealed (personal data): never searched.
      expect(await listed(`q=${encodeURIComponent('周强')}`)).toEqual({ ids: [], total: 0 });
      expect(await listed(`q=${c.fresh.id.slice(-12)}`)).toEqual({ ids: [c.fresh.id], total: 1 });
      expect(await listed(`q=${encodeURIComponent('.*')}`)).toEqual({ ids: [], total: 0 });
    });

    it('sorts and pages on the server: X-Total-Count gives the whole count; the page size is bounded', async () => {
      const all = inReceiptOrder(...MINE);
      expect(await listed('pageSize=2&page=2')).toEqual({ ids: all.slice(2, 4), total: 6 });
      expect(await listed('pageSize=4&page=2')).toEqual({ ids: all.slice(4), total: 6 });
      const newest = (await listed('sort=-receivedOn')).ids;
      expect(newest.map((id) => MINE.map((k) => c[k]).find((r) => r.id === id)?.receivedOn)).toEqual(
        all.map((id) => MINE.map((k) => c[k]).find((r) => r.id === id)?.receivedOn).reverse(),
      );
      // The due date is read from the clock: the overdue one first, closed ones last.
      const byDue = (await listed('sort=dueOn&flag=open&pageSize=2')).ids;
      expect(byDue).toEqual([c.overdue.id, c.nearDue.id]);
      expectProblem(await read('/api/requests?pageSize=1000', 'clerk'), 400, 'VALIDATION_FAILED');
    });

    it('exports exactly the filtered rows as the Art. 45 登记台账 (.xlsx)', async () => {
      const binary = (res: request.Response, cb: (e: Error | null, b: Buffer) => void) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      };
      const res = await request(app.getHttpServer())
        .get('/api/requests/export.xlsx?flag=open&channel=registered_post&pageSize=1')
        .set('Authorization', `Bearer ${await tokenFor('clerk', UNIT)}`)
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('登记台账');
      const cells = (row: number) => ((sheet?.getRow(row).values ?? []) as unknown[]).slice(1).map(String);
      expect(cells(1).slice(0, 1)).toEqual(['登记']);
      expect(cells(2)).toEqual(REGISTER_EXPORT_HEADERS);
      const rows = [];
      for (let r = REGISTER_FIRST_ROW; r <= (sheet?.rowCount ?? 0); r++) rows.push(cells(r));
      // The page size does not cut the export: every filtered row, in order.
      expect(rows.map((r) => r[1])).toEqual(inReceiptOrder('overdue', 'fresh', 'correction', 'repeat'));
      expect(rows[0].slice(2, 7)).toEqual([LONG_AGO, '本机关签收之日', '挂号信/邮政快递', '自然人', '孙丽']);
      const overdueRow = rows[0];
      expect(overdueRow[REGISTER_EXPORT_HEADERS.indexOf('剩余工作日')]).toMatch(/^已逾期\d+个工作日$/);
    });
  });

  describe('GET /api/requests/statistics', () => {
    const stats = (query: string, role: Role = 'clerk', unitId: string | null = UNIT) =>
      read(`/api/requests/statistics?${query}`, role, unitId);

    it("counts a unit's requests received and closed in the period, open and overdue today, on-time rate, average days and categories", async () => {
      const daysToReply = calendar.workingDaysBetween(c.replied.receivedOn, TODAY);
      const all = await stats(`unitId=${UNIT}&from=${LONG_AGO}&to=${TODAY}`);
      expect([all.status, all.body]).toEqual([
        200,
        {
          unitId: UNIT,
          from: LONG_AGO,
          to: TODAY,
          received: 6,
          open: 5,
          overdue: 1,
          closed: 1,
          onTimeRate: 1,
          averageWorkingDaysToReply: daysToReply,
          byCategory: { disclose: 1 },
        },
      ]);
      const today = await stats(`unitId=${UNIT}&from=${TODAY}&to=${TODAY}`);
      expect(today.body).toMatchObject({ received: 3, closed: 1, open: 5, overdue: 1 });
      // Open and overdue are as of today whatever the period; nothing was received or closed before the first receipt.
      const before = await stats(`unitId=${UNIT}&from=${daysAgo(60)}&to=${daysAgo(59)}`, 'auditor', null);
      expect(before.body).toEqual({
        unitId: UNIT,
        from: daysAgo(60),
        to: daysAgo(59),
        received: 0,
        open: 5,
        overdue: 1,
        closed: 0,
        onTimeRate: null,
        averageWorkingDaysToReply: null,
        byCategory: {},
      });
    });

    it('covers the district for the district office; another unit is refused to a clerk and open to an auditor', async () => {
      const district = await stats(`from=${LONG_AGO}&to=${TODAY}`, 'district_office', null);
      expect(district.body).toMatchObject({ unitId: 'district', received: 7, open: 6, overdue: 2, closed: 1, byCategory: { disclose: 1 } });
      const other = await stats(`unitId=${OTHER}&from=${LONG_AGO}&to=${TODAY}`, 'auditor', null);
      expect(other.body).toMatchObject({ unitId: OTHER, received: 1, open: 1, overdue: 1, closed: 0, onTimeRate: null, byCategory: {} });
      expectProblem(await stats(`unitId=${OTHER}&from=${LONG_AGO}&to=${TODAY}`), 403, 'OTHER_UNIT');
    });

    it('refuses a missing, malformed or inverted period with INVALID_PERIOD', async () => {
      for (const query of [`unitId=${UNIT}`, `from=${TODAY}`, `from=2026-1-01&to=${TODAY}`, `from=${TODAY}&to=${daysAgo(1)}`]) {
        const res = await stats(query);
        expect([query, res.status, res.body.code]).toEqual([query, 400, 'INVALID_PERIOD']);
        expect(res.body.detail).toMatch(/[\u4e00-\u9fa5]/);
      }
    });

    // Fails today: without unitId the controller returns the district-wide figures to unit staff,
    // while the list defaults to the caller's unit and the district report is refused to them.
    it("without unitId gives unit staff their own unit's figures, not the district's", async () => {
      const res = await stats(`from=${LONG_AGO}&to=${TODAY}`);
      expect([res.status, res.body.unitId, res.body.received, res.body.overdue]).toEqual([200, UNIT, 6, 1]);
    });
  });

  describe('GET /api/requests/:requestId', () => {
    it('shows a replied request with its history, reply and masked ID document, and no internal keys', async () => {
      const res = await read(`/api/requests/${c.replied.id}`, 'clerk');
      expect(res.status).toBe(200);
      // The stream revision the view reflects, as body and ETag: received, assigned, drafted, reviewed, replied = revision 4.
      expect([res.body.revision, res.headers.etag]).toEqual([4, '"4"']);
      // The clock in it follows today's date: no cache may answer 304 on a later day for the same revision.
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.history).toHaveLength(5);
      expect(res.body).toMatchObject({
        requestId: c.replied.id,
        unitId: UNIT,
        receivedOn: c.replied.receivedOn,
        channel: '挂号信/邮政快递',
        description: c.replied.description,
        applicant: { name: '周强', phone: '13700001111', idDocument: { kind: '居民身份证', masked: '3704**********1234' } },
        status: 'replied',
        statusLabel: '已答复',
        clock: null,
        category: 'disclose',
        closedOn: TODAY,
        draft: { category: 'disclose', content: '现将名单提供给您。' },
        reply: { repliedOn: TODAY, onTime: true, workingDaysUsed: calendar.workingDaysBetween(c.replied.receivedOn, TODAY) },
        possibleRepeatOf: [],
      });
      expect(res.body.history.map((h: { type: string; role: string }) => [h.type, h.role])).toEqual([
        ['RequestReceived', 'clerk'],
        ['RequestAssigned', 'clerk'],
        ['ReplyDrafted', 'clerk'],
        ['ReplyReviewed', 'reviewer'],
        ['ReplyIssued', 'clerk'],
      ]);
      for (const hidden of ['state', 'trackingCodeHash', 'applicantKey']) expect([hidden, hidden in res.body]).toEqual([hidden, false]);
      expect(JSON.stringify(res.body)).not.toContain(ID_NUMBER);
    });

    it('points a similar request of the same applicant to the earlier, closed one (list and detail)', async () => {
      const detail = await read(`/api/requests/${c.repeat.id}`, 'office_head');
      expect(detail.body).toMatchObject({ requestId: c.repeat.id, status: 'registered', possibleRepeatOf: [c.replied.id] });
      const rows = (await read('/api/requests?flag=open', 'clerk')).body as Row[];
      expect(Object.fromEntries(rows.map((r) => [r.requestId, r.possibleRepeatOf]))).toEqual({
        ...Object.fromEntries(inReceiptOrder('overdue', 'nearDue', 'fresh', 'correction').map((id) => [id, []])),
        [c.repeat.id]: [c.replied.id],
      });
    });

    it('shows the correction notice; readable by the unit, the district office and auditors, refused to other units; 404 when unknown', async () => {
      const path = `/api/requests/${c.correction.id}`;
      for (const [role, unitId] of [
        ['clerk', UNIT],
        ['reviewer', UNIT],
        ['district_office', null],
        ['auditor', null],
      ] as const) {
        const res = await read(path, role, unitId);
        expect([role, res.status, res.body.requestId]).toEqual([role, 200, c.correction.id]);
        expect(res.body).toMatchObject({
          statusLabel: '待补正',
          correction: { noticeOn: TODAY, items: ['请说明所需文件的名称或文号'], correctionDueOn: plus(TODAY, 10) },
        });
      }
      expectProblem(await read(path, 'clerk', OTHER), 403, 'OTHER_UNIT');
      expectProblem(await read('/api/requests/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 'district_office', null), 404, 'REQUEST_NOT_FOUND');
      expectProblem(await read('/api/requests/no-such-request', 'clerk'), 404, 'REQUEST_NOT_FOUND');
    });

    it('refuses letters of an unknown kind, of an unknown request and of another unit', async () => {
      expectProblem(await read(`/api/requests/${c.correction.id}/letters/summons`, 'clerk'), 404, 'LETTER_KIND_UNKNOWN');
      expectProblem(await read('/api/requests/no-such-request/letters/correction', 'clerk'), 404, 'REQUEST_NOT_FOUND');
      expectProblem(await read(`/api/requests/${c.correction.id}/letters/correction`, 'clerk', OTHER), 403, 'OTHER_UNIT');
    });

    // The projection once took the stage start from the UTC date of the event, a day early between 00:00 and 08:00 Beijing time.
    it('dates the stage of a request moved at 01:30 Beijing time on that Beijing day', async () => {
      const unitId = 'TEZ-CIVIL';
      const received = await register(unitId, daysAgo(3), '区民政局2026年社会救助资金使用情况');
      const assignedOn = daysAgo(2);
      const at = `${daysAgo(3)}T17:30:00.000Z`; // 01:30 on `assignedOn` in Shanghai
      expect(toShanghaiDate(at)).toBe(assignedOn);
      await app.get(CommandHandler).handle(
        requestDecider(calendar),
        requestStreamId(received.id),
        { type: 'AssignRequest', today: assignedOn, handlerId: 'clerk-9' },
        {
          actor: { userId: `clerk-${unitId}`, unitId, role: 'clerk' },
          correlationId: 'night-shift',
          now: at,
        },
      );
      const detail = await eventually(async () => {
        const res = await read(`/api/requests/${received.id}`, 'district_office', null);
        return res.body.status === 'in_progress' ? res.body : undefined;
      });
      const internalDueOn = plus(assignedOn, 10);
      expect(detail.stage).toEqual({
        since: assignedOn,
        internalLimitWorkingDays: 10,
        internalDueOn,
        overInternalLimit: TODAY > internalDueOn,
      });
    });

    it('flags a replied request not delivered within its internal limit (送达, 3 working days)', async () => {
      const unitId = 'TEZ-CIVIL';
      const received = await register(unitId, daysAgo(30), '区民政局2026年临时救助审批名单');
      const handle = (command: Record<string, unknown>, on: LocalDate, role: Role = 'clerk') =>
        app
          .get(CommandHandler)
          .handle(requestDecider(calendar), requestStreamId(received.id), { today: on, ...command } as RequestCommand, {
            actor: { userId: `${role}-${unitId}`, unitId, role },
            correlationId: `late-delivery-${on}`,
            now: `${on}T02:00:00.000Z`,
          });
      // 20 calendar days hold 3 working days even across the Spring Festival.
      const repliedOn = daysAgo(20);
      await handle({ type: 'AssignRequest', handlerId: 'clerk-9' }, repliedOn);
      await handle(
        {
          type: 'DraftReply',
          category: 'disclose',
          withheld: [],
          content: '现将名单提供给您。',
          by: { userId: 'clerk-9', unitId, role: 'clerk' },
        },
        repliedOn,
      );
      await handle(
        { type: 'ReviewReply', approved: true, by: { userId: `reviewer-${unitId}`, unitId: unitId, role: 'reviewer' } },
        repliedOn,
        'reviewer',
      );
      await handle({ type: 'IssueReply' }, repliedOn);
      const detail = await eventually(async () => {
        const res = await read(`/api/requests/${received.id}`, 'district_office', null);
        return res.body.status === 'replied' ? res.body : undefined;
      });
      const internalDueOn = plus(repliedOn, 3);
      expect(TODAY > internalDueOn).toBe(true);
      expect(detail.stage).toEqual({ since: repliedOn, internalLimitWorkingDays: 3, internalDueOn, overInternalLimit: true });
    });
    it('lists the steps a period running out has made possible (stepsDue): an unpaid fee past its period, an assisting unit late', async () => {
      const unitId = 'TEZ-CIVIL';
      const received = await register(unitId, daysAgo(45), '区民政局2025年度临时救助资金发放明细');
      const on = daysAgo(44);
      const handle = (command: Record<string, unknown>) =>
        app
          .get(CommandHandler)
          .handle(requestDecider(calendar), requestStreamId(received.id), { today: on, ...command } as RequestCommand, {
            actor: { userId: `clerk-${unitId}`, unitId, role: 'clerk' },
            correlationId: `steps-due-${command.type as string}`,
            now: `${on}T02:00:00.000Z`,
          });
      await handle({ type: 'AssignRequest', handlerId: 'clerk-9' });
      // 44 calendar days hold more than 20 working days even across the Spring Festival.
      await handle({ type: 'IssueFeeNotice', method: 'per_page', quantity: 150, pausesClock: false });
      // Handed over at the counter the same day: the 20 working days to pay ran from then.
      await handle({ type: 'RecordFeeNoticeReceipt', receivedOn: on });
      await handle({
        type: 'RequestInvestigation',
        taskId: 'T1',
        assistingUnitId: 'TEZ-ZSZ',
        question: '提供发放凭证',
        internalWorkingDays: 3,
      });
      const row = await eventually(async () => {
        const rows = (await read('/api/requests?flag=open', 'clerk', unitId)).body as (Row & { stepsDue?: string[] })[];
        const found = rows.find((r) => r.requestId === received.id);
        // Both steps' events projected (the fee notice's alone shows only fee_lapsed for a moment).
        return (found?.stepsDue?.length ?? 0) >= 2 ? found : undefined;
      });
      expect(row.stepsDue).toEqual(['fee_lapsed', 'investigation_overdue']);
      expect(
        ((await read('/api/requests?flag=open', 'clerk')).body as (Row & { stepsDue: string[] })[]).every((r) => Array.isArray(r.stepsDue)),
      ).toBe(true);
    });
  });
});

import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Role } from '@gongkai/contracts';
import { CommandHandler, createApp, EVENT_STORE, type CommandContext, type EventStore } from '@gongkai/platform';
import JSZip from 'jszip';
import { eventually, isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { addCalendarDays, defaultWorkingDayCalendar, toShanghaiDate, type LocalDate } from '@gongkai/working-days';
import { ART_30_CORRECTION, ART_32_THIRD_PARTY, ART_33_EXTENSION, ART_42_FEES, CATEGORY_LEGAL } from './domain/legal-basis';
import { requestStreamId } from './domain/request';
import { requestDecider, type RequestCommand } from './domain/request.decide';
import { RequestsModule } from './requests.module';
import { knownUnits } from './testing/known-units';

const UNIT = 'TEZ-ZSZ';
const TODAY = toShanghaiDate(new Date()) as LocalDate;
const PAST = addCalendarDays(TODAY, -50); // long enough ago for a correction or payment period to have lapsed
const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const plus = (from: LocalDate, workingDays: number) => defaultWorkingDayCalendar().addWorkingDays(from, workingDays);

/** A step of the case before the HTTP call: a command (without `today`), the role giving it, the day. */
type Step = { command: Record<string, unknown>; role?: Role; on?: LocalDate };
const step = (command: Record<string, unknown>, role?: Role, on?: LocalDate): Step => ({ command, role, on });

const assigned = [step({ type: 'AssignRequest', handlerId: 'clerk-1', handlerName: '王芳' })];
const awaitingCorrection = [step({ type: 'RequestCorrection', items: ['请说明所需名单涉及的村（居）名称'], periodWorkingDays: 10 })];
const consulting = [
  ...assigned,
  step({ type: 'StartConsultation', consultationId: 'C1', kind: 'third_party', party: '枣庄某建筑公司', subject: '中标合同报价' }),
];
const feeDue = [...assigned, step({ type: 'IssueFeeNotice', method: 'per_page', quantity: 150, pausesClock: false })];
const CLERK_1 = { userId: 'clerk-1', unitId: UNIT, role: 'clerk' };
const underReview = [
  ...assigned,
  step({ type: 'DraftReply', category: 'disclose', withheld: [], content: '现将名单提供给您。', by: CLERK_1 }),
];
const approved = [
  ...underReview,
  step({ type: 'ReviewReply', approved: true, by: { userId: 'reviewer-1', unitId: UNIT, role: 'reviewer' } }, 'reviewer'),
];
const replied = [...approved, step({ type: 'IssueReply' })];
const challenged = [
  ...replied,
  step({ type: 'FileChallenge', challengeId: 'F1', kind: 'reconsideration', filedOn: TODAY, body: '枣庄市台儿庄区人民政府' }),
];
/** Received 50 days ago; the notice went out the next working day and its period has run out. */
const correctionLapsed = {
  receivedOn: PAST,
  steps: [step({ type: 'RequestCorrection', items: ['请说明年份'], periodWorkingDays: 3 }, 'clerk', plus(PAST, 1))],
};
/**
 * Received as long ago as still leaves today within the 20 working days: the extended due date stays
 * as close to today as it can (the statutory calendar refuses dates past the years it covers).
 */
const dueToday = (() => {
  let receivedOn = TODAY;
  for (let back = 1; back <= 40 && plus(addCalendarDays(TODAY, -back), 20) >= TODAY; back++) receivedOn = addCalendarDays(TODAY, -back);
  return receivedOn;
})();
const feeLapsed = {
  receivedOn: PAST,
  steps: [
    step({ type: 'IssueFeeNotice', method: 'per_page', quantity: 150, pausesClock: false }, 'clerk', plus(PAST, 1)),
    // The payment period runs from the applicant's receipt of the notice, recorded here.
    step({ type: 'RecordFeeNoticeReceipt', receivedOn: plus(PAST, 2) }, 'clerk', plus(PAST, 2)),
  ],
};
const askedForReasons = [...assigned, step({ type: 'RequestReasons', periodWorkingDays: 5 })];
const thirdPartyObjected = [
  ...consulting,
  step({ type: 'EndConsultation', consultationId: 'C1', outcome: '第三方不同意公开', answer: 'objected' }),
];

type Case = {
  action: string;
  /** The case before the call: steps after receipt (received today unless `receivedOn`). */
  given: Step[] | { receivedOn: LocalDate; steps: Step[] };
  role?: Role;
  body: object;
  then: { status: string; event: string; data?: Record<string, unknown> };
  /** The main refusal: another case (default: the same) or role or body → HTTP status and code. */
  refused: { given?: Case['given']; role?: Role; body?: object; status: number; code: string };
};

const CASES: Case[] = [
  {
    action: 'correction-received',
    given: awaitingCorrection,
    body: { receivedOn: TODAY, note: '申请人补充了村名' },
    then: { status: 'registered', event: 'requests.CorrectionReceived', data: { receivedOn: TODAY, dueOn: plus(TODAY, 20) } },
    refused: { given: [], status: 422, code: 'REQUEST_WRONG_STATUS' },
  },
  {
    action: 'abandon-no-correction',
    given: correctionLapsed,
    body: {},
    then: {
      status: 'abandoned',
      event: 'requests.RequestAbandoned',
      data: { category: 'other.no_correction', abandonedOn: TODAY, legalBasis: ART_30_CORRECTION },
    },
    refused: { given: awaitingCorrection, status: 422, code: 'CORRECTION_PERIOD_RUNNING' },
  },
  {
    action: 'assign',
    given: [],
    body: { handlerId: 'clerk-2', handlerName: '李娜' },
    then: { status: 'in_progress', event: 'requests.RequestAssigned', data: { handlerId: 'clerk-2', assignedOn: TODAY } },
    refused: { body: { handlerName: '李娜' }, status: 400, code: 'VALIDATION_FAILED' },
  },
  {
    action: 'transfer',
    given: assigned,
    body: { toUnitId: 'TEZ-EDU', reason: '所申请信息由区教育和体育局制作' },
    then: { status: 'registered', event: 'requests.RequestTransferred', data: { toUnitId: 'TEZ-EDU', transferredOn: TODAY } },
    refused: { body: { toUnitId: UNIT, reason: '移交本单位' }, status: 422, code: 'TRANSFER_TO_SAME_UNIT' },
  },
  {
    action: 'investigations',
    given: assigned,
    body: { taskId: 'T1', assistingUnitId: 'TEZ-EDU', question: '请核实2025年补助名单是否由贵局制作', internalWorkingDays: 5 },
    then: { status: 'in_progress', event: 'requests.InvestigationRequested', data: { taskId: 'T1', internalDueOn: plus(TODAY, 5) } },
    refused: {
      given: [
        ...assigned,
        step({ type: 'RequestInvestigation', taskId: 'T1', assistingUnitId: 'TEZ-EDU', question: '已发出', internalWorkingDays: 5 }),
      ],
      status: 409,
      code: 'TASK_EXISTS',
    },
  },
  {
    action: 'investigation-answer',
    given: [
      ...assigned,
      step({ type: 'RequestInvestigation', taskId: 'T1', assistingUnitId: 'TEZ-EDU', question: '是否由贵局制作', internalWorkingDays: 5 }),
    ],
    body: { taskId: 'T1', answer: '该名单由本局制作' },
    then: { status: 'in_progress', event: 'requests.InvestigationAnswered', data: { taskId: 'T1', answeredOn: TODAY } },
    refused: { body: { taskId: 'T9', answer: '无此任务' }, status: 404, code: 'TASK_NOT_FOUND' },
  },
  {
    action: 'consultations',
    given: assigned,
    body: { consultationId: 'C2', kind: 'third_party', party: '枣庄某建筑公司', subject: '中标合同报价明细' },
    then: {
      status: 'in_progress',
      event: 'requests.ConsultationStarted',
      data: { kind: 'third_party', startedOn: TODAY, answerDueOn: plus(TODAY, 15) },
    },
    refused: { body: { consultationId: 'C2', kind: 'ngo', party: '某协会', subject: '报价' }, status: 400, code: 'VALIDATION_FAILED' },
  },
  {
    action: 'consultation-end',
    given: consulting,
    body: { consultationId: 'C1', outcome: '第三方不同意公开，理由合理' },
    then: { status: 'in_progress', event: 'requests.ConsultationEnded', data: { consultationId: 'C1', endedOn: TODAY } },
    refused: {
      given: [...consulting, step({ type: 'EndConsultation', consultationId: 'C1', outcome: '已结束' })],
      status: 409,
      code: 'CONSULTATION_ENDED',
    },
  },
  {
    action: 'extension',
    given: { receivedOn: dueToday, steps: assigned },
    role: 'office_head',
    body: { workingDays: 15, reason: '需调取历年档案', noticeSentOn: TODAY },
    then: {
      status: 'in_progress',
      event: 'requests.DeadlineExtended',
      data: { workingDays: 15, approvedBy: `office_head-${UNIT}`, legalBasis: ART_33_EXTENSION },
    },
    refused: {
      given: {
        receivedOn: dueToday,
        steps: [
          ...assigned,
          step(
            {
              type: 'ExtendDeadline',
              workingDays: 15,
              reason: '需调取档案',
              noticeSentOn: TODAY,
              by: { userId: 'head-1', unitId: UNIT, role: 'office_head' },
            },
            'office_head',
            TODAY,
          ),
        ],
      },
      role: 'office_head',
      body: { workingDays: 10, reason: '仍需调取档案', noticeSentOn: TODAY },
      status: 422,
      code: 'EXTENSION_TOO_LONG',
    },
  },
  {
    action: 'fee-notice',
    given: assigned,
    body: { method: 'per_page', pages: 150 },
    then: {
      status: 'in_progress',
      event: 'requests.FeeNoticeIssued',
      data: { quantity: 150, amountYuan: 1700, payByOn: plus(TODAY, 20), legalBasis: ART_42_FEES },
    }, // 70 × ¥10 + 50 × ¥20
    refused: { body: { method: 'per_page', pages: 30 }, status: 422, code: 'FEE_NOT_DUE' },
  },
  {
    action: 'consultation-letter-received',
    given: consulting,
    body: { consultationId: 'C1', receivedOn: TODAY },
    then: {
      status: 'in_progress',
      event: 'requests.ConsultationLetterReceived',
      data: { consultationId: 'C1', receivedOn: TODAY, answerDueOn: plus(TODAY, 15) },
    },
    refused: { body: { consultationId: 'C9', receivedOn: TODAY }, status: 404, code: 'CONSULTATION_NOT_FOUND' },
  },
  {
    action: 'fee-notice-received',
    given: feeDue,
    body: { receivedOn: TODAY },
    then: { status: 'in_progress', event: 'requests.FeeNoticeReceived', data: { receivedOn: TODAY, payByOn: plus(TODAY, 20) } },
    refused: { body: { receivedOn: addCalendarDays(TODAY, 1) }, status: 422, code: 'DATE_IN_FUTURE' },
  },
  {
    action: 'fee-paid',
    given: feeDue,
    body: { amountYuan: 1700 },
    then: { status: 'in_progress', event: 'requests.FeePaid', data: { amountYuan: 1700, paidOn: TODAY } },
    refused: { body: { amountYuan: 10 }, status: 422, code: 'FEE_AMOUNT_MISMATCH' },
  },
  {
    action: 'abandon-unpaid',
    given: feeLapsed,
    body: {},
    then: { status: 'abandoned', event: 'requests.RequestAbandoned', data: { category: 'other.unpaid', legalBasis: ART_42_FEES } },
    refused: { given: feeDue, status: 422, code: 'FEE_NOTICE_RECEIPT_UNKNOWN' },
  },
  {
    action: 'draft-reply',
    given: assigned,
    body: { category: 'withhold.state_secret', content: '经审查，该信息依法确定为国家秘密。' },
    then: {
      status: 'under_review',
      event: 'requests.ReplyDrafted',
      data: { category: 'withhold.state_secret', legalBasis: CATEGORY_LEGAL['withhold.state_secret'].article },
    },
    refused: { body: { category: 'partial', content: '部分公开' }, status: 422, code: 'PARTIAL_NEEDS_WITHHELD' },
  },
  {
    action: 'review',
    given: underReview,
    role: 'reviewer',
    body: { approved: true, comment: '同意' },
    then: { status: 'approved', event: 'requests.ReplyReviewed', data: { approved: true, reviewedOn: TODAY } },
    refused: { role: 'clerk', status: 403, code: 'REVIEW_NEEDS_REVIEWER' },
  },
  {
    action: 'reply',
    given: approved,
    body: {},
    then: {
      status: 'replied',
      event: 'requests.ReplyIssued',
      data: { category: 'disclose', repliedOn: TODAY, onTime: true, legalBasis: CATEGORY_LEGAL.disclose.article },
    },
    refused: { given: underReview, status: 422, code: 'REQUEST_WRONG_STATUS' },
  },
  {
    action: 'delivery',
    given: replied,
    body: { method: '电子邮件', reference: 'lm@example.cn' },
    then: { status: 'delivered', event: 'requests.ReplyDelivered', data: { method: '电子邮件', deliveredOn: TODAY } },
    refused: { given: approved, status: 422, code: 'REQUEST_WRONG_STATUS' },
  },
  {
    action: 'archive',
    given: [...replied, step({ type: 'RecordDelivery', method: '邮寄' })],
    body: { archiveNo: 'ZSZ-2026-YSQ-001' },
    then: { status: 'archived', event: 'requests.RequestArchived', data: { archiveNo: 'ZSZ-2026-YSQ-001', archivedOn: TODAY } },
    refused: { given: replied, status: 422, code: 'REQUEST_WRONG_STATUS' },
  },
  {
    action: 'link-information',
    given: assigned,
    body: { informationKey: 'weifang-2025', information: '2025年农村危房改造补助对象名单' },
    then: { status: 'in_progress', event: 'requests.InformationLinked', data: { informationKey: 'weifang-2025' } },
    refused: { body: { informationKey: 'Wei Fang', information: '名单' }, status: 400, code: 'VALIDATION_FAILED' },
  },
  {
    action: 'challenges',
    given: replied,
    body: { challengeId: 'F1', kind: 'reconsideration', filedOn: TODAY, body: '枣庄市台儿庄区人民政府' },
    then: { status: 'replied', event: 'requests.ChallengeFiled', data: { challengeId: 'F1', kind: 'reconsideration' } },
    refused: {
      given: assigned,
      body: { challengeId: 'F1', kind: 'reconsideration', filedOn: TODAY, body: '枣庄市台儿庄区人民政府', against: 'reply' },
      status: 422,
      code: 'NO_REPLY_YET',
    },
  },
  {
    action: 'challenges',
    given: assigned,
    body: { challengeId: 'F2', kind: 'litigation_direct', filedOn: TODAY, body: '台儿庄区人民法院' },
    then: { status: 'in_progress', event: 'requests.ChallengeFiled', data: { challengeId: 'F2', party: 'applicant', against: 'no_reply' } },
    refused: {
      body: { challengeId: 'F2', kind: 'reconsideration', filedOn: TODAY, body: '台儿庄区人民政府', party: 'third_party' },
      status: 422,
      code: 'NO_DISCLOSURE_DECISION',
    },
  },
  {
    action: 'count-items',
    given: assigned,
    body: { items: 15, reason: '一份申请含15项内容' },
    then: { status: 'in_progress', event: 'requests.ItemsCounted', data: { items: 15 } },
    refused: { given: feeDue, status: 422, code: 'FEE_ALREADY_NOTIFIED' },
  },
  {
    action: 'third-party-notice',
    given: thirdPartyObjected,
    body: { consultationId: 'C1', reason: '不公开可能对公共利益造成重大影响' },
    then: { status: 'in_progress', event: 'requests.ThirdPartyDisclosureNotified', data: { party: '枣庄某建筑公司', noticeOn: TODAY } },
    refused: { given: consulting, status: 422, code: 'THIRD_PARTY_DID_NOT_OBJECT' },
  },
  {
    action: 'reasons-request',
    given: assigned,
    body: { periodWorkingDays: 5 },
    then: { status: 'in_progress', event: 'requests.ReasonsRequested', data: { noticeOn: TODAY, answerDueOn: plus(TODAY, 5) } },
    refused: { given: askedForReasons, status: 409, code: 'REASONS_ALREADY_REQUESTED' },
  },
  {
    action: 'reasons-answer',
    given: askedForReasons,
    body: { outcome: 'rejected', note: '未说明合理理由' },
    then: { status: 'in_progress', event: 'requests.ReasonsAnswered', data: { outcome: 'rejected', answeredOn: TODAY } },
    refused: { body: { outcome: 'no_answer' }, status: 422, code: 'REASONS_PERIOD_RUNNING' },
  },
  {
    action: 'defer-reply',
    given: [...askedForReasons, step({ type: 'RecordReasons', outcome: 'accepted' })],
    role: 'office_head',
    body: { replyByOn: plus(TODAY, 45), reason: '申请数量较大，需逐件检索', noticeSentOn: TODAY },
    then: { status: 'in_progress', event: 'requests.ReplyDeferred', data: { replyByOn: plus(TODAY, 45), dueOn: plus(TODAY, 45) } },
    refused: { role: 'clerk', status: 403, code: 'DEFERRAL_NEEDS_OFFICE_HEAD' },
  },
  {
    action: 'challenge-decision',
    given: challenged,
    body: { challengeId: 'F1', outcome: '维持', decidedOn: TODAY },
    then: { status: 'replied', event: 'requests.ChallengeDecided', data: { challengeId: 'F1', outcome: '维持' } },
    refused: { body: { challengeId: 'F9', outcome: '维持', decidedOn: TODAY }, status: 404, code: 'CHALLENGE_NOT_FOUND' },
  },
];

/** Every handling action of `POST /api/requests/:requestId/:action` over HTTP: real store, FerretDB, Kafka. */
describe('request handling actions over HTTP', () => {
  let app: INestApplication;
  let store: EventStore;
  let commands: CommandHandler;
  let count = 0;

  beforeAll(async () => {
    ({ app } = await createApp({ shape: 'requests', title: 'request actions test', modules: () => [RequestsModule] }, isolatedEnv()));
    await app.init();
    await knownUnits(app, [UNIT, 'TEZ-EDU', 'TEZ-CIVIL']);
    store = app.get(EVENT_STORE);
    commands = app.get(CommandHandler);
  }, 120000);
  afterAll(() => app?.close());

  const context = (role: Role, on: LocalDate): CommandContext => ({
    actor: { userId: `${role}-${UNIT}`, unitId: UNIT, role },
    correlationId: `given-${count}`,
    now: `${on}T02:00:00.000Z`,
  });

  /** A new request of the unit brought to the given case through the command handler. */
  async function given(setup: Case['given']): Promise<string> {
    const { receivedOn, steps } = Array.isArray(setup) ? { receivedOn: TODAY, steps: setup } : setup;
    const requestId = `act-${Date.now()}-${++count}`;
    const receive = {
      type: 'ReceiveRequest',
      requestId,
      unitId: UNIT,
      channel: 'registered_post',
      receivedOn,
      receiptBasis: '本机关签收之日',
      applicant: { type: '自然人', name: '李明', phone: '13912345678' },
      applicantKey: hex(`applicant-${requestId}`),
      description: '张山子镇2025年农村危房改造补助对象名单',
      preferredForm: '电子',
      delivery: '电子邮件',
      trackingCodeHash: hex(`tracking-${requestId}`),
      possibleRepeatOf: [],
    };
    for (const { command, role = 'clerk', on = receivedOn } of [step(receive), ...steps]) {
      await commands.handle(
        requestDecider(defaultWorkingDayCalendar()),
        requestStreamId(requestId),
        { ...command, today: on } as RequestCommand,
        context(role, on),
      );
    }
    return requestId;
  }

  const act = async (role: Role, requestId: string, action: string, body: object) =>
    request(app.getHttpServer())
      .post(`/api/requests/${requestId}/${action}`)
      .set('Authorization', `Bearer ${await tokenFor(role, UNIT)}`)
      .send(body);

  /** The refusal: status, stable code, zh-CN detail as problem+json, and nothing appended. */
  async function expectRefused(role: Role, requestId: string, action: string, body: object, status: number, code: string) {
    const before = await store.headPosition();
    const res = await act(role, requestId, action, body);
    expect([action, res.status, res.body.code]).toEqual([action, status, code]);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/[\u4e00-\u9fa5]/);
    expect(await store.headPosition()).toBe(before);
  }

  it.each(CASES.map((c) => [c.action, c] as const))('%s: succeeds and appends its event', async (action, c) => {
    const requestId = await given(c.given);
    const res = await act(c.role ?? 'clerk', requestId, action, c.body);
    expect([action, res.status, res.body.code]).toEqual([action, 200, undefined]);
    expect(res.body).toMatchObject({ requestId, status: c.then.status, events: [c.then.event] });
    const events = await store.readStream(requestStreamId(requestId));
    const last = events[events.length - 1];
    expect(last.type).toBe(c.then.event);
    expect(last.data).toMatchObject(c.then.data ?? {});
  });

  it.each(CASES.map((c) => [c.action, c.refused.code, c] as const))('%s: refuses with %s and appends nothing', async (action, _code, c) => {
    const requestId = await given(c.refused.given ?? c.given);
    await expectRefused(c.refused.role ?? c.role ?? 'clerk', requestId, action, c.refused.body ?? c.body, c.refused.status, c.refused.code);
  });

  it('refuses auditors, other units, unknown actions and unknown requests', async () => {
    const requestId = await given(assigned);
    await expectRefused('auditor', requestId, 'archive', { archiveNo: 'X-1' }, 403, 'READ_ONLY_ROLE');
    const before = await store.headPosition();
    const other = await request(app.getHttpServer())
      .post(`/api/requests/${requestId}/assign`)
      .set('Authorization', `Bearer ${await tokenFor('clerk', 'TEZ-EDU')}`)
      .send({ handlerId: 'x' });
    expect([other.status, other.body.code]).toEqual([403, 'OTHER_UNIT']);
    expect(await store.headPosition()).toBe(before);
    await expectRefused('clerk', requestId, 'approve-everything', {}, 404, 'ACTION_UNKNOWN');
    await expectRefused('clerk', 'no-such-request', 'assign', { handlerId: 'x' }, 404, 'REQUEST_NOT_FOUND');
  });

  it('suggests proactive disclosure (Art. 44) once three applicants obtained the same linked information', async () => {
    const informationKey = `art44-${Date.now()}`;
    const streamId = `requests.frequent-${UNIT}-${informationKey}`;
    const requestIds = [await given(replied), await given(replied), await given(replied)];
    const body = { informationKey, information: '2025年农村危房改造补助对象名单' };
    for (const requestId of requestIds.slice(0, 2)) expect((await act('clerk', requestId, 'link-information', body)).status).toBe(200);
    // The third link is the one that reaches the threshold (the process manager reads the others from the read model).
    const token = await tokenFor('clerk', UNIT);
    for (const requestId of requestIds.slice(0, 2)) {
      await eventually(async () => {
        const res = await request(app.getHttpServer()).get(`/api/requests/${requestId}`).set('Authorization', `Bearer ${token}`);
        return res.body.information?.informationKey === informationKey ? true : undefined;
      }, 90000); // behind every earlier case's events on a shared machine
    }
    expect(await store.readStream(streamId)).toEqual([]);
    expect((await act('clerk', requestIds[2], 'link-information', body)).status).toBe(200);
    const suggested = await eventually(async () => {
      const events = await store.readStream(streamId);
      return events.length > 0 ? events : undefined;
    });
    expect(suggested).toHaveLength(1);
    expect(suggested[0]).toMatchObject({
      type: 'requests.ProactiveDisclosureSuggested',
      data: { unitId: UNIT, informationKey, count: 3 },
      actor: { role: 'system' },
    });
    expect([...(suggested[0].data.requestIds as string[])].sort()).toEqual([...requestIds].sort());
  }, 180000);

  it('serves the extension, third-party and fee letters over HTTP, each citing its article; refuses unknown kinds', async () => {
    const requestId = await given({
      receivedOn: dueToday,
      steps: [
        ...assigned,
        step(
          {
            type: 'ExtendDeadline',
            workingDays: 3,
            reason: '需调取档案',
            noticeSentOn: TODAY,
            by: { userId: 'head-1', unitId: UNIT, role: 'office_head' },
          },
          'office_head',
          TODAY,
        ),
        step({ type: 'IssueFeeNotice', method: 'per_page', quantity: 150, pausesClock: false }, 'clerk', TODAY),
        ...consulting.slice(assigned.length).map((s) => ({ ...s, on: TODAY })),
      ],
    });
    const token = await tokenFor('clerk', UNIT);
    const letter = (kind: string) =>
      eventually(
        async () => {
          const res = await request(app.getHttpServer())
            .get(`/api/requests/${requestId}/letters/${kind}`)
            .set('Authorization', `Bearer ${token}`)
            .buffer(true)
            .parse((r, cb) => {
              const chunks: Buffer[] = [];
              r.on('data', (c: Buffer) => chunks.push(c));
              r.on('end', () => cb(null, Buffer.concat(chunks)));
            });
          return res.status === 200 ? (await JSZip.loadAsync(res.body)).file('word/document.xml')!.async('string') : undefined;
        },
        30000,
        `the ${kind} letter`,
      );
    for (const [kind, article] of [
      ['extension', ART_33_EXTENSION],
      ['consultation', ART_32_THIRD_PARTY],
      ['fee', ART_42_FEES],
    ]) {
      expect([kind, (await letter(kind)).includes(`根据${article}的规定`)]).toEqual([kind, true]);
    }
    const unknown = await request(app.getHttpServer())
      .get(`/api/requests/${requestId}/letters/summons`)
      .set('Authorization', `Bearer ${token}`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'LETTER_KIND_UNKNOWN']);
    const none = await request(app.getHttpServer()).get(`/api/requests/${requestId}/letters/reply`).set('Authorization', `Bearer ${token}`);
    expect([none.status, none.body.code]).toEqual([422, 'LETTER_NOT_APPLICABLE']);
  });
});

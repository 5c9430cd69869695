import { checkContract, COMMENTER_MARKING, DEFAULT_INTERPRETATION_LIMITS, type CommentSubmitted } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { defaultWorkingDayCalendar } from '@gongkai/working-days';
import { upcastCommentSubmittedV1 } from './upcasts';
import { consultationDecider, type ConsultationCommand } from './consultation.decide';
import { decidedBy } from './decided.testing';

const spec = deciderSpec(consultationDecider(defaultWorkingDayCalendar()));
const decided = decidedBy(spec);
const open = (overrides: Partial<Extract<ConsultationCommand, { type: 'OpenConsultation' }>> = {}): ConsultationCommand => ({
  type: 'OpenConsultation',
  consultationId: 'K1',
  unitId: 'TEZ-NATRES',
  title: '台儿庄区国土空间总体规划（草案）',
  draft: '草案全文……',
  kind: 'major_decision',
  opensOn: '2026-04-01',
  closesOn: '2026-04-30',
  today: '2026-03-31',
  limits: DEFAULT_INTERPRETATION_LIMITS,
  ...overrides,
});
const opened = decided(open());
const DIGEST = 'a'.repeat(64);
const comment = (commentId: string, today = '2026-04-10'): ConsultationCommand => ({
  type: 'SubmitComment',
  commentId,
  content: '建议增加公园绿地',
  commenterName: '张三',
  contactDigest: DIGEST,
  personalDataRef: `pd-${commentId}`,
  today,
});

describe('consultation decider (向社会公开征求意见)', () => {
  it('accepts a 30-day period for a major administrative decision (both ends counted)', () => {
    expect(opened[0].data).toMatchObject({
      periodDays: 30,
      periodUnit: 'calendar_days',
      minimumDays: 30,
      legalBasis: expect.stringContaining('30日'),
    });
    expect(opened[0].data).not.toHaveProperty('shortPeriodReason');
  });

  it('refuses a 29-day period for a major decision without a reason', () => {
    spec
      .given()
      .when(open({ closesOn: '2026-04-29' }))
      .thenError('COMMENT_PERIOD_TOO_SHORT', { kind: 'rule', detail: expect.stringContaining('29日') });
    spec
      .given()
      .when(open({ closesOn: '2026-04-29', shortPeriodReason: '   ' }))
      .thenError('COMMENT_PERIOD_TOO_SHORT');
  });

  it('accepts a shorter period for a major decision with a recorded reason', () => {
    const [event] = decided(open({ closesOn: '2026-04-15', shortPeriodReason: '防汛工程须在汛期前开工，经区政府常务会议同意缩短' }));
    expect(event.data).toMatchObject({ periodDays: 15, minimumDays: 30, shortPeriodReason: expect.stringContaining('汛期') });
  });

  it('counts 7 working days for a normative document, skipping weekends', () => {
    // Wed 2026-03-04 … Thu 2026-03-12 = 7 working days; … Wed 03-11 = 6.
    const ok = decided(open({ kind: 'normative_document', opensOn: '2026-03-04', closesOn: '2026-03-12', today: '2026-03-04' }));
    expect(ok[0].data).toMatchObject({ periodDays: 7, periodUnit: 'working_days', minimumDays: 7 });

    spec
      .given()
      .when(open({ kind: 'normative_document', opensOn: '2026-03-04', closesOn: '2026-03-11', today: '2026-03-04' }))
      .thenError('COMMENT_PERIOD_TOO_SHORT', { detail: expect.stringContaining('6个工作日') });
  });

  it('uses the configured minimum', () => {
    const limits = { ...DEFAULT_INTERPRETATION_LIMITS, majorDecisionCommentDays: 45 };
    spec.given().when(open({ limits })).thenError('COMMENT_PERIOD_TOO_SHORT');
  });

  it('refuses a period opening in the past or closing before it opens', () => {
    spec
      .given()
      .when(open({ today: '2026-04-02' }))
      .thenError('OPENS_IN_PAST');
    spec
      .given()
      .when(open({ closesOn: '2026-03-30', kind: 'other' }))
      .thenError('CLOSES_BEFORE_OPENS');
  });

  it('takes comments only while open', () => {
    spec
      .given(...opened)
      .when(comment('c1', '2026-03-31'))
      .thenError('CONSULTATION_NOT_YET_OPEN');
    spec
      .given(...opened)
      .when(comment('c1', '2026-05-01'))
      .thenError('CONSULTATION_CLOSED');
    spec
      .given(...opened)
      .when(comment('c1', '2026-04-30'))
      .then([
        {
          type: 'interpretation.CommentSubmitted',
          data: {
            consultationId: 'K1',
            unitId: 'TEZ-NATRES',
            commentId: 'c1',
            content: '建议增加公园绿地',
            displayName: '张*',
            contactDigest: DIGEST,
            personalDataRef: 'pd-c1',
            commenterName: '张三',
            contact: null,
            originalContent: null,
            submittedOn: '2026-04-30',
          },
        },
      ]);
  });

  it('keeps the person in the marked fields only (sealed by the command handler): masked name and text in clear, the v3 contract met', () => {
    const [event] = decided(
      {
        ...comment('c9'),
        commenterName: '欧阳娜娜',
        contact: '13812345678',
        content: '请回电13812345678，身份证370405199001011234',
      } as ConsultationCommand,
      ...opened,
    );
    expect(event.data).toMatchObject({
      displayName: '欧***',
      content: '请回电138****5678，身份证370***********34',
      commenterName: '欧阳娜娜',
      contact: '13812345678',
      originalContent: '请回电13812345678，身份证370405199001011234',
    });
    // Outside the fields the contracts mark for sealing (COMMENTER_MARKING), nothing personal.
    const { commenterName: _n, contact: _c, originalContent: _o, ...unmarked } = event.data as CommentSubmitted;
    expect(COMMENTER_MARKING.fields).toEqual(['commenterName', 'contact', 'originalContent']);
    expect(JSON.stringify(unmarked)).not.toMatch(/欧阳娜娜|13812345678|370405199001011234/);
    expect(checkContract(event.type, 3, event.data)).toEqual({ ok: true }); // v3, the current version (event-versions.spec.ts)
    const anonymous = decided(
      {
        type: 'SubmitComment',
        commentId: 'c10',
        content: '建议增加公园绿地',
        contactDigest: null,
        personalDataRef: null,
        today: '2026-04-10',
      },
      ...opened,
    );
    expect(anonymous[0].data).toMatchObject({
      displayName: '匿名',
      contactDigest: null,
      personalDataRef: null,
      commenterName: null,
      contact: null,
      originalContent: null,
    });
    // An unmasked name breaks the contract, so it can never be appended.
    expect(checkContract(event.type, 3, { ...event.data, displayName: '欧阳娜娜' }).ok).toBe(false);
  });

  it('folds a v1 comment (with name and contact, as recorded before v2) through the upcaster', () => {
    const v1 = {
      consultationId: 'K1',
      commentId: 'old',
      content: '电话13812345678',
      commenterName: '王小明',
      contact: '13812345678',
      submittedOn: '2026-04-02',
    };
    const upcast = upcastCommentSubmittedV1(v1);
    expect(upcast).toEqual({
      consultationId: 'K1',
      commentId: 'old',
      content: '电话138****5678',
      displayName: '王**',
      contactDigest: null,
      personalDataRef: null,
      submittedOn: '2026-04-02',
    });
    expect(checkContract('interpretation.CommentSubmitted', 2, upcast)).toEqual({ ok: true });
    const state = spec.given(...opened, { type: 'interpretation.CommentSubmitted', data: upcast as CommentSubmitted });
    expect(state.when({ type: 'ModerateComment', commentId: 'old', decision: 'approved' }).decision).toHaveLength(1);
  });

  it('publishes the adoption (采纳情况) only after closing, with an outcome for every approved comment', () => {
    const c1 = decided(comment('c1'), ...opened);
    const c2 = decided(comment('c2'), ...opened, ...c1);
    const m1 = decided(
      {
        type: 'ModerateComment',
        commentId: 'c1',
        decision: 'approved',
      },
      ...opened,
      ...c1,
      ...c2,
    );
    const history = [...opened, ...c1, ...c2, ...m1];
    spec
      .given(...history)
      .when({ type: 'PublishAdoption', summary: '…', outcomes: [], today: '2026-05-02' })
      .thenError('COMMENTS_PENDING');
    spec
      .given(...history)
      .when({ type: 'ModerateComment', commentId: 'c2', decision: 'rejected' })
      .thenError('REJECTION_REASON_REQUIRED');
    const m2 = decided(
      {
        type: 'ModerateComment',
        commentId: 'c2',
        decision: 'rejected',
        reason: '与草案无关',
      },
      ...history,
    );
    expect(m2).toEqual([
      {
        type: 'interpretation.CommentModerated',
        data: { consultationId: 'K1', unitId: 'TEZ-NATRES', commentId: 'c2', decision: 'rejected', reason: '与草案无关' },
      },
    ]);
    expect(m1[0].data).toMatchObject({ unitId: 'TEZ-NATRES', decision: 'approved' });
    const all = [...history, ...m2];

    spec
      .given(...all)
      .when({ type: 'PublishAdoption', summary: '…', outcomes: [{ commentId: 'c1', outcome: '采纳' }], today: '2026-04-30' })
      .thenError('CONSULTATION_STILL_OPEN');
    spec
      .given(...all)
      .when({ type: 'PublishAdoption', summary: '…', outcomes: [], today: '2026-05-02' })
      .thenError('OUTCOME_MISSING');

    spec
      .given(...all)
      .when({
        type: 'PublishAdoption',
        summary: '…',
        outcomes: [{ commentId: 'c1', outcome: '未采纳' }],
        today: '2026-05-02',
      })
      .thenError('NON_ADOPTION_REASON_REQUIRED');

    spec
      .given(...all)
      .when({
        type: 'PublishAdoption',
        summary: '…',
        outcomes: [
          { commentId: 'c1', outcome: '采纳' },
          { commentId: 'c2', outcome: '采纳' },
        ],
        today: '2026-05-02',
      })
      .thenError('OUTCOME_FOR_UNKNOWN_COMMENT');
    const [published] = decided(
      {
        type: 'PublishAdoption',
        summary: '共收到2条意见',
        outcomes: [{ commentId: 'c1', outcome: '采纳' }],
        today: '2026-05-02',
      },
      ...all,
    );
    expect(published.data).toMatchObject({
      commentsReceived: 2,
      commentsApproved: 1,
      adopted: 1,
      partlyAdopted: 0,
      notAdopted: 0,
      unitId: 'TEZ-NATRES',
      kind: 'major_decision',
    });
    expect(
      spec.given(...all, published).when({ type: 'PublishAdoption', summary: '…', outcomes: [], today: '2026-05-03' }).decision,
    ).toMatchObject({
      kind: 'conflict',
    });
  });

  describe("erasing a commenter's personal data (删除个人信息)", () => {
    const c1 = decided(comment('c1'), ...opened);
    const erase = (overrides: Partial<Extract<ConsultationCommand, { type: 'ErasePersonalData' }>> = {}): ConsultationCommand => ({
      type: 'ErasePersonalData',
      refId: 'pd-c1',
      recordId: 'c1',
      reason: '  提出人来电要求删除其联系方式  ',
      today: '2026-05-10',
      ...overrides,
    });

    it('records the reference, the unit, the ground and the reason, nothing personal, even after the period closed', () => {
      const events = decided(erase(), ...opened, ...c1);
      expect(events).toEqual([
        {
          type: 'interpretation.PersonalDataErased',
          data: {
            refId: 'pd-c1',
            kind: 'comment',
            unitId: 'TEZ-NATRES',
            subjectId: 'K1',
            recordId: 'c1',
            legalBasis: expect.stringContaining('个人信息保护法'),
            reason: '提出人来电要求删除其联系方式',
            erasedOn: '2026-05-10',
            ground: 'request_by_person',
          },
        },
      ]);
      expect(checkContract(events[0].type, 1, events[0].data)).toEqual({ ok: true }); // v1, the current version (event-versions.spec.ts)
      expect(JSON.stringify(events)).not.toMatch(/张三|displayName|contact/);
    });

    it('tracks the erasure in the state and refuses a second one', () => {
      const erased = decided(erase(), ...opened, ...c1);
      const state = spec.given(...opened, ...c1, ...erased);
      expect(state.state).toMatchObject({ comments: [{ commentId: 'c1', personalDataRef: 'pd-c1', erasedOn: '2026-05-10' }] });
      state.when(erase({ today: '2026-05-11' })).thenError('PERSONAL_DATA_ALREADY_ERASED', {
        kind: 'conflict',
        detail: expect.stringContaining('2026-05-10'),
        extensions: { erasedOn: '2026-05-10' },
      });
      // The comment itself is untouched: it can still be moderated and counted.
      expect(state.when({ type: 'ModerateComment', commentId: 'c1', decision: 'approved' }).decision).toHaveLength(1);
    });

    it("refuses a reference that is not the comment's, an unknown comment and a comment with nothing personal", () => {
      const anonymous = decided(
        {
          type: 'SubmitComment',
          commentId: 'c2',
          content: '建议增加公园绿地',
          contactDigest: null,
          personalDataRef: null,
          today: '2026-04-10',
        },
        ...opened,
        ...c1,
      );
      const state = spec.given(...opened, ...c1, ...anonymous);
      state
        .when(erase({ refId: 'pd-other' }))
        .thenError('PERSONAL_DATA_RECORD_NOT_FOUND', { kind: 'not_found', detail: expect.stringContaining('该征求意见') });
      state.when(erase({ recordId: 'c9' })).thenError('PERSONAL_DATA_RECORD_NOT_FOUND');
      state.when(erase({ recordId: 'c2', refId: 'pd-c2' })).thenError('PERSONAL_DATA_RECORD_NOT_FOUND');
      spec.given().when(erase()).thenError('CONSULTATION_NOT_FOUND');
    });

    it('refuses an erasure without a reason', () => {
      spec
        .given(...opened, ...c1)
        .when(erase({ reason: ' 删 ' }))
        .thenError('ERASURE_REASON_REQUIRED', { kind: 'rule' });
      spec
        .given(...opened, ...c1)
        .when(erase({ reason: 'x'.repeat(501) }))
        .thenError('ERASURE_REASON_REQUIRED');
    });
  });
});

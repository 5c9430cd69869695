import type { Actor, Role } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { DomainError } from '@gongkai/platform/domain';
import { defaultWorkingDayCalendar, type LocalDate } from '@gongkai/working-days';
import { readClock, type OpenRequest, type RequestEvent } from './request';
import { requestDecider, type RequestCommand } from './request.decide';

/**
 * Given events / when command / then events-or-error, on the real statutory calendar
 * (chinese-days, 2026: 春节 off Sun 02-15..Mon 02-23, make-up Sat 02-14 and Sat 02-28; 清明 off
 * Sat 04-04..Mon 04-06; 国庆 off 10-01..10-07, make-up Sun 09-20 and Sat 10-10).
 */
const d = (s: string) => s as LocalDate;
const HASH = 'a'.repeat(64);
const calendar = defaultWorkingDayCalendar();
const spec = deciderSpec(requestDecider(calendar));
const actor = (userId: string, role: Role): Actor => ({ userId, unitId: 'TEZ-ZSZ', role });
const CLERK = actor('clerk-1', 'clerk');

/** The events the given commands record, each decided on the state the earlier ones left. */
/** The events the given commands record, each decided on the state the earlier ones left. */
const history = (commands: RequestCommand[]): RequestEvent[] => spec.recorded(...commands);

function run(commands: RequestCommand[]): { events: RequestEvent[]; state: OpenRequest } {
  const events = history(commands);
  return { events, state: spec.given(...events).state as OpenRequest };
}

/** Given the events of these commands, when this command. */
const when = (given: RequestCommand[], command: RequestCommand) => spec.given(...history(given)).when(command);

const receive = (receivedOn: string, today = receivedOn): RequestCommand => ({
  type: 'ReceiveRequest',
  today: d(today),
  requestId: 'REQ-0001-test',
  unitId: 'TEZ-ZSZ',
  channel: 'in_person',
  receivedOn: d(receivedOn),
  receiptBasis: '申请人当面提交之日',
  applicant: { type: '自然人', name: '张三', phone: '13800000000' },
  applicantKey: HASH,
  description: '2025年张山子镇农村危房改造补助资金发放名单',
  preferredForm: '纸质',
  delivery: '邮寄',
  trackingCodeHash: HASH,
  possibleRepeatOf: [],
});

const due = (given: RequestCommand[], today: string) => readClock(calendar, run(given).state.clock, d(today)).dueOn;

describe('request decider: the statutory clock on the real calendar', () => {
  it('received Fri 2026-02-13, just before the Spring Festival: due Thu 2026-03-19', () => {
    // Day of receipt not counted. Sat 02-14 make-up (1); 02-15..02-23 off; Tue 02-24..Fri 02-27 (2–5);
    // Sat 02-28 make-up (6); Mar 2–6 (7–11), 9–13 (12–16), 16, 17, 18 (17–19), Thu 03-19 (20).
    expect(due([receive('2026-02-13')], '2026-02-13')).toBe('2026-03-19');
  });

  it('counts down and flags near-due (3 working days) and overdue', () => {
    const given = [receive('2026-02-13')];
    // On Mon 03-16: 17, 18, 19 March are left → 3, near due.
    expect(readClock(calendar, run(given).state.clock, d('2026-03-16'))).toMatchObject({
      remainingWorkingDays: 3,
      nearDue: true,
      overdue: false,
    });
    expect(readClock(calendar, run(given).state.clock, d('2026-03-13'))).toMatchObject({ remainingWorkingDays: 4, nearDue: false });
    // On Fri 03-20 the case is one working day overdue.
    expect(readClock(calendar, run(given).state.clock, d('2026-03-20'))).toMatchObject({
      remainingWorkingDays: -1,
      overdue: true,
      nearDue: false,
    });
  });

  it('an extension of 20 working days approved by the office head: due Fri 2026-04-17', () => {
    // From Thu 03-19: Mar 20 (1), 23–27 (2–6), 30, 31 (7, 8), Apr 1–3 (9–11); 清明 Sat 04-04..Mon 04-06 off;
    // Apr 7–10 (12–15), 13–16 (16–19), Fri 04-17 (20).
    const given = [receive('2026-02-13')];
    const extend: RequestCommand = {
      type: 'ExtendDeadline',
      today: d('2026-03-10'),
      workingDays: 20,
      reason: '需协调多个部门调取档案',
      noticeSentOn: d('2026-03-10'),
      by: actor('head-1', 'office_head'),
    };
    const events = when(given, extend).decision as RequestEvent[];
    expect(events).toEqual([
      expect.objectContaining({
        type: 'requests.DeadlineExtended',
        data: expect.objectContaining({ workingDays: 20, newDueOn: '2026-04-17', approvedBy: 'head-1' }),
      }),
    ]);
    expect(due([...given, extend], '2026-03-10')).toBe('2026-04-17');
    // At most 20 working days in all, only the office head approves, and never after the deadline passed.
    when([...given, extend], { ...extend, workingDays: 1 }).thenError('EXTENSION_TOO_LONG');
    when(given, { ...extend, by: actor('head-1', 'clerk') }).thenError('EXTENSION_NEEDS_OFFICE_HEAD', { kind: 'forbidden' });
    when(given, { ...extend, today: d('2026-03-20'), noticeSentOn: d('2026-03-20') }).thenError('DEADLINE_PASSED');
  });

  it('a third-party consultation pauses the clock: received Mon 03-02, consulted 03-10..03-24, due Wed 2026-04-15', () => {
    // Unpaused due: Mar 3–6 (1–4), 9–13 (5–9), 16–20 (10–14), 23–27 (15–19), Mon 03-30 (20).
    // The pause covers the working days 10–13, 16–20, 23, 24 March = 11, so 11 more after 03-30:
    // Mar 31 (1), Apr 1–3 (2–4), 清明 off, Apr 7–10 (5–8), 13, 14, Wed 04-15 (9–11).
    const given = [receive('2026-03-02')];
    expect(due(given, '2026-03-02')).toBe('2026-03-30');
    const start: RequestCommand = {
      type: 'StartConsultation',
      today: d('2026-03-10'),
      consultationId: 'c1',
      kind: 'third_party',
      party: '某建筑公司',
      subject: '是否同意公开中标合同',
    };
    const [started] = when(given, start).decision as RequestEvent[];
    // The third party answers within 15 working days: 03-11..03-13 (3), 16–20 (8), 23–27 (13), 30, 31 (15).
    expect(started.data).toMatchObject({ startedOn: '2026-03-10', answerDueOn: '2026-03-31' });
    const end: RequestCommand = { type: 'EndConsultation', today: d('2026-03-24'), consultationId: 'c1', outcome: '第三方不同意公开' };
    expect(due([...given, start, end], '2026-03-25')).toBe('2026-04-15');
    // While the consultation runs the due date moves day by day; the clock reads "paused".
    expect(readClock(calendar, run([...given, start]).state.clock, d('2026-03-12'))).toMatchObject({ paused: true });
  });

  it('counts the third party’s 15 working days from its receipt of the letter, once recorded', () => {
    const given = [
      receive('2026-03-02'),
      {
        type: 'StartConsultation',
        today: d('2026-03-10'),
        consultationId: 'c1',
        kind: 'third_party',
        party: '某建筑公司',
        subject: '是否同意公开中标合同',
      } as RequestCommand,
    ];
    // Sent Tue 03-10 (answer due 03-31 if received that day), signed for Fri 03-13:
    // 16–20 (5), 23–27 (10), 30, 31, Apr 1–3 (15) → Fri 04-03.
    const signed: RequestCommand = {
      type: 'RecordConsultationLetterReceipt',
      today: d('2026-03-16'),
      consultationId: 'c1',
      receivedOn: d('2026-03-13'),
    };
    expect(when(given, signed).decision).toMatchObject([
      {
        type: 'requests.ConsultationLetterReceived',
        data: { consultationId: 'c1', receivedOn: '2026-03-13', answerDueOn: '2026-04-03' },
      },
    ]);
    when([...given, signed], signed).thenError('LETTER_RECEIPT_RECORDED', { kind: 'conflict' });
    when(given, { ...signed, receivedOn: d('2026-03-09') } as RequestCommand).thenError('DATE_BEFORE_START');
    when(given, { ...signed, receivedOn: d('2026-03-17') } as RequestCommand).thenError('DATE_IN_FUTURE');
    when(given, { ...signed, consultationId: 'nope' } as RequestCommand).thenError('CONSULTATION_NOT_FOUND');
    const agency = [
      receive('2026-03-02'),
      {
        type: 'StartConsultation',
        today: d('2026-03-10'),
        consultationId: 'a1',
        kind: 'agency',
        party: '区民政局',
        subject: '会商',
      } as RequestCommand,
    ];
    when(agency, { ...signed, consultationId: 'a1' } as RequestCommand).thenError('NO_STATUTORY_ANSWER_PERIOD');
    const ended = [
      ...given,
      { type: 'EndConsultation', today: d('2026-03-12'), consultationId: 'c1', outcome: '同意公开' } as RequestCommand,
    ];
    when(ended, { ...signed, today: d('2026-03-13') } as RequestCommand).thenError('CONSULTATION_ENDED');
  });

  it('ends a consultation as “no answer” only once the party’s 15 working days from its receipt have run out', () => {
    const given = [
      receive('2026-03-02'),
      {
        type: 'StartConsultation',
        today: d('2026-03-10'),
        consultationId: 'c1',
        kind: 'third_party',
        party: '某建筑公司',
        subject: '是否同意公开中标合同',
      } as RequestCommand,
    ];
    const silent = (on: string) =>
      ({
        type: 'EndConsultation',
        today: d(on),
        consultationId: 'c1',
        outcome: '第三方逾期未提出意见',
        answer: 'no_answer',
      }) as RequestCommand;
    // When the letter arrived is not known: the period's end is not either.
    when(given, silent('2026-04-20')).thenError('LETTER_RECEIPT_UNKNOWN');
    // Signed for Fri 03-13: its answer is due Fri 04-03; silence counts from Mon 04-06 on.
    const signed = [
      ...given,
      {
        type: 'RecordConsultationLetterReceipt',
        today: d('2026-03-16'),
        consultationId: 'c1',
        receivedOn: d('2026-03-13'),
      } as RequestCommand,
    ];
    when(signed, silent('2026-04-03')).thenError('ANSWER_PERIOD_RUNNING', { detail: expect.stringContaining('2026-04-03') });
    expect(when(signed, silent('2026-04-07')).decision).toMatchObject([
      {
        type: 'requests.ConsultationEnded',
        data: { answer: 'no_answer', endedOn: '2026-04-07' },
      },
    ]);
    // An answer given within the period ends it at any time; another agency has no statutory period.
    expect(
      when(given, { ...silent('2026-03-12'), answer: 'objected', outcome: '第三方不同意公开' } as RequestCommand).decision,
    ).toMatchObject([{ data: { answer: 'objected' } }]);
    const agency = [
      receive('2026-03-02'),
      {
        type: 'StartConsultation',
        today: d('2026-03-10'),
        consultationId: 'c1',
        kind: 'agency',
        party: '区民政局',
        subject: '会商',
      } as RequestCommand,
    ];
    expect(when(agency, silent('2026-03-11')).decision).toMatchObject([{ data: { answer: 'no_answer' } }]);
  });

  it('a correction restarts the clock: received Mon 09-14, corrected Wed 09-30, due Tue 2026-11-03', () => {
    // The notice must go out within 7 working days: 15–18 (1–4), Sun 09-20 make-up (5), 21, Tue 09-22 (6, 7).
    // Restart from Wed 09-30: 国庆 10-01..10-07 off; Thu 10-08, Fri 10-09, Sat 10-10 make-up (1–3);
    // Oct 12–16 (4–8), 19–23 (9–13), 26–30 (14–18), Mon 11-02 (19), Tue 11-03 (20).
    const given = [receive('2026-09-14')];
    const notice: RequestCommand = {
      type: 'RequestCorrection',
      today: d('2026-09-16'),
      items: ['请明确所需信息的年份和村名'],
      periodWorkingDays: 10,
    };
    const [requested] = when(given, notice).decision as RequestEvent[];
    // Correction period of 10 working days from Wed 09-16: 17, 18 (1, 2), Sun 09-20 make-up (3), 21–24 (4–7),
    // Fri 09-25 中秋 off, 28, 29, Wed 09-30 (8–10).
    expect(requested.data).toMatchObject({ noticeOn: '2026-09-16', correctionDueOn: '2026-09-30' });
    when(given, { ...notice, today: d('2026-09-23') }).thenError('CORRECTION_TOO_LATE', { detail: expect.stringContaining('2026-09-22') });
    expect(when(given, { ...notice, today: d('2026-09-22') }).decision).not.toBeInstanceOf(DomainError);
    // While waiting, there is no running deadline.
    expect(readClock(calendar, run([...given, notice]).state.clock, d('2026-09-25'))).toMatchObject({
      dueOn: null,
      remainingWorkingDays: null,
    });
    const corrected: RequestCommand = {
      type: 'ReceiveCorrection',
      by: CLERK,
      today: d('2026-09-30'),
      receivedOn: d('2026-09-30'),
      note: '已补充年份',
    };
    expect(due([...given, notice, corrected], '2026-09-30')).toBe('2026-11-03');
    // Corrected a day earlier, Tue 09-29: Wed 09-30 (1), 10-08..10-10 (2–4), 12–16 (5–9), 19–23 (10–14),
    // 26–30 (15–19), Mon 11-02 (20).
    expect(due([...given, notice, { ...corrected, today: d('2026-09-29'), receivedOn: d('2026-09-29') }], '2026-09-29')).toBe('2026-11-02');
    when([...given, notice], { ...corrected, today: d('2026-10-08'), receivedOn: d('2026-10-08') }).thenError('CORRECTION_OVERDUE');
    when([...given, notice], { type: 'AbandonForNoCorrection', today: d('2026-09-30') }).thenError('CORRECTION_PERIOD_RUNNING');
    expect(when([...given, notice], { type: 'AbandonForNoCorrection', today: d('2026-10-08') }).decision).toMatchObject([
      {
        type: 'requests.RequestAbandoned',
        data: { category: 'other.no_correction', abandonedOn: '2026-10-08' },
      },
    ]);
    when([...given, notice], { type: 'RequestCorrection', today: d('2026-09-17'), items: ['再补'], periodWorkingDays: 5 }).thenError(
      'CORRECTION_ONLY_ONCE',
    );
  });

  it('a longer correction period runs over 中秋 and 国庆: 15 working days from Wed 09-16 end Tue 10-13', () => {
    const given = [
      receive('2026-09-14'),
      { type: 'RequestCorrection', today: d('2026-09-16'), items: ['请明确年份'], periodWorkingDays: 15 } as RequestCommand,
    ];
    // 17, 18, 20 (make-up), 21–24 (7), 中秋 09-25 off, 28–30 (10), 国庆 off, 10-08, 10-09, Sat 10-10 make-up (13), 12, 13 (15).
    expect(run(given).state.correction).toMatchObject({ dueOn: '2026-10-13' });
    const corrected: RequestCommand = { type: 'ReceiveCorrection', by: CLERK, today: d('2026-09-30'), receivedOn: d('2026-09-30') };
    expect(due([...given, corrected], '2026-09-30')).toBe('2026-11-03');
  });

  it('the fee period pauses the clock only when the setting says so', () => {
    // Received Mon 03-02, due Mon 03-30. Fee notice Mon 03-09 for 150 pages (¥1700), paid Fri 03-13.
    const given = [receive('2026-03-02')];
    const notice = (pausesClock: boolean): RequestCommand => ({
      type: 'IssueFeeNotice',
      today: d('2026-03-09'),
      method: 'per_page',
      quantity: 150,
      pausesClock,
    });
    const paid: RequestCommand = { type: 'RecordFeePayment', today: d('2026-03-13'), amountYuan: 1700 };
    expect(due([...given, notice(false), paid], '2026-03-13')).toBe('2026-03-30');
    // Paused 03-09..03-13 (5 working days): 03-30 + 5 = Mar 31, Apr 1, 2, 3, (清明) Tue 04-07.
    expect(due([...given, notice(true), paid], '2026-03-13')).toBe('2026-04-07');
    const [fee] = when(given, notice(false)).decision as RequestEvent[];
    // Pay within 20 working days of Mon 03-09: 10–13 (4), 16–20 (9), 23–27 (14), 30, 31, Apr 1–3 (19), Tue 04-07 (20).
    expect(fee.data).toMatchObject({ amountYuan: 1700, payByOn: '2026-04-07' });
    // Past the period counted from the notice date, but the applicant's receipt of the notice is not recorded: no abandonment.
    when([...given, notice(false)], { type: 'AbandonForNonPayment', today: d('2026-04-08') }).thenError('FEE_NOTICE_RECEIPT_UNKNOWN');
    // Nor is late payment refused while the receipt is unknown.
    expect(when([...given, notice(false)], { ...paid, today: d('2026-04-08') }).decision).toMatchObject([{ type: 'requests.FeePaid' }]);
    when([...given, notice(false), paid], notice(false)).thenError('FEE_ONLY_ONCE');
  });

  it('counts the 20 working days to pay from the applicant’s receipt of the fee notice, once recorded', () => {
    // Notice Mon 03-09 (pay by Tue 04-07 if received that day), sent by post and signed for Thu 03-12:
    // 03-13 (1), 16–20 (6), 23–27 (11), 30, 31, Apr 1–3 (16), (清明 04-04..06) 07–09 (19), Fri 04-10 (20).
    const given = [
      receive('2026-03-02'),
      { type: 'IssueFeeNotice', today: d('2026-03-09'), method: 'per_page', quantity: 150, pausesClock: false } as RequestCommand,
    ];
    const signedFor: RequestCommand = { type: 'RecordFeeNoticeReceipt', today: d('2026-03-16'), receivedOn: d('2026-03-12') };
    expect(when(given, signedFor).decision).toMatchObject([
      {
        type: 'requests.FeeNoticeReceived',
        data: { receivedOn: '2026-03-12', payByOn: '2026-04-10' },
      },
    ]);
    // Paying on 04-09 is within the applicant's period, though past the one counted from the notice date.
    expect(when([...given, signedFor], { type: 'RecordFeePayment', today: d('2026-04-09'), amountYuan: 1700 }).decision).toMatchObject([
      {
        type: 'requests.FeePaid',
      },
    ]);
    when([...given, signedFor], { type: 'AbandonForNonPayment', today: d('2026-04-10') }).thenError('FEE_PERIOD_RUNNING');
    expect(when([...given, signedFor], { type: 'AbandonForNonPayment', today: d('2026-04-13') }).decision).toMatchObject([
      {
        data: { category: 'other.unpaid' },
      },
    ]);
    // Refusals: before the notice, in the future, twice, without a notice, after payment.
    when(given, { ...signedFor, receivedOn: d('2026-03-06') } as RequestCommand).thenError('DATE_BEFORE_NOTICE');
    when(given, { ...signedFor, receivedOn: d('2026-03-17') } as RequestCommand).thenError('DATE_IN_FUTURE');
    when([...given, signedFor], signedFor).thenError('FEE_NOTICE_RECEIPT_RECORDED', { kind: 'conflict' });
    when([receive('2026-03-02')], signedFor).thenError('NO_FEE_NOTICE');
    when([...given, { type: 'RecordFeePayment', today: d('2026-03-13'), amountYuan: 1700 }], signedFor).thenError('FEE_ALREADY_PAID');
  });

  it('publishes the due date (dueOn) on every event that sets or moves it, null while paused', () => {
    const dueOf = (given: RequestCommand[]) => run(given).events.map((e) => [e.type, 'dueOn' in e.data ? e.data.dueOn : undefined]);
    // Receipt Fri 02-13 → Thu 03-19; extended by 20 working days → Fri 04-17 (both hand-worked above).
    const extend: RequestCommand = {
      type: 'ExtendDeadline',
      today: d('2026-03-10'),
      workingDays: 20,
      reason: '需协调多个部门调取档案',
      noticeSentOn: d('2026-03-10'),
      by: actor('head-1', 'office_head'),
    };
    const assign: RequestCommand = { type: 'AssignRequest', today: d('2026-02-24'), handlerId: 'clerk-1' };
    expect(dueOf([receive('2026-02-13'), assign, extend])).toEqual([
      ['requests.RequestReceived', '2026-03-19'],
      ['requests.RequestAssigned', undefined], // does not move the deadline: no dueOn
      ['requests.DeadlineExtended', '2026-04-17'],
    ]);
    // Received Mon 03-02 → Mon 03-30; consultation 03-10..03-24 pauses (null), then → Wed 04-15.
    const start: RequestCommand = {
      type: 'StartConsultation',
      today: d('2026-03-10'),
      consultationId: 'c1',
      kind: 'third_party',
      party: '某建筑公司',
      subject: '是否同意公开中标合同',
    };
    const end: RequestCommand = { type: 'EndConsultation', today: d('2026-03-24'), consultationId: 'c1', outcome: '第三方不同意公开' };
    expect(dueOf([receive('2026-03-02'), start, end])).toEqual([
      ['requests.RequestReceived', '2026-03-30'],
      ['requests.ConsultationStarted', null],
      ['requests.ConsultationEnded', '2026-04-15'],
    ]);
    // Two overlapping consultations: ending one leaves the clock paused.
    const start2: RequestCommand = { ...start, consultationId: 'c2', today: d('2026-03-12'), kind: 'agency' } as RequestCommand;
    expect(dueOf([receive('2026-03-02'), start, start2, end]).at(-1)).toEqual(['requests.ConsultationEnded', null]);
    // Correction: notice Wed 09-16 stops the clock (null); corrected Wed 09-30 → Tue 11-03 (Tue 09-29 → Mon 11-02).
    const notice: RequestCommand = {
      type: 'RequestCorrection',
      today: d('2026-09-16'),
      items: ['请明确所需信息的年份和村名'],
      periodWorkingDays: 10,
    };
    const corrected: RequestCommand = { type: 'ReceiveCorrection', by: CLERK, today: d('2026-09-30'), receivedOn: d('2026-09-30') };
    expect(dueOf([receive('2026-09-14'), notice, corrected]).slice(1)).toEqual([
      ['requests.CorrectionRequested', null],
      ['requests.CorrectionReceived', '2026-11-03'],
    ]);
    expect(dueOf([receive('2026-09-14'), notice, { ...corrected, today: d('2026-10-08'), receivedOn: d('2026-09-29') }]).at(-1)).toEqual([
      'requests.CorrectionReceived',
      '2026-11-02',
    ]);
    // Fee period 03-09..03-13: pausing by setting → null, paid → Tue 04-07; not pausing → Mon 03-30 throughout.
    const fee = (pausesClock: boolean): RequestCommand => ({
      type: 'IssueFeeNotice',
      today: d('2026-03-09'),
      method: 'per_page',
      quantity: 150,
      pausesClock,
    });
    const paid: RequestCommand = { type: 'RecordFeePayment', today: d('2026-03-13'), amountYuan: 1700 };
    expect(dueOf([receive('2026-03-02'), fee(true), paid]).slice(1)).toEqual([
      ['requests.FeeNoticeIssued', null],
      ['requests.FeePaid', '2026-04-07'],
    ]);
    expect(dueOf([receive('2026-03-02'), fee(false), paid]).slice(1)).toEqual([
      ['requests.FeeNoticeIssued', '2026-03-30'],
      ['requests.FeePaid', '2026-03-30'],
    ]);
    // The due date is computed, never taken from the command.
    expect(dueOf([{ ...receive('2026-02-13'), dueOn: '2027-01-01' } as unknown as RequestCommand])).toEqual([
      ['requests.RequestReceived', '2026-03-19'],
    ]);
  });
});

describe('request decider: intake, handling and reply', () => {
  it('refuses absurd receipt dates: in the future, or long past', () => {
    when([], receive('2026-03-03', '2026-03-02')).thenError('DATE_IN_FUTURE');
    when([], receive('2025-12-01', '2026-03-02')).thenError('RECEIPT_TOO_OLD');
    when([receive('2026-03-02')], receive('2026-03-02')).thenError('REQUEST_ALREADY_RECEIVED', { kind: 'conflict' });
  });

  it('back-entry (补录): a receipt of last year is recorded with its true date, who entered it and why; the year before is refused', () => {
    const backEntry = { enteredBy: 'clerk-1', reason: '本单位年中启用系统，补录此前收到的纸质申请' };
    const late = { ...receive('2025-11-12', '2026-12-07'), backEntry } as RequestCommand;
    expect(when([], late).decision).toMatchObject([
      { type: 'requests.RequestReceived', data: { receivedOn: '2025-11-12', backEntry, dueOn: expect.stringMatching(/^2025-12-/) } },
    ]);
    const tooOld = { ...receive('2024-12-31', '2026-12-07'), backEntry } as RequestCommand;
    when([], tooOld).thenError('BACK_ENTRY_TOO_OLD');
    when([], { ...receive('2026-12-08', '2026-12-07'), backEntry } as RequestCommand).thenError('DATE_IN_FUTURE');
    // Without the back-entry mark, the 60-day safeguard against typos stands.
    when([], receive('2025-11-12', '2026-12-07')).thenError('RECEIPT_TOO_OLD');
  });

  it('back-entry: the past outcome of a back-entered request is recorded with its true date; never on another request', () => {
    const backEntry = { enteredBy: 'clerk-1', reason: '补录去年已答复的申请' };
    const late = { ...receive('2025-11-12', '2026-12-07'), backEntry } as RequestCommand;
    const outcome = (closedOn: string, category: 'disclose' | 'other.unpaid' = 'disclose'): RequestCommand => ({
      type: 'RecordPastOutcome',
      today: d('2026-12-07'),
      category,
      closedOn: d(closedOn),
    });
    expect(when([late], outcome('2025-12-05')).decision).toEqual([
      {
        type: 'requests.PastOutcomeRecorded',
        data: {
          requestId: 'REQ-0001-test',
          unitId: 'TEZ-ZSZ',
          category: 'disclose',
          closedOn: '2025-12-05',
          legalBasis: expect.stringContaining('第三十六条'),
        },
      },
    ]);
    expect(run([late, outcome('2025-12-05')]).state).toMatchObject({ status: 'replied', reply: { closedOn: '2025-12-05' } });
    expect(run([late, outcome('2026-01-10', 'other.unpaid')]).state.status).toBe('abandoned');
    when([late], outcome('2025-11-01')).thenError('CLOSED_BEFORE_RECEIPT');
    when([late], outcome('2026-12-08')).thenError('DATE_IN_FUTURE');
    when([late, outcome('2025-12-05')], outcome('2025-12-06')).thenError('REQUEST_CLOSED');
    when([receive('2026-12-01', '2026-12-07')], { ...outcome('2026-12-03'), today: d('2026-12-07') }).thenError('NOT_BACK_ENTERED');
  });

  it('registers a December request whose deadline falls in the year not yet announced, and says the date is provisional', () => {
    // 2027's arrangement is not published (chinese-days 1.5.7): Mon-Fri minus 元旦 counts.
    expect(when([], receive('2026-12-15')).decision).toMatchObject([{ type: 'requests.RequestReceived', data: { dueOn: '2027-01-13' } }]);
    expect(readClock(calendar, run([receive('2026-12-15')]).state.clock, d('2026-12-16'))).toMatchObject({
      dueOn: '2027-01-13',
      remainingWorkingDays: 19,
      provisional: true,
    });
    expect(readClock(calendar, run([receive('2026-11-02')]).state.clock, d('2026-11-03'))).toMatchObject({
      dueOn: '2026-11-30',
      provisional: false,
    });
  });

  it('refuses a receipt whose deadline falls past the covered calendar (the provisional year included)', () => {
    when([], receive('2027-12-15')).thenError('CALENDAR_OUT_OF_RANGE');
  });

  const handled = [
    receive('2026-03-02'),
    { type: 'AssignRequest', today: d('2026-03-03'), handlerId: 'clerk-1' } as RequestCommand,
    {
      type: 'RequestInvestigation',
      today: d('2026-03-03'),
      taskId: 't1',
      assistingUnitId: 'TEZ-CIVIL',
      question: '请提供补助名单',
      internalWorkingDays: 5,
    } as RequestCommand,
  ];

  it('goes draft → review → reply → delivery → archive, each a separate event, and records on-time use of the clock', () => {
    const drafted: RequestCommand = {
      type: 'DraftReply',
      by: CLERK,
      today: d('2026-03-10'),
      category: 'disclose',
      withheld: [],
      content: '予以公开，附名单一份。',
    };
    const reviewed: RequestCommand = { type: 'ReviewReply', today: d('2026-03-11'), approved: true, by: actor('r1', 'reviewer') };
    const issued: RequestCommand = { type: 'IssueReply', today: d('2026-03-12') };
    const { events, state } = run([...handled, drafted, reviewed, issued]);
    expect(events.map((e) => e.type)).toEqual([
      'requests.RequestReceived',
      'requests.RequestAssigned',
      'requests.InvestigationRequested',
      'requests.ReplyDrafted',
      'requests.ReplyReviewed',
      'requests.ReplyIssued',
    ]);
    // Investigation due 5 working days after Tue 03-03: Mon 03-10.
    expect(events[2].data).toMatchObject({ internalDueOn: '2026-03-10' });
    // Replied Thu 03-12: working days 3–6, 9–12 March = 8 used, on time.
    expect(events[5].data).toMatchObject({
      category: 'disclose',
      workingDaysUsed: 8,
      onTime: true,
      legalBasis: expect.stringContaining('第三十六条'),
    });
    expect(state.status).toBe('replied');
    when([...handled, drafted, reviewed, issued], { type: 'AssignRequest', today: d('2026-03-13'), handlerId: 'x' }).thenError(
      'REQUEST_CLOSED',
    );
    const delivered: RequestCommand = { type: 'RecordDelivery', today: d('2026-03-13'), method: '邮寄', reference: 'EMS1234' };
    when([...handled, drafted, reviewed, issued], { type: 'ArchiveRequest', today: d('2026-03-13'), archiveNo: 'A-1' }).thenError(
      'REQUEST_WRONG_STATUS',
    );
    expect(
      run([...handled, drafted, reviewed, issued, delivered, { type: 'ArchiveRequest', today: d('2026-03-16'), archiveNo: 'A-1' }]).state
        .status,
    ).toBe('archived');
  });

  it('a reply without approval is refused; a clerk cannot review; rejection sends the draft back', () => {
    const drafted: RequestCommand = {
      type: 'DraftReply',
      by: CLERK,
      today: d('2026-03-10'),
      category: 'unable.not_held',
      withheld: [],
      content: '经检索不存在。',
    };
    when([...handled, drafted], { type: 'IssueReply', today: d('2026-03-10') }).thenError('REQUEST_WRONG_STATUS');
    when([...handled, drafted], { type: 'ReviewReply', today: d('2026-03-10'), approved: true, by: actor('c', 'clerk') }).thenError(
      'REVIEW_NEEDS_REVIEWER',
      { kind: 'forbidden' },
    );
    const rejected = run([
      ...handled,
      drafted,
      { type: 'ReviewReply', today: d('2026-03-10'), approved: false, comment: '理由不充分', by: actor('r', 'reviewer') },
    ]);
    expect(rejected.state.status).toBe('in_progress');
  });

  it('partial disclosure lists what was withheld and on which 不予公开 ground', () => {
    const partial = (withheld: { item: string; ground: never; reason: string }[]): RequestCommand => ({
      type: 'DraftReply',
      by: CLERK,
      today: d('2026-03-10'),
      category: 'partial',
      withheld,
      content: '部分公开。',
    });
    when(handled, partial([])).thenError('PARTIAL_NEEDS_WITHHELD');
    when(handled, partial([{ item: '身份证号', ground: 'disclose' as never, reason: 'x' }])).thenError('INVALID_WITHHOLD_GROUND');
    expect(
      when(handled, partial([{ item: '申请人身份证号码', ground: 'withhold.third_party' as never, reason: '涉及个人隐私' }])).decision,
    ).toMatchObject([{ data: { category: 'partial', withheld: [{ item: '申请人身份证号码', ground: 'withhold.third_party' }] } }]);
  });

  it('cannot draft while a consultation is open or a fee is unpaid', () => {
    const consult: RequestCommand = {
      type: 'StartConsultation',
      today: d('2026-03-04'),
      consultationId: 'c',
      kind: 'agency',
      party: '区民政局',
      subject: '会商',
    };
    const draft: RequestCommand = {
      type: 'DraftReply',
      by: CLERK,
      today: d('2026-03-10'),
      category: 'disclose',
      withheld: [],
      content: '予以公开',
    };
    when([...handled, consult], draft).thenError('CONSULTATION_OPEN');
    const fee: RequestCommand = { type: 'IssueFeeNotice', today: d('2026-03-04'), method: 'per_request', quantity: 12, pausesClock: false };
    when([...handled, fee], draft).thenError('FEE_UNPAID');
    when(handled, { ...fee, quantity: 3 } as RequestCommand).thenError('FEE_NOT_DUE');
  });

  it('records reconsideration and litigation against a reply, with outcomes', () => {
    const done = [
      ...handled,
      {
        type: 'DraftReply',
        by: CLERK,
        today: d('2026-03-10'),
        category: 'withhold.process_info',
        withheld: [],
        content: '不予公开',
      } as RequestCommand,
      { type: 'ReviewReply', today: d('2026-03-10'), approved: true, by: actor('h', 'office_head') } as RequestCommand,
      { type: 'IssueReply', today: d('2026-03-11') } as RequestCommand,
    ];
    const file: RequestCommand = {
      type: 'FileChallenge',
      today: d('2026-04-01'),
      challengeId: 'fy1',
      kind: 'reconsideration',
      filedOn: d('2026-04-01'),
      body: '枣庄市人民政府',
    };
    // Before any reply: a challenge against no reply in time; against the reply only once there is one.
    expect(when(handled, file).decision).toMatchObject([{ data: { party: 'applicant', against: 'no_reply' } }]);
    when(handled, { ...file, against: 'reply' } as RequestCommand).thenError('NO_REPLY_YET');
    const { events } = run([
      ...done,
      file,
      { type: 'DecideChallenge', today: d('2026-06-01'), challengeId: 'fy1', outcome: '纠正', decidedOn: d('2026-05-28') },
    ]);
    expect(events.slice(-2).map((e) => e.type)).toEqual(['requests.ChallengeFiled', 'requests.ChallengeDecided']);
  });

  it('transfers to another unit (移交) and refuses a transfer to itself', () => {
    expect(
      when(handled, { type: 'TransferRequest', today: d('2026-03-04'), toUnitId: 'TEZ-CIVIL', reason: '属区民政局职责' }).decision,
    ).toMatchObject([{ data: { unitId: 'TEZ-ZSZ', toUnitId: 'TEZ-CIVIL' } }]);
    when(handled, { type: 'TransferRequest', today: d('2026-03-04'), toUnitId: 'TEZ-ZSZ', reason: 'x' }).thenError('TRANSFER_TO_SAME_UNIT');
  });
});

describe('request decider: the legal review (issue 20) and separation of duties (issue 16)', () => {
  const HEAD = actor('head-1', 'office_head');
  const handled = [receive('2026-03-02'), { type: 'AssignRequest', today: d('2026-03-03'), handlerId: 'clerk-1' } as RequestCommand];
  const draft = (category: string, extra: object = {}): RequestCommand =>
    ({ type: 'DraftReply', today: d('2026-03-10'), by: CLERK, category, withheld: [], content: '答复内容。', ...extra }) as RequestCommand;
  const review = (by: Actor, allowSelfReview?: boolean): RequestCommand => ({
    type: 'ReviewReply',
    today: d('2026-03-11'),
    approved: true,
    by,
    ...(allowSelfReview === undefined ? {} : { allowSelfReview }),
  });

  it('the reviewer of a reply is not its drafter, unless the one-person-office setting allows it, which is recorded', () => {
    const byHead = draft('disclose', { by: HEAD });
    expect(when(handled, byHead).decision).toMatchObject([{ data: { draftedBy: 'head-1' } }]);
    when([...handled, byHead], review(HEAD)).thenError('SELF_REVIEW', { kind: 'forbidden' });
    when([...handled, byHead], review(HEAD, false)).thenError('SELF_REVIEW', { kind: 'forbidden' });
    expect(when([...handled, byHead], review(HEAD, true)).decision).toMatchObject([
      { type: 'requests.ReplyReviewed', data: { reviewedBy: 'head-1', selfReview: true, approved: true } },
    ]);
    const [other] = when([...handled, byHead], review(actor('r1', 'reviewer'))).decision as RequestEvent[];
    expect(other.data).toMatchObject({ reviewedBy: 'r1' });
    expect(other.data).not.toHaveProperty('selfReview');
  });

  it('a request never answered, overdue, can be challenged; a third party can challenge a decision to disclose', () => {
    const file = (extra: object): RequestCommand =>
      ({
        type: 'FileChallenge',
        today: d('2026-05-06'),
        challengeId: 'fy1',
        kind: 'reconsideration',
        filedOn: d('2026-05-06'),
        body: '台儿庄区人民政府',
        ...extra,
      }) as RequestCommand;
    // Received 03-02, due 03-30, nothing replied by May.
    expect(readClock(calendar, run(handled).state.clock, d('2026-05-06')).overdue).toBe(true);
    expect(when(handled, file({})).decision).toMatchObject([
      { type: 'requests.ChallengeFiled', data: { party: 'applicant', against: 'no_reply', kind: 'reconsideration' } },
    ]);
    when(handled, file({ filedOn: d('2026-02-27') })).thenError('DATE_BEFORE_RECEIPT');
    when(handled, file({ party: 'third_party' })).thenError('NO_DISCLOSURE_DECISION');
    when(handled, file({ party: 'third_party', against: 'reply' })).thenError('CHALLENGE_PARTY_MISMATCH');
    const disclosed = [
      ...handled,
      draft('disclose'),
      review(actor('r1', 'reviewer')),
      { type: 'IssueReply', today: d('2026-03-12') } as RequestCommand,
    ];
    expect(when(disclosed, file({ party: 'third_party', kind: 'litigation_direct', body: '台儿庄区人民法院' })).decision).toMatchObject([
      { data: { party: 'third_party', against: 'disclosure', kind: 'litigation_direct' } },
    ]);
  });

  it('Art. 35: 大量反复 only after the applicant was asked for reasons and they were not accepted; accepted reasons allow a later reply date', () => {
    const ask: RequestCommand = { type: 'RequestReasons', today: d('2026-03-04'), periodWorkingDays: 5 };
    when(handled, draft('reject.mass_repeat')).thenError('REASONS_NOT_ASKED');
    when([...handled, ask], draft('reject.mass_repeat')).thenError('REASONS_NOT_ASKED');
    expect(when(handled, ask).decision).toMatchObject([{ data: { noticeOn: '2026-03-04', answerDueOn: '2026-03-11' } }]);
    when([...handled, ask], { type: 'RecordReasons', today: d('2026-03-11'), outcome: 'no_answer' }).thenError('REASONS_PERIOD_RUNNING');
    const silent: RequestCommand = { type: 'RecordReasons', today: d('2026-03-12'), outcome: 'no_answer' };
    expect(when([...handled, ask, silent], draft('reject.mass_repeat')).decision).toMatchObject([
      { data: { category: 'reject.mass_repeat' } },
    ]);
    const accepted: RequestCommand = { type: 'RecordReasons', today: d('2026-03-09'), outcome: 'accepted', note: '用于学术研究' };
    when([...handled, ask, accepted], draft('reject.mass_repeat')).thenError('REASONS_ACCEPTED');
    // 延迟答复: beyond the 20-day extension, by the office head, later than the current due date (03-30).
    const defer = (by: Actor, replyByOn: string): RequestCommand => ({
      type: 'DeferReply',
      today: d('2026-03-10'),
      replyByOn: d(replyByOn),
      reason: '申请数量较大，需逐件检索',
      noticeSentOn: d('2026-03-10'),
      by,
    });
    when([...handled, ask], defer(HEAD, '2026-06-30')).thenError('DEFERRAL_NEEDS_ACCEPTED_REASONS');
    when([...handled, ask, accepted], defer(CLERK, '2026-06-30')).thenError('DEFERRAL_NEEDS_OFFICE_HEAD', { kind: 'forbidden' });
    when([...handled, ask, accepted], defer(HEAD, '2026-03-20')).thenError('DEFERRAL_NOT_LATER');
    expect(when([...handled, ask, accepted], defer(HEAD, '2026-06-30')).decision).toMatchObject([
      { type: 'requests.ReplyDeferred', data: { replyByOn: '2026-06-30', dueOn: '2026-06-30' } },
    ]);
    expect(due([...handled, ask, accepted, defer(HEAD, '2026-06-30')], '2026-04-01')).toBe('2026-06-30');
  });

  it('补正后申请内容仍不明确 only after a correction was requested and received', () => {
    const notice: RequestCommand = { type: 'RequestCorrection', today: d('2026-03-03'), items: ['请明确年份'], periodWorkingDays: 5 };
    const corrected: RequestCommand = { type: 'ReceiveCorrection', by: CLERK, today: d('2026-03-05'), receivedOn: d('2026-03-05') };
    when(handled, draft('unable.still_unclear')).thenError('NO_CORRECTION_RECEIVED');
    expect(when([...handled, notice, corrected], draft('unable.still_unclear')).decision).toMatchObject([
      { data: { category: 'unable.still_unclear' } },
    ]);
  });

  it('a late correction is accepted only by the office head, with the reason recorded', () => {
    const notice: RequestCommand = { type: 'RequestCorrection', today: d('2026-03-03'), items: ['请明确年份'], periodWorkingDays: 5 };
    // Correction due 03-10; it arrives 03-12.
    const late = (by: Actor, lateReason?: string): RequestCommand =>
      ({
        type: 'ReceiveCorrection',
        by,
        today: d('2026-03-12'),
        receivedOn: d('2026-03-12'),
        ...(lateReason ? { lateReason } : {}),
      }) as RequestCommand;
    when([...handled, notice], late(HEAD)).thenError('CORRECTION_OVERDUE');
    when([...handled, notice], late(CLERK, '申请人住院，有证明')).thenError('LATE_CORRECTION_NEEDS_OFFICE_HEAD', { kind: 'forbidden' });
    expect(when([...handled, notice], late(HEAD, '申请人住院，有证明')).decision).toMatchObject([
      { type: 'requests.CorrectionReceived', data: { lateAccepted: { by: 'head-1', reason: '申请人住院，有证明' }, dueOn: '2026-04-10' } },
    ]);
  });

  it('Art. 32: disclosing over a third party’s objection needs the written notice first', () => {
    const consult: RequestCommand = {
      type: 'StartConsultation',
      today: d('2026-03-03'),
      consultationId: 'c1',
      kind: 'third_party',
      party: '某建筑公司',
      subject: '中标合同',
    };
    const objected: RequestCommand = {
      type: 'EndConsultation',
      today: d('2026-03-06'),
      consultationId: 'c1',
      outcome: '不同意公开',
      answer: 'objected',
    };
    const notify: RequestCommand = {
      type: 'NotifyThirdPartyDisclosure',
      today: d('2026-03-09'),
      consultationId: 'c1',
      reason: '涉及公共利益',
    };
    when([...handled, consult, objected], draft('disclose')).thenError('THIRD_PARTY_NOT_NOTIFIED');
    expect(when([...handled, consult, objected], draft('withhold.third_party')).decision).not.toBeInstanceOf(DomainError);
    expect(when([...handled, consult, objected], notify).decision).toMatchObject([
      {
        type: 'requests.ThirdPartyDisclosureNotified',
        data: { party: '某建筑公司', noticeOn: '2026-03-09', legalBasis: expect.stringContaining('第三十二条') },
      },
    ]);
    when([...handled, consult, objected, notify], notify).thenError('THIRD_PARTY_NOTIFIED', { kind: 'conflict' });
    when([...handled, consult], notify).thenError('THIRD_PARTY_DID_NOT_OBJECT');
    expect(when([...handled, consult, objected, notify], draft('disclose')).decision).toMatchObject([{ data: { category: 'disclose' } }]);
  });

  it('fees by the 109号 text: items of one application each counted; a per-page fee only when information is supplied', () => {
    const items: RequestCommand = {
      type: 'CountItems',
      today: d('2026-03-03'),
      items: 15,
      reason: '一份申请含15项内容，按一事一申请分项计件',
    };
    const perRequest: RequestCommand = {
      type: 'IssueFeeNotice',
      today: d('2026-03-04'),
      method: 'per_request',
      quantity: 1,
      pausesClock: true,
    };
    // Items 1–15 of the month: items 11–15 at ¥100 each.
    expect(when([...handled, items], perRequest).decision).toMatchObject([{ data: { quantity: 1, items: 15, amountYuan: 500 } }]);
    when(handled, perRequest).thenError('FEE_NOT_DUE');
    when([...handled, items, perRequest], items).thenError('FEE_ALREADY_NOTIFIED');
    // Per page on a reply that supplies nothing: refused whichever comes first.
    const perPage: RequestCommand = {
      type: 'IssueFeeNotice',
      today: d('2026-03-11'),
      method: 'per_page',
      quantity: 150,
      pausesClock: true,
    };
    when([...handled, draft('withhold.process_info')], perPage).thenError('PER_PAGE_FEE_WITHOUT_INFORMATION');
    const paid: RequestCommand = { type: 'RecordFeePayment', today: d('2026-03-12'), amountYuan: 1700 };
    when([...handled, perPage, paid], draft('withhold.process_info')).thenError('PER_PAGE_FEE_WITHOUT_INFORMATION');
    expect(when([...handled, perPage, paid], draft('disclose')).decision).not.toBeInstanceOf(DomainError);
  });
});

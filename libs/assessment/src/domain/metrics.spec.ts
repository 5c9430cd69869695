import { checkContract, type EventEnvelope } from '@gongkai/contracts';
import { factFromEvent, type Fact } from './facts';
import { METRICS, type MetricContext } from './metrics';

/**
 * request_on_time_rate counts what did not happen: a request still unanswered past its published
 * deadline (`dueOn`) is a late reply. Dates are the decider's hand-worked ones
 * (libs/requests/src/domain/request.decide.spec.ts).
 */
let seq = 0;
const HASH = 'a'.repeat(64);
const BASIS = '《中华人民共和国政府信息公开条例》第三十六条第（二）项';

function fact(type: string, data: Record<string, unknown>): Fact {
  const check = checkContract(type, 1, data);
  if (!check.ok) throw new Error(`${type}: ${check.reason}`);
  seq += 1;
  const recordedAt = '2026-11-20T00:00:00.000Z';
  const envelope: EventEnvelope = {
    eventId: `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    streamId: `requests.request-${String(data.requestId)}`,
    streamRevision: seq,
    globalPosition: seq,
    recordedAt,
    occurredAt: recordedAt,
    actor: { userId: 't', unitId: null, role: 'system' },
    correlationId: 'c',
    causationId: null,
    data,
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
  };
  return factFromEvent(envelope) as Fact;
}

const base = (requestId: string) => ({ requestId, unitId: 'TEZ-ZSZ' });
const received = (requestId: string, receivedOn: string, dueOn?: string | null) =>
  fact('requests.RequestReceived', {
    ...base(requestId),
    channel: 'in_person',
    receivedOn,
    receiptBasis: '申请人当面提交之日',
    applicant: { type: '自然人', name: '张三' },
    applicantKey: HASH,
    description: '农村危房改造补助资金发放名单',
    preferredForm: '纸质',
    delivery: '邮寄',
    trackingCodeHash: HASH,
    possibleRepeatOf: [],
    ...(dueOn === undefined ? {} : { dueOn }),
  });
const replied = (requestId: string, repliedOn: string, onTime: boolean) =>
  fact('requests.ReplyIssued', {
    ...base(requestId),
    category: 'disclose',
    withheld: [],
    legalBasis: BASIS,
    repliedOn,
    workingDaysUsed: onTime ? 8 : 21,
    onTime,
  });

/** A unit's request facts for 2026, one request per case. */
function requestFacts(): Fact[] {
  return [
    // REQ-ONTIME: received Mon 03-02, due Mon 03-30, replied Thu 03-12 → on time.
    received('REQ-ONTIME', '2026-03-02', '2026-03-30'),
    replied('REQ-ONTIME', '2026-03-12', true),
    // REQ-LATE: received Fri 02-13, due Thu 03-19, replied Fri 03-20 → late.
    received('REQ-LATE', '2026-02-13', '2026-03-19'),
    replied('REQ-LATE', '2026-03-20', false),
    // REQ-OVERDUE: received Mon 09-14, correction (clock stopped), corrected Wed 09-30 → due Tue 11-03; never answered.
    received('REQ-OVERDUE', '2026-09-14', '2026-10-13'),
    fact('requests.CorrectionRequested', {
      ...base('REQ-OVERDUE'),
      noticeOn: '2026-09-16',
      items: ['请明确年份'],
      periodWorkingDays: 10,
      correctionDueOn: '2026-09-30',
      legalBasis: '条例第三十条',
      dueOn: null,
    }),
    fact('requests.CorrectionReceived', { ...base('REQ-OVERDUE'), receivedOn: '2026-09-30', dueOn: '2026-11-03' }),
    // REQ-NOTDUE: received Fri 11-20, due Fri 12-18 (Nov 23–27, Nov 30–Dec 4, 7–11, 14–18): open, not yet due.
    received('REQ-NOTDUE', '2026-11-20', '2026-12-18'),
    // REQ-PAUSED: received Mon 03-02, due Mon 03-30, consultation since Tue 03-10 still running (paused): open, not counted.
    received('REQ-PAUSED', '2026-03-02', '2026-03-30'),
    fact('requests.ConsultationStarted', {
      ...base('REQ-PAUSED'),
      consultationId: 'c1',
      kind: 'agency',
      party: '区民政局',
      subject: '会商',
      startedOn: '2026-03-10',
      dueOn: null,
    }),
    // REQ-LEGACY: recorded before dueOn was published: today's behaviour, not counted while open.
    received('REQ-LEGACY', '2026-02-13'),
    // REQ-ABANDONED: overdue deadline but abandoned (no correction): closed, not a late reply.
    received('REQ-ABANDONED', '2026-04-01', '2026-04-29'),
    fact('requests.RequestAbandoned', {
      ...base('REQ-ABANDONED'),
      category: 'other.no_correction',
      abandonedOn: '2026-04-20',
      legalBasis: '条例第三十条',
    }),
    // REQ-MOVED: transferred to the civil affairs bureau: no longer this unit's reply.
    received('REQ-MOVED', '2026-03-02', '2026-03-30'),
    fact('requests.RequestTransferred', {
      ...base('REQ-MOVED'),
      toUnitId: 'TEZ-CIVIL',
      reason: '属区民政局职责',
      transferredOn: '2026-03-04',
    }),
  ];
}

const context = (asOfDate: string, year = 2026): MetricContext => ({
  unitId: 'TEZ-ZSZ',
  year,
  asOfDate,
  referenceDate: asOfDate,
  params: undefined,
});
const compute = (facts: Fact[], asOfDate: string, year?: number) => METRICS.request_on_time_rate.compute(facts, context(asOfDate, year));

describe('request_on_time_rate: requests left unanswered past their deadline count as late', () => {
  it('counts replied on time, replied late and open-and-overdue; not open-not-yet-due, paused, old, abandoned or transferred', () => {
    const facts = requestFacts();
    // As of Fri 11-27: 2 replies (1 on time) + REQ-OVERDUE (due 11-03) = 1/3 = 33.33%.
    const result = compute(facts, '2026-11-27');
    expect(result).toMatchObject({ numerator: 1, denominator: 3, value: 33.33 });
    expect(result.detail).toBe(
      '应答复申请3件，其中1件达标，达标率33.33%（含逾期未答复1件：REQ-OVERDUE（期限2026-11-03）；另有申请人视为放弃申请1件不计入：REQ-ABANDONED）',
    );
    // The facts that cost points: the late reply, and the event that published the missed deadline.
    const correctionReceived = facts.find((f) => f.type === 'requests.CorrectionReceived') as Fact;
    expect(result.shortfalls.map((f) => [f.type, f.data.requestId, f.eventId])).toEqual([
      ['requests.ReplyIssued', 'REQ-LATE', facts[3].eventId],
      ['requests.CorrectionReceived', 'REQ-OVERDUE', correctionReceived.eventId],
    ]);
    // The overdue request's whole history explains it (receipt, correction notice, correction received).
    expect(result.facts.filter((f) => f.data.requestId === 'REQ-OVERDUE').map((f) => f.type)).toEqual([
      'requests.RequestReceived',
      'requests.CorrectionRequested',
      'requests.CorrectionReceived',
    ]);
    expect(result.facts.some((f) => ['REQ-NOTDUE', 'REQ-PAUSED', 'REQ-LEGACY', 'REQ-MOVED'].includes(String(f.data.requestId)))).toBe(
      false,
    );
    // The abandoned request is listed (its abandonment) so that the explanation accounts for it, and costs nothing.
    expect(result.facts.filter((f) => f.data.requestId === 'REQ-ABANDONED').map((f) => f.type)).toEqual(['requests.RequestAbandoned']);
    expect(result.shortfalls.some((f) => f.data.requestId === 'REQ-ABANDONED')).toBe(false);
  });

  it('a request is overdue only the day after its due date, and only while it is open', () => {
    const facts = requestFacts();
    // Tue 11-03 is the last day: not yet overdue → 1/2.
    expect(compute(facts, '2026-11-03')).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(compute(facts, '2026-11-04')).toMatchObject({ numerator: 1, denominator: 3 });
    // Once replied (late, Fri 11-27), it counts once, as that late reply: 1/3, the reply is the shortfall.
    const answered = [...facts, replied('REQ-OVERDUE', '2026-11-27', false)];
    const result = compute(answered, '2026-11-30');
    expect(result).toMatchObject({
      numerator: 1,
      denominator: 3,
      value: 33.33,
      detail: '答复申请3件，其中1件达标，达标率33.33%（另有申请人视为放弃申请1件不计入：REQ-ABANDONED）',
    });
    expect(result.shortfalls.map((f) => [f.type, f.data.requestId])).toEqual([
      ['requests.ReplyIssued', 'REQ-LATE'],
      ['requests.ReplyIssued', 'REQ-OVERDUE'],
    ]);
  });

  it('the latest published deadline wins: an ended pause or an extension moves it', () => {
    const paused = requestFacts().filter((f) => f.data.requestId === 'REQ-PAUSED');
    // Consultation ended Tue 03-24 → due Wed 04-15; as of 11-27 the request is overdue → 0/1.
    const ended = fact('requests.ConsultationEnded', {
      ...base('REQ-PAUSED'),
      consultationId: 'c1',
      endedOn: '2026-03-24',
      outcome: '同意',
      dueOn: '2026-04-15',
    });
    expect(compute([...paused, ended], '2026-11-27')).toMatchObject({ numerator: 0, denominator: 1, value: 0, shortfalls: [ended] });
    // Extended to Fri 04-17: as of Thu 04-16 not yet due (nothing to count), as of Mon 04-20 overdue.
    const extended = fact('requests.DeadlineExtended', {
      ...base('REQ-PAUSED'),
      workingDays: 2,
      reason: '调取档案',
      approvedBy: 'head-1',
      noticeSentOn: '2026-04-10',
      newDueOn: '2026-04-17',
      legalBasis: '条例第三十三条',
      dueOn: '2026-04-17',
    });
    expect(compute([...paused, ended, extended], '2026-04-16')).toMatchObject({ value: null, denominator: 0 });
    expect(compute([...paused, ended, extended], '2026-04-20')).toMatchObject({ value: 0, denominator: 1, shortfalls: [extended] });
  });

  it('an overdue request counts in the year it was received, and old events without dueOn keep the replies-only rate', () => {
    expect(compute(requestFacts(), '2027-01-15', 2027)).toMatchObject({ value: null, denominator: 0 });
    const old = requestFacts().filter(
      (f) => (!('dueOn' in f.data) || f.type === 'requests.ReplyIssued') && f.data.requestId !== 'REQ-ABANDONED',
    );
    expect(compute(old, '2026-11-27')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 50,
      detail: '答复申请2件，其中1件达标，达标率50%',
    });
  });
});

describe('request_on_time_rate: abandoned and transferred requests', () => {
  const civil = (asOfDate: string): MetricContext => ({
    unitId: 'TEZ-CIVIL',
    year: 2026,
    asOfDate,
    referenceDate: asOfDate,
    params: undefined,
  });
  const moved = () => requestFacts().filter((f) => f.data.requestId === 'REQ-MOVED');

  it('an abandoned request is never a late reply, even when its deadline had passed before it was abandoned', () => {
    // REQ-UNPAID: received Mon 03-02, due Mon 03-30 (the fee does not pause the clock), abandoned for non-payment Fri 04-17.
    const unpaid = [
      received('REQ-UNPAID', '2026-03-02', '2026-03-30'),
      fact('requests.FeeNoticeIssued', {
        ...base('REQ-UNPAID'),
        method: 'per_page',
        quantity: 120,
        amountYuan: 20,
        noticeOn: '2026-03-10',
        payByOn: '2026-04-08',
        pausesClock: false,
        legalBasis: '国办函〔2020〕109号',
        dueOn: '2026-03-30',
      }),
      fact('requests.RequestAbandoned', {
        ...base('REQ-UNPAID'),
        category: 'other.unpaid',
        abandonedOn: '2026-04-17',
        legalBasis: '国办函〔2020〕109号',
      }),
    ];
    // Before the abandonment it was open past its deadline (late); once abandoned, nothing to count.
    expect(compute(unpaid.slice(0, 2), '2026-04-10')).toMatchObject({ value: 0, denominator: 1 });
    const result = compute(unpaid, '2026-11-27');
    expect(result).toMatchObject({ value: null, numerator: 0, denominator: 0, shortfalls: [] });
    expect(result.detail).toBe('本年度无答复申请（另有申请人视为放弃申请1件不计入：REQ-UNPAID）');
    expect(result.facts).toEqual([unpaid[2]]);
  });

  it('the receiving unit answers for a transferred request, with the deadline it came with', () => {
    // REQ-MOVED: received by TEZ-ZSZ Mon 03-02 (due Mon 03-30), transferred to TEZ-CIVIL Wed 03-04, never answered.
    const result = METRICS.request_on_time_rate.compute(moved(), civil('2026-11-27'));
    expect(result).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(result.detail).toBe('应答复申请1件，其中0件达标，达标率0%（含逾期未答复1件：REQ-MOVED（期限2026-03-30，由TEZ-ZSZ移交））');
    expect(result.shortfalls.map((f) => f.type)).toEqual(['requests.RequestReceived']);
    expect(result.facts.map((f) => f.type)).toEqual(['requests.RequestReceived', 'requests.RequestTransferred']);
    // Not before its deadline; and not at the unit it left.
    expect(METRICS.request_on_time_rate.compute(moved(), civil('2026-03-30'))).toMatchObject({ value: null, denominator: 0 });
    expect(compute(moved(), '2026-11-27')).toMatchObject({ value: null, denominator: 0 });
  });

  it("the receiving unit's reply counts there, not at the unit the request left", () => {
    const history = moved();
    const reply = fact('requests.ReplyIssued', {
      requestId: 'REQ-MOVED',
      unitId: 'TEZ-CIVIL',
      category: 'disclose',
      withheld: [],
      legalBasis: BASIS,
      repliedOn: '2026-03-20',
      workingDaysUsed: 14,
      onTime: true,
    });
    // The sending unit sees the whole history too when it is routed there (a transfer back and forth): the reply is not its own.
    expect(METRICS.request_on_time_rate.compute([...history, reply], civil('2026-11-27'))).toMatchObject({
      value: 100,
      numerator: 1,
      denominator: 1,
    });
    expect(compute([...history, reply], '2026-11-27')).toMatchObject({ value: null, denominator: 0 });
  });

  it("a request transferred back is again the first unit's", () => {
    const history = moved();
    const back = fact('requests.RequestTransferred', {
      requestId: 'REQ-MOVED',
      unitId: 'TEZ-CIVIL',
      toUnitId: 'TEZ-ZSZ',
      reason: '不属区民政局职责',
      transferredOn: '2026-03-05',
    });
    expect(compute([...history, back], '2026-11-27')).toMatchObject({ value: 0, denominator: 1 });
    expect(METRICS.request_on_time_rate.compute([...history, back], civil('2026-11-27'))).toMatchObject({ value: null, denominator: 0 });
  });
});

describe('proactive_checklist_coverage', () => {
  const UNIT = 'TEZ-ZSZ';
  const context: MetricContext = { unitId: UNIT, year: 2026, asOfDate: '2026-12-31', referenceDate: '2026-12-31', params: undefined };
  const registered = fact('catalogue.UnitRegistered', { unitId: UNIT, name: '张山子镇人民政府', level: '乡级', kind: 'town' });
  const ref = (categoryCode: string, targetKind: 'item' | 'document', targetId: string) => ({
    unitId: UNIT,
    categoryCode,
    targetKind,
    targetId,
  });
  const linked = (categoryCode: string, targetKind: 'item' | 'document', targetId: string) =>
    fact('catalogue.ChecklistContentLinked', { ...ref(categoryCode, targetKind, targetId), title: '示例内容' });

  it('counts the categories with a linked item or a published document, out of the unit kind’s list', () => {
    const item = linked('art21-town-8', 'item', 'item-1');
    const unpublishedDocument = linked('art20-7', 'document', 'doc-1');
    const result = METRICS.proactive_checklist_coverage.compute([registered, item, unpublishedDocument], context);
    // a town: Art. 20 (一)–(十四) and Art. 21's eight aspects = 22 counted categories
    expect(result).toMatchObject({ value: 4.55, numerator: 1, denominator: 22 });
    expect(result.detail).toContain('缺项：第二十条第（一）项');
    const published = fact('document-attributes.PublicationRecorded', {
      documentId: 'doc-1',
      unitId: UNIT,
      channel: '政府网站',
      url: 'https://www.tez.gov.cn/doc-1.html',
      publishedOn: '2026-03-05',
      late: false,
    });
    expect(METRICS.proactive_checklist_coverage.compute([registered, item, unpublishedDocument, published], context)).toMatchObject({
      value: 9.09,
      numerator: 2,
    });
  });

  it('an unlinked item no longer counts; no registration, no value', () => {
    const item = linked('art21-town-8', 'item', 'item-1');
    const unlinked = fact('catalogue.ChecklistContentUnlinked', { ...ref('art21-town-8', 'item', 'item-1'), reason: '公开事项已撤销' });
    expect(METRICS.proactive_checklist_coverage.compute([registered, item, unlinked], context)).toMatchObject({ value: 0, numerator: 0 });
    expect(METRICS.proactive_checklist_coverage.compute([item], context).value).toBeNull();
  });
});

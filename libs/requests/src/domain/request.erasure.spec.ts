import { deciderSpec } from '@gongkai/platform/decider-spec';
import { defaultWorkingDayCalendar, type LocalDate } from '@gongkai/working-days';
import type { RequestEvent } from './request';
import { requestDecider, type RequestCommand } from './request.decide';
import { addYears, retentionEndsOn, type RetainedRequest } from './request.erasure';

const d = (s: string) => s as LocalDate;
const HASH = 'a'.repeat(64);
const spec = deciderSpec(requestDecider(defaultWorkingDayCalendar()));
const CLERK = { userId: 'clerk-1', unitId: 'TEZ-ZSZ', role: 'clerk' } as const;
const HEAD = { userId: 'head-1', unitId: 'TEZ-ZSZ', role: 'office_head' } as const;

const receive: RequestCommand = {
  type: 'ReceiveRequest',
  today: d('2026-03-02'),
  requestId: 'REQ-0001-test',
  unitId: 'TEZ-ZSZ',
  channel: 'in_person',
  receivedOn: d('2026-03-02'),
  receiptBasis: '申请人当面提交之日',
  applicant: { type: '自然人', name: '张三', phone: '13800000000' },
  applicantKey: HASH,
  description: '2025年张山子镇农村危房改造补助资金发放名单',
  preferredForm: '纸质',
  delivery: '邮寄',
  trackingCodeHash: HASH,
  possibleRepeatOf: [],
};
const replied: RequestCommand[] = [
  receive,
  { type: 'AssignRequest', today: d('2026-03-03'), handlerId: 'clerk-1' },
  { type: 'DraftReply', today: d('2026-03-04'), by: CLERK, category: 'disclose', withheld: [], content: '现将名单提供给您。' },
  { type: 'ReviewReply', today: d('2026-03-05'), by: HEAD, approved: true },
  { type: 'IssueReply', today: d('2026-03-05') },
];

/** The events the given commands record, each decided on the state the earlier ones left. */
const history = (commands: RequestCommand[]): RequestEvent[] => spec.recorded(...commands);

const challenge: RequestCommand = {
  type: 'FileChallenge',
  today: d('2026-04-01'),
  challengeId: 'FY-1',
  kind: 'reconsideration',
  filedOn: d('2026-04-01'),
  body: '台儿庄区人民政府',
};

const erase = (reason: 'retention' | 'request_by_person' | 'court_order', extra: object = {}): RequestCommand => ({
  type: 'ErasePersonalData',
  today: d('2026-06-01'),
  reason,
  ...extra,
});

describe('request decider: erasing the applicant’s personal data', () => {
  it('records the erasure on a closed request, with the reason and the note, once', () => {
    spec
      .given(...history(replied))
      .when(erase('request_by_person', { note: '申请人书面申请删除' }))
      .then([
        {
          type: 'requests.PersonalDataErased',
          data: {
            requestId: 'REQ-0001-test',
            unitId: 'TEZ-ZSZ',
            reason: 'request_by_person',
            note: '申请人书面申请删除',
            erasedOn: '2026-06-01',
          },
        },
      ]);
    const erased = history([...replied, erase('retention', { retentionEndedOn: d('2036-03-05') })]);
    expect(erased.at(-1)).toEqual({
      type: 'requests.PersonalDataErased',
      data: { requestId: 'REQ-0001-test', unitId: 'TEZ-ZSZ', reason: 'retention', erasedOn: '2026-06-01', retentionEndedOn: '2036-03-05' },
    });
    expect(spec.given(...erased).state).toMatchObject({ personalDataErased: true, status: 'replied' });
    spec
      .given(...erased)
      .when(erase('court_order'))
      .thenNothing();
  });

  it('refuses while the request is open or a challenge is undecided, unless a court orders it', () => {
    spec
      .given(...history([receive]))
      .when(erase('request_by_person'))
      .thenError('PERSONAL_DATA_STILL_NEEDED', { kind: 'rule' });
    spec
      .given(...history([receive]))
      .when(erase('retention'))
      .thenError('PERSONAL_DATA_STILL_NEEDED');
    spec
      .given(...history([receive]))
      .when(erase('court_order'))
      .then([expect.objectContaining({ type: 'requests.PersonalDataErased' })]);
    const challenged = history([...replied, challenge]);
    spec
      .given(...challenged)
      .when(erase('retention'))
      .thenError('PERSONAL_DATA_UNDER_CHALLENGE');
    const decided = history([
      ...replied,
      challenge,
      { type: 'DecideChallenge', today: d('2026-05-01'), challengeId: 'FY-1', outcome: '维持', decidedOn: d('2026-05-01') },
    ]);
    spec
      .given(...decided)
      .when(erase('retention'))
      .then([expect.objectContaining({ type: 'requests.PersonalDataErased' })]);
  });

  it('an unknown request is not found', () => {
    spec.given().when(erase('request_by_person')).thenError('REQUEST_NOT_FOUND');
  });
});

describe('the retention period of an applicant', () => {
  const closed = (over: Partial<RetainedRequest> = {}): RetainedRequest => ({
    status: 'archived',
    closedOn: '2026-03-05',
    archivedOn: '2026-03-20',
    challengeOpen: false,
    ...over,
  });

  it('runs from the latest archive date (or closing date when never archived) of all their requests', () => {
    expect(retentionEndsOn([closed()], 10)).toBe('2036-03-20');
    expect(retentionEndsOn([closed(), closed({ status: 'replied', closedOn: '2027-01-10', archivedOn: null })], 10)).toBe('2037-01-10');
  });

  it('does not start while any request is open or under an undecided challenge', () => {
    expect(retentionEndsOn([closed(), closed({ status: 'in_progress', closedOn: null, archivedOn: null })], 10)).toBeNull();
    expect(retentionEndsOn([closed({ challengeOpen: true })], 10)).toBeNull();
    expect(retentionEndsOn([], 10)).toBeNull();
  });

  it('adds whole years; 29 February ends on 1 March of a common year', () => {
    expect(addYears(d('2024-02-29'), 10)).toBe('2034-03-01');
    expect(addYears(d('2024-02-29'), 4)).toBe('2028-02-29');
    expect(addYears(d('2026-12-31'), 1)).toBe('2027-12-31');
  });
});

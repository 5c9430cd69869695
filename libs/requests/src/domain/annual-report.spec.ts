import { APPLICANT_TYPES } from '@gongkai/contracts';
import {
  assertTable3Balanced,
  computeTable2Documents,
  computeTable3,
  computeTable4,
  reportableFromEvents,
  table3Violations,
  type ReportableDocument,
  type ReportableRequest,
} from './annual-report';

const r = (
  id: string,
  applicantType: ReportableRequest['applicantType'],
  receivedOn: string,
  closedOn: string | null,
  category: ReportableRequest['category'] = null,
): ReportableRequest => ({
  requestId: id,
  unitId: 'TEZ-ZSZ',
  applicantType,
  receivedOn,
  closedOn,
  category: closedOn ? category : null,
  challenges: [],
});

describe('annual report tables', () => {
  const requests = [
    r('old-closed-2024', '自然人', '2024-11-02', '2024-12-20', 'disclose'), // closed before the year: not in 2025
    r('carried-in', '商业企业', '2024-12-20', '2025-01-15', 'partial'), // 二 and 三 in 2025
    r('new-closed', '自然人', '2025-03-02', '2025-03-20', 'withhold.state_secret'),
    r('new-abandoned', '法律服务机构', '2025-05-06', '2025-06-01', 'other.no_correction'),
    r('carried-out', '科研机构', '2025-12-20', '2026-01-10', 'disclose'), // 一 and 四 in 2025, 二 and 三 in 2026
    r('still-open', '社会公益组织', '2025-12-29', null),
    r('next-year', '其他', '2026-01-05', null),
  ];

  it('2025: 一 received, 二 carried in, 三 closed by category, 四 carried forward; balanced per column', () => {
    const t = computeTable3(requests, 2025);
    expect(t.new).toMatchObject({ 自然人: 1, 法律服务机构: 1, 科研机构: 1, 社会公益组织: 1, 商业企业: 0, 总计: 4 });
    expect(t.carried_over).toMatchObject({ 商业企业: 1, 总计: 1 });
    expect(t.partial).toMatchObject({ 商业企业: 1, 总计: 1 });
    expect(t['withhold.state_secret']['自然人']).toBe(1);
    expect(t['other.no_correction']['法律服务机构']).toBe(1);
    expect(t.total['总计']).toBe(3);
    expect(t.carried_forward).toMatchObject({ 科研机构: 1, 社会公益组织: 1, 总计: 2 });
    expect(table3Violations(t)).toEqual([]);
  });

  it("2026: last year's carried-forward cases are this year's 上年结转", () => {
    const t = computeTable3(requests, 2026);
    expect(t.carried_over).toMatchObject({ 科研机构: 1, 社会公益组织: 1, 总计: 2 });
    expect(t.new).toMatchObject({ 其他: 1, 总计: 1 });
    expect(t.disclose['科研机构']).toBe(1);
    expect(t.carried_forward['总计']).toBe(2);
    expect(() => assertTable3Balanced(t)).not.toThrow();
  });

  it('refuses to finalise an unbalanced table, naming the columns', () => {
    const t = computeTable3(requests, 2025);
    t.new['自然人'] += 1;
    t.new['总计'] += 1;
    expect(table3Violations(t)).toEqual(['自然人', '总计']);
    expect(() => assertTable3Balanced(t)).toThrow(
      expect.objectContaining({ code: 'TABLE3_UNBALANCED', detail: expect.stringContaining('自然人') }),
    );
  });

  it('Table 4 counts cases filed in the year by their outcome at year end', () => {
    const challenged: ReportableRequest = {
      ...r('c', '自然人', '2025-03-02', '2025-03-20', 'withhold.process_info'),
      challenges: [
        { kind: 'reconsideration', filedOn: '2025-04-01', outcome: '维持', decidedOn: '2025-06-01' },
        { kind: 'litigation_after_reconsideration', filedOn: '2025-07-01', outcome: '纠正', decidedOn: '2026-02-01' },
        { kind: 'litigation_direct', filedOn: '2024-07-01', outcome: null, decidedOn: null },
      ],
    };
    const t = computeTable4([challenged], 2025);
    expect(t.reconsideration).toEqual({ 维持: 1, 纠正: 0, 其他: 0, 尚未审结: 0, 总计: 1 });
    expect(t.litigation_after_reconsideration).toEqual({ 维持: 0, 纠正: 0, 其他: 0, 尚未审结: 1, 总计: 1 });
    expect(t.litigation_direct['总计']).toBe(0);
  });
});

describe('annual report Table 2 document rows (规章, 行政规范性文件)', () => {
  const d = (documentType: string, issuedOn: string, invalidation: ReportableDocument['invalidation'] = null) => ({
    documentType,
    issuedOn,
    invalidation,
  });
  const documents = [
    d('规章', '2024-05-10'), // in force in 2025 and 2026
    d('规章', '2025-03-01', { status: '废止', effectiveOn: '2025-11-30' }), // issued and repealed the same year
    d('行政规范性文件', '2023-06-01', { status: '废止', effectiveOn: '2026-01-01' }), // repealed across the year boundary
    d('行政规范性文件', '2025-01-01'), // first day of the year
    d('行政规范性文件', '2025-02-01', { status: '失效', effectiveOn: '2025-10-01' }), // expired: out of force, not 废止
    d('行政规范性文件', '2024-12-31', { status: '废止', effectiveOn: '2025-12-31' }), // repealed on the last day: not in force at year end
    d('行政规范性文件', '2026-01-10'), // next year
    d('其他', '2025-04-01'),
    d('其他', '2025-04-02', { status: '废止', effectiveOn: '2025-05-01' }),
  ];

  it('2025: issued in the year, 废止 with effect in the year, in force on 31 Dec; 其他 ignored', () => {
    expect(computeTable2Documents(documents, 2025)).toEqual({
      regulations_issued: 1,
      regulations_repealed: 1,
      regulations_in_force: 1,
      normative_issued: 2,
      normative_repealed: 1,
      normative_in_force: 2, // the 2023 one (repealed only in 2026) and 2025-01-01
    });
  });

  it('2026: the repeal effective on 1 Jan counts in 2026; next year issues count then', () => {
    expect(computeTable2Documents(documents, 2026)).toEqual({
      regulations_issued: 0,
      regulations_repealed: 0,
      regulations_in_force: 1,
      normative_issued: 1,
      normative_repealed: 1,
      normative_in_force: 2, // 2025-01-01 and 2026-01-10
    });
  });

  it('2024: nothing issued later is in force; nothing for a unit without documents', () => {
    expect(computeTable2Documents(documents, 2024)).toMatchObject({
      regulations_issued: 1,
      regulations_in_force: 1,
      normative_issued: 1,
      normative_in_force: 2,
    });
    expect(Object.values(computeTable2Documents([], 2025))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('reportableFromEvents: the report figures straight from the events', () => {
  const received = (requestId: string, unitId: string, receivedOn: string) => ({
    type: 'requests.RequestReceived',
    data: { requestId, unitId, receivedOn, applicant: { type: APPLICANT_TYPES[0], name: '申请人' } },
  });
  const events = [
    received('a', 'TEZ-ZSZ', '2025-03-02'),
    {
      type: 'requests.ReplyIssued',
      data: { requestId: 'a', unitId: 'TEZ-ZSZ', category: 'withhold.process_info', repliedOn: '2025-03-20' },
    },
    {
      type: 'requests.ChallengeFiled',
      data: {
        requestId: 'a',
        unitId: 'TEZ-ZSZ',
        challengeId: 'FY1',
        kind: 'reconsideration',
        filedOn: '2025-04-01',
        body: '枣庄市人民政府',
      },
    },
    {
      type: 'requests.ChallengeDecided',
      data: { requestId: 'a', unitId: 'TEZ-ZSZ', challengeId: 'FY1', outcome: '维持', decidedOn: '2025-06-01' },
    },
    received('b', 'TEZ-ZSZ', '2025-05-06'),
    {
      type: 'requests.RequestTransferred',
      data: { requestId: 'b', unitId: 'TEZ-ZSZ', toUnitId: 'TEZ-EDU', reason: '职责', transferredOn: '2025-05-07' },
    },
    {
      type: 'requests.RequestAbandoned',
      data: { requestId: 'b', unitId: 'TEZ-EDU', category: 'other.no_correction', abandonedOn: '2025-06-01' },
    },
    {
      type: 'document-attributes.DocumentIssued',
      data: { documentId: 'N1', unitId: 'TEZ-EDU', documentType: '行政规范性文件', issuedOn: '2025-02-01' },
    },
    {
      type: 'document-attributes.DocumentInvalidated',
      data: { documentId: 'N1', unitId: 'TEZ-EDU', status: '废止', effectiveOn: '2025-10-01' },
    },
    {
      type: 'document-attributes.DocumentIssued',
      data: { documentId: 'O1', unitId: 'TEZ-EDU', documentType: '其他', issuedOn: '2025-02-01' },
    },
  ];

  it('folds requests (category, closing date, transfers, challenges) and counted documents as the read models keep them', () => {
    const { requests, documents } = reportableFromEvents(events);
    expect(requests).toEqual([
      {
        requestId: 'a',
        unitId: 'TEZ-ZSZ',
        applicantType: '自然人',
        receivedOn: '2025-03-02',
        closedOn: '2025-03-20',
        category: 'withhold.process_info',
        challenges: [{ kind: 'reconsideration', filedOn: '2025-04-01', outcome: '维持', decidedOn: '2025-06-01' }],
      },
      {
        requestId: 'b',
        unitId: 'TEZ-EDU',
        applicantType: '自然人',
        receivedOn: '2025-05-06',
        closedOn: '2025-06-01',
        category: 'other.no_correction',
        challenges: [],
      },
    ]);
    expect(documents).toEqual([
      {
        documentId: 'N1',
        unitId: 'TEZ-EDU',
        documentType: '行政规范性文件',
        issuedOn: '2025-02-01',
        invalidation: { status: '废止', effectiveOn: '2025-10-01' },
      },
    ]);
  });
});

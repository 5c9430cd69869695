import { assertTable3Balanced, computeTable3, computeTable4, table3Violations, type ReportableRequest } from './annual-report';

const r = (id: string, applicantType: ReportableRequest['applicantType'], receivedOn: string, closedOn: string | null, category: ReportableRequest['category'] = null): ReportableRequest => ({
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
    expect(() => assertTable3Balanced(t)).toThrow(expect.objectContaining({ code: 'TABLE3_UNBALANCED', detail: expect.stringContaining('自然人') }));
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

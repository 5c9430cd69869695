import type { ItemContent } from '@gongkai/contracts';
import { defaultWorkingDayCalendar, parseLocalDate } from '@gongkai/working-days';
import { computeCoverage, type CoveredItem } from './coverage';
import { computeMilestones, type CatalogueFact } from './milestones';
import { disclosureObligation } from './obligation';
import { SAMPLE_GUIDELINE_ITEMS } from './sample-guidelines';

const town = { level: '乡级' as const, responsibleDomains: ['social-assistance', 'budget'] as const };
const item = (itemId: string, domainCode: CoveredItem['domainCode'], guidelineItemCode: string | null): CoveredItem => ({
  itemId,
  name: itemId,
  domainCode,
  guidelineItemCode,
});

describe('coverage', () => {
  it('names covered, missing and extra items per domain and overall', () => {
    const coverage = computeCoverage(
      { ...town, responsibleDomains: [...town.responsibleDomains] },
      [
        item('a', 'social-assistance', 'social-assistance.S01'),
        item('b', 'social-assistance', null),
        item('c', 'budget', 'budget.S01'),
        item('d', 'budget', 'budget.X01'), // a 县级 guideline item: extra for a town
        item('e', 'health', null), // not a responsible domain: extra
      ],
      SAMPLE_GUIDELINE_ITEMS,
    );
    const social = coverage.domains.find((d) => d.domainCode === 'social-assistance')!;
    expect(social).toMatchObject({ domainName: '社会救助', expected: 2, percent: 50 });
    expect(social.missing.map((g) => g.code)).toEqual(['social-assistance.S02']);
    expect(social.extra.map((i) => i.itemId)).toEqual(['b']);
    const budget = coverage.domains.find((d) => d.domainCode === 'budget')!;
    expect(budget).toMatchObject({ expected: 2, percent: 50 });
    expect(budget.extra.map((i) => i.itemId)).toEqual(['d']);
    expect(coverage.domains.find((d) => d.domainCode === 'health')).toMatchObject({
      expected: 0,
      percent: null,
      extra: [expect.objectContaining({ itemId: 'e' })],
    });
    expect(coverage.overall).toEqual({ expected: 4, covered: 2, missing: 2, extra: 3, percent: 50 });
  });

  it('has no percentage when nothing is expected', () => {
    expect(computeCoverage({ level: '县级', responsibleDomains: [] }, [], SAMPLE_GUIDELINE_ITEMS).overall).toEqual({
      expected: 0,
      covered: 0,
      missing: 0,
      extra: 0,
      percent: null,
    });
  });
});

describe('milestones', () => {
  const unit = { level: '乡级' as const, responsibleDomains: ['budget' as const] };
  const fact = (
    itemId: string,
    at: string,
    code: string | null,
    kind: CatalogueFact['kind'] = 'published',
    embeddable = false,
  ): CatalogueFact => ({
    itemId,
    at,
    kind,
    domainCode: 'budget',
    guidelineItemCode: code,
    embeddable,
  });

  it('on time, late and open', () => {
    const milestones = computeMilestones(
      unit,
      [fact('a', '2020-12-30T02:00:00Z', 'budget.S01'), fact('b', '2022-10-10T02:00:00Z', 'budget.S02')],
      SAMPLE_GUIDELINE_ITEMS,
      '2023-06-01',
    );
    expect(milestones.map((m) => [m.key, m.achievedOn, m.status])).toEqual([
      ['compiled', '2020-12-30', 'on_time'],
      ['refined', '2022-10-10', 'late'],
      ['standardSystem', null, 'open'],
    ]);
  });

  it('counts the date in China time, and a withdrawal undoes completeness', () => {
    const milestones = computeMilestones(
      unit,
      [
        fact('a', '2020-12-31T17:00:00Z', 'budget.S01'), // 2021-01-01 in Beijing
        fact('a', '2021-01-02T00:00:00Z', 'budget.S01', 'withdrawn'),
      ],
      SAMPLE_GUIDELINE_ITEMS,
      '2024-01-01',
    );
    expect(milestones[0]).toMatchObject({ achievedOn: '2021-01-01', status: 'late' });
    expect(milestones[1]).toMatchObject({ achievedOn: null, status: 'late' });
  });

  it('the standard system needs full coverage with embedding fields on every item', () => {
    const milestones = computeMilestones(
      unit,
      [
        fact('a', '2020-12-01T00:00:00Z', 'budget.S01', 'published', true),
        fact('b', '2022-01-01T00:00:00Z', 'budget.S02', 'published', true),
      ],
      SAMPLE_GUIDELINE_ITEMS,
      '2024-01-01',
    );
    expect(milestones.map((m) => m.status)).toEqual(['on_time', 'on_time', 'on_time']);
    expect(milestones[2].achievedOn).toBe('2022-01-01');
  });

  it('a unit without responsible domains reaches nothing', () => {
    expect(
      computeMilestones({ level: '乡级', responsibleDomains: [] }, [fact('a', '2020-01-01T00:00:00Z', null)], [], '2020-06-01').map(
        (m) => m.status,
      ),
    ).toEqual(['open', 'open', 'open']);
  });
});

describe('disclosure obligation (embedding)', () => {
  const calendar = defaultWorkingDayCalendar();
  const content: ItemContent = {
    domainCode: 'budget',
    firstLevel: '财政预算',
    secondLevel: '乡镇财政预算',
    content: '预算报告及报表',
    legalBases: [{ law: '中华人民共和国预算法', article: '第十四条' }],
    timeLimit: { text: '信息形成或者变更之日起20个工作日内', rule: { kind: 'working_days_after_formation', days: 20 } },
    subject: '某镇人民政府',
    method: '主动',
    channels: [{ channel: '政府网站' }, { channel: '其他', other: '镇广播站' }],
    audience: { kind: '全社会' },
    level: '乡级',
  };

  it('counts statutory working days, skipping the National Day holiday', () => {
    // 2024-09-30 formed; 10-01..10-07 holidays, 09-29 and 10-12 make-up working days.
    const obligation = disclosureObligation('i', content, parseLocalDate('2024-09-30'), calendar);
    expect(obligation).toMatchObject({ channels: ['政府网站', '其他（镇广播站）'], audience: '全社会', method: '主动' });
    expect(obligation.dueDate).toBe(calendar.addWorkingDays(parseLocalDate('2024-09-30'), 20));
    expect(obligation.dueDate! > '2024-10-28').toBe(true);
  });

  it('calendar days, no rule, and on-request items', () => {
    const calendarDays = { ...content, timeLimit: { text: '10日内', rule: { kind: 'calendar_days_after_formation' as const, days: 10 } } };
    expect(disclosureObligation('i', calendarDays, parseLocalDate('2024-09-30'), calendar).dueDate).toBe('2024-10-10');
    expect(
      disclosureObligation('i', { ...content, timeLimit: { text: '实时', rule: null } }, parseLocalDate('2024-09-30'), calendar),
    ).toMatchObject({
      dueDate: null,
      note: expect.stringContaining('没有可计算的规则'),
    });
    expect(disclosureObligation('i', { ...content, method: '依申请' }, parseLocalDate('2024-09-30'), calendar)).toMatchObject({
      dueDate: null,
    });
  });
});

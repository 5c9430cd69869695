import { annualReportFinalisedV1 } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { DomainError } from '@gongkai/platform/domain';
import { computeTable3, computeTable4, TABLE2_FIELDS, type Table2 } from './annual-report';
import { annualReportDecider, type FinaliseAnnualReport } from './annual-report.decide';

const spec = deciderSpec(annualReportDecider);

const table2 = Object.fromEntries(Object.keys(TABLE2_FIELDS).map((k) => [k, 0])) as Table2;
const command = (narrative?: FinaliseAnnualReport['narrative']): FinaliseAnnualReport => ({
  type: 'FinaliseAnnualReport',
  unitId: 'TEZ-ZSZ',
  year: 2025,
  table2: { ...table2, licensing_decisions: 126 },
  table3: computeTable3([], 2025),
  table4: computeTable4([], 2025),
  ...(narrative ? { narrative } : {}),
});
const finalise = (c: FinaliseAnnualReport) => {
  const events = spec.given().when(c).decision;
  if (events instanceof DomainError) throw events;
  return events[0].data;
};

describe('finalising the annual report: the narrative', () => {
  it('without a narrative: the event has no narrative field, as before, and meets the contract', () => {
    const data = finalise(command());
    expect(data).not.toHaveProperty('narrative');
    expect(annualReportFinalisedV1.parse(data)).toEqual(data);
  });

  it('with a narrative: the written sections are carried, trimmed; blank sections are left out', () => {
    const data = finalise(
      command({ overview: '  全年工作平稳有序。 ', problemsAndImprovements: '   ', otherMatters: '本年度未收取信息处理费。' }),
    );
    expect(data.narrative).toEqual({ overview: '全年工作平稳有序。', otherMatters: '本年度未收取信息处理费。' });
    expect(annualReportFinalisedV1.parse(data)).toEqual(data);
  });

  it('a narrative with nothing written is no narrative', () => {
    expect(finalise(command({ overview: ' ', problemsAndImprovements: '' }))).not.toHaveProperty('narrative');
  });

  it('events recorded before the narrative existed still meet the contract, and replay to a finalised state', () => {
    const old = {
      unitId: 'TEZ-EDU',
      year: 2024,
      table2: { licensing_decisions: 3 },
      table3: computeTable3([], 2024),
      table4: computeTable4([], 2024),
    };
    expect(annualReportFinalisedV1.safeParse(old).success).toBe(true);
    const given = spec.given({ type: 'requests.AnnualReportFinalised', data: annualReportFinalisedV1.parse(old) });
    expect(given.state.finalised).toEqual(old);
    given.when(command()).thenError('REPORT_ALREADY_FINALISED');
  });

  it('the contract bounds each text (8000 characters) and refuses an empty one', () => {
    const data = finalise(command());
    expect(annualReportFinalisedV1.safeParse({ ...data, narrative: { overview: '字'.repeat(8001) } }).success).toBe(false);
    expect(annualReportFinalisedV1.safeParse({ ...data, narrative: { overview: '' } }).success).toBe(false);
    expect(annualReportFinalisedV1.safeParse({ ...data, narrative: { overview: '字'.repeat(8000) } }).success).toBe(true);
  });
});

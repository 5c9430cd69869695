import { annualReportCorrectedV1, annualReportDraftSavedV1, annualReportFinalisedV1, type AnnualReportCorrected } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { DomainError } from '@gongkai/platform/domain';
import { computeFeesCollected, computeTable3, computeTable4, TABLE2_FIELDS, type Table2 } from './annual-report';
import { annualReportDecider, type AnnualReportEvent, type FinaliseAnnualReport } from './annual-report.decide';

const spec = deciderSpec(annualReportDecider);

const table2 = Object.fromEntries(Object.keys(TABLE2_FIELDS).map((k) => [k, 0])) as Table2;
const command = (narrative?: FinaliseAnnualReport['narrative']): FinaliseAnnualReport => ({
  type: 'FinaliseAnnualReport',
  unitId: 'TEZ-ZSZ',
  year: 2025,
  today: '2026-01-20',
  table2: { ...table2, licensing_decisions: 126 },
  table3: computeTable3([], 2025),
  table4: computeTable4([], 2025),
  ...(narrative ? { narrative } : {}),
});
const finalise = (c: FinaliseAnnualReport) => {
  const events = spec.given().when(c).decision;
  if (events instanceof DomainError) throw events;
  const [event] = events;
  if (event.type !== 'requests.AnnualReportFinalised') throw new Error(`expected a finalisation, got ${event.type}`);
  return event.data;
};

describe('finalising the annual report: only after the year has ended', () => {
  it('refuses on 31 December and before; accepts from 1 January of the next year', () => {
    spec
      .given()
      .when({ ...command(), today: '2025-12-31' })
      .thenError('REPORT_YEAR_NOT_ENDED', { kind: 'rule' });
    spec
      .given()
      .when({ ...command(), today: '2025-06-30' })
      .thenError('REPORT_YEAR_NOT_ENDED');
    const events = spec.given().when({ ...command(), today: '2026-01-01' }).decision;
    expect(events).toHaveLength(1);
    expect((events as { data: object }[])[0].data).not.toHaveProperty('today');
  });
});

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

describe('correcting a published report: a new version with a recorded reason', () => {
  const head = { userId: 'head-zsz', unitId: 'TEZ-ZSZ', role: 'office_head' as const };
  const finalised = { type: 'requests.AnnualReportFinalised' as const, data: finalise(command()) };
  const correction = { ...command(), type: 'CorrectAnnualReport' as const, reason: '行政许可数量统计有误，更正为 128 件', by: head };

  it('records version 2 with the whole content and the reason; the state carries the current version', () => {
    const corrected = { ...correction, table2: { ...correction.table2, licensing_decisions: 128 } };
    const events = spec.given(finalised).when(corrected).decision;
    expect(events).toMatchObject([
      {
        type: 'requests.AnnualReportCorrected',
        data: {
          unitId: 'TEZ-ZSZ',
          year: 2025,
          version: 2,
          reason: '行政许可数量统计有误，更正为 128 件',
          table2: { licensing_decisions: 128 },
        },
      },
    ]);
    const [event] = events as { type: 'requests.AnnualReportCorrected'; data: AnnualReportCorrected }[];
    expect(annualReportCorrectedV1.parse(event.data)).toEqual(event.data);
    const state = spec.given(finalised, event).state;
    expect(state.version).toBe(2);
    expect(state.finalised?.table2.licensing_decisions).toBe(128);
    expect(spec.given(finalised, event).when(corrected).decision).toMatchObject([{ data: { version: 3 } }]);
  });

  it('needs a published report, the office head (or the district office) and a reason', () => {
    spec.given().when(correction).thenError('REPORT_NOT_FINALISED', { kind: 'rule' });
    spec
      .given(finalised)
      .when({ ...correction, by: { ...head, role: 'clerk' } })
      .thenError('CORRECTION_ROLE_REQUIRED', { kind: 'forbidden' });
    expect(
      spec.given(finalised).when({ ...correction, by: { userId: 'gov', unitId: null, role: 'district_office' } }).decision,
    ).toHaveLength(1);
    spec
      .given(finalised)
      .when({ ...correction, reason: '  改  ' })
      .thenError('CORRECTION_REASON_REQUIRED');
  });

  it('keeps the invariant: an unbalanced Table 3 cannot be published as a correction either', () => {
    const table3 = computeTable3([], 2025);
    table3.new['自然人'] = 1;
    table3.new['总计'] = 1;
    spec
      .given(finalised)
      .when({ ...correction, table3 })
      .thenError('TABLE3_UNBALANCED');
  });
});

describe('a draft of the report before it is finalised (the home page says 草稿)', () => {
  const draft = {
    type: 'SaveAnnualReportDraft' as const,
    unitId: 'TEZ-ZSZ',
    year: 2025,
    table2: { licensing_decisions: 126 },
    narrative: { overview: ' 全年工作平稳有序。 ', otherMatters: ' ' },
  };

  it('records the hand-entered rows and the written narrative, and meets the contract; the state keeps the latest', () => {
    const events = spec.given().when(draft).decision as AnnualReportEvent[];
    expect(events).toEqual([
      {
        type: 'requests.AnnualReportDraftSaved',
        data: { unitId: 'TEZ-ZSZ', year: 2025, table2: { licensing_decisions: 126 }, narrative: { overview: '全年工作平稳有序。' } },
      },
    ]);
    expect(annualReportDraftSavedV1.parse(events[0].data)).toEqual(events[0].data);
    expect(spec.given(...events).state.draft).toEqual({
      table2: { licensing_decisions: 126 },
      narrative: { overview: '全年工作平稳有序。' },
    });
    // Saving the same draft again records nothing; a changed one records again.
    spec
      .given(...events)
      .when(draft)
      .thenNothing();
    expect(spec.given(...events).when({ ...draft, table2: { licensing_decisions: 127 } }).decision).toHaveLength(1);
  });

  it('can be saved during the report year (finalising cannot); not once the report is finalised', () => {
    expect(spec.given().when(draft).decision).toHaveLength(1);
    const finalised = { type: 'requests.AnnualReportFinalised' as const, data: finalise(command()) };
    spec.given(finalised).when(draft).thenError('REPORT_ALREADY_FINALISED', { kind: 'conflict' });
  });
});

describe('section 六: the fees collected in the year', () => {
  it('counts the requests whose fee was paid in the year, and the amount', () => {
    const requests = [
      { fee: { paidOn: '2025-03-02', amountYuan: 100 } },
      { fee: { paidOn: '2025-11-30', amountYuan: 40 } },
      { fee: { paidOn: '2026-01-02', amountYuan: 100 } },
      { fee: { amountYuan: 100 } }, // notified, not paid
      { fee: null },
    ];
    expect(computeFeesCollected(requests, 2025)).toEqual({ requests: 2, amountYuan: 140 });
    expect(computeFeesCollected([], 2025)).toEqual({ requests: 0, amountYuan: 0 });
  });
});

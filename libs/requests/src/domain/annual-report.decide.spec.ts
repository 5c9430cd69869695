import { annualReportFinalisedV1, APPLICANT_TYPES } from '@gongkai/contracts';
import { DomainError } from '@gongkai/platform/domain';
import { computeTable3, computeTable4, reportableFromEvents, TABLE2_FIELDS, type Table2 } from './annual-report';
import { annualReportDecider, type FinaliseAnnualReport } from './annual-report.decide';

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
  const events = annualReportDecider.decide(c, annualReportDecider.initialState);
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
    const state = annualReportDecider.evolve(annualReportDecider.initialState, {
      type: 'requests.AnnualReportFinalised',
      data: annualReportFinalisedV1.parse(old),
    });
    expect(state.finalised).toEqual(old);
    expect(annualReportDecider.decide(command(), state)).toMatchObject({ code: 'REPORT_ALREADY_FINALISED' });
  });

  it('the contract bounds each text (8000 characters) and refuses an empty one', () => {
    const data = finalise(command());
    expect(annualReportFinalisedV1.safeParse({ ...data, narrative: { overview: '字'.repeat(8001) } }).success).toBe(false);
    expect(annualReportFinalisedV1.safeParse({ ...data, narrative: { overview: '' } }).success).toBe(false);
    expect(annualReportFinalisedV1.safeParse({ ...data, narrative: { overview: '字'.repeat(8000) } }).success).toBe(true);
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

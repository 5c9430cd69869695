import { checkContract, type EventEnvelope } from '@gongkai/contracts';
import { SCENARIO_EXPECTED, SCENARIO_MANUAL_SCORES, SCENARIO_TRAINING, SCENARIO_YEAR, scenarioEvents } from '../testing/year-scenario';
import { factFromEvent, isScoringInput, type Fact } from './facts';
import { SAMPLE_INDICATORS, SAMPLE_RULES } from './fixtures';
import type { SchemeVersion } from './scheme';
import { scoreUnits, type ManualScoreInput } from './scoring';

const scheme: SchemeVersion = {
  version: 1,
  title: '2026年度考核方案',
  opennessWeightPercent: 5,
  totalPoints: 100,
  indicators: SAMPLE_INDICATORS,
  rules: SAMPLE_RULES,
  assessedUnitKinds: ['town', 'subdistrict', 'department'],
  reason: null,
};
const RECORDED = '2026-11-20T00:00:00.000Z';
let seq = 0;
const envelope = (streamId: string, type: string, data: Record<string, unknown>, recordedAt = RECORDED): EventEnvelope => {
  seq += 1;
  return {
    eventId: `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    streamId,
    streamRevision: 0,
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
};

function scenarioFacts(): { facts: Fact[]; manual: ManualScoreInput[] } {
  const facts = scenarioEvents().map((e) => {
    const check = checkContract(e.type, 1, e.data);
    if (!check.ok) throw new Error(`${e.type}: ${check.reason}`);
    return factFromEvent(envelope(e.streamId, e.type, e.data)) as Fact;
  });
  facts.push(factFromEvent(envelope('assessment.training-TR-2026-1', 'assessment.TrainingRecorded', SCENARIO_TRAINING)) as Fact);
  const manual = SCENARIO_MANUAL_SCORES.map((m, i) => ({
    ...m,
    schemeId: 'KH-2026',
    year: SCENARIO_YEAR,
    schemeVersion: 1,
    maxPoints: 10,
    eventId: `m-${i}`,
    streamId: 'assessment.evaluation-KH-2026',
    recordedAt: RECORDED,
  }));
  return { facts, manual };
}

describe('scoring: a pure function of the facts', () => {
  const { facts, manual } = scenarioFacts();
  const sheet = scoreUnits({
    schemeId: 'KH-2026',
    year: SCENARIO_YEAR,
    scheme,
    facts,
    manualScores: manual,
    asOf: '2026-11-27T00:00:00.000Z',
  });

  it('gives the hand-worked indicator points, totals, ranking and lists', () => {
    for (const unit of sheet.units) {
      const leaves = Object.fromEntries(unit.indicators.filter((i) => i.kind !== 'group').map((i) => [i.indicatorId, i.points]));
      expect([unit.unitId, leaves]).toEqual([unit.unitId, SCENARIO_EXPECTED.indicators[unit.unitId]]);
      expect(unit.total).toBe(SCENARIO_EXPECTED.totals[unit.unitId]);
    }
    expect(sheet.units.map((u) => [u.unitId, u.rank])).toEqual(SCENARIO_EXPECTED.ranking.map((id, i) => [id, i + 1]));
    expect(sheet).toMatchObject({
      commended: SCENARIO_EXPECTED.commended,
      rectify: SCENARIO_EXPECTED.rectify,
      criticised: SCENARIO_EXPECTED.criticised,
      maxTotal: 100,
    });
    expect(sheet.units.find((u) => u.unitId === 'TEZ-ZSZ')?.weightedPoints).toBe(4.95);
    expect(sheet.district).toEqual({ concentratedTrainings: 1, warnings: [] });
  });

  it('explains every point with the facts and their event ids', () => {
    const nhz = sheet.units.find((u) => u.unitId === 'TEZ-NHZ');
    const requests = nhz?.indicators.find((i) => i.indicatorId === 'requests.ontime');
    expect(requests).toMatchObject({ value: 90, numerator: 9, denominator: 10, points: 15, lost: 5, rule: expect.stringContaining('≥90') });
    expect(requests?.facts).toHaveLength(10);
    expect(requests?.shortfalls).toHaveLength(1);
    expect(requests?.shortfalls[0]).toMatchObject({
      type: 'requests.ReplyIssued',
      eventId: expect.any(String),
      summary: expect.stringContaining('逾期'),
    });
    const group = nhz?.indicators.find((i) => i.indicatorId === 'requests');
    expect(group).toMatchObject({ kind: 'group', points: 15, maxPoints: 20 });
    const quality = nhz?.indicators.find((i) => i.indicatorId === 'quality');
    expect(quality).toMatchObject({ points: 7, facts: [{ eventId: 'm-1', type: 'assessment.ManualScoreRecorded' }] });
  });

  it('takes facts as of a date: nothing recorded later counts, and the same inputs give the same sheet', () => {
    const early = scoreUnits({
      schemeId: 'KH-2026',
      year: SCENARIO_YEAR,
      scheme,
      facts,
      manualScores: manual,
      asOf: '2026-11-19T00:00:00.000Z',
    });
    expect(early.units).toEqual([]);
    const again = scoreUnits({
      schemeId: 'KH-2026',
      year: SCENARIO_YEAR,
      scheme,
      facts: [...facts].reverse(),
      manualScores: [...manual].reverse(),
      asOf: '2026-11-27T00:00:00.000Z',
    });
    expect(again).toEqual(sheet);
  });

  it('warns when no concentrated training was held in the year, and pending manual scores score 0', () => {
    const noTraining = scoreUnits({
      schemeId: 'KH-2026',
      year: SCENARIO_YEAR,
      scheme,
      facts: facts.filter((f) => f.type !== 'assessment.TrainingRecorded'),
      manualScores: [],
      asOf: '2026-11-27T00:00:00.000Z',
    });
    expect(noTraining.district.warnings[0]).toContain('集中学习培训');
    expect(noTraining.units[0].indicators.find((i) => i.indicatorId === 'quality')).toMatchObject({ points: 0, pending: true });
  });
});

describe('metrics that count what did not happen', () => {
  it('an interpretation obligation overdue and unpublished counts as a failure; one not yet due does not count', () => {
    const { facts } = scenarioFacts();
    const obligation = (documentId: string, dueOn: string) =>
      factFromEvent(
        envelope(`interpretation.obligation-${documentId}`, 'interpretation.InterpretationObligationOpened', {
          documentId,
          unitId: 'TEZ-ZSZ',
          title: '某政策',
          documentNumber: '台政发〔2026〕3号',
          documentType: '行政规范性文件',
          attribute: '主动公开',
          approvedBy: 'u',
          issuedOn: '2026-08-03',
          limitWorkingDays: 3,
          dueOn,
          legalBasis: '谁起草、谁解读',
        }),
      ) as Fact;
    const sheet = scoreUnits({
      schemeId: 'KH-2026',
      year: SCENARIO_YEAR,
      scheme,
      facts: [...facts, obligation('OVERDUE-1', '2026-08-06'), obligation('LATER-1', '2026-12-20')],
      manualScores: [],
      asOf: '2026-11-27T00:00:00.000Z',
    });
    const indicator = sheet.units
      .find((u) => u.unitId === 'TEZ-ZSZ')
      ?.indicators.find((i) => i.indicatorId === 'interaction.interpretation');
    // 2 published on time + 1 overdue unpublished = 2/3 = 66.67% → the ≥50 row: 5 points.
    expect(indicator).toMatchObject({
      numerator: 2,
      denominator: 3,
      value: 66.67,
      points: 5,
      explanation: expect.stringContaining('逾期未发布1件'),
    });
    expect(indicator?.shortfalls.map((f) => f.type)).toEqual(['interpretation.InterpretationObligationOpened']);
  });

  it('a request left unanswered past its published deadline costs points and is listed with its event id', () => {
    const { facts } = scenarioFacts();
    const stream = 'requests.request-REQ-2026-OPEN';
    const request = { requestId: 'REQ-2026-OPEN', unitId: 'TEZ-ZSZ' };
    const overdue = [
      factFromEvent(
        envelope(stream, 'requests.RequestReceived', { ...request, channel: 'online', receivedOn: '2026-03-02', dueOn: '2026-03-30' }),
      ) as Fact,
      factFromEvent(
        envelope(stream, 'requests.ConsultationStarted', {
          ...request,
          consultationId: 'c1',
          kind: 'agency',
          startedOn: '2026-03-10',
          dueOn: null,
        }),
      ) as Fact,
      factFromEvent(
        envelope(stream, 'requests.ConsultationEnded', { ...request, consultationId: 'c1', endedOn: '2026-03-24', dueOn: '2026-04-15' }),
      ) as Fact,
    ];
    const sheet = scoreUnits({
      schemeId: 'KH-2026',
      year: SCENARIO_YEAR,
      scheme,
      facts: [...facts, ...overdue],
      manualScores: [],
      asOf: '2026-11-27T00:00:00.000Z',
    });
    const indicator = sheet.units.find((u) => u.unitId === 'TEZ-ZSZ')?.indicators.find((i) => i.indicatorId === 'requests.ontime');
    // 10 replies on time + 1 unanswered since its deadline Wed 04-15 = 10/11 = 90.91% → the ≥90 row: 15 points (was 20).
    expect(indicator).toMatchObject({
      numerator: 10,
      denominator: 11,
      value: 90.91,
      points: 15,
      explanation: expect.stringContaining('逾期未答复1件：REQ-2026-OPEN（期限2026-04-15）'),
    });
    expect(indicator?.shortfalls).toEqual([
      expect.objectContaining({
        eventId: overdue[2].eventId,
        type: 'requests.ConsultationEnded',
        summary: '申请 REQ-2026-OPEN 结束征求意见（2026-03-24，答复期限2026-04-15）',
      }),
    ]);
    expect(indicator?.facts.map((f) => f.eventId)).toEqual(expect.arrayContaining(overdue.map((f) => f.eventId)));
  });
});

describe('requests abandoned or transferred, through scoring', () => {
  const request = (requestId: string, unitId: string) => ({ stream: `requests.request-${requestId}`, data: { requestId, unitId } });

  it('a transferred request is scored at the receiving unit with its whole history, the deadline it came with and its event ids', () => {
    const { facts } = scenarioFacts();
    const { stream, data } = request('REQ-2026-MOVED', 'TEZ-NHZ');
    const moved = [
      factFromEvent(
        envelope(stream, 'requests.RequestReceived', { ...data, channel: 'online', receivedOn: '2026-03-02', dueOn: '2026-03-30' }),
      ) as Fact,
      factFromEvent(
        envelope(stream, 'requests.RequestTransferred', {
          ...data,
          toUnitId: 'TEZ-ZSZ',
          reason: '属张山子镇职责',
          transferredOn: '2026-03-04',
        }),
      ) as Fact,
    ];
    const sheet = scoreUnits({
      schemeId: 'KH-2026',
      year: SCENARIO_YEAR,
      scheme,
      facts: [...facts, ...moved],
      manualScores: [],
      asOf: '2026-11-27T00:00:00.000Z',
    });
    const at = (unitId: string) =>
      sheet.units.find((u) => u.unitId === unitId)?.indicators.find((i) => i.indicatorId === 'requests.ontime');
    // TEZ-ZSZ: 10 replies on time + the transferred request unanswered since Mon 03-30 = 10/11.
    expect(at('TEZ-ZSZ')).toMatchObject({
      numerator: 10,
      denominator: 11,
      explanation: expect.stringContaining('REQ-2026-MOVED（期限2026-03-30，由TEZ-NHZ移交）'),
    });
    expect(at('TEZ-ZSZ')?.shortfalls).toEqual([expect.objectContaining({ eventId: moved[0].eventId, type: 'requests.RequestReceived' })]);
    expect(at('TEZ-ZSZ')?.facts.map((f) => f.eventId)).toEqual(expect.arrayContaining(moved.map((f) => f.eventId)));
    // TEZ-NHZ, which passed it on, keeps its hand-worked 9/10.
    expect(at('TEZ-NHZ')).toMatchObject({ numerator: 9, denominator: 10, value: 90 });
  });

  it('a request abandoned after the year is not a late reply of the year (closures are inputs whatever their date)', () => {
    const { stream, data } = request('REQ-2026-DEC', 'TEZ-ZSZ');
    const december = [
      factFromEvent(
        envelope(stream, 'requests.RequestReceived', { ...data, channel: 'online', receivedOn: '2026-12-01', dueOn: '2026-12-29' }),
      ) as Fact,
      factFromEvent(
        envelope(stream, 'requests.FeeNoticeIssued', { ...data, noticeOn: '2026-12-03', pausesClock: false, dueOn: '2026-12-29' }),
      ) as Fact,
      factFromEvent(
        envelope(
          stream,
          'requests.RequestAbandoned',
          { ...data, category: 'other.unpaid', abandonedOn: '2027-01-05' },
          '2027-01-05T02:00:00.000Z',
        ),
      ) as Fact,
    ];
    const asOf = '2027-01-31T00:00:00.000Z';
    expect(december.map((f) => isScoringInput(f, asOf, '2026-12-31'))).toEqual([true, true, true]);
    // Other facts of the next year stay out of the year's inputs.
    const nextYear = factFromEvent(
      envelope('interpretation.consultation-C1', 'interpretation.ConsultationOpened', {
        consultationId: 'C1',
        unitId: 'TEZ-ZSZ',
        opensOn: '2027-01-04',
      }),
    ) as Fact;
    expect(isScoringInput(nextYear, asOf, '2026-12-31')).toBe(false);
    const { facts } = scenarioFacts();
    const sheet = scoreUnits({
      schemeId: 'KH-2026',
      year: SCENARIO_YEAR,
      scheme,
      facts: [...facts, ...december].filter((f) => isScoringInput(f, asOf, '2026-12-31')),
      manualScores: [],
      asOf,
    });
    const indicator = sheet.units.find((u) => u.unitId === 'TEZ-ZSZ')?.indicators.find((i) => i.indicatorId === 'requests.ontime');
    expect(indicator).toMatchObject({
      numerator: 10,
      denominator: 10,
      value: 100,
      points: 20,
      explanation: expect.stringContaining('视为放弃申请1件不计入：REQ-2026-DEC'),
    });
  });
});

import { deciderSpec } from '@gongkai/platform/decider-spec';
import type { EvaluationEvent, SchemeRef } from './evaluation';
import { evaluationDecider, type FreezeScores, type RecordManualScore } from './evaluation.decide';
import { SAMPLE_INDICATORS, SAMPLE_RULES } from './fixtures';

const spec = deciderSpec(evaluationDecider);

const scheme: SchemeRef = {
  schemeId: 'KH-2026',
  year: 2026,
  version: {
    version: 1,
    title: '方案',
    opennessWeightPercent: 5,
    totalPoints: 100,
    indicators: SAMPLE_INDICATORS,
    rules: SAMPLE_RULES,
    assessedUnitKinds: ['town'],
    reason: null,
  },
};
const manual = (overrides: Partial<RecordManualScore> = {}): RecordManualScore => ({
  type: 'RecordManualScore',
  scheme,
  unitAssessed: true,
  unitId: 'TEZ-ZSZ',
  indicatorId: 'quality',
  points: 8,
  reason: '群众评议良好，日常检查发现1处栏目未更新',
  evidence: ['检查记录2026-11'],
  ...overrides,
});
const result: FreezeScores['result'] = {
  schemeId: 'KH-2026',
  year: 2026,
  schemeVersion: 1,
  asOf: '2026-12-31T15:59:59.999Z',
  inputsHash: 'a'.repeat(64),
  inputEvents: 3,
  results: [{ unitId: 'TEZ-ZSZ', name: '张山子镇', total: 88, rank: 1, indicators: [{ indicatorId: 'quality', points: 8, value: null }] }],
  commended: ['TEZ-ZSZ'],
  rectify: [],
  criticised: [],
};
const freeze = (overrides: Partial<FreezeScores> = {}): FreezeScores => ({
  type: 'FreezeScores',
  scheme,
  reason: '年度考核结果',
  factsCatchUp: { caughtUp: true, remaining: 0, waitedSeconds: 0 },
  result,
  ...overrides,
});
/** The ScoresFrozen event a freeze of `frozenResult` records. */
const frozen = (frozenResult = result): EvaluationEvent => ({
  type: 'assessment.ScoresFrozen',
  data: { ...frozenResult, legalBasis: '台政办发〔2020〕10号 四（三）', reason: '年度考核结果' },
});

describe('evaluation decider (manual scores, freezing)', () => {
  it('records a manual score with its reason and evidence', () => {
    spec
      .given()
      .when(manual())
      .then([
        {
          type: 'assessment.ManualScoreRecorded',
          data: {
            schemeId: 'KH-2026',
            year: 2026,
            schemeVersion: 1,
            unitId: 'TEZ-ZSZ',
            indicatorId: 'quality',
            points: 8,
            maxPoints: 10,
            reason: '群众评议良好，日常检查发现1处栏目未更新',
            evidence: ['检查记录2026-11'],
          },
        },
      ]);
  });

  it.each(['', '  ', '好'])('requires a reason for a manual score (%j)', (reason) => {
    spec.given().when(manual({ reason })).thenError('REASON_REQUIRED', { kind: 'validation' });
  });

  it('refuses manual scores on computed indicators, unknown indicators, out-of-range points and units not assessed', () => {
    spec
      .given()
      .when(manual({ indicatorId: 'requests.ontime' }))
      .thenError('INDICATOR_NOT_MANUAL');
    spec
      .given()
      .when(manual({ indicatorId: 'nope' }))
      .thenError('INDICATOR_NOT_FOUND');
    spec
      .given()
      .when(manual({ points: 11 }))
      .thenError('POINTS_OUT_OF_RANGE');
    spec
      .given()
      .when(manual({ unitAssessed: false }))
      .thenError('UNIT_NOT_ASSESSED');
    spec
      .given()
      .when(manual({ scheme: null }))
      .thenError('SCHEME_NOT_FOUND');
  });

  it('a frozen score cannot change: no new manual score, no second freeze', () => {
    spec.given().when(freeze()).then([frozen()]);
    expect(spec.given(frozen()).state.frozen).toMatchObject({
      inputsHash: 'a'.repeat(64),
      legalBasis: expect.stringContaining('四（三）'),
    });
    spec.given(frozen()).when(manual()).thenError('SCORES_FROZEN', { kind: 'conflict' });
    spec.given(frozen()).when(freeze()).thenError('SCORES_FROZEN', { kind: 'conflict' });
    // Dates people read are Beijing dates: frozen at 02:00 on 5 January in Beijing (18:00 UTC the day before).
    const lateNight = { ...result, asOf: '2027-01-04T18:00:00.000Z' };
    spec
      .given()
      .when(freeze({ result: lateNight }))
      .then([frozen(lateNight)]);
    spec
      .given(frozen(lateNight))
      .when(manual())
      .thenError('SCORES_FROZEN', { detail: expect.stringContaining('已于2027-01-05固化') });
  });

  it('refuses to freeze while the facts have not consumed everything published before the freeze, and freezes nothing', () => {
    const lagging = freeze({ factsCatchUp: { caughtUp: false, remaining: 7, waitedSeconds: 30 } });
    const refused = spec
      .given()
      .when(lagging)
      .thenError('FACTS_NOT_CAUGHT_UP', { kind: 'unavailable', extensions: { remaining: 7 } });
    expect(refused.detail).toContain('仍有7条事件未处理');
    expect(refused.detail).toContain('稍后重试');
    spec
      .given()
      .when(freeze({ factsCatchUp: { caughtUp: false, remaining: null, waitedSeconds: 30 } }))
      .thenError('FACTS_NOT_CAUGHT_UP', { detail: expect.stringContaining('无法确认') });
    // Once caught up, the same freeze goes through.
    spec
      .given()
      .when({ ...lagging, factsCatchUp: { caughtUp: true, remaining: 0, waitedSeconds: 2 } })
      .then([expect.objectContaining({ type: 'assessment.ScoresFrozen' })]);
  });

  it('refuses to freeze results computed on another scheme version', () => {
    spec
      .given()
      .when(freeze({ result: { ...result, schemeVersion: 2 } }))
      .thenError('SCHEME_CHANGED');
  });
});

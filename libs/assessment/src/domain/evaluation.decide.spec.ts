import { DomainError, fold } from '@gongkai/platform/domain';
import { evaluationDecider, trainingDecider, type EvaluationCommand, type EvaluationEvent, type SchemeRef } from './evaluation';
import { SAMPLE_INDICATORS, SAMPLE_RULES } from './fixtures';

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
const given = (...events: EvaluationEvent[]) => fold(evaluationDecider, events);
const manual = (overrides: Partial<Extract<EvaluationCommand, { type: 'RecordManualScore' }>> = {}): EvaluationCommand => ({
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
const freeze: EvaluationCommand = {
  type: 'FreezeScores',
  scheme,
  reason: '年度考核结果',
  factsCatchUp: { caughtUp: true, remaining: 0, waitedSeconds: 0 },
  result: {
    schemeId: 'KH-2026',
    year: 2026,
    schemeVersion: 1,
    asOf: '2026-12-31T15:59:59.999Z',
    inputsHash: 'a'.repeat(64),
    inputEvents: 3,
    results: [
      { unitId: 'TEZ-ZSZ', name: '张山子镇', total: 88, rank: 1, indicators: [{ indicatorId: 'quality', points: 8, value: null }] },
    ],
    commended: ['TEZ-ZSZ'],
    rectify: [],
    criticised: [],
  },
};

describe('evaluation decider (manual scores, freezing)', () => {
  it('records a manual score with its reason and evidence', () => {
    expect(evaluationDecider.decide(manual(), given())).toEqual([
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

  it('requires a reason for a manual score', () => {
    for (const reason of ['', '  ', '好']) {
      const result = evaluationDecider.decide(manual({ reason }), given());
      expect(result).toBeInstanceOf(DomainError);
      expect(result).toMatchObject({ kind: 'validation', code: 'REASON_REQUIRED' });
    }
  });

  it('refuses manual scores on computed indicators, unknown indicators, out-of-range points and units not assessed', () => {
    expect(evaluationDecider.decide(manual({ indicatorId: 'requests.ontime' }), given())).toMatchObject({ code: 'INDICATOR_NOT_MANUAL' });
    expect(evaluationDecider.decide(manual({ indicatorId: 'nope' }), given())).toMatchObject({ code: 'INDICATOR_NOT_FOUND' });
    expect(evaluationDecider.decide(manual({ points: 11 }), given())).toMatchObject({ code: 'POINTS_OUT_OF_RANGE' });
    expect(evaluationDecider.decide(manual({ unitAssessed: false }), given())).toMatchObject({ code: 'UNIT_NOT_ASSESSED' });
    expect(evaluationDecider.decide(manual({ scheme: null }), given())).toMatchObject({ code: 'SCHEME_NOT_FOUND' });
  });

  it('a frozen score cannot change: no new manual score, no second freeze', () => {
    const frozen = given(...(evaluationDecider.decide(freeze, given()) as EvaluationEvent[]));
    expect(frozen.frozen).toMatchObject({ inputsHash: 'a'.repeat(64), legalBasis: expect.stringContaining('四（三）') });
    expect(evaluationDecider.decide(manual(), frozen)).toMatchObject({ kind: 'conflict', code: 'SCORES_FROZEN' });
    expect(evaluationDecider.decide(freeze, frozen)).toMatchObject({ kind: 'conflict', code: 'SCORES_FROZEN' });
    // Dates people read are Beijing dates: frozen at 02:00 on 5 January in Beijing (18:00 UTC the day before).
    const lateNight = given(
      ...(evaluationDecider.decide(
        { ...freeze, result: { ...freeze.result, asOf: '2027-01-04T18:00:00.000Z' } } as EvaluationCommand,
        given(),
      ) as EvaluationEvent[]),
    );
    expect(evaluationDecider.decide(manual(), lateNight)).toMatchObject({ detail: expect.stringContaining('已于2027-01-05固化') });
  });

  it('refuses to freeze while the facts have not consumed everything published before the freeze, and freezes nothing', () => {
    const lagging = { ...freeze, factsCatchUp: { caughtUp: false, remaining: 7, waitedSeconds: 30 } } as EvaluationCommand;
    const refused = evaluationDecider.decide(lagging, given());
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ kind: 'unavailable', code: 'FACTS_NOT_CAUGHT_UP', extensions: { remaining: 7 } });
    expect((refused as DomainError).detail).toContain('仍有7条事件未处理');
    expect((refused as DomainError).detail).toContain('稍后重试');
    const unknown = evaluationDecider.decide(
      { ...freeze, factsCatchUp: { caughtUp: false, remaining: null, waitedSeconds: 30 } } as EvaluationCommand,
      given(),
    );
    expect(unknown).toMatchObject({ code: 'FACTS_NOT_CAUGHT_UP', detail: expect.stringContaining('无法确认') });
    // Once caught up, the same freeze goes through.
    expect(
      evaluationDecider.decide(
        { ...lagging, factsCatchUp: { caughtUp: true, remaining: 0, waitedSeconds: 2 } } as EvaluationCommand,
        given(),
      ),
    ).toEqual([expect.objectContaining({ type: 'assessment.ScoresFrozen' })]);
  });

  it('refuses to freeze results computed on another scheme version', () => {
    expect(
      evaluationDecider.decide(
        { ...freeze, result: { ...(freeze as { result: object }).result, schemeVersion: 2 } } as EvaluationCommand,
        given(),
      ),
    ).toMatchObject({ code: 'SCHEME_CHANGED' });
  });
});

describe('training decider', () => {
  const training = {
    type: 'RecordTraining' as const,
    trainingId: 'TR-2026-1',
    title: '政务公开集中培训',
    heldOn: '2026-04-10',
    concentrated: true,
    organiserUnitId: 'TEZ-GOV-OFFICE',
    participants: [{ unitId: 'TEZ-ZSZ', count: 3 }],
  };
  it('records a training once', () => {
    const events = trainingDecider.decide(training, trainingDecider.initialState);
    expect(events).toEqual(
      [{ type: 'assessment.TrainingRecorded', data: { ...training, type: undefined } }].map((e) => ({
        ...e,
        data: Object.fromEntries(Object.entries(e.data).filter(([k]) => k !== 'type')),
      })),
    );
    expect(trainingDecider.decide(training, fold(trainingDecider, events as never))).toMatchObject({ code: 'TRAINING_EXISTS' });
  });
  it('refuses duplicate participants', () => {
    expect(
      trainingDecider.decide(
        {
          ...training,
          participants: [
            { unitId: 'A1', count: 1 },
            { unitId: 'A1', count: 2 },
          ],
        },
        trainingDecider.initialState,
      ),
    ).toMatchObject({ code: 'DUPLICATE_PARTICIPANT' });
  });
});

import { DomainError, fold } from '@gongkai/platform/domain';
import { SAMPLE_INDICATORS, SAMPLE_RULES } from './fixtures';
import type { SchemeEvent } from './scheme';
import { schemeDecider, type PublishSchemeCommand } from './scheme.decide';

const given = (...events: SchemeEvent[]) => fold(schemeDecider, events);
const publish = (overrides: Partial<PublishSchemeCommand> = {}): PublishSchemeCommand => ({
  type: 'PublishScheme',
  schemeId: 'KH-2026',
  year: 2026,
  title: '2026年度政务公开工作考核方案',
  opennessWeightPercent: 5,
  indicators: SAMPLE_INDICATORS,
  rules: SAMPLE_RULES,
  scoresFrozen: false,
  ...overrides,
});

describe('scheme decider', () => {
  it('refuses a scheme whose openness weight is 3.9%, quoting the rule', () => {
    const result = schemeDecider.decide(publish({ opennessWeightPercent: 3.9 }), given());
    expect(result).toBeInstanceOf(DomainError);
    expect(result).toMatchObject({ kind: 'rule', code: 'OPENNESS_WEIGHT_BELOW_MINIMUM' });
    expect((result as DomainError).detail).toContain('政务公开工作纳入考核体系，分值权重不低于4%');
    expect((result as DomainError).detail).toContain('3.9%');
  });

  it('accepts exactly 4% and publishes version 1 with the total of the tree', () => {
    const result = schemeDecider.decide(publish({ opennessWeightPercent: 4 }), given()) as SchemeEvent[];
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({
      type: 'assessment.SchemePublished',
      data: {
        version: 1,
        opennessWeightPercent: 4,
        totalPoints: 100,
        reason: null,
        assessedUnitKinds: ['town', 'subdistrict', 'department'],
      },
    });
  });

  it('versions: a revision needs a reason, keeps the year and becomes version 2', () => {
    const v1 = schemeDecider.decide(publish(), given()) as SchemeEvent[];
    const state = given(...v1);
    expect(schemeDecider.decide(publish({ title: '修订' }), state)).toMatchObject({ code: 'REASON_REQUIRED' });
    expect(schemeDecider.decide(publish({ year: 2027, reason: '改年度' }), state)).toMatchObject({ code: 'SCHEME_YEAR_FIXED' });
    const v2 = schemeDecider.decide(publish({ opennessWeightPercent: 6, reason: '提高权重' }), state) as SchemeEvent[];
    expect(v2[0].data).toMatchObject({ version: 2, opennessWeightPercent: 6, reason: '提高权重' });
    const after = given(...v1, ...v2);
    expect(after).toMatchObject({ status: 'published', current: { version: 2 } });
    expect(after.status === 'published' && after.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('refuses a revision once the scores are frozen', () => {
    const state = given(...(schemeDecider.decide(publish(), given()) as SchemeEvent[]));
    expect(schemeDecider.decide(publish({ reason: '再改', scoresFrozen: true }), state)).toMatchObject({ code: 'SCORES_FROZEN' });
  });

  it('refuses duplicate indicator ids, bands above the indicator points and thresholds above the total', () => {
    const dup = [...SAMPLE_INDICATORS, { id: 'quality', name: '重复', kind: 'manual' as const, points: 1, guidance: 'x' }];
    expect(schemeDecider.decide(publish({ indicators: dup }), given())).toMatchObject({ code: 'DUPLICATE_INDICATOR' });
    const tooMuch = [
      {
        id: 'a',
        name: '甲',
        kind: 'computed' as const,
        points: 5,
        metric: 'request_on_time_rate' as const,
        bands: [{ atLeast: 90, points: 6 }],
        whenNoData: 'full' as const,
      },
    ];
    expect(
      schemeDecider.decide(
        publish({ indicators: tooMuch, rules: { commend: { topN: 1, minTotal: null }, rectifyBelow: null, criticiseBelow: null } }),
        given(),
      ),
    ).toMatchObject({ code: 'BAND_OVER_INDICATOR_POINTS' });
    expect(schemeDecider.decide(publish({ rules: { ...SAMPLE_RULES, rectifyBelow: 120 } }), given())).toMatchObject({
      code: 'RULE_OVER_TOTAL',
    });
  });

  it('sorts threshold rows highest first', () => {
    const indicators = [
      {
        id: 'a',
        name: '甲',
        kind: 'computed' as const,
        points: 10,
        metric: 'request_on_time_rate' as const,
        bands: [
          { atLeast: 50, points: 5 },
          { atLeast: 100, points: 10 },
        ],
        whenNoData: 'full' as const,
      },
    ];
    const [event] = schemeDecider.decide(
      publish({ indicators, rules: { commend: { topN: 1, minTotal: null }, rectifyBelow: null, criticiseBelow: null } }),
      given(),
    ) as SchemeEvent[];
    expect((event.data.indicators[0] as { bands: unknown }).bands).toEqual([
      { atLeast: 100, points: 10 },
      { atLeast: 50, points: 5 },
    ]);
  });
});

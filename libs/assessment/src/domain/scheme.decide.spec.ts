import type { IndicatorNode } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { SAMPLE_INDICATORS, SAMPLE_RULES } from './fixtures';
import type { SchemeEvent } from './scheme';
import { schemeDecider, type PublishSchemeCommand } from './scheme.decide';

const spec = deciderSpec(schemeDecider);
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
/** The event the decider records for `publish(overrides)` as version 1 (what a stream holds after it). */
const published = (overrides: Partial<PublishSchemeCommand> = {}): SchemeEvent => {
  const [event] = spec.given().when(publish(overrides)).decision as SchemeEvent[];
  return event;
};
const noLists = { commend: { topN: 1, minTotal: null }, rectifyBelow: null, criticiseBelow: null };

describe('scheme decider', () => {
  it('refuses a scheme whose openness weight is 3.9%, quoting the rule', () => {
    const refused = spec
      .given()
      .when(publish({ opennessWeightPercent: 3.9 }))
      .thenError('OPENNESS_WEIGHT_BELOW_MINIMUM', { kind: 'rule' });
    expect(refused.detail).toContain('政务公开工作纳入考核体系，分值权重不低于4%');
    expect(refused.detail).toContain('3.9%');
  });

  it('accepts exactly 4% and publishes version 1 with the total of the tree', () => {
    spec
      .given()
      .when(publish({ opennessWeightPercent: 4 }))
      .then([
        expect.objectContaining({
          type: 'assessment.SchemePublished',
          data: expect.objectContaining({
            version: 1,
            opennessWeightPercent: 4,
            totalPoints: 100,
            reason: null,
            assessedUnitKinds: ['town', 'subdistrict', 'department'],
          }),
        }),
      ]);
  });

  it('versions: a revision needs a reason, keeps the year and becomes version 2', () => {
    const v1 = published();
    spec
      .given(v1)
      .when(publish({ title: '修订' }))
      .thenError('REASON_REQUIRED');
    spec
      .given(v1)
      .when(publish({ year: 2027, reason: '改年度' }))
      .thenError('SCHEME_YEAR_FIXED');
    const revision = spec.given(v1).when(publish({ opennessWeightPercent: 6, reason: '提高权重' }));
    revision.then([
      expect.objectContaining({ data: expect.objectContaining({ version: 2, opennessWeightPercent: 6, reason: '提高权重' }) }),
    ]);
    const after = spec.given(v1, ...(revision.decision as SchemeEvent[])).state;
    expect(after).toMatchObject({ status: 'published', current: { version: 2 } });
    expect(after.status === 'published' && after.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('refuses a revision once the scores are frozen', () => {
    spec
      .given(published())
      .when(publish({ reason: '再改', scoresFrozen: true }))
      .thenError('SCORES_FROZEN');
  });

  it('refuses duplicate indicator ids, bands above the indicator points and thresholds above the total', () => {
    const dup: IndicatorNode[] = [...SAMPLE_INDICATORS, { id: 'quality', name: '重复', kind: 'manual', points: 1, guidance: 'x' }];
    spec
      .given()
      .when(publish({ indicators: dup }))
      .thenError('DUPLICATE_INDICATOR');
    const tooMuch: IndicatorNode[] = [
      {
        id: 'a',
        name: '甲',
        kind: 'computed',
        points: 5,
        metric: 'request_on_time_rate',
        bands: [{ atLeast: 90, points: 6 }],
        whenNoData: 'full',
      },
    ];
    spec
      .given()
      .when(publish({ indicators: tooMuch, rules: noLists }))
      .thenError('BAND_OVER_INDICATOR_POINTS');
    spec
      .given()
      .when(publish({ rules: { ...SAMPLE_RULES, rectifyBelow: 120 } }))
      .thenError('RULE_OVER_TOTAL');
  });

  it('sorts threshold rows highest first', () => {
    const indicators: IndicatorNode[] = [
      {
        id: 'a',
        name: '甲',
        kind: 'computed',
        points: 10,
        metric: 'request_on_time_rate',
        bands: [
          { atLeast: 50, points: 5 },
          { atLeast: 100, points: 10 },
        ],
        whenNoData: 'full',
      },
    ];
    spec
      .given()
      .when(publish({ indicators, rules: noLists }))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({
            indicators: [
              expect.objectContaining({
                bands: [
                  { atLeast: 100, points: 10 },
                  { atLeast: 50, points: 5 },
                ],
              }),
            ],
          }),
        }),
      ]);
  });
});

import type { ComputedIndicator, IndicatorNode, ManualScoreRecorded, UnitKind } from '@gongkai/contracts';
import { toShanghaiDate } from '@gongkai/working-days';
import { compareFacts, describeFact, type Fact } from './facts';
import { METRICS } from './metrics';
import { assesses, pointsOf, round2, type SchemeVersion } from './scheme';

/** A manual score as scoring sees it: the event's data and where it is in the store. */
export interface ManualScoreInput extends ManualScoreRecorded {
  eventId: string;
  streamId: string;
  recordedAt: string;
}

export interface ScoringInput {
  schemeId: string;
  year: number;
  scheme: SchemeVersion;
  /** Every fact known (they are filtered here by `asOf`). */
  facts: readonly Fact[];
  manualScores: readonly ManualScoreInput[];
  /** ISO instant: facts and manual scores recorded after it are not taken into account. */
  asOf: string;
}

export interface FactRef {
  eventId: string;
  type: string;
  streamId: string;
  on: string | null;
  recordedAt: string;
  summary: string;
}

export interface IndicatorScore {
  indicatorId: string;
  name: string;
  parentId: string | null;
  kind: IndicatorNode['kind'];
  maxPoints: number;
  points: number;
  lost: number;
  /** Computed leaves: the metric, its value and the threshold row that gave the points. */
  metric: string | null;
  metricLabel: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  rule: string | null;
  explanation: string;
  /** Manual leaves not scored yet. */
  pending: boolean;
  facts: FactRef[];
  /** The facts that cost points (late replies, stale entries…). */
  shortfalls: FactRef[];
}

export interface UnitScore {
  unitId: string;
  name: string;
  kind: UnitKind;
  total: number;
  maxTotal: number;
  /** The score's contribution to the unit's overall performance assessment: total / maxTotal × weight. */
  weightedPoints: number;
  rank: number;
  indicators: IndicatorScore[];
}

export interface ScoreSheet {
  schemeId: string;
  year: number;
  schemeVersion: number;
  asOf: string;
  opennessWeightPercent: number;
  maxTotal: number;
  units: UnitScore[];
  commended: string[];
  rectify: string[];
  criticised: string[];
  /** District-level checks: at least one concentrated training a year (seed 四(二)). */
  district: { concentratedTrainings: number; warnings: string[] };
  /** The ids of every event the numbers were computed from (facts and manual scores), sorted. */
  inputEventIds: string[];
}

const ref = (fact: Fact): FactRef => ({
  eventId: fact.eventId,
  type: fact.type,
  streamId: fact.streamId,
  on: fact.on,
  recordedAt: fact.recordedAt,
  summary: describeFact(fact),
});

function bandPoints(leaf: ComputedIndicator, value: number | null): { points: number; rule: string } {
  if (value === null) {
    return leaf.whenNoData === 'full'
      ? { points: leaf.points, rule: `无可计数事项，按方案得满分${leaf.points}分` }
      : { points: 0, rule: '无可计数事项，按方案不得分' };
  }
  const band = leaf.bands.find((b) => value >= b.atLeast);
  const table = leaf.bands.map((b) => `≥${b.atLeast}得${b.points}分`).join('，');
  return band
    ? { points: band.points, rule: `达到“≥${band.atLeast}”档，得${band.points}分（评分档：${table}）` }
    : { points: 0, rule: `未达到最低档，不得分（评分档：${table}）` };
}

/**
 * Scores every assessed unit under a scheme version from the facts, as of an instant. Pure and
 * deterministic: the same facts, manual scores, scheme and `asOf` always give the same sheet.
 */
export function scoreUnits(input: ScoringInput): ScoreSheet {
  const { scheme, year } = input;
  const asOfDate = toShanghaiDate(input.asOf);
  const referenceDate = asOfDate < `${year}-12-31` ? asOfDate : `${year}-12-31`;
  const known = input.facts.filter((f) => f.recordedAt <= input.asOf).sort(compareFacts);

  // A transferred request is the receiving unit's from the transfer, deadline included: that unit
  // sees the request's whole history (receipt, clock events), not only what happened after.
  const transferredTo = new Map<string, Set<string>>();
  for (const fact of known) {
    if (fact.type !== 'requests.RequestTransferred') continue;
    const requestId = String(fact.data.requestId);
    transferredTo.set(requestId, (transferredTo.get(requestId) ?? new Set()).add(String(fact.data.toUnitId)));
  }
  const unitsOf = (fact: Fact): Iterable<string> => {
    const receiving = fact.type.startsWith('requests.') ? transferredTo.get(String(fact.data.requestId)) : undefined;
    return receiving ? new Set([...fact.unitIds, ...receiving]) : fact.unitIds;
  };

  // Units (registered, as of asOf) and their facts.
  const units = new Map<string, { name: string; kind: UnitKind }>();
  const factsByUnit = new Map<string, Fact[]>();
  for (const fact of known) {
    if (fact.type === 'catalogue.UnitRegistered')
      units.set(String(fact.data.unitId), { name: String(fact.data.name), kind: fact.data.kind as UnitKind });
    if (fact.type === 'catalogue.UnitRenamed') {
      const unit = units.get(String(fact.data.unitId));
      if (unit) unit.name = String(fact.data.name);
    }
    for (const unitId of unitsOf(fact)) {
      const list = factsByUnit.get(unitId);
      if (list) list.push(fact);
      else factsByUnit.set(unitId, [fact]);
    }
  }
  const assessed = [...units.entries()].filter(([, u]) => assesses(scheme, u.kind)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const assessedIds = new Set(assessed.map(([id]) => id));

  const manual = new Map<string, ManualScoreInput>();
  for (const score of [...input.manualScores]
    .filter((m) => m.recordedAt <= input.asOf)
    .sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : a.eventId < b.eventId ? -1 : 1))) {
    if (assessedIds.has(score.unitId)) manual.set(`${score.unitId}/${score.indicatorId}`, score);
  }

  const used = new Set<string>();
  const maxTotal = round2(scheme.indicators.reduce((s, n) => s + pointsOf(n), 0));
  const scored: Omit<UnitScore, 'rank'>[] = assessed.map(([unitId, unit]) => {
    const facts = factsByUnit.get(unitId) ?? [];
    const indicators: IndicatorScore[] = [];
    const walk = (node: IndicatorNode, parentId: string | null): number => {
      if (node.kind === 'group') {
        const at = indicators.length;
        indicators.push({} as IndicatorScore); // placeholder: the group comes before its children
        const points = round2(node.children.reduce((sum, child) => sum + walk(child, node.id), 0));
        const maxPoints = pointsOf(node);
        indicators[at] = {
          indicatorId: node.id,
          name: node.name,
          parentId,
          kind: 'group',
          maxPoints,
          points,
          lost: round2(maxPoints - points),
          metric: null,
          metricLabel: null,
          value: null,
          numerator: null,
          denominator: null,
          rule: null,
          explanation: `${node.children.length}项子指标合计`,
          pending: false,
          facts: [],
          shortfalls: [],
        };
        return points;
      }
      if (node.kind === 'manual') {
        const score = manual.get(`${unitId}/${node.id}`);
        if (score) used.add(score.eventId);
        const points = score ? Math.min(score.points, node.points) : 0;
        indicators.push({
          indicatorId: node.id,
          name: node.name,
          parentId,
          kind: 'manual',
          maxPoints: node.points,
          points,
          lost: round2(node.points - points),
          metric: null,
          metricLabel: null,
          value: null,
          numerator: null,
          denominator: null,
          rule: '区政府办公室人工评分',
          explanation: score
            ? `人工评分${score.points}分：${score.reason}${score.evidence.length ? `（佐证：${score.evidence.join('；')}）` : ''}`
            : '尚未评分',
          pending: !score,
          facts: score
            ? [
                {
                  eventId: score.eventId,
                  type: 'assessment.ManualScoreRecorded',
                  streamId: score.streamId,
                  on: null,
                  recordedAt: score.recordedAt,
                  summary: `人工评分 ${score.points}/${score.maxPoints}：${score.reason}`,
                },
              ]
            : [],
          shortfalls: [],
        });
        return points;
      }
      const metric = METRICS[node.metric];
      const result = metric.compute(facts, { unitId, year, asOfDate, referenceDate, params: node.params });
      const { points, rule } = bandPoints(node, result.value);
      for (const fact of result.facts) used.add(fact.eventId);
      indicators.push({
        indicatorId: node.id,
        name: node.name,
        parentId,
        kind: 'computed',
        maxPoints: node.points,
        points,
        lost: round2(node.points - points),
        metric: node.metric,
        metricLabel: metric.label,
        value: result.value,
        numerator: result.numerator,
        denominator: result.denominator,
        rule,
        explanation: `${result.detail}；${rule}`,
        pending: false,
        facts: result.facts.map(ref),
        shortfalls: result.shortfalls.map(ref),
      });
      return points;
    };
    const total = round2(scheme.indicators.reduce((sum, node) => sum + walk(node, null), 0));
    return {
      unitId,
      name: unit.name,
      kind: unit.kind,
      total,
      maxTotal,
      weightedPoints: round2((total / maxTotal) * scheme.opennessWeightPercent),
      indicators,
    };
  });

  // Competition ranking: equal totals share a rank (1, 1, 3).
  const ordered = [...scored].sort((a, b) => b.total - a.total || (a.unitId < b.unitId ? -1 : 1));
  const ranked: UnitScore[] = [];
  ordered.forEach((unit, i) => {
    const rank = i > 0 && ordered[i - 1].total === unit.total ? ranked[i - 1].rank : i + 1;
    ranked.push({ ...unit, rank });
  });

  const { commend, rectifyBelow, criticiseBelow } = scheme.rules;
  const commended =
    commend.topN === null && commend.minTotal === null
      ? []
      : ranked
          .filter((u) => (commend.topN === null || u.rank <= commend.topN) && (commend.minTotal === null || u.total >= commend.minTotal))
          .map((u) => u.unitId);
  const rectify = rectifyBelow === null ? [] : ranked.filter((u) => u.total < rectifyBelow).map((u) => u.unitId);
  const criticised = criticiseBelow === null ? [] : ranked.filter((u) => u.total < criticiseBelow).map((u) => u.unitId);

  const trainings = known.filter(
    (f) => f.type === 'assessment.TrainingRecorded' && f.data.concentrated === true && f.on?.startsWith(`${year}-`),
  );
  const warnings = trainings.length === 0 ? [`${year}年度尚未组织集中学习培训（每年至少一次，台政办发〔2020〕10号 四（二））`] : [];
  // Every fact about an assessed unit is an input, not only those a metric happened to use.
  for (const [unitId] of assessed) for (const fact of factsByUnit.get(unitId) ?? []) used.add(fact.eventId);

  return {
    schemeId: input.schemeId,
    year,
    schemeVersion: scheme.version,
    asOf: input.asOf,
    opennessWeightPercent: scheme.opennessWeightPercent,
    maxTotal,
    units: ranked,
    commended,
    rectify,
    criticised,
    district: { concentratedTrainings: trainings.length, warnings },
    inputEventIds: [...used].sort(),
  };
}

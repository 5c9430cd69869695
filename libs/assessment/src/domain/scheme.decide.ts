import {
  ASSESSMENT_LEGAL_BASIS,
  OPENNESS_MIN_WEIGHT_PERCENT,
  OPENNESS_WEIGHT_RULE,
  type IndicatorNode,
  type ResultRules,
  type UnitKind,
} from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import { evolveScheme, initialSchemeState, nodesOf, pointsOf, round2, type SchemeEvent, type SchemeState } from './scheme';

export const DEFAULT_ASSESSED_UNIT_KINDS: UnitKind[] = ['town', 'subdistrict', 'department'];

export interface PublishSchemeCommand {
  type: 'PublishScheme';
  schemeId: string;
  year: number;
  title: string;
  opennessWeightPercent: number;
  indicators: IndicatorNode[];
  rules: ResultRules;
  assessedUnitKinds?: UnitKind[];
  reason?: string | null;
  /** Whether the scheme's scores are already frozen (from the evaluation stream, read by the handler). */
  scoresFrozen: boolean;
}
export type SchemeCommand = PublishSchemeCommand;

const formatPercent = (value: number) => `${round2(value)}%`;

/** Bands sorted highest threshold first, so that "the first row the value reaches" is well defined. */
function normalise(nodes: IndicatorNode[]): IndicatorNode[] {
  return nodes.map((node) => {
    if (node.kind === 'group') return { ...node, children: normalise(node.children) };
    if (node.kind === 'computed') return { ...node, bands: [...node.bands].sort((a, b) => b.atLeast - a.atLeast) };
    return node;
  });
}

function checkTree(indicators: IndicatorNode[]): DomainError | null {
  const nodes = nodesOf(indicators);
  const seen = new Set<string>();
  for (const node of nodes) {
    if (seen.has(node.id)) return DomainError.validation('DUPLICATE_INDICATOR', `指标编号“${node.id}”重复。`);
    seen.add(node.id);
    if (node.kind === 'group' && node.children.length === 0)
      return DomainError.validation('EMPTY_INDICATOR_GROUP', `指标“${node.name}”下没有子指标。`);
    if (node.kind !== 'group' && !(node.points > 0))
      return DomainError.validation('INDICATOR_WITHOUT_POINTS', `指标“${node.name}”的分值应大于0。`);
    if (node.kind === 'computed') {
      const over = node.bands.find((band) => band.points > node.points);
      if (over) {
        return DomainError.validation(
          'BAND_OVER_INDICATOR_POINTS',
          `指标“${node.name}”的评分档（≥${over.atLeast}得${over.points}分）超过该指标分值${node.points}分。`,
        );
      }
    }
  }
  return null;
}

/** 政务公开工作占绩效考核的权重: a percentage, not below the minimum the district set. */
function weightError(weight: number): DomainError | null {
  if (!Number.isFinite(weight) || weight > 100) {
    return DomainError.validation('INVALID_OPENNESS_WEIGHT', '政务公开分值权重应为0到100之间的百分数。');
  }
  if (weight < OPENNESS_MIN_WEIGHT_PERCENT) {
    return DomainError.rule(
      'OPENNESS_WEIGHT_BELOW_MINIMUM',
      `“${OPENNESS_WEIGHT_RULE}”（${ASSESSMENT_LEGAL_BASIS}）。本方案中政务公开工作占绩效考核的权重为${formatPercent(weight)}，低于4%，不能发布。`,
      { minimumPercent: OPENNESS_MIN_WEIGHT_PERCENT, givenPercent: weight },
    );
  }
  return null;
}

/** The thresholds of the lists (表扬, 督促整改, 通报批评) within the total, criticism not above rectification. */
function rulesError(rules: ResultRules, totalPoints: number): DomainError | null {
  const { commend, rectifyBelow, criticiseBelow } = rules;
  for (const [label, value] of [
    ['表扬分数线', commend.minTotal],
    ['督促整改分数线', rectifyBelow],
    ['通报批评分数线', criticiseBelow],
  ] as const) {
    if (value !== null && value > totalPoints) {
      return DomainError.validation('RULE_OVER_TOTAL', `${label}${value}分超过方案总分${totalPoints}分。`);
    }
  }
  if (criticiseBelow !== null && rectifyBelow !== null && criticiseBelow > rectifyBelow) {
    return DomainError.validation('CRITICISE_ABOVE_RECTIFY', '通报批评分数线不应高于督促整改分数线。');
  }
  return null;
}

/** A new version of a published scheme: same year, a reason, and only while its scores are not frozen. */
function revisionError(command: PublishSchemeCommand, state: SchemeState, reason: string | null): DomainError | null {
  if (state.status !== 'published') return null;
  if (command.scoresFrozen) return DomainError.rule('SCORES_FROZEN', `${state.year}年度考核结果已固化，方案不能再修订。`);
  if (command.year !== state.year) {
    return DomainError.rule(
      'SCHEME_YEAR_FIXED',
      `方案“${state.schemeId}”是${state.year}年度的方案，不能改为${command.year}年度；请新建方案。`,
    );
  }
  if (!reason || reason.length < 2) return DomainError.validation('REASON_REQUIRED', '修订已发布的考核方案须说明理由。');
  return null;
}

export function decideScheme(command: SchemeCommand, state: SchemeState): SchemeEvent[] | DomainError {
  const weight = command.opennessWeightPercent;
  const invalid =
    weightError(weight) ??
    (command.indicators.length === 0 ? DomainError.validation('NO_INDICATORS', '考核方案至少应有一项指标。') : null) ??
    checkTree(command.indicators);
  if (invalid) return invalid;
  const totalPoints = round2(command.indicators.reduce((sum, node) => sum + pointsOf(node), 0));
  const reason = command.reason?.trim() || null;
  const refused = rulesError(command.rules, totalPoints) ?? revisionError(command, state, reason);
  if (refused) return refused;
  return [
    {
      type: 'assessment.SchemePublished',
      data: {
        schemeId: command.schemeId,
        year: command.year,
        version: state.status === 'published' ? state.current.version + 1 : 1,
        title: command.title,
        opennessWeightPercent: weight,
        totalPoints,
        indicators: normalise(command.indicators),
        rules: command.rules,
        assessedUnitKinds: command.assessedUnitKinds ?? DEFAULT_ASSESSED_UNIT_KINDS,
        legalBasis: ASSESSMENT_LEGAL_BASIS,
        reason,
      },
    },
  ];
}

export const schemeDecider: Decider<SchemeCommand, SchemeEvent, SchemeState> = {
  initialState: initialSchemeState,
  evolve: evolveScheme,
  decide: decideScheme,
};

import type { ScoresFrozen } from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import { toShanghaiDate } from '@gongkai/working-days';
import { evolveEvaluation, initialEvaluationState, type EvaluationEvent, type EvaluationState, type SchemeRef } from './evaluation';
import { leavesOf } from './scheme';

export type RecordManualScore = {
  type: 'RecordManualScore';
  scheme: SchemeRef | null;
  /** Whether the unit is one the scheme assesses (from the facts, read by the handler). */
  unitAssessed: boolean;
  unitId: string;
  indicatorId: string;
  points: number;
  reason: string;
  evidence: string[];
};

export type FreezeScores = {
  type: 'FreezeScores';
  scheme: SchemeRef | null;
  result: Omit<ScoresFrozen, 'legalBasis' | 'reason'>;
  reason: string | null;
  /**
   * Whether the facts had consumed every event published before the freeze (read by the handler,
   * which waited a bounded time for it); `remaining`: what was still unconsumed, null if unknown.
   */
  factsCatchUp: { caughtUp: boolean; remaining: number | null; waitedSeconds: number };
};

export type EvaluationCommand = RecordManualScore | FreezeScores;

const frozenError = (frozen: ScoresFrozen) =>
  DomainError.conflict(
    'SCORES_FROZEN',
    `${frozen.year}年度考核结果已于${toShanghaiDate(frozen.asOf)}固化（方案第${frozen.schemeVersion}版），不能再更改。`,
  );

/** A manual score: only on a manual indicator of the scheme, for an assessed unit, within its points, with a reason. */
function recordManualScore(command: RecordManualScore, scheme: SchemeRef): EvaluationEvent[] | DomainError {
  const leaf = leavesOf(scheme.version.indicators).find(({ leaf }) => leaf.id === command.indicatorId)?.leaf;
  if (!leaf) return DomainError.notFound('INDICATOR_NOT_FOUND', `方案第${scheme.version.version}版中没有指标“${command.indicatorId}”。`);
  if (leaf.kind !== 'manual') return DomainError.rule('INDICATOR_NOT_MANUAL', `指标“${leaf.name}”由系统根据事实自动计分，不能人工打分。`);
  if (!command.unitAssessed) return DomainError.notFound('UNIT_NOT_ASSESSED', `单位 ${command.unitId} 不在本方案的考核对象中。`);
  const reason = command.reason?.trim() ?? '';
  if (reason.length < 2) return DomainError.validation('REASON_REQUIRED', `人工评分须写明理由（指标“${leaf.name}”）。`);
  if (!Number.isFinite(command.points) || command.points < 0 || command.points > leaf.points) {
    return DomainError.validation('POINTS_OUT_OF_RANGE', `指标“${leaf.name}”的得分应在0到${leaf.points}分之间。`);
  }
  return [
    {
      type: 'assessment.ManualScoreRecorded',
      data: {
        schemeId: scheme.schemeId,
        year: scheme.year,
        schemeVersion: scheme.version.version,
        unitId: command.unitId,
        indicatorId: leaf.id,
        points: command.points,
        maxPoints: leaf.points,
        reason,
        evidence: command.evidence,
      },
    },
  ];
}

/** Freezing: only results computed on the scheme's current version, from facts that had caught up. */
function freezeScores(command: FreezeScores, scheme: SchemeRef): EvaluationEvent[] | DomainError {
  const { caughtUp, remaining, waitedSeconds } = command.factsCatchUp;
  if (!caughtUp) {
    return new DomainError(
      'unavailable',
      'FACTS_NOT_CAUGHT_UP',
      `考核事实尚未同步完成（等待${waitedSeconds}秒后${remaining === null ? '仍无法确认消息同步进度' : `仍有${remaining}条事件未处理`}），为免遗漏其他单位最新记录的事项，本次未固化考核结果。请区政府办公室稍后重试。`,
      [],
      { remaining },
    );
  }
  if (command.result.schemeVersion !== scheme.version.version) {
    return DomainError.conflict('SCHEME_CHANGED', '计分期间考核方案已修订，请重新计算后再固化。');
  }
  return [
    {
      type: 'assessment.ScoresFrozen',
      data: { ...command.result, legalBasis: '台政办发〔2020〕10号 四（三）', reason: command.reason?.trim() || null },
    },
  ];
}

export function decideEvaluation(command: EvaluationCommand, state: EvaluationState): EvaluationEvent[] | DomainError {
  if (!command.scheme) return DomainError.notFound('SCHEME_NOT_FOUND', '考核方案不存在或尚未发布。');
  if (state.frozen) return frozenError(state.frozen);
  switch (command.type) {
    case 'RecordManualScore':
      return recordManualScore(command, command.scheme);
    case 'FreezeScores':
      return freezeScores(command, command.scheme);
  }
}

export const evaluationDecider: Decider<EvaluationCommand, EvaluationEvent, EvaluationState> = {
  initialState: initialEvaluationState,
  evolve: evolveEvaluation,
  decide: decideEvaluation,
};

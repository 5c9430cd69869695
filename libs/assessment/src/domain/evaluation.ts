import type { ManualScoreRecorded, ScoresFrozen } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';
import type { SchemeVersion } from './scheme';

/**
 * The evaluation of one scheme's period (考核评分): the district office's manual scores, then the
 * frozen results. Once frozen, nothing in it changes.
 */
export type EvaluationEvent =
  DomainEvent<'assessment.ManualScoreRecorded', ManualScoreRecorded> | DomainEvent<'assessment.ScoresFrozen', ScoresFrozen>;

export interface EvaluationState {
  manualScores: number;
  frozen: ScoresFrozen | null;
}

export const initialEvaluationState: EvaluationState = { manualScores: 0, frozen: null };

export function evolveEvaluation(state: EvaluationState, event: EvaluationEvent): EvaluationState {
  switch (event.type) {
    case 'assessment.ManualScoreRecorded':
      return { ...state, manualScores: state.manualScores + 1 };
    case 'assessment.ScoresFrozen':
      return { ...state, frozen: event.data };
  }
}

export const evaluationStreamId = (schemeId: string) => `assessment.evaluation-${schemeId}`;

/** The scheme as the evaluation sees it, loaded by the handler from the scheme stream. */
export interface SchemeRef {
  schemeId: string;
  year: number;
  version: SchemeVersion;
}

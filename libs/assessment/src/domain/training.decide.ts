import type { TrainingRecorded } from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import { evolveTraining, initialTrainingState, type TrainingEvent, type TrainingState } from './training';

export type TrainingCommand = { type: 'RecordTraining' } & TrainingRecorded;

export function decideTraining(command: TrainingCommand, state: TrainingState): TrainingEvent[] | DomainError {
  if (state.status === 'recorded') return DomainError.conflict('TRAINING_EXISTS', `培训“${command.trainingId}”已登记。`);
  const units = command.participants.map((p) => p.unitId);
  if (new Set(units).size !== units.length) return DomainError.validation('DUPLICATE_PARTICIPANT', '参训单位重复。');
  const { type: _type, ...data } = command;
  return [{ type: 'assessment.TrainingRecorded', data }];
}

export const trainingDecider: Decider<TrainingCommand, TrainingEvent, TrainingState> = {
  initialState: initialTrainingState,
  evolve: evolveTraining,
  decide: decideTraining,
};

import type { TrainingRecorded } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/** A training (集中学习培训, seed 四(二)): recorded once, by the district office. */
export type TrainingEvent = DomainEvent<'assessment.TrainingRecorded', TrainingRecorded>;
export type TrainingState = { status: 'none' } | { status: 'recorded'; training: TrainingRecorded };

export const initialTrainingState: TrainingState = { status: 'none' };

export const evolveTraining = (_state: TrainingState, event: TrainingEvent): TrainingState => ({
  status: 'recorded',
  training: event.data,
});

export const trainingStreamId = (trainingId: string) => `assessment.training-${trainingId}`;

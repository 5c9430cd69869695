import { deciderSpec } from '@gongkai/platform/decider-spec';
import type { TrainingEvent } from './training';
import { trainingDecider, type TrainingCommand } from './training.decide';

const spec = deciderSpec(trainingDecider);

describe('training decider', () => {
  const { type: _command, ...training } = {
    type: 'RecordTraining',
    trainingId: 'TR-2026-1',
    title: '政务公开集中培训',
    heldOn: '2026-04-10',
    concentrated: true,
    organiserUnitId: 'TEZ-GOV-OFFICE',
    participants: [{ unitId: 'TEZ-ZSZ', count: 3 }],
  } satisfies TrainingCommand;
  const record: TrainingCommand = { type: 'RecordTraining', ...training };
  const recorded: TrainingEvent = { type: 'assessment.TrainingRecorded', data: training };

  it('records a training once', () => {
    spec.given().when(record).then([recorded]);
    spec.given(recorded).when(record).thenError('TRAINING_EXISTS');
  });

  it('refuses duplicate participants', () => {
    spec
      .given()
      .when({
        ...record,
        participants: [
          { unitId: 'A1', count: 1 },
          { unitId: 'A1', count: 2 },
        ],
      })
      .thenError('DUPLICATE_PARTICIPANT');
  });
});

import { deciderSpec } from '@gongkai/platform/decider-spec';
import { DomainError } from '@gongkai/platform/domain';
import { reviewCycleDecider, type ReviewCycleCommand, type ReviewCycleEvent } from './review-cycle';

describe('review cycle (年度评估)', () => {
  const spec = deciderSpec(reviewCycleDecider);
  /** The history after the command: for the next step. */
  const ok = (events: ReviewCycleEvent[], command: ReviewCycleCommand) => {
    const result = spec.given(...events).when(command).decision;
    if (result instanceof DomainError) throw result;
    return [...events, ...result];
  };
  const opened = ok([], { type: 'OpenReviewCycle', year: 2026, openedOn: '2026-11-02', dueOn: '2026-12-31' });

  it('opens once, with a due date not before the opening', () => {
    spec
      .given(...opened)
      .when({ type: 'OpenReviewCycle', year: 2026, openedOn: '2026-11-02', dueOn: '2026-12-31' })
      .thenError('REVIEW_CYCLE_ALREADY_OPEN');
    spec.given().when({ type: 'OpenReviewCycle', year: 2026, openedOn: '2026-11-02', dueOn: '2026-10-31' }).thenError('DUE_BEFORE_OPENING');
  });

  it('assigns a unit its tasks once; completes it once every task is decided, on time or late', () => {
    spec
      .given()
      .when({ type: 'AssignReviewTasks', unitId: 'TEZ-EDU', documentIds: ['a'] })
      .thenError('REVIEW_CYCLE_NOT_FOUND');
    const assigned = ok(opened, { type: 'AssignReviewTasks', unitId: 'TEZ-EDU', documentIds: ['a', 'b'] });
    spec
      .given(...assigned)
      .when({ type: 'AssignReviewTasks', unitId: 'TEZ-EDU', documentIds: ['a', 'b', 'c'] })
      .thenNothing();
    spec
      .given(...assigned)
      .when({ type: 'CompleteUnitReview', unitId: 'TEZ-EDU', kept: 1, released: 0, completedOn: '2026-12-01' })
      .thenError('REVIEW_INCOMPLETE');
    const completed = ok(assigned, { type: 'CompleteUnitReview', unitId: 'TEZ-EDU', kept: 1, released: 1, completedOn: '2027-01-04' });
    expect(completed[completed.length - 1].data).toEqual({
      year: 2026,
      unitId: 'TEZ-EDU',
      tasks: 2,
      kept: 1,
      released: 1,
      completedOn: '2027-01-04',
      onTime: false,
    });
    spec
      .given(...completed)
      .when({ type: 'CompleteUnitReview', unitId: 'TEZ-EDU', kept: 1, released: 1, completedOn: '2027-01-05' })
      .thenNothing();
    spec
      .given(...completed)
      .when({ type: 'CompleteUnitReview', unitId: 'TEZ-ZSZ', kept: 0, released: 0, completedOn: '2027-01-05' })
      .thenError('REVIEW_TASKS_NOT_FOUND');
  });
});

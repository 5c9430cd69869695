import type { ReviewCycleOpened, ReviewTasksAssigned, UnitYearlyReviewCompleted } from '@gongkai/contracts';
import { DomainError, type Decider, type DomainEvent } from '@gongkai/platform/domain';
import { isLocalDate } from '@gongkai/working-days';

/**
 * The yearly review (年度评估, Art. 18 and seed 三(二)) of withheld documents: the district office opens
 * a cycle, a process manager assigns each unit its tasks, and the unit's completion is recorded
 * once every task is decided.
 */
export type ReviewCycleEvent =
  | DomainEvent<'document-attributes.ReviewCycleOpened', ReviewCycleOpened>
  | DomainEvent<'document-attributes.ReviewTasksAssigned', ReviewTasksAssigned>
  | DomainEvent<'document-attributes.UnitYearlyReviewCompleted', UnitYearlyReviewCompleted>;

export type ReviewCycleState =
  | { status: 'none' }
  | { status: 'open'; year: number; openedOn: string; dueOn: string; units: Record<string, { documentIds: string[]; completed: boolean }> };

export type ReviewCycleCommand =
  | { type: 'OpenReviewCycle'; year: number; openedOn: string; dueOn: string }
  | { type: 'AssignReviewTasks'; unitId: string; documentIds: string[] }
  | { type: 'CompleteUnitReview'; unitId: string; kept: number; released: number; completedOn: string };

export const reviewCycleStreamId = (year: number) => `document-attributes.review-cycle-${year}`;

export function evolveReviewCycle(state: ReviewCycleState, event: ReviewCycleEvent): ReviewCycleState {
  switch (event.type) {
    case 'document-attributes.ReviewCycleOpened':
      return { status: 'open', ...event.data, units: {} };
    case 'document-attributes.ReviewTasksAssigned':
      if (state.status !== 'open') return state;
      return { ...state, units: { ...state.units, [event.data.unitId]: { documentIds: event.data.documentIds, completed: false } } };
    case 'document-attributes.UnitYearlyReviewCompleted': {
      if (state.status !== 'open') return state;
      const unit = state.units[event.data.unitId];
      return unit ? { ...state, units: { ...state.units, [event.data.unitId]: { ...unit, completed: true } } } : state;
    }
  }
}

type Command<T extends ReviewCycleCommand['type']> = Extract<ReviewCycleCommand, { type: T }>;
type OpenCycle = Extract<ReviewCycleState, { status: 'open' }>;

function openReviewCycle(command: Command<'OpenReviewCycle'>, state: ReviewCycleState): ReviewCycleEvent[] | DomainError {
  if (state.status === 'open') return DomainError.conflict('REVIEW_CYCLE_ALREADY_OPEN', `${command.year} 年度评估已经启动。`);
  if (!isLocalDate(command.openedOn) || !isLocalDate(command.dueOn)) {
    return DomainError.validation('INVALID_DATE', '日期无效，应为 YYYY-MM-DD。');
  }
  if (command.dueOn < command.openedOn) return DomainError.rule('DUE_BEFORE_OPENING', '评估截止日期不能早于启动日期。');
  return [
    { type: 'document-attributes.ReviewCycleOpened', data: { year: command.year, openedOn: command.openedOn, dueOn: command.dueOn } },
  ];
}

function assignReviewTasks(command: Command<'AssignReviewTasks'>, state: OpenCycle): ReviewCycleEvent[] | DomainError {
  if (state.units[command.unitId]) return []; // assigned already: a redelivery
  return [
    {
      type: 'document-attributes.ReviewTasksAssigned',
      data: { year: state.year, unitId: command.unitId, documentIds: [...new Set(command.documentIds)] },
    },
  ];
}

function completeUnitReview(command: Command<'CompleteUnitReview'>, state: OpenCycle): ReviewCycleEvent[] | DomainError {
  const unit = state.units[command.unitId];
  if (!unit) return DomainError.notFound('REVIEW_TASKS_NOT_FOUND', `单位 ${command.unitId} 在 ${state.year} 年度没有评估任务。`);
  if (unit.completed) return [];
  if (command.kept + command.released !== unit.documentIds.length) {
    return DomainError.rule('REVIEW_INCOMPLETE', `单位 ${command.unitId} 尚有评估任务未完成。`);
  }
  return [
    {
      type: 'document-attributes.UnitYearlyReviewCompleted',
      data: {
        year: state.year,
        unitId: command.unitId,
        tasks: unit.documentIds.length,
        kept: command.kept,
        released: command.released,
        completedOn: command.completedOn,
        onTime: command.completedOn <= state.dueOn,
      },
    },
  ];
}

export function decideReviewCycle(command: ReviewCycleCommand, state: ReviewCycleState): ReviewCycleEvent[] | DomainError {
  if (command.type === 'OpenReviewCycle') return openReviewCycle(command, state);
  if (state.status !== 'open') return DomainError.notFound('REVIEW_CYCLE_NOT_FOUND', '该年度评估尚未启动。');
  switch (command.type) {
    case 'AssignReviewTasks':
      return assignReviewTasks(command, state);
    case 'CompleteUnitReview':
      return completeUnitReview(command, state);
  }
}

export const reviewCycleDecider: Decider<ReviewCycleCommand, ReviewCycleEvent, ReviewCycleState> = {
  initialState: { status: 'none' },
  evolve: evolveReviewCycle,
  decide: decideReviewCycle,
};

import type { InterpretationLimits, VillagePostingCategory } from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import { addCalendarDays, parseLocalDate, type LocalDate } from '@gongkai/working-days';
import { calendarDaysBetween } from './dates';
import {
  evolveVillage,
  expectedPeriodFormat,
  initialVillageState,
  MONTH_PERIOD,
  periodEnd,
  QUARTER_PERIOD,
  type VillageEvent,
  type VillageState,
} from './village';

export type VillageCommand =
  | {
      type: 'RegisterVillageCommittee';
      committeeId: string;
      name: string;
      kind: 'village' | 'community';
      townUnitId: string;
      financesMonthly: boolean;
    }
  | {
      type: 'RecordVillagePosting';
      postingId: string;
      category: VillagePostingCategory;
      title: string;
      period: string;
      today: string;
      limits: InterpretationLimits;
    };

type Command<T extends VillageCommand['type']> = Extract<VillageCommand, { type: T }>;

function registerVillageCommittee(command: Command<'RegisterVillageCommittee'>, state: VillageState): VillageEvent[] | DomainError {
  if (state.status !== 'none') return DomainError.conflict('COMMITTEE_EXISTS', `村(居)委会 ${command.committeeId} 已登记。`);
  const { type: _command, ...committee } = command;
  return [{ type: 'interpretation.VillageCommitteeRegistered', data: committee }];
}

const validDate = (value: string): LocalDate | null => {
  try {
    return parseLocalDate(value);
  } catch {
    return null;
  }
};

/**
 * When a posting is due: a major matter within `villageMajorMatterDays` of arising (its period is
 * that date), a quarter or month `villagePeriodGraceDays` after it ends.
 */
function postingDueOn(command: Command<'RecordVillagePosting'>, financesMonthly: boolean): string | DomainError {
  const format = expectedPeriodFormat(command.category, financesMonthly);
  if (format === 'date') {
    const arose = validDate(command.period);
    if (!arose) return DomainError.validation('PERIOD_INVALID', '重大事项须填写事项发生日期（YYYY-MM-DD）。');
    if (arose > command.today) return DomainError.rule('PERIOD_IN_FUTURE', '事项发生日期不能晚于今天。');
    return addCalendarDays(arose, command.limits.villageMajorMatterDays);
  }
  const end = (format === 'quarter' ? QUARTER_PERIOD : MONTH_PERIOD).test(command.period) ? periodEnd(command.period) : null;
  if (!end) {
    return DomainError.validation(
      'PERIOD_INVALID',
      format === 'quarter' ? '该类事项按季度公开，期间应写作“2026-Q3”。' : '该村(居)财务按月公开，期间应写作“2026-09”。',
    );
  }
  return addCalendarDays(parseLocalDate(end), command.limits.villagePeriodGraceDays);
}

function recordVillagePosting(command: Command<'RecordVillagePosting'>, state: VillageState): VillageEvent[] | DomainError {
  if (state.status === 'none') return DomainError.notFound('COMMITTEE_NOT_FOUND', '该村(居)委会尚未登记。');
  if (state.postingIds.includes(command.postingId)) return [];
  const { committeeId, townUnitId, financesMonthly } = state.committee;
  const dueOn = postingDueOn(command, financesMonthly);
  if (dueOn instanceof DomainError) return dueOn;
  const daysLate = Math.max(0, calendarDaysBetween(dueOn, command.today));
  return [
    {
      type: 'interpretation.VillagePostingRecorded',
      data: {
        committeeId,
        townUnitId,
        postingId: command.postingId,
        category: command.category,
        title: command.title,
        period: command.period,
        postedOn: command.today,
        dueOn,
        late: daysLate > 0,
        daysLate,
      },
    },
  ];
}

export const villageDecider: Decider<VillageCommand, VillageEvent, VillageState> = {
  initialState: initialVillageState,
  evolve: evolveVillage,
  decide: (command, state) =>
    command.type === 'RegisterVillageCommittee' ? registerVillageCommittee(command, state) : recordVillagePosting(command, state),
};

import type { InterpretationLimits, VillageCommitteeRegistered, VillagePostingCategory, VillagePostingRecorded } from '@gongkai/contracts';
import { DomainError, type Decider, type DomainEvent } from '@gongkai/platform/domain';
import { addCalendarDays, parseLocalDate } from '@gongkai/working-days';
import { calendarDaysBetween } from './dates';

/** A village or community committee (村(居)民委员会) and the postings on its notice board (村务公开栏). */
export type VillageEvent =
  | DomainEvent<'interpretation.VillageCommitteeRegistered', VillageCommitteeRegistered>
  | DomainEvent<'interpretation.VillagePostingRecorded', VillagePostingRecorded>;
export type VillageState = { status: 'none' } | { status: 'registered'; committee: VillageCommitteeRegistered; postingIds: string[] };
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

export const villageStreamId = (committeeId: string) => `interpretation.village-${committeeId}`;

const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The last day of a quarter or month period. */
export function periodEnd(period: string): string | null {
  const q = QUARTER.exec(period);
  if (q) return lastDayOfMonth(Number(q[1]), Number(q[2]) * 3);
  const m = MONTH.exec(period);
  if (m) return lastDayOfMonth(Number(m[1]), Number(m[2]));
  return null;
}
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** Which period format a category needs for this committee. */
export const expectedPeriodFormat = (category: VillagePostingCategory, financesMonthly: boolean): 'quarter' | 'month' | 'date' =>
  category === 'major' ? 'date' : category === 'finances' && financesMonthly ? 'month' : 'quarter';

export const villageDecider: Decider<VillageCommand, VillageEvent, VillageState> = {
  initialState: { status: 'none' },
  evolve: (state, event) =>
    event.type === 'interpretation.VillageCommitteeRegistered'
      ? { status: 'registered', committee: event.data, postingIds: [] }
      : state.status === 'none'
        ? state
        : { ...state, postingIds: [...state.postingIds, event.data.postingId] },
  decide: (command, state) => {
    if (command.type === 'RegisterVillageCommittee') {
      if (state.status !== 'none') return DomainError.conflict('COMMITTEE_EXISTS', `村(居)委会 ${command.committeeId} 已登记。`);
      const { type: _command, ...committee } = command;
      return [{ type: 'interpretation.VillageCommitteeRegistered', data: committee }];
    }
    if (state.status === 'none') return DomainError.notFound('COMMITTEE_NOT_FOUND', '该村(居)委会尚未登记。');
    if (state.postingIds.includes(command.postingId)) return [];
    const { committeeId, townUnitId, financesMonthly } = state.committee;
    const format = expectedPeriodFormat(command.category, financesMonthly);
    let dueOn: string;
    if (format === 'date') {
      const arose = (() => {
        try {
          return parseLocalDate(command.period);
        } catch {
          return null;
        }
      })();
      if (!arose) return DomainError.validation('PERIOD_INVALID', '重大事项须填写事项发生日期（YYYY-MM-DD）。');
      if (arose > command.today) return DomainError.rule('PERIOD_IN_FUTURE', '事项发生日期不能晚于今天。');
      dueOn = addCalendarDays(arose, command.limits.villageMajorMatterDays);
    } else {
      const end = (format === 'quarter' ? QUARTER : MONTH).test(command.period) ? periodEnd(command.period) : null;
      if (!end) {
        return DomainError.validation(
          'PERIOD_INVALID',
          format === 'quarter' ? '该类事项按季度公开，期间应写作“2026-Q3”。' : '该村(居)财务按月公开，期间应写作“2026-09”。',
        );
      }
      dueOn = addCalendarDays(parseLocalDate(end), command.limits.villagePeriodGraceDays);
    }
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
  },
};

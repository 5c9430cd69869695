import type { InterpretationLimits } from '@gongkai/contracts';
import { addCalendarDays, parseLocalDate } from '@gongkai/working-days';
import { calendarDaysBetween } from './dates';
import { periodEnd } from './village';

/**
 * The posting schedule of a village or community committee (村民委员会组织法 Art. 30, DOMAIN.md §4)
 * and what it owes as of a date: ordinary matters at least quarterly, finances monthly where the
 * committee is configured so (财务往来较多) and quarterly otherwise, major matters immediately.
 *
 * A period is owed from the period in which the committee was registered onwards. Once it has
 * ended it is due `villagePeriodGraceDays` calendar days later; posting on the due date is on time
 * (as the decider counts it), so a period is overdue when `asOf` is after its due date and nothing
 * was posted for it. Major matters have no period: whether one was missed cannot be known, only
 * whether a posting came late (recorded on the posting).
 */
export type PeriodicCategory = 'ordinary' | 'finances';
export type Frequency = 'quarterly' | 'monthly';

export interface CommitteeScheduleFacts {
  financesMonthly: boolean;
  /** The date the committee was registered (YYYY-MM-DD): the first owed period contains it. */
  registeredOn: string;
  /** The periods posted so far per periodic category (`2026-Q3`, `2026-09`). */
  postedPeriods: Record<PeriodicCategory, string[]>;
}

export interface OwedPeriod {
  period: string;
  endsOn: string;
  dueOn: string;
}
export interface OverduePeriod extends OwedPeriod {
  daysOverdue: number;
}

export interface CategorySchedule {
  category: PeriodicCategory;
  frequency: Frequency;
  /** Ended, past the grace period, nothing posted: flagged to the town. */
  overdue: OverduePeriod[];
  /** Ended, still within the grace period, nothing posted yet. */
  pending: OwedPeriod[];
  /** The period running on `asOf` (owed after it ends). */
  current: OwedPeriod;
}

export interface CommitteeSchedule {
  asOf: string;
  ordinary: CategorySchedule;
  finances: CategorySchedule;
  major: { frequency: 'immediately'; withinDays: number };
  overdueCount: number;
}

export const frequencyOf = (category: PeriodicCategory, financesMonthly: boolean): Frequency =>
  category === 'finances' && financesMonthly ? 'monthly' : 'quarterly';

/** The quarter (`2026-Q3`) or month (`2026-09`) containing a date. */
export function periodContaining(date: string, frequency: Frequency): string {
  const [year, month] = parseLocalDate(date).split('-').map(Number);
  return frequency === 'monthly' ? `${year}-${String(month).padStart(2, '0')}` : `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The period after `period` (same frequency). */
export function nextPeriod(period: string, frequency: Frequency): string {
  const end = periodEnd(period);
  if (!end) throw new Error(`not a period: ${period}`);
  return periodContaining(addCalendarDays(parseLocalDate(end), 1), frequency);
}

const owed = (period: string, graceDays: number): OwedPeriod => {
  const endsOn = periodEnd(period) as string;
  return { period, endsOn, dueOn: addCalendarDays(parseLocalDate(endsOn), graceDays) };
};

export function categoryScheduleAsOf(
  category: PeriodicCategory,
  facts: CommitteeScheduleFacts,
  asOf: string,
  limits: Pick<InterpretationLimits, 'villagePeriodGraceDays'>,
): CategorySchedule {
  const frequency = frequencyOf(category, facts.financesMonthly);
  const posted = new Set(facts.postedPeriods[category]);
  const overdue: OverduePeriod[] = [];
  const pending: OwedPeriod[] = [];
  const current = periodContaining(asOf, frequency);
  if (facts.registeredOn <= asOf) {
    for (let period = periodContaining(facts.registeredOn, frequency); period !== current; period = nextPeriod(period, frequency)) {
      if (posted.has(period)) continue;
      const due = owed(period, limits.villagePeriodGraceDays);
      const daysOverdue = calendarDaysBetween(due.dueOn, asOf);
      if (daysOverdue > 0) overdue.push({ ...due, daysOverdue });
      else pending.push(due);
    }
  }
  return { category, frequency, overdue, pending, current: owed(current, limits.villagePeriodGraceDays) };
}

/** What a committee owes as of `asOf`: a pure function of the facts, the date and the limits. */
export function committeeScheduleAsOf(
  facts: CommitteeScheduleFacts,
  asOf: string,
  limits: Pick<InterpretationLimits, 'villagePeriodGraceDays' | 'villageMajorMatterDays'>,
): CommitteeSchedule {
  parseLocalDate(asOf);
  const ordinary = categoryScheduleAsOf('ordinary', facts, asOf, limits);
  const finances = categoryScheduleAsOf('finances', facts, asOf, limits);
  return {
    asOf,
    ordinary,
    finances,
    major: { frequency: 'immediately', withinDays: limits.villageMajorMatterDays },
    overdueCount: ordinary.overdue.length + finances.overdue.length,
  };
}

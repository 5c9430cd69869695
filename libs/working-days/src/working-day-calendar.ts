import { DomainError } from '@gongkai/platform/domain';
import { invalidCalendarData, provisionalArrangement, YearArrangement } from './calendar-data';
import { dayOfWeek, fromDayNumber, LocalDate, toDayNumber } from './local-date';

/** Days whose working days are not counted (e.g. a third-party consultation); both ends inclusive. */
export interface PauseInterval {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export interface WorkingDayOptions {
  /** May overlap; an open pause is closed by the caller at today's date. */
  readonly pauses?: readonly PauseInterval[];
}

/** Both ends inclusive. */
export interface DateRange {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** A pause as table positions (after, upTo], the form in which prefix sums count it. */
interface PauseSpan {
  readonly after: number;
  readonly upTo: number;
}

const requireContiguous = (years: readonly YearArrangement[]): void => {
  if (years.length === 0) throw invalidCalendarData('(无)', '没有任何年份的节假日安排');
  years.forEach((arrangement, index) => {
    const expected = years[0].year + index;
    if (arrangement.year !== expected) {
      throw invalidCalendarData(arrangement.origin, `${arrangement.year} 年与已覆盖的年份不连续，缺少 ${expected} 年的节假日安排`);
    }
  });
};

const invalidCount = (n: number): DomainError => DomainError.validation('INVALID_WORKING_DAY_COUNT', `工作日数「${n}」无效，应为非负整数`);

/**
 * The statutory working days (工作日) of the PRC over the covered years: Monday to Friday, minus the
 * holidays, plus the weekend make-up days (调休) that the State Council announces each year.
 * The covered range is the published years plus one provisional year after them (see
 * `provisionalArrangement`): a request received in December must be registered, with a due date in
 * January, before the next year's notice is out. A date outside the covered range is refused.
 */
/** A calendar refusal as a value; anything else (a bug) still throws. */
function asValue<T>(compute: () => T): T | DomainError {
  try {
    return compute();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

export class WorkingDayCalendar {
  private readonly firstDay: number;
  private readonly range: DateRange;
  private readonly published: DateRange;
  private readonly working: Uint8Array;
  // Working days in table positions 0..i, so the working days in (a, b] are cumulative[b] - cumulative[a].
  private readonly cumulative: Int32Array;

  /** Years sorted ascending and contiguous; use `createWorkingDayCalendar` rather than this. */
  constructor(publishedYears: readonly YearArrangement[]) {
    requireContiguous(publishedYears);
    const lastPublishedYear = publishedYears[publishedYears.length - 1].year;
    const years = [...publishedYears, provisionalArrangement(lastPublishedYear + 1)];
    this.firstDay = toDayNumber(`${years[0].year}-01-01` as LocalDate);
    const lastDay = toDayNumber(`${lastPublishedYear + 1}-12-31` as LocalDate);
    this.range = { from: fromDayNumber(this.firstDay), to: fromDayNumber(lastDay) };
    this.published = { from: this.range.from, to: `${lastPublishedYear}-12-31` as LocalDate };
    this.working = new Uint8Array(lastDay - this.firstDay + 1).map((_, position) => {
      const weekday = dayOfWeek(this.firstDay + position);
      return weekday === 0 || weekday === 6 ? 0 : 1;
    });
    for (const { holidays, workdays } of years) {
      for (const date of holidays) this.working[toDayNumber(date) - this.firstDay] = 0;
      for (const date of workdays) this.working[toDayNumber(date) - this.firstDay] = 1;
    }
    this.cumulative = new Int32Array(this.working.length);
    let count = 0;
    this.working.forEach((isWorking, position) => {
      count += isWorking;
      this.cumulative[position] = count;
    });
  }

  /** The published years and the provisional one after them. */
  coveredRange(): DateRange {
    return this.range;
  }

  /** The years whose holiday arrangement has been published and loaded. */
  publishedRange(): DateRange {
    return this.published;
  }

  /** Calendar days from `today` to the last published day; negative once deadlines there are provisional. */
  publishedDaysLeft(today: LocalDate): number {
    return toDayNumber(this.published.to) - toDayNumber(today);
  }

  /** Whether a deadline ending on `date` may still move when the next arrangement is published. */
  isProvisional(date: LocalDate): boolean {
    return date > this.published.to;
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.working[this.position(date)] === 1;
  }

  /**
   * The date of the n-th working day after `start` (start itself not counted; n = 0 gives `start`),
   * skipping working days inside pauses. Refused when that day lies beyond the covered range.
   */
  addWorkingDays(start: LocalDate, n: number, options: WorkingDayOptions = {}): LocalDate {
    if (!Number.isSafeInteger(n) || n < 0) throw invalidCount(n);
    const origin = this.position(start);
    const pauses = this.pauseSpans(options);
    if (n === 0) return start;
    const position = this.countForward(origin, n, pauses);
    if (position === undefined) throw this.deadlinePastRange(start, n);
    return fromDayNumber(this.firstDay + position);
  }

  /**
   * `addWorkingDays` for deciders: a date outside the covered range (or a bad count or pause) is
   * returned as the DomainError, like every other refused rule, never thrown.
   */
  addWorkingDaysChecked(start: LocalDate, n: number, options: WorkingDayOptions = {}): LocalDate | DomainError {
    return asValue(() => this.addWorkingDays(start, n, options));
  }

  /** `workingDaysBetween` for deciders: the refusal as a value, never thrown. */
  workingDaysBetweenChecked(from: LocalDate, to: LocalDate, options: WorkingDayOptions = {}): number | DomainError {
    return asValue(() => this.workingDaysBetween(from, to, options));
  }

  /**
   * The number of working days d with from < d ≤ to, outside pauses; negative when to < from, so
   * that `workingDaysBetween(s, addWorkingDays(s, n)) === n` and an overdue case counts below zero.
   * The day after a Friday due date still gives 0: with (today, due), overdue means today > due.
   */
  workingDaysBetween(from: LocalDate, to: LocalDate, options: WorkingDayOptions = {}): number {
    const [a, b] = [this.position(from), this.position(to)];
    const pauses = this.pauseSpans(options);
    if (a <= b) return this.countOutsidePauses(a, b, pauses);
    // Not unary minus: a -0 would fail callers' strict equality and serialise oddly.
    return 0 - this.countOutsidePauses(b, a, pauses);
  }

  private lastPosition(): number {
    return this.working.length - 1;
  }

  private position(date: LocalDate): number {
    const position = toDayNumber(date) - this.firstDay;
    if (position < 0 || position > this.lastPosition()) {
      throw DomainError.rule(
        'CALENDAR_OUT_OF_RANGE',
        `日期 ${date} 超出工作日历的覆盖范围（${this.range.from} 至 ${this.range.to}），无法判断是否为工作日；` +
          `已公布的节假日安排截至 ${this.published.to}，须补充之后年度的日历数据后方可计算`,
        { date, coveredFrom: this.range.from, coveredTo: this.range.to },
      );
    }
    return position;
  }

  private deadlinePastRange(start: LocalDate, n: number): DomainError {
    return DomainError.rule(
      'CALENDAR_OUT_OF_RANGE',
      `自 ${start} 起第 ${n} 个工作日超出工作日历的覆盖范围（${this.range.from} 至 ${this.range.to}），` +
        `已公布的节假日安排截至 ${this.published.to}，须补充之后年度的日历数据后方可计算该期限`,
      { start, workingDays: n, coveredFrom: this.range.from, coveredTo: this.range.to },
    );
  }

  /** Working days in (a, b]. */
  private countIn(a: number, b: number): number {
    return this.cumulative[b] - this.cumulative[a];
  }

  private countOutsidePauses(a: number, b: number, pauses: readonly PauseSpan[]): number {
    return pauses.reduce(
      (count, pause) => {
        const [after, upTo] = [Math.max(pause.after, a), Math.min(pause.upTo, b)];
        return upTo > after ? count - this.countIn(after, upTo) : count;
      },
      this.countIn(a, b),
    );
  }

  /** Position of the n-th working day after `origin` outside pauses; undefined past the covered range. */
  private countForward(origin: number, n: number, pauses: readonly PauseSpan[]): number | undefined {
    let [cursor, needed] = [origin, n];
    for (const pause of pauses) {
      if (pause.upTo <= cursor) continue;
      if (pause.after > cursor) {
        const available = this.countIn(cursor, Math.min(pause.after, this.lastPosition()));
        if (available >= needed) break;
        needed -= available;
      }
      cursor = pause.upTo;
      if (cursor >= this.lastPosition()) return undefined;
    }
    return this.nthWorkingDayAfter(cursor, needed);
  }

  /** Binary search in the prefix sums for the first position after `cursor` reaching `needed` more. */
  private nthWorkingDayAfter(cursor: number, needed: number): number | undefined {
    const target = this.cumulative[cursor] + needed;
    if (this.cumulative[this.lastPosition()] < target) return undefined;
    let [low, high] = [cursor + 1, this.lastPosition()];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle] >= target) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** Sorted and merged, so that each paused day is subtracted once. */
  private pauseSpans({ pauses = [] }: WorkingDayOptions): PauseSpan[] {
    const spans = pauses
      .map(({ from, to }) => {
        const [first, last] = [toDayNumber(from), toDayNumber(to)];
        if (first > last) {
          throw DomainError.validation('INVALID_PAUSE', `暂停期间的起始日 ${from} 晚于结束日 ${to}`);
        }
        return { after: first - 1 - this.firstDay, upTo: last - this.firstDay };
      })
      .sort((x, y) => x.after - y.after);
    return spans.reduce<PauseSpan[]>((merged, span) => {
      const previous = merged[merged.length - 1];
      if (previous && span.after <= previous.upTo) {
        merged[merged.length - 1] = { after: previous.after, upTo: Math.max(previous.upTo, span.upTo) };
      } else {
        merged.push(span);
      }
      return merged;
    }, []);
  }
}

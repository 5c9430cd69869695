import { DomainError } from '@gongkai/platform/domain';

declare const localDateBrand: unique symbol;

/**
 * A calendar date in China (Asia/Shanghai) as ISO `YYYY-MM-DD`. Branded so that an unchecked
 * string cannot reach a deadline computation; obtain one from `parseLocalDate` or `toShanghaiDate`.
 * ISO strings sort lexically in date order, which callers and the calendar rely on.
 */
export type LocalDate = string & { readonly [localDateBrand]: true };

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An offset is required: a timestamp without one means a different instant on every server.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const shanghaiDateFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const daysInMonth = (year: number, month: number): number => (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);

// Calendar arithmetic on integers (H. Hinnant's days_from_civil / civil_from_days): deadline
// computations convert dates constantly, and a Date object per conversion is the dominant cost.
const utcDayNumber = (year: number, month: number, day: number): number => {
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
};

const civilDate = (dayNumber: number): [number, number, number] => {
  const shifted = dayNumber + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1;
  const month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
};

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

const MIN_DAY_NUMBER = utcDayNumber(1, 1, 1);
const MAX_DAY_NUMBER = utcDayNumber(9999, 12, 31);

const dateParts = (value: unknown): [number, number, number] | undefined => {
  const match = typeof value === 'string' ? LOCAL_DATE.exec(value) : null;
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const valid = year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  return valid ? [year, month, day] : undefined;
};

const invalidDate = (value: unknown): DomainError =>
  DomainError.validation('INVALID_DATE', `日期「${String(value)}」无效，应为 YYYY-MM-DD 格式的有效公历日期`);

const invalidTimestamp = (value: Date | string): DomainError =>
  DomainError.validation(
    'INVALID_TIMESTAMP',
    `时间「${value instanceof Date ? 'Invalid Date' : value}」无效，应为带时区的 ISO 8601 时间，例如 2026-02-01T09:30:00+08:00`,
  );

export const isLocalDate = (value: unknown): value is LocalDate => dateParts(value) !== undefined;

/** Refuses anything but a real calendar date written exactly as `YYYY-MM-DD`. */
export const parseLocalDate = (value: string): LocalDate => {
  if (!isLocalDate(value)) throw invalidDate(value);
  return value;
};

/** The calendar date in Shanghai at that instant, whatever the server's own time zone. */
export const toShanghaiDate = (instant: Date | string): LocalDate => {
  if (typeof instant === 'string' && !TIMESTAMP.test(instant)) throw invalidTimestamp(instant);
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw invalidTimestamp(instant);
  const parts = Object.fromEntries(shanghaiDateFormat.formatToParts(date).map((part) => [part.type, part.value]));
  return parseLocalDate(`${parts['year']}-${parts['month']}-${parts['day']}`);
};

/** Days since 1970-01-01: lets the calendar index its tables and step through dates with integers. */
export const toDayNumber = (date: LocalDate): number => {
  const parts = dateParts(date);
  if (!parts) throw invalidDate(date);
  return utcDayNumber(...parts);
};

export const fromDayNumber = (dayNumber: number): LocalDate => {
  if (dayNumber < MIN_DAY_NUMBER || dayNumber > MAX_DAY_NUMBER) {
    throw DomainError.validation('INVALID_DATE', '日期超出可表示的范围（0001-01-01 至 9999-12-31）');
  }
  const [year, month, day] = civilDate(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as LocalDate;
};

/** 0 = Sunday … 6 = Saturday, as `Date.getUTCDay`. */
export const dayOfWeek = (dayNumber: number): number => (((dayNumber + 4) % 7) + 7) % 7;

export const addCalendarDays = (date: LocalDate, days: number): LocalDate => {
  if (!Number.isSafeInteger(days)) {
    throw DomainError.validation('INVALID_DAY_COUNT', `天数「${days}」无效，应为整数`);
  }
  return fromDayNumber(toDayNumber(date) + days);
};

export const compareLocalDates = (a: LocalDate, b: LocalDate): -1 | 0 | 1 => {
  const [dayA, dayB] = [toDayNumber(a), toDayNumber(b)];
  return dayA < dayB ? -1 : dayA > dayB ? 1 : 0;
};

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DomainError } from '@gongkai/platform/domain';
import { getLunarFestivals, getSolarTermDate } from 'chinese-days';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { addCalendarDays, dayOfWeek, isLocalDate, LocalDate, toDayNumber } from './local-date';

/** The State Council's arrangement for one calendar year: every date in it lies in `year`. */
export interface YearArrangement {
  readonly year: number;
  /** Days off; weekend days may be listed, so a notice's ranges can be copied as they are. */
  readonly holidays: readonly LocalDate[];
  /** Weekend days that are worked in exchange for a holiday (调休). */
  readonly workdays: readonly LocalDate[];
  /** A file path or `chinese-days`, so that errors say where to look. */
  readonly origin: string;
}

const FILE_KEYS = new Set(['year', 'holidays', 'workdays', 'source']);

export const invalidCalendarData = (origin: string, problem: string): DomainError =>
  DomainError.validation('CALENDAR_DATA_INVALID', `工作日历数据「${origin}」无效：${problem}`);

const isWeekend = (date: LocalDate): boolean => [0, 6].includes(dayOfWeek(toDayNumber(date)));

const parseDateList = (value: unknown, key: string, year: number, origin: string): LocalDate[] => {
  if (!Array.isArray(value)) throw invalidCalendarData(origin, `${key} 应为日期字符串数组`);
  const seen = new Set<string>();
  return value.map((item: unknown, index) => {
    const where = `${key}[${index}]「${String(item)}」`;
    if (!isLocalDate(item)) throw invalidCalendarData(origin, `${where}不是 YYYY-MM-DD 格式的有效日期`);
    if (!item.startsWith(`${year}-`)) throw invalidCalendarData(origin, `${where}不在 ${year} 年内`);
    if (seen.has(item)) throw invalidCalendarData(origin, `${where}重复`);
    seen.add(item);
    return item;
  });
};

/** Checks one year's data, whether it comes from a file or from chinese-days. */
export const parseYearArrangement = (raw: unknown, origin: string): YearArrangement => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalidCalendarData(origin, '内容应为 JSON 对象');
  }
  const record = raw as Record<string, unknown>;
  const unknownKey = Object.keys(record).find((key) => !FILE_KEYS.has(key));
  if (unknownKey !== undefined) throw invalidCalendarData(origin, `不支持的字段「${unknownKey}」`);
  const { year, source } = record;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1 || year > 9999) {
    throw invalidCalendarData(origin, `year 应为四位整数年份，实际为「${String(year)}」`);
  }
  if (source !== undefined && (typeof source !== 'string' || source.trim() === '')) {
    throw invalidCalendarData(origin, 'source 如填写，应为非空字符串');
  }
  const holidays = parseDateList(record['holidays'], 'holidays', year, origin);
  const workdays = parseDateList(record['workdays'], 'workdays', year, origin);
  // A weekday is a working day already: listing one as 调休 is a transcription error.
  const weekday = workdays.find((date) => !isWeekend(date));
  if (weekday !== undefined) throw invalidCalendarData(origin, `workdays 中的 ${weekday} 不是周六或周日`);
  const both = workdays.find((date) => holidays.includes(date));
  if (both !== undefined) throw invalidCalendarData(origin, `${both} 同时出现在 holidays 和 workdays 中`);
  return { year, holidays, workdays, origin };
};

const datesInYear = (dates: Record<string, string>, year: number): string[] =>
  Object.keys(dates).filter((date) => date.startsWith(`${year}-`));

/**
 * The years chinese-days really covers. Its data is keyed by date, and a year's New Year arrangement
 * may reach into the previous December, so a stray date does not prove a year is covered; every
 * annual arrangement includes the Spring Festival, which never leaves January–February.
 */
export const chineseDaysArrangements = (): YearArrangement[] => {
  const years = new Set(
    Object.entries(chineseDays.holidays as Record<string, string>)
      .filter(([, name]) => name.split(',').includes('春节'))
      .map(([date]) => Number(date.slice(0, 4))),
  );
  return [...years]
    .sort((a, b) => a - b)
    .map((year) =>
      parseYearArrangement(
        {
          year,
          holidays: datesInYear(chineseDays.holidays, year),
          workdays: datesInYear(chineseDays.workdays, year),
        },
        'chinese-days',
      ),
    );
};

/** The day of a lunar festival in a Gregorian year, as chinese-days computes it (除夕, 春节, 端午节, 中秋节). */
const lunarFestival = (year: number, name: string): LocalDate => {
  const found = getLunarFestivals(`${year}-01-01`, `${year}-12-31`).find((festival) => festival.name.includes(name));
  if (!found) throw invalidCalendarData('chinese-days', `${year} 年找不到农历节日「${name}」`);
  return found.date as LocalDate;
};

/**
 * The statutory holidays of a year that the law fixes and the calendar can compute
 * (《全国年节及纪念日放假办法》2024 年修订 第二条): 元旦 1月1日; 春节 农历除夕至正月初三 (4 days);
 * 清明节 (the 清明 solar term); 劳动节 5月1日至2日; 端午节 农历五月初五; 中秋节 农历八月十五;
 * 国庆节 10月1日至3日. The lunar ones from chinese-days' lunar calendar. Without the State Council's
 * yearly notice: no bridges and no make-up workdays (调休).
 */
export const statutoryHolidays = (year: number): LocalDate[] => {
  const eve = lunarFestival(year, '除夕');
  const springFestival = [0, 1, 2, 3].map((n) => addCalendarDays(eve, n));
  const fixed = ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'].map((day) => `${year}-${day}` as LocalDate);
  const qingming = getSolarTermDate(year, 4, 'pure_brightness') as LocalDate;
  const lunar = [lunarFestival(year, '端午节'), lunarFestival(year, '中秋节')];
  return [...new Set([...fixed, ...springFestival, qingming, ...lunar])].filter((d) => d.startsWith(`${year}-`)).sort();
};

/**
 * The one year after the published ones, before the State Council announces it: Monday to Friday,
 * minus the statutory holidays (`statutoryHolidays`: the fixed ones and the lunar ones computed from
 * the lunar calendar). The bridges and make-up days are unknown until the notice, so deadlines over
 * this year are provisional (预计) and move when the year's data is added.
 */
export const provisionalArrangement = (year: number): YearArrangement => ({
  year,
  holidays: statutoryHolidays(year),
  workdays: [],
  origin: 'provisional',
});

const readJson = (file: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw invalidCalendarData(file, `无法读取或不是合法的 JSON（${(error as Error).message}）`);
  }
};

const loadFile = (file: string): YearArrangement => {
  const arrangement = parseYearArrangement(readJson(file), file);
  if (basename(file) !== `${arrangement.year}.json`) {
    throw invalidCalendarData(file, `文件名应为 ${arrangement.year}.json，与其中的 year 一致`);
  }
  return arrangement;
};

const jsonFilesIn = (dir: string): string[] => {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw invalidCalendarData(dir, '目录不存在或不是目录');
  }
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
};

/** Every `<year>.json` in the directories; two files for one year are refused rather than ranked. */
export const loadArrangementFiles = (dirs: readonly string[]): YearArrangement[] => {
  const byYear = new Map<number, YearArrangement>();
  for (const arrangement of dirs.flatMap(jsonFilesIn).map(loadFile)) {
    const previous = byYear.get(arrangement.year);
    if (previous) {
      throw invalidCalendarData(arrangement.origin, `${arrangement.year} 年已由「${previous.origin}」提供，不能重复`);
    }
    byYear.set(arrangement.year, arrangement);
  }
  return [...byYear.values()];
};

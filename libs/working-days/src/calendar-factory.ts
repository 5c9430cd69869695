import { resolve } from 'node:path';
import { chineseDaysArrangements, loadArrangementFiles, YearArrangement } from './calendar-data';
import { WorkingDayCalendar } from './working-day-calendar';

/** Names a directory of extra `<year>.json` files, read after the ones shipped with this library. */
export const CALENDAR_DIR_ENV = 'GONGKAI_CALENDAR_DIR';

const SHIPPED_DATA_DIR = resolve(__dirname, '..', 'data');

export interface CalendarSources {
  /** Directories of `<year>.json` files; a year in a file replaces chinese-days for that year. */
  readonly dataDirs?: readonly string[];
}

const overlay = (base: readonly YearArrangement[], overrides: readonly YearArrangement[]): YearArrangement[] => {
  const byYear = new Map(base.map((arrangement) => [arrangement.year, arrangement]));
  for (const arrangement of overrides) byYear.set(arrangement.year, arrangement);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
};

/** chinese-days plus the files in `dataDirs` only: tests pass their own directories here. */
export const createWorkingDayCalendar = ({ dataDirs = [] }: CalendarSources = {}): WorkingDayCalendar =>
  new WorkingDayCalendar(overlay(chineseDaysArrangements(), loadArrangementFiles(dataDirs)));

let shared: WorkingDayCalendar | undefined;

/**
 * The calendar of this deployment: chinese-days, the files shipped in `libs/working-days/data/`, and
 * those in `$GONGKAI_CALENDAR_DIR`. Built on first use, so a bad file fails the first deadline
 * computation loudly instead of being skipped.
 */
export const defaultWorkingDayCalendar = (): WorkingDayCalendar => {
  const extraDir = process.env[CALENDAR_DIR_ENV];
  shared ??= createWorkingDayCalendar({ dataDirs: extraDir ? [SHIPPED_DATA_DIR, extraDir] : [SHIPPED_DATA_DIR] });
  return shared;
};

import type { ReportDeadlineStatus } from '@gongkai/contracts/vocabulary';
import type { LocalDate } from '@gongkai/working-days';

/**
 * The annual reports due (条例第四十九条), for the console's home page: which reports each reporter is
 * responsible for on a day, their due date and where each stands. Pure: the application gives the
 * reporters and what has been recorded of each report.
 *
 * - A department's or a town's report is due by 31 January of the following year, the government's own
 *   by 31 March (local rule, docs/legal-settings-report.md).
 * - In play on `today`: the previous year's report (all year: due, overdue or published), and from
 *   1 December the current year's report, which the office head can start drafting (it is finalised
 *   only after the year has ended).
 * - Status: `published` (finalised and on the portal), `finalised` (finalised, not yet on the portal:
 *   the portal's read model has not caught up), `overdue` (not finalised after the due date),
 *   `draft` (a draft saved, not finalised), `not_started` (nothing saved).
 */
export type Reporter = 'government' | 'unit';

/** What has been recorded of one report (unit and year). */
export interface ReportProgress {
  draftSaved: boolean;
  finalised: boolean;
  published: boolean;
  /** The date of the latest correction of the published report, if any. */
  correctedOn?: string | null;
}

export interface ReportDeadline {
  unitId: string;
  reporter: Reporter;
  year: number;
  dueOn: string;
  status: ReportDeadlineStatus;
  /** Calendar days from `today` to the due date (negative once it has passed). */
  daysLeft: number;
  correctedOn?: string;
}

/** When a year's report is due: a department's or a town's by 31 January, the government's own by 31 March of the following year. */
export function annualReportDueOn(reporter: Reporter, year: number): string {
  return `${year + 1}-${reporter === 'government' ? '03-31' : '01-31'}`;
}

/** The report years in play on `today`: the previous year's, and from 1 December the current year's. */
export function reportYearsInPlay(today: LocalDate): number[] {
  const year = Number(today.slice(0, 4));
  return today >= `${year}-12-01` ? [year - 1, year] : [year - 1];
}

const daysBetween = (from: LocalDate, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export function reportStatus(progress: ReportProgress, dueOn: string, today: LocalDate): ReportDeadlineStatus {
  if (progress.finalised) return progress.published ? 'published' : 'finalised';
  if (today > dueOn) return 'overdue';
  return progress.draftSaved ? 'draft' : 'not_started';
}

/**
 * The reports due for `reporters` on `today`, reporter by reporter, older year first; `progressOf`
 * says what has been recorded of a unit's report of a year (nothing: not started).
 */
export function reportsDue(
  reporters: readonly { unitId: string; reporter: Reporter }[],
  progressOf: (unitId: string, year: number) => ReportProgress | undefined,
  today: LocalDate,
): ReportDeadline[] {
  const years = reportYearsInPlay(today);
  return reporters.flatMap(({ unitId, reporter }) =>
    years.map((year) => {
      const progress = progressOf(unitId, year) ?? { draftSaved: false, finalised: false, published: false };
      const dueOn = annualReportDueOn(reporter, year);
      return {
        unitId,
        reporter,
        year,
        dueOn,
        status: reportStatus(progress, dueOn, today),
        daysLeft: daysBetween(today, dueOn),
        ...(progress.correctedOn ? { correctedOn: progress.correctedOn } : {}),
      };
    }),
  );
}

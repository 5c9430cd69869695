import type { ApplicantType, ReplyCategory, RequestChannel } from '@gongkai/contracts';
import { REQUEST_STATUSES } from '@gongkai/contracts/vocabulary';
import { inDateRange, MAX_EXPORT_ROWS, sortRows, textMatcher } from '@gongkai/platform';
import type { LocalDate } from '@gongkai/working-days';
import { CLOSED_STATUSES, type RequestStatus } from '../domain/request';
import type { RegisterRow } from '../read-models/requests.projection';

/** The statuses a register can be filtered on (the decider's, in the order of handling). */
export const REGISTER_STATUSES = REQUEST_STATUSES satisfies readonly RequestStatus[];

/** The clock flags: past the due date, within `nearDueDays` of it, open, or past its stage's internal limit. */
export const REGISTER_FLAGS = ['overdue', 'near_due', 'open', 'closed', 'over_internal_limit', 'back_entered'] as const;
export type RegisterFlag = (typeof REGISTER_FLAGS)[number];

/** How the register sorts: by receipt or closing date, either way (`-` first: newest first). */
export const REGISTER_SORTS = ['receivedOn', '-receivedOn', 'closedOn', '-closedOn', 'dueOn', '-dueOn'] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];

/** An export holds at most this many requests. */
export const REGISTER_MAX_ROWS = MAX_EXPORT_ROWS;

/** The register's filters, all optional and combined with AND. */
export interface RegisterFilter {
  statuses?: RequestStatus[];
  flags?: RegisterFlag[];
  category?: ReplyCategory;
  applicantType?: ApplicantType;
  channel?: RequestChannel;
  handlerId?: string;
  receivedFrom?: LocalDate;
  receivedTo?: LocalDate;
  closedFrom?: LocalDate;
  closedTo?: LocalDate;
  /** Words in the description or the request number (`textMatcher`: as typed, abbreviations, jieba words). */
  text?: string;
}

export interface RegisterQuery extends RegisterFilter {
  sort: RegisterSort;
  page: number;
  pageSize: number;
}

/** The flags a clock (or the stage limit) decides: the service reads the clock of each open request to apply them. */
export const CLOCK_FLAGS: readonly RegisterFlag[] = ['overdue', 'near_due', 'over_internal_limit'];

/** What the clock flags read of a row, on the day read: computed by the service (the statutory calendar, the stage limits). */
export interface RowClock {
  dueOn: string | null;
  overdue: boolean;
  nearDue: boolean;
  overInternalLimit: boolean;
}

/**
 * The register's rows the filters select, sorted (pure). Every filter is combined with AND; the
 * clock flags imply open requests and read `clockOf` (only for those). Ties keep the request number order.
 */
export function selectRegister(
  rows: readonly RegisterRow[],
  unitId: string | undefined,
  f: RegisterFilter,
  sort: RegisterSort,
  clockOf: (row: RegisterRow) => RowClock,
): RegisterRow[] {
  const flags = f.flags ?? [];
  const matches = textMatcher(f.text);
  const open = (row: RegisterRow) => !CLOSED_STATUSES.includes(row.status);
  const clocks = new Map<string, RowClock>();
  const clock = (row: RegisterRow) => {
    let found = clocks.get(row.requestId);
    if (!found) clocks.set(row.requestId, (found = clockOf(row)));
    return found;
  };
  const selected = rows.filter(
    (row) =>
      (!unitId || row.unitId === unitId) &&
      (!f.statuses?.length || f.statuses.includes(row.status)) &&
      (!f.category || row.category === f.category) &&
      (!f.applicantType || row.applicantType === f.applicantType) &&
      (!f.channel || row.channel === f.channel) &&
      (!f.handlerId || row.handlerId === f.handlerId) &&
      inDateRange(row.receivedOn, f.receivedFrom, f.receivedTo) &&
      inDateRange(row.closedOn, f.closedFrom, f.closedTo) &&
      matches(row.text) &&
      (!flags.includes('open') || open(row)) &&
      (!flags.includes('closed') || !open(row)) &&
      (!flags.includes('back_entered') || row.backEntered) &&
      (!flags.some((flag) => CLOCK_FLAGS.includes(flag)) ||
        (open(row) &&
          (!flags.includes('overdue') || clock(row).overdue) &&
          (!flags.includes('near_due') || clock(row).nearDue) &&
          (!flags.includes('over_internal_limit') || clock(row).overInternalLimit))),
  );
  // Rows without the date (open ones by closing date, closed ones by due date) come last either way.
  return sortRows(
    selected,
    sort,
    (row, field) => (field === 'dueOn' ? (open(row) ? clock(row).dueOn : null) : row[field as 'receivedOn' | 'closedOn']),
    (row) => row.requestId,
  );
}

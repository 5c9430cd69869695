import type { ApplicantType, ReplyCategory, RequestChannel } from '@gongkai/contracts';
import { REQUEST_STATUSES } from '@gongkai/contracts/vocabulary';
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

export const REGISTER_MAX_PAGE_SIZE = 200;
export const REGISTER_DEFAULT_PAGE_SIZE = 50;
/** An export holds at most this many requests. */
export const REGISTER_MAX_ROWS = 20_000;

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
  /** Words in the description or the request number (Chinese: a substring match, no tokenizer needed). */
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
  const words = (f.text ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
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
      (!f.receivedFrom || row.receivedOn >= f.receivedFrom) &&
      (!f.receivedTo || row.receivedOn <= f.receivedTo) &&
      (!f.closedFrom || (row.closedOn !== null && row.closedOn >= f.closedFrom)) &&
      (!f.closedTo || (row.closedOn !== null && row.closedOn <= f.closedTo)) &&
      words.every((word) => row.text.includes(word)) &&
      (!flags.includes('open') || open(row)) &&
      (!flags.includes('closed') || !open(row)) &&
      (!flags.includes('back_entered') || row.backEntered) &&
      (!flags.some((flag) => CLOCK_FLAGS.includes(flag)) ||
        (open(row) &&
          (!flags.includes('overdue') || clock(row).overdue) &&
          (!flags.includes('near_due') || clock(row).nearDue) &&
          (!flags.includes('over_internal_limit') || clock(row).overInternalLimit))),
  );
  const direction = sort.startsWith('-') ? -1 : 1;
  const field = sort.replace(/^-/, '') as 'receivedOn' | 'closedOn' | 'dueOn';
  const key = (row: RegisterRow) => (field === 'dueOn' ? (open(row) ? clock(row).dueOn : null) : row[field]);
  return selected.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    // Rows without the date (open ones by closing date, closed ones by due date) come last either way.
    if (x !== y) return x === null ? 1 : y === null ? -1 : x < y ? -direction : direction;
    return a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0;
  });
}

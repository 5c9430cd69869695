import type { ApplicantType, ReplyCategory, RequestChannel } from '@gongkai/contracts';
import { REQUEST_STATUSES } from '@gongkai/contracts/vocabulary';
import type { LocalDate } from '@gongkai/working-days';
import { CLOSED_STATUSES, type RequestStatus } from '../domain/request';

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
/** An export (and a clock-flag filter, computed in the service) reads at most this many requests. */
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
  /** Words in the description, the applicant's name or the request number (Chinese: a substring match, no tokenizer needed). */
  text?: string;
}

export interface RegisterQuery extends RegisterFilter {
  sort: RegisterSort;
  page: number;
  pageSize: number;
}

/** The flags a clock (or the stage limit) decides: the service reads the clock of each open request to apply them. */
export const CLOCK_FLAGS: readonly RegisterFlag[] = ['overdue', 'near_due', 'over_internal_limit'];
/** Sorts the service computes from the clock (the due date is not stored: pauses and extensions move it). */
export const CLOCK_SORTS: readonly RegisterSort[] = ['dueOn', '-dueOn'];

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The read-model filter of everything stored: status, category, applicant type, channel, handler,
 * dates, the text box. The clock flags are applied afterwards (`CLOCK_FLAGS`); they imply open.
 */
export function registerFilter(unitId: string | undefined, f: RegisterFilter): Record<string, unknown> {
  const and: Record<string, unknown>[] = [];
  if (unitId) and.push({ unitId });
  if (f.statuses?.length) and.push({ status: { $in: f.statuses } });
  const flags = f.flags ?? [];
  if (flags.includes('open') || flags.some((flag) => CLOCK_FLAGS.includes(flag))) and.push({ status: { $nin: CLOSED_STATUSES } });
  if (flags.includes('closed')) and.push({ status: { $in: CLOSED_STATUSES } });
  if (flags.includes('back_entered')) and.push({ backEntry: { $exists: true } });
  if (f.category) and.push({ category: f.category });
  if (f.applicantType) and.push({ applicantType: f.applicantType });
  if (f.channel) and.push({ channel: f.channel });
  if (f.handlerId) and.push({ 'handler.handlerId': f.handlerId });
  if (f.receivedFrom) and.push({ receivedOn: { $gte: f.receivedFrom } });
  if (f.receivedTo) and.push({ receivedOn: { $lte: f.receivedTo } });
  if (f.closedFrom) and.push({ closedOn: { $gte: f.closedFrom } });
  if (f.closedTo) and.push({ closedOn: { $lte: f.closedTo, $ne: null } });
  const words = (f.text ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
  for (const word of words) {
    const pattern = { $regex: escapeRegex(word), $options: 'i' };
    and.push({ $or: [{ description: pattern }, { 'applicant.name': pattern }, { requestId: pattern }] });
  }
  return and.length ? { $and: and } : {};
}

/** The stored sort of a register sort (a clock sort is applied in the service, on the receipt date first). */
export function registerSort(sort: RegisterSort): Record<string, 1 | -1> {
  const descending = sort.startsWith('-');
  const field = sort.replace(/^-/, '');
  return { [field === 'dueOn' ? 'receivedOn' : field]: descending ? -1 : 1 };
}

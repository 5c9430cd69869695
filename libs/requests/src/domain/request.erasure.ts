import { DomainError } from '@gongkai/platform/domain';
import { addCalendarDays, type LocalDate } from '@gongkai/working-days';
import { CLOSED_STATUSES, type OpenRequest, type RequestStatus } from './request';
import { ids, isClosed, type CommandOf, type Decision } from './request.commands';

/**
 * Erasing the applicant's personal data from one request (个人信息保护法 Art. 47; crypto-shredding:
 * the application deletes the applicant's key once every request of theirs has recorded this).
 *
 * - Once per request: a request already erased decides nothing (the retention job and a repeated
 *   click are harmless).
 * - While the request is open, or a reconsideration or lawsuit about it is undecided, the data is
 *   still needed to handle it and to answer the body or court: only a court order erases it then.
 * - Retention is the system's reason; a person asks through the office head.
 */
export function erasePersonalData(command: CommandOf<'ErasePersonalData'>, s: OpenRequest): Decision {
  if (s.personalDataErased) return [];
  if (command.reason !== 'court_order') {
    if (!isClosed(s)) {
      return DomainError.rule('PERSONAL_DATA_STILL_NEEDED', '该申请尚未办结，办理中仍需申请人信息，不能删除（法院裁判要求的除外）。');
    }
    if (Object.values(s.challenges).some((c) => !c.decided)) {
      return DomainError.rule(
        'PERSONAL_DATA_UNDER_CHALLENGE',
        '该申请的行政复议或行政诉讼尚未审结，不能删除申请人信息（法院裁判要求的除外）。',
      );
    }
  }
  const { reason, note, retentionEndedOn, today } = command;
  return [
    {
      type: 'requests.PersonalDataErased',
      data: { ...ids(s), reason, ...(note ? { note } : {}), erasedOn: today, ...(retentionEndedOn ? { retentionEndedOn } : {}) },
    },
  ];
}

/** What the retention rule reads of one request of an applicant (from the requests read model). */
export interface RetainedRequest {
  status: RequestStatus;
  closedOn: string | null;
  archivedOn: string | null;
  /** A reconsideration or lawsuit about it not yet decided. */
  challengeOpen: boolean;
}

/** `day` plus whole years; 29 February becomes 1 March in a common year (the data is kept a day longer, never shorter). */
export function addYears(day: LocalDate, years: number): LocalDate {
  const [y, m, d] = day.split('-').map(Number);
  const shifted = `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as LocalDate;
  if (m === 2 && d === 29 && !isLeap(y + years)) return addCalendarDays(`${String(y + years).padStart(4, '0')}-02-28` as LocalDate, 1);
  return shifted;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The day an applicant's retention period ends: `years` after the latest day any of their requests
 * was archived (or closed, when it was never archived). Null while any request is open or under an
 * undecided challenge (the period has not started), or when there is none.
 */
export function retentionEndsOn(requests: readonly RetainedRequest[], years: number): LocalDate | null {
  if (requests.length === 0) return null;
  let latest: string | null = null;
  for (const r of requests) {
    if (!CLOSED_STATUSES.includes(r.status) || r.challengeOpen) return null;
    const from = r.archivedOn ?? r.closedOn;
    if (!from) return null;
    if (!latest || from > latest) latest = from;
  }
  return latest ? addYears(latest as LocalDate, years) : null;
}

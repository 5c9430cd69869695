import { DomainError } from '@gongkai/platform/domain';
import { isLocalDate, type LocalDate, type WorkingDayCalendar } from '@gongkai/working-days';

/** Art. 26: proactive disclosure within 20 working days of the information being formed or changed. */
export const PUBLICATION_WORKING_DAYS = 20;

/** The statutory publication due date: the 20th working day after `from` (the day itself not counted). */
export function publicationDueDate(calendar: WorkingDayCalendar, from: string): LocalDate | DomainError {
  if (!isLocalDate(from)) return DomainError.validation('INVALID_DATE', `日期“${from}”无效，应为 YYYY-MM-DD。`);
  return calendar.addWorkingDaysChecked(from, PUBLICATION_WORKING_DAYS);
}

/** A reason, basis or answer worth the name: at least two characters besides spaces. */
export const hasText = (value: string | null | undefined): value is string => typeof value === 'string' && value.trim().length >= 2;

export function checkDate(value: string, field: string): DomainError | null {
  return isLocalDate(value) ? null : DomainError.validation('INVALID_DATE', `${field}“${value}”无效，应为 YYYY-MM-DD。`);
}

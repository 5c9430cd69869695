export { addCalendarDays, compareLocalDates, isLocalDate, parseLocalDate, toShanghaiDate, type LocalDate } from './local-date';
export type { DateRange, PauseInterval, WorkingDayCalendar, WorkingDayOptions } from './working-day-calendar';
export { CALENDAR_DIR_ENV, createWorkingDayCalendar, defaultWorkingDayCalendar, type CalendarSources } from './calendar-factory';

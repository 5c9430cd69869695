import { parseLocalDate } from '@gongkai/working-days';

/** Calendar days from `a` to `b` (b − a), for YYYY-MM-DD dates. */
export function calendarDaysBetween(a: string, b: string): number {
  const day = (value: string) => {
    const [y, m, d] = parseLocalDate(value).split('-').map(Number);
    return Date.UTC(y, m - 1, d) / 86_400_000;
  };
  return day(b) - day(a);
}

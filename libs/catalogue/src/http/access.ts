import { DomainError } from '@gongkai/platform';

export const today = (now = new Date()) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export function required<T>(value: T | null | undefined, code: string, detail: string): T {
  if (value === null || value === undefined) throw DomainError.notFound(code, detail);
  return value;
}

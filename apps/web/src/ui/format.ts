import type { UnitListView } from '@gongkai/contracts/vocabulary';
import { ApiError } from '../api';

/** A date as people in the district read it: a timestamp becomes its Beijing date (a UTC slice is a day early before 08:00). */
export const formatDate = (iso: string | null | undefined) =>
  !iso ? '—' : iso.length === 10 ? iso : new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
export const formatDateTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

export const asError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'ERROR', String(e)));
/** A unit's name from the units list; no unit means the whole district. */
export const unitName = (units: UnitListView[] | null, unitId: string | null) =>
  unitId ? (units?.find((u) => u.unitId === unitId)?.name ?? unitId) : '全区';
export const shanghaiToday = () => formatDate(new Date().toISOString());

/** `2026-11-27T17:30:05` in Asia/Shanghai, as a datetime-local input shows it. */
export function shanghaiLocal(date: Date): string {
  return date.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).replace(' ', 'T').slice(0, 19);
}

/** A file size as people read it: `1.2 MB`, `34 KB`, `100 字节`. */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} 字节`;
}

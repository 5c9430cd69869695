import type { VillageCommitteeRegistered, VillagePostingCategory, VillagePostingRecorded } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/** A village or community committee (村(居)民委员会) and the postings on its notice board (村务公开栏). */
export type VillageEvent =
  | DomainEvent<'interpretation.VillageCommitteeRegistered', VillageCommitteeRegistered>
  | DomainEvent<'interpretation.VillagePostingRecorded', VillagePostingRecorded>;
export type VillageState = { status: 'none' } | { status: 'registered'; committee: VillageCommitteeRegistered; postingIds: string[] };
export const initialVillageState: VillageState = { status: 'none' };

export const evolveVillage = (state: VillageState, event: VillageEvent): VillageState =>
  event.type === 'interpretation.VillageCommitteeRegistered'
    ? { status: 'registered', committee: event.data, postingIds: [] }
    : state.status === 'none'
      ? state
      : { ...state, postingIds: [...state.postingIds, event.data.postingId] };

export const villageStreamId = (committeeId: string) => `interpretation.village-${committeeId}`;

export const QUARTER_PERIOD = /^(\d{4})-Q([1-4])$/;
export const MONTH_PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The last day of a quarter or month period. */
export function periodEnd(period: string): string | null {
  const q = QUARTER_PERIOD.exec(period);
  if (q) return lastDayOfMonth(Number(q[1]), Number(q[2]) * 3);
  const m = MONTH_PERIOD.exec(period);
  if (m) return lastDayOfMonth(Number(m[1]), Number(m[2]));
  return null;
}
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** Which period format a category needs for this committee. */
export const expectedPeriodFormat = (category: VillagePostingCategory, financesMonthly: boolean): 'quarter' | 'month' | 'date' =>
  category === 'major' ? 'date' : category === 'finances' && financesMonthly ? 'month' : 'quarter';

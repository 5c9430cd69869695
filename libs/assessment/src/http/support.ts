import type { Role } from '@gongkai/contracts';
import { DomainError, type Principal } from '@gongkai/platform';

export const DISTRICT: Role[] = ['district_office', 'admin'];
export const READERS: Role[] = ['clerk', 'reviewer', 'office_head', 'district_office', 'admin', 'auditor'];

/** Unit staff read only their own unit's scores; the district office and auditors read every unit's. */
export function assertMayRead(principal: Principal, unitId: string): void {
  if (['district_office', 'admin', 'auditor'].includes(principal.role)) return;
  if (principal.unitId === unitId) return;
  throw DomainError.forbidden('OTHER_UNIT', `您只能查看本单位（${principal.unitId ?? '未指定'}）的考核得分。`);
}

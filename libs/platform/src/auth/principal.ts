import { ROLES, type Actor, type Role } from '@gongkai/contracts';
import { DomainError } from '../errors/domain-error';

/** Who is calling, from a verified token (or the anonymous public). */
export interface Principal {
  userId: string;
  name: string;
  role: Role;
  /** The unit the user works for; null for the public, district-wide roles may have one too. */
  unitId: string | null;
}

export const PUBLIC_PRINCIPAL: Principal = { userId: 'anonymous', name: '公众', role: 'public', unitId: null };

export const STAFF_ROLES: readonly Role[] = ['clerk', 'reviewer', 'office_head'];
export const DISTRICT_ROLES: readonly Role[] = ['district_office', 'admin'];
export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export const actorOf = (principal: Principal): Actor => ({
  userId: principal.userId,
  unitId: principal.unitId,
  role: principal.role,
});

/**
 * Unit scoping: unit staff act only for their own unit; the district office and admins act for
 * any unit; everyone else (the public, auditors, the system) acts for none.
 */
export function assertActsForUnit(principal: Principal, unitId: string): void {
  if (DISTRICT_ROLES.includes(principal.role)) return;
  if (STAFF_ROLES.includes(principal.role) && principal.unitId === unitId) return;
  if (STAFF_ROLES.includes(principal.role)) {
    throw DomainError.forbidden('OTHER_UNIT', `您只能办理本单位（${principal.unitId ?? '未指定'}）的事务，无权代表单位 ${unitId} 操作。`);
  }
  throw DomainError.forbidden('ROLE_NOT_ALLOWED', '您的角色无权执行此操作。');
}

/** Reading a unit's staff-side data: its own staff, the district office, admins and auditors. */
export function assertReadsUnit(principal: Principal, unitId: string): void {
  if (principal.role === 'auditor') return;
  assertActsForUnit(principal, unitId);
}

export function assertRole(principal: Principal, roles: readonly Role[]): void {
  if (!roles.includes(principal.role)) {
    throw DomainError.forbidden('ROLE_NOT_ALLOWED', `此操作需要以下角色之一：${roles.map((r) => ROLE_LABELS[r]).join('、')}。`);
  }
}

export const ROLE_LABELS: Record<Role, string> = {
  public: '公众',
  clerk: '经办人员',
  reviewer: '保密审查人员',
  office_head: '政府信息公开工作机构负责人',
  district_office: '区政府办公室',
  auditor: '审计监督人员',
  admin: '系统管理员',
  system: '系统',
};

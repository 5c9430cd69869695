import { ROLES, type Actor, type Role } from '@gongkai/contracts';
import {
  DISTRICT_READER_ROLES,
  DISTRICT_ROLES,
  READER_ROLES,
  ROLE_LABELS,
  STAFF_ROLES,
  UNIT_STAFF_ROLES,
  hasRole,
  readsDistrict,
} from '@gongkai/contracts/vocabulary';
import { DomainError } from '../errors/domain-error';

export { DISTRICT_READER_ROLES, DISTRICT_ROLES, READER_ROLES, ROLE_LABELS, STAFF_ROLES, UNIT_STAFF_ROLES };

/** Who is calling, from a verified token (or the anonymous public). */
export interface Principal {
  userId: string;
  name: string;
  role: Role;
  /** The unit the user works for; null for the public, district-wide roles may have one too. */
  unitId: string | null;
}

export const PUBLIC_PRINCIPAL: Principal = { userId: 'anonymous', name: '公众', role: 'public', unitId: null };

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export const actorOf = (principal: Principal): Actor => ({
  userId: principal.userId,
  unitId: principal.unitId,
  role: principal.role,
});

/**
 * The actor recorded on an event's envelope: `actorOf` plus the official's display name when the
 * token carried one (not for the public: an applicant's name is personal data, never an actor).
 */
export const recordedActorOf = (principal: Principal): Actor => ({
  ...actorOf(principal),
  ...(principal.role !== 'public' && principal.name && principal.name !== principal.userId ? { name: principal.name.slice(0, 100) } : {}),
});

/**
 * Unit scoping, as a value (errors as values, like the deciders): unit staff act only for their own
 * unit; the district office and admins act for any unit; everyone else (the public, auditors, the
 * system) acts for none. Null when allowed. Works on a Principal or on the Actor a command carries.
 */
export function unitActionError(who: Pick<Actor, 'role' | 'unitId'>, unitId: string): DomainError | null {
  if (hasRole(who.role, DISTRICT_ROLES)) return null;
  if (hasRole(who.role, UNIT_STAFF_ROLES)) {
    if (who.unitId === unitId) return null;
    return DomainError.forbidden('OTHER_UNIT', `您只能办理本单位（${who.unitId ?? '未指定'}）的事务，无权代表单位 ${unitId} 操作。`);
  }
  return DomainError.forbidden('ROLE_NOT_ALLOWED', '您的角色无权执行此操作。');
}

/** Reading a unit's staff-side data: its own staff, the district office, admins and auditors. Null when allowed. */
export function unitReadError(who: Pick<Actor, 'role' | 'unitId'>, unitId: string): DomainError | null {
  if (who.role === 'auditor') return null;
  return unitActionError(who, unitId);
}

/** `unitActionError`, thrown: for the edge, before any command is built. */
export function assertActsForUnit(principal: Principal, unitId: string): void {
  const error = unitActionError(principal, unitId);
  if (error) throw error;
}

/** `unitReadError`, thrown: for read endpoints. */
export function assertReadsUnit(principal: Principal, unitId: string): void {
  const error = unitReadError(principal, unitId);
  if (error) throw error;
}

/** Whether the principal reads every unit's staff-side data (district office, admins, auditors). */
export const readsEveryUnit = (principal: Pick<Principal, 'role'>): boolean => readsDistrict(principal.role);

/**
 * The unit a staff list covers, read like a write is authorised: the unit asked for, else the
 * caller's own; `undefined` (every unit) only for those who read every unit. Unit staff read only
 * their own unit, and a unit staff token without a unit reads nothing unit-scoped (403 NO_UNIT).
 */
export function readScope(principal: Principal, requested: string | undefined): string | undefined {
  if (readsEveryUnit(principal)) return requested || undefined;
  const unit = requested || principal.unitId;
  if (!unit) throw DomainError.forbidden('NO_UNIT', '您的账号未关联单位，不能查看单位的数据；请联系管理员设置所属单位。');
  assertReadsUnit(principal, unit);
  return unit;
}

export function assertRole(principal: Principal, roles: readonly Role[]): void {
  if (!roles.includes(principal.role)) {
    throw DomainError.forbidden('ROLE_NOT_ALLOWED', `此操作需要以下角色之一：${roles.map((r) => ROLE_LABELS[r]).join('、')}。`);
  }
}

/**
 * Role checks of the console, built on the contracts' role groups (one definition with the services).
 * The API enforces the same rules; these only hide what it would refuse.
 */

import {
  DISTRICT_ROLES,
  hasRole,
  READER_ROLES,
  readsDistrict,
  type Role,
  STAFF_ROLES,
  UNIT_STAFF_ROLES,
} from '@gongkai/contracts/vocabulary';
import type { Session } from '../api';

/** Unit staff who act (not the reviewer) and the district-wide staff: they handle requests and edit the catalogue. */
export const HANDLER_ROLES: readonly Role[] = [...UNIT_STAFF_ROLES.filter((role) => role !== 'reviewer'), ...DISTRICT_ROLES];
/** A drafted reply is reviewed by the reviewer or the office head. */
export const REPLY_REVIEWER_ROLES: readonly Role[] = ['reviewer', 'office_head'];
/** Who sees documents waiting for the confidentiality review: the reviewers, the office head and the district office. */
export const REVIEW_QUEUE_ROLES: readonly Role[] = ['reviewer', 'office_head', 'district_office'];
/** Who finalises a unit's annual report: the office head, or district-wide staff. */
export const REPORT_FINALISER_ROLES: readonly Role[] = ['office_head', ...DISTRICT_ROLES];

/** Reads every unit: the district office, admins and auditors. */
export const seesDistrict = (session: Pick<Session, 'role'>) => readsDistrict(session.role);
/** Acts for every unit: the district office and admins. */
export const actsDistrictWide = (session: Pick<Session, 'role'> | null | undefined) => hasRole(session?.role ?? '', DISTRICT_ROLES);
/** Staff act; auditors only read. */
export const isStaff = (session: Pick<Session, 'role'>) => hasRole(session.role, STAFF_ROLES);
/** Staff of one unit (clerk, reviewer, office head). */
export const isUnitStaff = (session: Pick<Session, 'role'>) => hasRole(session.role, UNIT_STAFF_ROLES);
/** Reads staff-side data at all. */
export const isReader = (session: Pick<Session, 'role'>) => hasRole(session.role, READER_ROLES);
export const hasAnyRole = (session: Pick<Session, 'role'>, roles: readonly Role[]) => hasRole(session.role, roles);

/**
 * The roles of gongkai (DOMAIN.md "Who uses it") and the groups every service and the web app
 * check against: one definition, so that a role added or relabelled changes everywhere at once.
 */
export const ROLES = ['public', 'clerk', 'reviewer', 'office_head', 'district_office', 'auditor', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** The roles a person signs in with (not the anonymous public, not the system). */
export const SIGN_IN_ROLES = ['clerk', 'reviewer', 'office_head', 'district_office', 'auditor', 'admin'] as const;
export type SignInRole = (typeof SIGN_IN_ROLES)[number];

/** Staff of one unit: they act and read only for the unit in their token. */
export const UNIT_STAFF_ROLES: readonly Role[] = ['clerk', 'reviewer', 'office_head'];
/** District-wide staff: act for any unit. */
export const DISTRICT_ROLES: readonly Role[] = ['district_office', 'admin'];
/** Everyone who works in the console on some unit's behalf (unit staff and district-wide staff). */
export const STAFF_ROLES: readonly Role[] = [...UNIT_STAFF_ROLES, ...DISTRICT_ROLES];
/** Who reads every unit's staff-side data: the district-wide staff and the auditors (who only read). */
export const DISTRICT_READER_ROLES: readonly Role[] = [...DISTRICT_ROLES, 'auditor'];
/** Everyone who reads staff-side data at all: staff and auditors. */
export const READER_ROLES: readonly Role[] = [...STAFF_ROLES, 'auditor'];
/**
 * Who reads the personal data of applicants and citizens in clear (个人信息保护法: access limited to
 * those who need it): the staff who handle the cases and the district office. Auditors check the
 * record and admins run the system: both read 已脱敏.
 */
export const PERSONAL_DATA_ROLES: readonly Role[] = [...UNIT_STAFF_ROLES, 'district_office'];
/** Who erases an applicant's personal data on request or by court order: the unit's office head (工作机构负责人). */
export const PERSONAL_DATA_ERASER_ROLES: readonly Role[] = ['office_head'];

export const ROLE_LABELS: Record<Role, string> = {
  public: '公众',
  clerk: '政务公开专人（经办）',
  reviewer: '保密审查人员',
  office_head: '政府信息公开工作机构负责人',
  district_office: '区政府办公室',
  auditor: '审计监督人员',
  admin: '系统管理员',
  system: '系统',
};

export const hasRole = (role: string, roles: readonly Role[]): boolean => (roles as readonly string[]).includes(role);
/** Whether a role reads every unit (the district office, admins, auditors). */
export const readsDistrict = (role: string): boolean => hasRole(role, DISTRICT_READER_ROLES);
/** Whether a role reads personal data in clear (else `已脱敏`). */
export const seesPersonalData = (role: string): boolean => hasRole(role, PERSONAL_DATA_ROLES);

/** Unit vocabulary: administrative levels and kinds of unit. Plain data, no zod: the web app imports this too. */

/** 公开层级 / the administrative level of a unit. */
export const UNIT_LEVELS = ['县级', '乡级'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** What kind of unit: towns and the sub-district are 乡级; departments and the district office 县级. */
export const UNIT_KINDS = ['town', 'subdistrict', 'department', 'district_office'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  town: '镇',
  subdistrict: '街道',
  department: '区政府部门',
  district_office: '区政府办公室',
};

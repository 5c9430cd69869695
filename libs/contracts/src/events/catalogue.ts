import { z } from 'zod';
import { UNIT_KINDS, UNIT_LEVELS, unitIdSchema } from '../values';

/** Integration events of the catalogue service (topic `gongkai.catalogue`). */
export const unitRegisteredV1 = z.object({
  unitId: unitIdSchema,
  name: z.string().min(2).max(60),
  level: z.enum(UNIT_LEVELS),
  kind: z.enum(UNIT_KINDS),
  /** Why the district office registered it, e.g. the 机构编制 document. */
  basis: z.string().max(200).optional(),
});

export const unitRenamedV1 = z.object({
  unitId: unitIdSchema,
  name: z.string().min(2).max(60),
  reason: z.string().min(2).max(500),
});

export const unitOpennessOfficeDesignatedV1 = z.object({
  unitId: unitIdSchema,
  /** 政务公开主管科室 */
  office: z.string().min(2).max(60),
  /** 专人: the responsible officer */
  officerName: z.string().min(2).max(30),
  officerPhone: z.string().max(30).optional(),
});

export const catalogueEvents = {
  'catalogue.UnitRegistered': { 1: unitRegisteredV1 },
  'catalogue.UnitRenamed': { 1: unitRenamedV1 },
  'catalogue.UnitOpennessOfficeDesignated': { 1: unitOpennessOfficeDesignatedV1 },
} as const;

export type UnitRegistered = z.infer<typeof unitRegisteredV1>;
export type UnitRenamed = z.infer<typeof unitRenamedV1>;
export type UnitOpennessOfficeDesignated = z.infer<typeof unitOpennessOfficeDesignatedV1>;

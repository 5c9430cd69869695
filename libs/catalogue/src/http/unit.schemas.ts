import { z } from 'zod';
import { multiLineText, singleLineText, UNIT_KINDS, UNIT_LEVELS, unitIdSchema } from '@gongkai/contracts';

export const registerUnitBody = z.object({
  unitId: unitIdSchema,
  name: singleLineText(60, 2),
  level: z.enum(UNIT_LEVELS),
  kind: z.enum(UNIT_KINDS),
  basis: singleLineText(200, 0).optional(),
});

export const renameUnitBody = z.object({
  name: singleLineText(60, 2),
  reason: multiLineText(500, 2),
});

export const designateOfficeBody = z.object({
  office: singleLineText(60, 2),
  officerName: singleLineText(30, 2),
  officerPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,30}$/)
    .optional(),
});

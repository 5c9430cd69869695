import { z } from 'zod';
import { UNIT_KINDS, UNIT_LEVELS, unitIdSchema } from '@gongkai/contracts';

export const registerUnitBody = z.object({
  unitId: unitIdSchema,
  name: z.string().trim().min(2).max(60),
  level: z.enum(UNIT_LEVELS),
  kind: z.enum(UNIT_KINDS),
  basis: z.string().trim().max(200).optional(),
});

export const renameUnitBody = z.object({
  name: z.string().trim().min(2).max(60),
  reason: z.string().trim().min(2).max(500),
});

export const designateOfficeBody = z.object({
  office: z.string().trim().min(2).max(60),
  officerName: z.string().trim().min(2).max(30),
  officerPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,30}$/)
    .optional(),
});

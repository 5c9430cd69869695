import { z } from 'zod';
import {
  indicatorNodeSchema,
  isoDate,
  multiLineText,
  resultRulesSchema,
  singleLineText,
  trainingRecordedV1,
  UNIT_KINDS,
  unitIdSchema,
} from '@gongkai/contracts';

export const publishSchemeBody = z.object({
  schemeId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/),
  year: z.number().int().min(2019).max(2100),
  title: singleLineText(200, 2),
  /** 政务公开工作占绩效考核的权重（%）: the decider refuses less than 4. */
  opennessWeightPercent: z.number(),
  indicators: z.array(indicatorNodeSchema).min(1).max(50),
  rules: resultRulesSchema,
  assessedUnitKinds: z.array(z.enum(UNIT_KINDS)).min(1).optional(),
  reason: multiLineText(500, 0).optional(),
});

export const manualScoreBody = z.object({
  unitId: unitIdSchema,
  indicatorId: z.string().min(1).max(40),
  points: z.number(),
  /** Required (checked by the decider, so that the rule has one place). */
  reason: multiLineText(1000, 0).default(''),
  evidence: z.array(singleLineText(300)).max(20).default([]),
});

/** The event's shape, with the title a single line of text. */
export const trainingBody = trainingRecordedV1.extend({ title: singleLineText(200) });

export const freezeBody = z.object({
  /** YYYY-MM-DD (end of that day, Asia/Shanghai) or an ISO instant; default now. */
  asOf: z.union([isoDate, z.string().datetime({ offset: true })]).optional(),
  reason: multiLineText(500, 0).optional(),
});

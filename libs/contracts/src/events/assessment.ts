import { z } from 'zod';
import { isoDate, UNIT_KINDS, unitIdSchema } from '../values';

/**
 * Integration events of the assessment service (考核, topic `gongkai.assessment`). Streams:
 * `assessment.scheme-<schemeId>` (a yearly scheme and its published versions),
 * `assessment.evaluation-<schemeId>` (manual scores of the scheme's period and the frozen results),
 * `assessment.training-<trainingId>` (a training held by the district office).
 */

/** The rule the scheme's openness weight is checked against (seed 三(六)). */
export const OPENNESS_MIN_WEIGHT_PERCENT = 4;
export const OPENNESS_WEIGHT_RULE = '政务公开工作纳入考核体系，分值权重不低于4%';
export const ASSESSMENT_LEGAL_BASIS = '台政办发〔2020〕10号 三（六）、四（三）';

/**
 * The closed set of metrics a computed indicator may use (no formulas are evaluated): each is a
 * named function over the facts (libs/assessment/src/domain/metrics.ts). Rates are percentages 0–100.
 */
export const ASSESSMENT_METRICS = [
  'openness_office_designated',
  'concentrated_trainings_attended',
  'catalogue_domain_coverage',
  'catalogue_published_by_milestone',
  'negative_list_fresh_rate',
  'proactive_disclosure_share',
  'publication_on_time_rate',
  'yearly_review_completion',
  'request_on_time_rate',
  'interpretation_on_time_rate',
  'concern_on_time_rate',
  'consultations_held',
  'open_days_held',
  'village_posting_on_time_rate',
  'proactive_checklist_coverage',
] as const;
export type AssessmentMetric = (typeof ASSESSMENT_METRICS)[number];

const text = (max: number) => z.string().min(1).max(max);
const indicatorId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/);
const points = z.number().min(0).max(1000);
const schemeIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/);

/** A threshold row: a metric value of at least `atLeast` earns `points` (the first matching row, highest first). */
export const scoreBandSchema = z.object({ atLeast: z.number(), points });

export const computedIndicatorSchema = z.object({
  id: indicatorId,
  name: text(100),
  kind: z.literal('computed'),
  points: points,
  metric: z.enum(ASSESSMENT_METRICS),
  bands: z.array(scoreBandSchema).min(1).max(20),
  /** When the unit has nothing the metric counts (no requests received…): full points or none. */
  whenNoData: z.enum(['full', 'zero']),
  params: z.object({ milestone: isoDate.optional() }).optional(),
});
export const manualIndicatorSchema = z.object({
  id: indicatorId,
  name: text(100),
  kind: z.literal('manual'),
  points: points,
  /** What the district office looks at when scoring it by hand. */
  guidance: text(1000),
});
export type ComputedIndicator = z.infer<typeof computedIndicatorSchema>;
export type ManualIndicator = z.infer<typeof manualIndicatorSchema>;
export interface IndicatorGroup {
  id: string;
  name: string;
  kind: 'group';
  children: IndicatorNode[];
}
export type IndicatorNode = IndicatorGroup | ComputedIndicator | ManualIndicator;

export const indicatorNodeSchema: z.ZodType<IndicatorNode> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ id: indicatorId, name: text(100), kind: z.literal('group'), children: z.array(indicatorNodeSchema).min(1).max(50) }),
    computedIndicatorSchema,
    manualIndicatorSchema,
  ]),
);

/** 通报表扬 / 督促整改 / 通报批评 rules. */
export const resultRulesSchema = z.object({
  commend: z.object({ topN: z.number().int().min(0).max(500).nullable(), minTotal: z.number().min(0).nullable() }),
  /** Below this total: 督促整改. */
  rectifyBelow: z.number().min(0).nullable(),
  /** Below this total: 通报批评 (also listed for rectification). */
  criticiseBelow: z.number().min(0).nullable(),
});
export type ResultRules = z.infer<typeof resultRulesSchema>;

export const schemePublishedV1 = z.object({
  schemeId: schemeIdSchema,
  year: z.number().int().min(2019).max(2100),
  version: z.number().int().min(1),
  title: text(200),
  /** The openness share of the units' overall performance assessment, in percent (≥ 4). */
  opennessWeightPercent: z.number().min(OPENNESS_MIN_WEIGHT_PERCENT).max(100),
  totalPoints: z.number().positive(),
  indicators: z.array(indicatorNodeSchema).min(1).max(50),
  rules: resultRulesSchema,
  assessedUnitKinds: z.array(z.enum(UNIT_KINDS)).min(1),
  legalBasis: text(300),
  /** Required from version 2 on: why the scheme changed. */
  reason: text(500).nullable(),
});
export type SchemePublished = z.infer<typeof schemePublishedV1>;

export const manualScoreRecordedV1 = z.object({
  schemeId: schemeIdSchema,
  year: z.number().int(),
  schemeVersion: z.number().int().min(1),
  unitId: unitIdSchema,
  indicatorId,
  points,
  maxPoints: points,
  reason: z.string().min(2).max(1000),
  /** References to the evidence (file names, URLs, document numbers). */
  evidence: z.array(text(300)).max(20),
});
export type ManualScoreRecorded = z.infer<typeof manualScoreRecordedV1>;

export const trainingRecordedV1 = z.object({
  trainingId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/),
  title: text(200),
  heldOn: isoDate,
  /** 集中学习培训 organised by the district office (at least one a year, seed 四(二)). */
  concentrated: z.boolean(),
  organiserUnitId: unitIdSchema,
  participants: z
    .array(z.object({ unitId: unitIdSchema, count: z.number().int().min(1).max(10000) }))
    .min(1)
    .max(500),
});
export type TrainingRecorded = z.infer<typeof trainingRecordedV1>;

export const frozenIndicatorSchema = z.object({ indicatorId, points: z.number(), value: z.number().nullable() });
export const frozenUnitResultSchema = z.object({
  unitId: unitIdSchema,
  name: text(100),
  total: z.number(),
  rank: z.number().int().min(1),
  indicators: z.array(frozenIndicatorSchema),
});
export const scoresFrozenV1 = z.object({
  schemeId: schemeIdSchema,
  year: z.number().int(),
  schemeVersion: z.number().int().min(1),
  /** The instant the scores were computed as of: facts recorded later are not part of them. */
  asOf: z.string().datetime({ offset: true }),
  /** SHA-256 over the canonical JSON of the scheme version, asOf and the sorted ids of every input event. */
  inputsHash: z.string().regex(/^[0-9a-f]{64}$/),
  inputEvents: z.number().int().min(0),
  results: z.array(frozenUnitResultSchema).max(1000),
  commended: z.array(unitIdSchema),
  rectify: z.array(unitIdSchema),
  criticised: z.array(unitIdSchema),
  legalBasis: text(300),
  reason: z.string().max(500).nullable(),
});
export type ScoresFrozen = z.infer<typeof scoresFrozenV1>;

export const assessmentEvents = {
  'assessment.SchemePublished': { 1: schemePublishedV1 },
  'assessment.ManualScoreRecorded': { 1: manualScoreRecordedV1 },
  'assessment.TrainingRecorded': { 1: trainingRecordedV1 },
  'assessment.ScoresFrozen': { 1: scoresFrozenV1 },
} as const;

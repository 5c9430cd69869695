import { z } from 'zod';
import {
  ADOPTION_OUTCOMES,
  CONCERN_RESPONSE_KINDS,
  CONCERN_SEVERITIES,
  CONCERN_SOURCES,
  PUBLIC_CONSULTATION_KINDS,
  INTERPRETATION_CHANNELS,
  INTERPRETATION_FORMS,
  interpretationLimitsSchema,
  isoDate,
  multiLineText,
  PARTICIPATION_METHODS,
  singleLineText,
  unitIdSchema,
  VILLAGE_POSTING_CATEGORIES,
} from '@gongkai/contracts';
import { commaListSchema, listQuery, pageFields } from '@gongkai/platform';
import { CONSULTATION_FLAGS, CONSULTATION_SORTS, CONSULTATION_STAGES } from '../application/consultation-register';
import { ERASURE_REASON_MAX, ERASURE_REASON_MIN } from '../domain/personal-data';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, '编号只能包含字母、数字、连字符和下划线');
/** Names, titles and labels: one line. */
const text = (max: number) => singleLineText(max);
/** Free text: plans, summaries, contents. */
const prose = (max: number, min = 1) => multiLineText(max, min);

export const COMMENT_MAX_LENGTH = 2000;
/** Markup or script in a public comment: refused outright, never stored or sanitised. */
const SCRIPT_BEARING = /<\s*\/?\s*[a-z!?][^>]*>|javascript\s*:|\bon[a-z]+\s*=|<\s*script/i;

export const planBody = z.object({
  plan: prose(4000),
  forms: z.array(z.enum(INTERPRETATION_FORMS)).min(1).max(INTERPRETATION_FORMS.length),
  channels: z.array(z.enum(INTERPRETATION_CHANNELS)).min(1).max(INTERPRETATION_CHANNELS.length),
});
export const materialBody = z.object({
  materialId: id,
  form: z.enum(INTERPRETATION_FORMS),
  title: text(200),
  body: prose(20000, 0).optional(),
  reference: prose(1000, 0).optional(),
});
export const publishInterpretationBody = z.object({ channels: z.array(z.enum(INTERPRETATION_CHANNELS)).min(1) });
/** The 签发人 who signed the interpretation (同步审签), by name: usually a leader who is not a system user. */
export const signOffBody = z.object({ signer: z.string().trim().min(2).max(100) });

export const registerConcernBody = z.object({
  concernId: id,
  source: z.enum(CONCERN_SOURCES),
  topic: text(200),
  summary: prose(4000),
  severity: z.enum(CONCERN_SEVERITIES),
  /** When it was picked up; defaults to now. */
  registeredAt: z.string().datetime({ offset: true }).optional(),
});
export const assignConcernBody = z.object({ unitId: unitIdSchema, note: prose(500, 0).optional() });
export const concernResponseBody = z.object({
  kind: z.enum(CONCERN_RESPONSE_KINDS),
  content: prose(8000),
  channel: z.enum(INTERPRETATION_CHANNELS),
});

export const participationCatalogueBody = z.object({
  items: z
    .array(
      z.object({ decisionItem: text(200), methods: z.array(z.enum(PARTICIPATION_METHODS)).min(1), channels: z.array(text(100)).min(1) }),
    )
    .min(1)
    .max(500),
});
export const openConsultationBody = z.object({
  consultationId: id,
  unitId: unitIdSchema,
  title: text(200),
  draft: prose(20000),
  kind: z.enum(PUBLIC_CONSULTATION_KINDS),
  opensOn: isoDate,
  closesOn: isoDate,
  shortPeriodReason: multiLineText(1000).min(5, '缩短期限的理由至少 5 个字').optional(),
});
export const commentBody = z.object({
  content: multiLineText(COMMENT_MAX_LENGTH)
    .min(5, '意见内容至少 5 个字')
    .max(COMMENT_MAX_LENGTH, `意见内容不能超过 ${COMMENT_MAX_LENGTH} 字，请精简后再提交`)
    .refine((value) => !SCRIPT_BEARING.test(value), '意见内容不能包含网页脚本或 HTML 标签，请以纯文字提交'),
  commenterName: singleLineText(30, 0)
    .max(30, '姓名不能超过 30 字')
    .refine((v) => !SCRIPT_BEARING.test(v), '姓名不能包含网页脚本或 HTML 标签')
    .optional(),
  contact: singleLineText(60, 0)
    .max(60, '联系方式不能超过 60 字')
    .refine((v) => !SCRIPT_BEARING.test(v), '联系方式不能包含网页脚本或 HTML 标签')
    .optional(),
});
/** DELETE personal-data/:refId: why the name and contact are erased (recorded in PersonalDataErased). */
export const erasePersonalDataBody = z.object({ reason: prose(ERASURE_REASON_MAX, ERASURE_REASON_MIN) });
export const moderateBody = z.object({ decision: z.enum(['approved', 'rejected']), reason: prose(500, 0).optional() });
export const adoptionBody = z.object({
  summary: prose(8000),
  outcomes: z.array(z.object({ commentId: id, outcome: z.enum(ADOPTION_OUTCOMES), reason: prose(1000, 0).optional() })).max(2000),
});
export const scheduleHearingBody = z.object({
  hearingId: id,
  unitId: unitIdSchema,
  title: text(200),
  heldOn: isoDate,
  consultationId: id.optional(),
});
export const hearingMaterialsBody = z.object({
  materials: z
    .array(z.object({ title: text(200), reference: prose(1000) }))
    .min(1)
    .max(100),
});
export const meetingBody = z.object({
  meetingId: id,
  unitId: unitIdSchema,
  title: text(200),
  heldOn: isoDate,
  attendees: z
    .array(
      z.object({
        category: z.enum(['利益相关方', '群众代表', '专家', '媒体']),
        name: text(60),
        organisation: singleLineText(100, 0).optional(),
      }),
    )
    .min(1)
    .max(500),
});
export const announceOpenDayBody = z.object({
  openDayId: id,
  unitId: unitIdSchema,
  title: text(200),
  description: prose(4000, 0),
  heldOn: isoDate,
  capacity: z.number().int().min(1).max(10000),
});
export const openDayRegistrationBody = z.object({
  name: text(30).refine((v) => !SCRIPT_BEARING.test(v), '姓名不能包含网页脚本或 HTML 标签'),
  contact: text(60).refine((v) => !SCRIPT_BEARING.test(v), '联系方式不能包含网页脚本或 HTML 标签'),
});
export const openDaySummaryBody = z.object({ summary: prose(8000), attendance: z.number().int().min(0).max(1_000_000) });
export const villageCommitteeBody = z.object({
  committeeId: unitIdSchema,
  name: text(60),
  kind: z.enum(['village', 'community']),
  townUnitId: unitIdSchema,
  financesMonthly: z.boolean(),
});
export const villagePostingBody = z.object({
  postingId: id,
  category: z.enum(VILLAGE_POSTING_CATEGORIES),
  title: text(200),
  period: text(10),
});
export const openDaysQuery = z.object({
  unitId: unitIdSchema.optional(),
  year: z.coerce.number().int('年份应为整数').min(2000, '年份应在 2000–2100 之间').max(2100, '年份应在 2000–2100 之间').optional(),
});
/** The public list of open days: `openDaysQuery` a page at a time. */
export const openDaysPageQuery = openDaysQuery.extend(pageFields());
/** A staff list of one unit (or every unit, for the district's readers), a page at a time. */
export const unitPageQuery = z.object({ unitId: unitIdSchema.optional(), ...pageFields() });
/** A list a page at a time. */
export const pageQuery = z.object(pageFields());
/** The portal's policies: the text box (title, interpretation materials), a page at a time. */
export const policiesQuery = z.object({ q: singleLineText(100, 1).optional(), ...pageFields() });
export const villagePostingsQuery = z.object({ asOf: isoDate.optional() });
export const limitsBody = interpretationLimitsSchema.partial().extend({ reason: text(500) });

/** The consultations list (`GET consultations`, `GET consultations/export.xlsx`): unit, stage, kind, flags, dates, text, sort, page. */
export const consultationListQuery = listQuery({
  sorts: CONSULTATION_SORTS,
  dates: ['opens', 'closes'],
  defaultPageSize: 20,
  filters: {
    unitId: unitIdSchema.optional(),
    stage: commaListSchema(CONSULTATION_STAGES, '状态').optional(),
    kind: z.enum(PUBLIC_CONSULTATION_KINDS).optional(),
    flag: commaListSchema(CONSULTATION_FLAGS, 'flag ').optional(),
  },
});
export type ConsultationListQuery = z.infer<typeof consultationListQuery>;

import { z } from 'zod';
import { calendarDateSchema, commaListSchema, DomainError, listQuery, pageFields, parseInput } from '@gongkai/platform';
import type { LocalDate } from '@gongkai/working-days';
import { REGISTER_FLAGS, REGISTER_SORTS, REGISTER_STATUSES, type RegisterQuery } from '../application/request-register';
import { SCAN_MEDIA_TYPES } from '../application/request-scans';
import { TABLE2_DOCUMENT_FIELDS, TABLE2_FIELDS } from '../domain/annual-report';
import {
  APPLICANT_TYPES,
  CHALLENGE_KINDS,
  CHALLENGE_OUTCOMES,
  CHALLENGE_PARTIES,
  CHALLENGE_SUBJECTS,
  CONSULTATION_ANSWERS,
  CONSULTATION_KINDS,
  DELIVERY_METHODS,
  FEE_METHODS,
  ID_DOCUMENT_KINDS,
  PREFERRED_FORMS,
  REASONS_OUTCOMES,
  REPLY_CATEGORY_CODES,
  multiLineText,
  REQUEST_CHANNELS,
  singleLineText,
  unitIdSchema,
} from '@gongkai/contracts';

const NO_MARKUP = /<\s*\/?\s*[a-z!?]/i;
/** Free text: trimmed, bounded, and never markup (the portal shows it back to staff). */
export const plainText = (min: number, max: number) =>
  multiLineText(max, min).refine((s) => !NO_MARKUP.test(s), { message: '不能包含 HTML 标签或脚本' });

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused). */
export const calendarDate = calendarDateSchema;

const applicant = z
  .object({
    type: z.enum(APPLICANT_TYPES),
    name: singleLineText(100, 2),
    contactPerson: singleLineText(50, 2).optional(),
    idDocument: z
      .object({
        kind: z.enum(ID_DOCUMENT_KINDS),
        number: z
          .string()
          .trim()
          .regex(/^[0-9A-Za-z-]{5,30}$/, { message: '证件号码格式不正确' }),
      })
      .optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{5,30}$/, { message: '联系电话格式不正确' })
      .optional(),
    email: z.email({ message: '电子邮箱格式不正确' }).max(100).optional(),
    address: plainText(4, 200).optional(),
  })
  .refine((a) => Boolean(a.phone || a.email || a.address), { message: '请至少填写一种联系方式（联系电话、电子邮箱或通信地址）' });

export const publicRequestBody = z.object({
  unitId: unitIdSchema,
  applicant,
  description: plainText(5, 2000),
  purpose: plainText(2, 500).optional(),
  preferredForm: z.enum(PREFERRED_FORMS),
  delivery: z.enum(DELIVERY_METHODS),
});

export const staffRequestBody = publicRequestBody.extend({
  channel: z.enum(REQUEST_CHANNELS),
  /** Art. 31: submitted (in person), signed for (registered post), confirmed with the applicant (letter, fax, online). */
  receivedOn: calendarDate,
  /** A joint application (共同申请): the further applicants, in the order named; the fee counts against the first named. */
  jointApplicants: z
    .array(z.object({ type: z.enum(APPLICANT_TYPES), name: plainText(2, 100) }))
    .max(20)
    .optional(),
  /** 补录: why the request is registered only now; with it the receipt date may go back to 1 January of last year. */
  backEntryReason: plainText(4, 500).optional(),
  /** The scanned application as `POST /api/requests/scans` answered. */
  scan: z
    .object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: '文件标识无效' }),
      size: z.number().int().positive(),
      mediaType: z.enum(SCAN_MEDIA_TYPES),
      originalName: singleLineText(255, 1),
    })
    .optional(),
});

const withheld = z.array(z.object({ item: plainText(1, 300), ground: z.enum(REPLY_CATEGORY_CODES), reason: plainText(2, 500) })).max(50);

/** The handling steps: `POST /api/requests/:requestId/<action>` with these bodies. */
export const ACTION_BODIES = {
  'correction-notice': z.object({
    items: z.array(plainText(2, 300)).min(1).max(20),
    periodWorkingDays: z.number().int().min(1).max(30).default(10),
  }),
  'correction-received': z.object({
    receivedOn: calendarDate,
    note: plainText(1, 2000).optional(),
    /** A late correction accepted by the office head: the good reason (Art. 30). */
    lateReason: plainText(2, 500).optional(),
  }),
  'abandon-no-correction': z.object({}),
  assign: z.object({ handlerId: plainText(1, 100), handlerName: plainText(1, 50).optional() }),
  transfer: z.object({ toUnitId: unitIdSchema, reason: plainText(2, 500) }),
  investigations: z.object({
    taskId: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
    assistingUnitId: unitIdSchema,
    question: plainText(2, 1000),
    internalWorkingDays: z.number().int().min(1).max(20),
  }),
  'investigation-answer': z.object({ taskId: z.string().min(1).max(40), answer: plainText(1, 2000) }),
  consultations: z.object({
    consultationId: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
    kind: z.enum(CONSULTATION_KINDS),
    party: plainText(2, 200),
    subject: plainText(2, 1000),
  }),
  'consultation-letter-received': z.object({ consultationId: z.string().min(1).max(40), receivedOn: calendarDate }),
  'consultation-end': z.object({
    consultationId: z.string().min(1).max(40),
    outcome: plainText(1, 1000),
    answer: z.enum(CONSULTATION_ANSWERS).optional(),
    endedOn: calendarDate.optional(),
  }),
  extension: z.object({ workingDays: z.number().int().min(1).max(20), reason: plainText(2, 500), noticeSentOn: calendarDate }),
  'fee-notice': z.object({ method: z.enum(FEE_METHODS), pages: z.number().int().min(1).max(1_000_000).optional() }),
  'fee-notice-received': z.object({ receivedOn: calendarDate }),
  'fee-paid': z.object({ amountYuan: z.number().int().min(0) }),
  'abandon-unpaid': z.object({}),
  'draft-reply': z.object({
    category: z.enum(REPLY_CATEGORY_CODES),
    withheld: withheld.default([]),
    content: plainText(1, 5000),
    /** Art. 36(1)(2): where, how and when the applicant obtains the information. */
    access: plainText(2, 1000).optional(),
    /** Art. 36(5): the agency that holds the information, when it can be identified. */
    holdingAgency: z.object({ name: plainText(2, 100), contact: plainText(2, 200).optional() }).optional(),
  }),
  'count-items': z.object({ items: z.number().int().min(2).max(500), reason: plainText(2, 500) }),
  'third-party-notice': z.object({ consultationId: z.string().min(1).max(40), reason: plainText(2, 1000) }),
  'reasons-request': z.object({ periodWorkingDays: z.number().int().min(1).max(20).default(10) }),
  'reasons-answer': z.object({ outcome: z.enum(REASONS_OUTCOMES), note: plainText(1, 1000).optional() }),
  'defer-reply': z.object({ replyByOn: calendarDate, reason: plainText(2, 500), noticeSentOn: calendarDate }),
  review: z.object({ approved: z.boolean(), comment: plainText(1, 1000).optional() }),
  reply: z.object({}),
  delivery: z.object({ method: z.enum(DELIVERY_METHODS), reference: plainText(1, 100).optional() }),
  archive: z.object({ archiveNo: plainText(1, 60) }),
  'link-information': z.object({
    informationKey: z.string().regex(/^[a-z0-9-]{1,60}$/),
    information: plainText(2, 300),
    documentId: z.string().min(1).max(80).optional(),
  }),
  challenges: z.object({
    challengeId: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
    kind: z.enum(CHALLENGE_KINDS),
    filedOn: calendarDate,
    body: plainText(2, 200),
    /** The applicant (default) or a third party against a decision to disclose. */
    party: z.enum(CHALLENGE_PARTIES).optional(),
    /** No reply in time, the reply, or a decision to disclose (default: from the party and whether there is a reply). */
    against: z.enum(CHALLENGE_SUBJECTS).optional(),
  }),
  'challenge-decision': z.object({ challengeId: z.string().min(1).max(40), outcome: z.enum(CHALLENGE_OUTCOMES), decidedOn: calendarDate }),
} as const;
export type RequestAction = keyof typeof ACTION_BODIES;

/**
 * What the unit enters by hand when it finalises the annual report: the Table 2 rows no service
 * records. The 规章 and 行政规范性文件 rows are computed from document-attributes' events and are
 * refused here (see `AnnualReportsController.finalise`).
 */
export const table2Body = z.object({
  licensing_decisions: z.number().int().min(0).default(0),
  penalty_decisions: z.number().int().min(0).default(0),
  enforcement_decisions: z.number().int().min(0).default(0),
  fees_amount_10k_yuan: z.number().min(0).max(1_000_000).default(0),
});

/** A narrative section of the annual report: trimmed, plain text, up to 8000 characters; blank means not written. */
const narrativeText = multiLineText(8000, 0)
  .refine((s) => !NO_MARKUP.test(s), { message: '不能包含 HTML 标签或脚本' })
  .optional();

/**
 * The finalise body: the hand-entered Table 2 rows and, optionally, the report's narrative
 * sections (一、总体情况; 五、存在的主要问题及改进情况; 六、其他需要报告的事项) that the .docx and
 * the portal print instead of the placeholder.
 */
export const finaliseAnnualReportBody = table2Body.extend({
  narrative: z.object({ overview: narrativeText, problemsAndImprovements: narrativeText, otherMatters: narrativeText }).optional(),
});

/** A draft of the report: the hand-entered rows typed so far (a row not sent stays blank, not 0) and the narrative. */
export const draftAnnualReportBody = z.object({
  licensing_decisions: table2Body.shape.licensing_decisions.removeDefault().optional(),
  penalty_decisions: table2Body.shape.penalty_decisions.removeDefault().optional(),
  enforcement_decisions: table2Body.shape.enforcement_decisions.removeDefault().optional(),
  fees_amount_10k_yuan: table2Body.shape.fees_amount_10k_yuan.removeDefault().optional(),
  narrative: finaliseAnnualReportBody.shape.narrative,
});

/**
 * The finalise body (or a draft's), parsed. The document rows are computed; a client still sending
 * them is told so rather than silently ignored.
 */
export function parseFinaliseBody<
  S extends typeof finaliseAnnualReportBody | typeof draftAnnualReportBody = typeof finaliseAnnualReportBody,
>(body: unknown, schema: S = finaliseAnnualReportBody as S): z.output<S> {
  const sent =
    body && typeof body === 'object' ? TABLE2_DOCUMENT_FIELDS.filter((f) => (body as Record<string, unknown>)[f] !== undefined) : [];
  if (sent.length > 0) {
    throw DomainError.validation(
      'TABLE2_DOCUMENT_ROWS_COMPUTED',
      `表二中“${sent.map((f) => TABLE2_FIELDS[f]).join('、')}”由公文属性管理中印发、失效和废止的文件自动统计，不能手工填报；请删除这些字段后重新提交（只需填报行政许可、行政处罚、行政强制和行政事业性收费）。`,
      sent.map((field) => ({ field, code: 'computed', message: '自动统计，不能手工填报' })),
    );
  }
  return parseInput(schema, body ?? {}) as z.output<S>;
}

/** The portal's list of published annual reports, optionally of one year. */
export const publishedReportsQuery = z.object({
  year: z.coerce.number().int().min(2019).max(2100).optional(),
  ...pageFields(),
});

/**
 * The register's query string (`GET /api/requests`, `GET /api/requests/export.xlsx`): filters, the
 * text box, sorting and the page. `flag` keeps its old single-value use (`flag=overdue`) and takes a list.
 */
export const registerQuerySchema = listQuery({
  sorts: REGISTER_SORTS,
  dates: ['received', 'closed'],
  filters: {
    unitId: unitIdSchema.optional(),
    status: commaListSchema(REGISTER_STATUSES, '状态').optional(),
    flag: commaListSchema(REGISTER_FLAGS, 'flag ').optional(),
    category: z.enum(REPLY_CATEGORY_CODES).optional(),
    applicantType: z.enum(APPLICANT_TYPES).optional(),
    channel: z.enum(REQUEST_CHANNELS).optional(),
    handlerId: singleLineText(100, 1).optional(),
  },
});
export type RegisterQueryInput = z.infer<typeof registerQuerySchema>;

/** The query string as the register's filter and page (`unitId` is scoped by the controller). */
export function registerQueryOf(input: RegisterQueryInput): RegisterQuery {
  const { unitId: _u, status, flag, q, ...rest } = input;
  return {
    ...rest,
    receivedFrom: rest.receivedFrom as LocalDate | undefined,
    receivedTo: rest.receivedTo as LocalDate | undefined,
    closedFrom: rest.closedFrom as LocalDate | undefined,
    closedTo: rest.closedTo as LocalDate | undefined,
    ...(status ? { statuses: status } : {}),
    ...(flag ? { flags: flag } : {}),
    ...(q ? { text: q } : {}),
  };
}

/** The receipt's body: the tracking code the registration answered. */
export const receiptBody = z.object({ trackingCode: z.string().trim().min(4).max(64) });

/** `POST /api/requests/scans?name=<original file name>`: the upload convention (the body is the file itself). */
export const scanUploadQuery = z.object({ name: singleLineText(255, 1) });

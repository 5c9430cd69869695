import { z } from 'zod';
import { commaListSchema, fileHashParam, listQuery, pageFields, redactionsQueryParam, uploadQuery } from '@gongkai/platform';
import { DOCUMENT_PHASES, DOCUMENT_REGISTER_FLAGS, DOCUMENT_REGISTER_SORTS, DOCUMENT_VALIDITIES } from '../application/document-register';
import {
  CLEANUP_OUTCOMES,
  DISCLOSURE_ATTRIBUTES,
  DOCUMENT_TYPES,
  documentNumberSchema,
  httpUrl,
  isoDate,
  multiLineText,
  redactedAnnexSchema,
  singleLineText,
  TOPIC_CATEGORIES,
  unitIdSchema,
  withholdingGroundSchema,
} from '@gongkai/contracts';

const reason = multiLineText(1000, 2);
const documentId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

export const registerDocumentBody = z.object({
  /** The drafting unit; defaults to the caller's unit. */
  unitId: unitIdSchema.optional(),
  title: singleLineText(200, 2),
  documentNumber: z.string().trim().pipe(documentNumberSchema),
  documentType: z.enum(DOCUMENT_TYPES),
  catalogueItemIds: z.array(singleLineText(80)).max(50).default([]),
  needsInterpretation: z.boolean(),
  forwardsDocumentId: documentId.nullable().default(null),
  /** 成文日期 and 主题分类 of the 政府信息公开目录 entry. */
  writtenOn: isoDate.optional(),
  topic: z.enum(TOPIC_CATEGORIES).optional(),
});

export const proposeAttributeBody = z.object({
  attribute: z.enum(DISCLOSURE_ATTRIBUTES).optional(),
  legalBasis: withholdingGroundSchema.nullable().optional(),
  reason: reason.nullable().optional(),
  redactedAnnexes: z.array(redactedAnnexSchema).max(20).optional(),
});

export const reviewAttributeBody = z.object({
  outcome: z.enum(['approve', 'change', 'return']),
  attribute: z.enum(DISCLOSURE_ATTRIBUTES).optional(),
  legalBasis: withholdingGroundSchema.nullable().optional(),
  reason: reason.nullable().optional(),
  redactedAnnexes: z.array(redactedAnnexSchema).max(20).optional(),
});

export const issueDocumentBody = z.object({
  /** Defaults to today (Asia/Shanghai). */
  issuedOn: isoDate.optional(),
  /** 成文日期 (Art. 26's twenty working days run from it); defaults to the issue date. */
  formedOn: isoDate.optional(),
});

export const recordPublicationBody = z.object({
  channel: singleLineText(60, 2),
  url: httpUrl(500),
  publishedOn: isoDate,
});

export const invalidateDocumentBody = z.object({
  status: z.enum(['失效', '废止']),
  effectiveOn: isoDate,
  legalBasis: multiLineText(500, 2),
});

export const yearlyReviewDecisionBody = z.object({
  decision: z.enum(['keep', 'release']),
  legalBasis: withholdingGroundSchema.nullable().optional(),
  reason,
  decidedOn: isoDate.optional(),
});

export const answerSuggestionBody = z.object({
  answer: z.enum(['accepted', 'declined']),
  reason,
  answeredOn: isoDate.optional(),
});

export const openReviewCycleBody = z.object({
  year: z.number().int().min(2000).max(2100),
  openedOn: isoDate.optional(),
  dueOn: isoDate,
});

export const openCleanupCampaignBody = z.object({
  campaignId: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
  title: singleLineText(200, 2),
  openedOn: isoDate.optional(),
});

export const publishCleanupResultBody = z.object({
  publishedOn: isoDate.optional(),
  entries: z
    .array(z.object({ documentId, outcome: z.enum(CLEANUP_OUTCOMES), note: multiLineText(500, 0).nullable().default(null) }))
    .min(1)
    .max(2000),
});

export const asOfQuery = z.object({ asOf: isoDate.optional(), unitId: unitIdSchema.optional() });
export const figuresQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100), unitId: unitIdSchema.optional() });
/**
 * The document register's query (`GET documents`, `GET documents/export.xlsx`): unit, attribute,
 * phase, type, validity, flags, issue and registration dates, the text box (title, document number,
 * index number), sorting and the page.
 */
export const documentListQuery = listQuery({
  sorts: DOCUMENT_REGISTER_SORTS,
  dates: ['issued', 'registered'],
  filters: {
    unitId: unitIdSchema.optional(),
    attribute: commaListSchema(DISCLOSURE_ATTRIBUTES, '公开属性').optional(),
    phase: commaListSchema(DOCUMENT_PHASES, '办理阶段').optional(),
    documentType: z.enum(DOCUMENT_TYPES).optional(),
    validity: z.enum(DOCUMENT_VALIDITIES).optional(),
    flag: commaListSchema(DOCUMENT_REGISTER_FLAGS, 'flag ').optional(),
  },
});
export type DocumentListQuery = z.infer<typeof documentListQuery>;
export const publicListQuery = z.object({
  unitId: unitIdSchema.optional(),
  documentType: z.enum(DOCUMENT_TYPES).optional(),
  q: singleLineText(100, 0).optional(),
  ...pageFields(),
});

export { fileHashParam, uploadQuery };
export const annexUploadQuery = uploadQuery.extend({ title: singleLineText(200, 1), annexId: documentId.optional() });
/** The redactions of a redacted annex, as JSON in the query (the body is the file): `[{"ground":"PERSONAL_PRIVACY","description":"…"}]`. */
export const redactedUploadQuery = uploadQuery.extend({ redactions: redactionsQueryParam });
export const publicSearchQuery = z.object({
  q: singleLineText(100, 1),
  unitId: unitIdSchema.optional(),
  documentType: z.enum(DOCUMENT_TYPES).optional(),
  topic: z.enum(TOPIC_CATEGORIES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

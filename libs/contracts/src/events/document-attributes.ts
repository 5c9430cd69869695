import { z } from 'zod';
import { isoDate, unitIdSchema } from '../values';
import {
  DISCLOSURE_ATTRIBUTES,
  DOCUMENT_TYPES,
  WITHHOLDING_GROUNDS,
  WITHHOLDING_GROUND_CODES,
  CLEANUP_OUTCOMES,
  DOCUMENT_FILE_ROLES,
  TOPIC_CATEGORIES,
  withholdingGroundLabel,
  type DisclosureAttribute,
  type OfficialDocumentType,
  type TopicCategory,
  type WithholdingGround,
} from '../vocabulary/document-attributes';

export {
  DISCLOSURE_ATTRIBUTES,
  DOCUMENT_TYPES,
  WITHHOLDING_GROUNDS,
  WITHHOLDING_GROUND_CODES,
  CLEANUP_OUTCOMES,
  DOCUMENT_FILE_ROLES,
  TOPIC_CATEGORIES,
  withholdingGroundLabel,
  type DisclosureAttribute,
  type OfficialDocumentType,
  type TopicCategory,
  type WithholdingGround,
};

export const withholdingGroundSchema = z.enum(WITHHOLDING_GROUND_CODES);

/**
 * A file as events carry it (never the bytes): the lower-case hex SHA-256 of its bytes (its address in
 * the blob store), its size, the media type recognised from the bytes, the name it was uploaded under.
 */
export const blobRefSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive(),
  mediaType: z.string().min(1).max(120),
  originalName: z.string().min(1).max(255),
});
export type FileRef = z.infer<typeof blobRefSchema>;

/** One redaction in a redacted annex (删除处理): what was removed and on which ground. */
export const redactionSchema = z.object({
  ground: withholdingGroundSchema,
  description: z.string().min(2).max(300),
});
export type Redaction = z.infer<typeof redactionSchema>;

/** The marking printed on an issued document (印发时标注). */
export const ATTRIBUTE_MARKINGS: Record<DisclosureAttribute, string> = {
  主动公开: '（此件公开发布）',
  依申请公开: '（此件依申请公开）',
  不予公开: '（此件不予公开）',
};

/** 文号, e.g. 台政办发〔2020〕10号: issuer abbreviation, year in 〔〕, sequence number, 号. */
export const DOCUMENT_NUMBER_PATTERN = /^[\u4e00-\u9fa5A-Za-z]{1,20}〔(19|20)\d{2}〕[1-9]\d{0,4}号$/;
export const documentNumberSchema = z.string().regex(DOCUMENT_NUMBER_PATTERN, '文号格式应如“台政办发〔2020〕10号”');

/** A part of a 主动公开 document that is not published, with its ground (公开文件不得含不公开内容). */
export const redactedAnnexSchema = z.object({
  title: z.string().min(1).max(200),
  ground: withholdingGroundSchema,
  reason: z.string().min(2).max(500),
});
export type RedactedAnnex = z.infer<typeof redactedAnnexSchema>;

/**
 * A document was issued (印发) with its final attribute and marking. Interpretation opens an
 * obligation for policies (`needsInterpretation`); assessment tracks publication timeliness.
 */
export const documentIssuedV1 = z.object({
  documentId: z.string().min(1),
  /** The drafting unit (谁起草、谁解读). */
  unitId: unitIdSchema,
  title: z.string().min(1).max(200),
  documentNumber: z.string().min(1).max(60),
  documentType: z.enum(DOCUMENT_TYPES),
  attribute: z.enum(DISCLOSURE_ATTRIBUTES),
  /** The marking printed on the document, e.g. （此件公开发布）. */
  marking: z.string().min(1),
  needsInterpretation: z.boolean(),
  /** The user id of who signed the issue (签发): the interpretation is signed off by the same. */
  approvedBy: z.string().min(1),
  /** Calendar date of issue, Asia/Shanghai, YYYY-MM-DD. */
  issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /**
   * 成文日期, the date the information was formed (usually the signing date; on or before the issue):
   * Art. 26's twenty working days run from it. Optional (v1-compatible): absent in events recorded
   * before it existed, whose due date ran from the issue date.
   */
  formedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** For 主动公开: the statutory publication due date (20 working days after 成文日期, or after issue when it is absent). */
  publicationDueOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  /** Optional additions (v1-compatible): withholding ground, for 依申请公开 / 不予公开. */
  ground: withholdingGroundSchema.optional(),
  /** The document this one forwards (转发), whose attribute it inherited. */
  forwardsDocumentId: z.string().min(1).optional(),
  /** 索引号 of the 政府信息公开目录 entry, assigned at issue by the unit's rule (optional addition). */
  indexNumber: z.string().min(1).max(80).optional(),
  /**
   * For 主动公开: the published version, fixed at issue (optional addition): the body and, per annex,
   * the file published (the redacted one where the annex was redacted). Originals of redacted annexes
   * are not listed here: they never leave the staff side.
   */
  publishedFiles: z
    .object({
      body: blobRefSchema.nullable(),
      annexes: z
        .array(z.object({ annexId: z.string().min(1), title: z.string().min(1).max(200), file: blobRefSchema, redacted: z.boolean() }))
        .max(50),
    })
    .optional(),
});
export type DocumentIssued = z.infer<typeof documentIssuedV1>;

/** The 文号 was reserved for a document of the unit: 文号 are unique per issuing unit. */
export const documentNumberReservedV1 = z.object({
  unitId: unitIdSchema,
  documentNumber: documentNumberSchema,
  documentId: z.string().min(1),
});

/** Registered at drafting (拟文) by its drafting unit. */
export const documentRegisteredV1 = z.object({
  documentId: z.string().min(1),
  unitId: unitIdSchema,
  title: z.string().min(1).max(200),
  documentNumber: documentNumberSchema,
  documentType: z.enum(DOCUMENT_TYPES),
  /**
   * Catalogue item ids (catalogue service). References only: another service's data cannot be
   * checked synchronously, so they are kept as given.
   */
  catalogueItemIds: z.array(z.string().min(1).max(80)).max(50),
  needsInterpretation: z.boolean(),
  forwardsDocumentId: z.string().min(1).nullable(),
  draftedBy: z.string().min(1),
  /** 成文日期 (optional addition). */
  writtenOn: isoDate.optional(),
  /** 主题分类 (optional addition). */
  topic: z.enum(TOPIC_CATEGORIES).optional(),
});

/** 源头认定: the drafter proposes the attribute. */
export const attributeProposedV1 = z.object({
  documentId: z.string().min(1),
  unitId: unitIdSchema,
  attribute: z.enum(DISCLOSURE_ATTRIBUTES),
  /** Required for 依申请公开 and 不予公开. */
  legalBasis: withholdingGroundSchema.nullable(),
  reason: z.string().min(2).max(1000).nullable(),
  redactedAnnexes: z.array(redactedAnnexSchema).max(20),
  /** Set when inherited from the forwarded document (转发文件沿用被转发文件的属性). */
  inheritedFrom: z.string().min(1).nullable(),
  proposedBy: z.string().min(1),
});

/** 保密审查: approved, changed (with reason) or returned to the drafter. */
export const confidentialityReviewedV1 = z.object({
  documentId: z.string().min(1),
  unitId: unitIdSchema,
  outcome: z.enum(['approved', 'changed', 'returned']),
  /** The attribute after the review; null when returned. */
  attribute: z.enum(DISCLOSURE_ATTRIBUTES).nullable(),
  previousAttribute: z.enum(DISCLOSURE_ATTRIBUTES),
  legalBasis: withholdingGroundSchema.nullable(),
  reason: z.string().min(2).max(1000).nullable(),
  redactedAnnexes: z.array(redactedAnnexSchema).max(20),
  reviewedBy: z.string().min(1),
});

/** Published (公开发布) on a channel. */
export const publicationRecordedV1 = z.object({
  documentId: z.string().min(1),
  unitId: unitIdSchema,
  channel: z.string().min(1).max(60),
  url: z.string().url().max(500),
  publishedOn: isoDate,
  /** Whether it was published after its due date. */
  late: z.boolean(),
});

/** The district office opened the yearly review (年度评估) of withheld documents. */
export const reviewCycleOpenedV1 = z.object({
  year: z.number().int().min(2000).max(2100),
  openedOn: isoDate,
  dueOn: isoDate,
});

/** The process manager assigned the review tasks of one unit in a cycle. */
export const reviewTasksAssignedV1 = z.object({
  year: z.number().int().min(2000).max(2100),
  unitId: unitIdSchema,
  documentIds: z.array(z.string().min(1)),
});

/** A review task on a document. */
export const yearlyReviewOpenedV1 = z.object({
  documentId: z.string().min(1),
  unitId: unitIdSchema,
  year: z.number().int().min(2000).max(2100),
  attribute: z.enum(['依申请公开', '不予公开']),
});

/** keep (with reason and ground) or release (becomes 主动公开, due in 20 working days). */
export const yearlyReviewDecidedV1 = z.object({
  documentId: z.string().min(1),
  unitId: unitIdSchema,
  year: z.number().int().min(2000).max(2100),
  decision: z.enum(['keep', 'release']),
  previousAttribute: z.enum(['依申请公开', '不予公开']),
  attribute: z.enum(DISCLOSURE_ATTRIBUTES),
  legalBasis: withholdingGroundSchema.nullable(),
  reason: z.string().min(2).max(1000),
  decidedOn: isoDate,
  publicationDueOn: isoDate.nullable(),
  decidedBy: z.string().min(1),
});

/** Every review task of a unit in a cycle is decided: an assessment input. */
export const unitYearlyReviewCompletedV1 = z.object({
  year: z.number().int().min(2000).max(2100),
  unitId: unitIdSchema,
  tasks: z.number().int().nonnegative(),
  kept: z.number().int().nonnegative(),
  released: z.number().int().nonnegative(),
  completedOn: isoDate,
  /** Whether completed by the cycle's due date. */
  onTime: z.boolean(),
});

/** 失效 / 废止, with date and basis. */
export const documentInvalidatedV1 = z.object({
  documentId: z.string().min(1),
  unitId: unitIdSchema,
  status: z.enum(['失效', '废止']),
  effectiveOn: isoDate,
  legalBasis: z.string().min(2).max(500),
  campaignId: z.string().min(1).nullable(),
});

/** A cleanup campaign (文件清理) opened by the district office. */
export const cleanupCampaignOpenedV1 = z.object({
  campaignId: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
  title: z.string().min(2).max(200),
  openedOn: isoDate,
});

/** A unit published its cleanup result list (清理结果) on the portal. */
export const cleanupResultPublishedV1 = z.object({
  campaignId: z.string().min(1),
  unitId: unitIdSchema,
  publishedOn: isoDate,
  entries: z
    .array(
      z.object({
        documentId: z.string().min(1),
        outcome: z.enum(CLEANUP_OUTCOMES),
        note: z.string().max(500).nullable(),
      }),
    )
    .max(2000),
});

/**
 * The requests service reported that information disclosed on request is asked for repeatedly
 * (Art. 44): the document shows a suggestion to make it proactive. (Recorded on the document stream,
 * from `requests.ProactiveDisclosureSuggested`, whose contract the requests service owns.)
 */
export const proactiveDisclosureSuggestionReceivedV1 = z.object({
  documentId: z.string().min(1),
  unitId: unitIdSchema,
  suggestionId: z.string().min(1),
  requestCount: z.number().int().positive(),
  suggestedOn: isoDate,
});

export const proactiveDisclosureSuggestionAnsweredV1 = z.object({
  documentId: z.string().min(1),
  unitId: unitIdSchema,
  suggestionId: z.string().min(1),
  answer: z.enum(['accepted', 'declined']),
  reason: z.string().min(2).max(1000),
  answeredOn: isoDate,
  /** When accepted: the document becomes 主动公开, due in 20 working days. */
  publicationDueOn: isoDate.nullable(),
  answeredBy: z.string().min(1),
});

/**
 * A file was attached to a document while it is drafted: its body (正文, replaces an earlier one), an
 * annex (附件), or the redacted version of an annex (published in the annex's place, with the ground of
 * each redaction). The bytes are in the blob store under `file.sha256`.
 */
export const documentFileAttachedV1 = z.object({
  documentId: z.string().min(1),
  unitId: unitIdSchema,
  role: z.enum(DOCUMENT_FILE_ROLES),
  /** The annex (null for the body). */
  annexId: z.string().min(1).max(64).nullable(),
  /** 正文 for the body; the annex's title. */
  title: z.string().min(1).max(200),
  file: blobRefSchema,
  /** For a redacted annex: each redaction with its ground (at least one); empty otherwise. */
  redactions: z.array(redactionSchema).max(50),
  attachedBy: z.string().min(1),
});
export type DocumentFileAttached = z.infer<typeof documentFileAttachedV1>;

/** A 索引号 was assigned in a unit's yearly sequence (stream per unit and year). */
export const indexNumberAssignedV1 = z.object({
  unitId: unitIdSchema,
  year: z.number().int().min(2000).max(2100),
  sequence: z.number().int().positive(),
  indexNumber: z.string().min(1).max(80),
  documentId: z.string().min(1),
});
export type IndexNumberAssigned = z.infer<typeof indexNumberAssignedV1>;

/**
 * Integration events of the document-attributes service (topic `gongkai.document-attributes`):
 * one zod schema per event type and version.
 */
export const documentAttributesEvents = {
  'document-attributes.DocumentIssued': { 1: documentIssuedV1 },
  'document-attributes.DocumentNumberReserved': { 1: documentNumberReservedV1 },
  'document-attributes.DocumentRegistered': { 1: documentRegisteredV1 },
  'document-attributes.AttributeProposed': { 1: attributeProposedV1 },
  'document-attributes.ConfidentialityReviewed': { 1: confidentialityReviewedV1 },
  'document-attributes.PublicationRecorded': { 1: publicationRecordedV1 },
  'document-attributes.ReviewCycleOpened': { 1: reviewCycleOpenedV1 },
  'document-attributes.ReviewTasksAssigned': { 1: reviewTasksAssignedV1 },
  'document-attributes.YearlyReviewOpened': { 1: yearlyReviewOpenedV1 },
  'document-attributes.YearlyReviewDecided': { 1: yearlyReviewDecidedV1 },
  'document-attributes.UnitYearlyReviewCompleted': { 1: unitYearlyReviewCompletedV1 },
  'document-attributes.DocumentInvalidated': { 1: documentInvalidatedV1 },
  'document-attributes.CleanupCampaignOpened': { 1: cleanupCampaignOpenedV1 },
  'document-attributes.CleanupResultPublished': { 1: cleanupResultPublishedV1 },
  'document-attributes.ProactiveDisclosureSuggestionReceived': { 1: proactiveDisclosureSuggestionReceivedV1 },
  'document-attributes.ProactiveDisclosureSuggestionAnswered': { 1: proactiveDisclosureSuggestionAnsweredV1 },
  'document-attributes.DocumentFileAttached': { 1: documentFileAttachedV1 },
  'document-attributes.IndexNumberAssigned': { 1: indexNumberAssignedV1 },
} as const;

export type DocumentNumberReserved = z.infer<typeof documentNumberReservedV1>;
export type DocumentRegistered = z.infer<typeof documentRegisteredV1>;
export type AttributeProposed = z.infer<typeof attributeProposedV1>;
export type ConfidentialityReviewed = z.infer<typeof confidentialityReviewedV1>;
export type PublicationRecorded = z.infer<typeof publicationRecordedV1>;
export type ReviewCycleOpened = z.infer<typeof reviewCycleOpenedV1>;
export type ReviewTasksAssigned = z.infer<typeof reviewTasksAssignedV1>;
export type YearlyReviewOpened = z.infer<typeof yearlyReviewOpenedV1>;
export type YearlyReviewDecided = z.infer<typeof yearlyReviewDecidedV1>;
export type UnitYearlyReviewCompleted = z.infer<typeof unitYearlyReviewCompletedV1>;
export type DocumentInvalidated = z.infer<typeof documentInvalidatedV1>;
export type CleanupCampaignOpened = z.infer<typeof cleanupCampaignOpenedV1>;
export type CleanupResultPublished = z.infer<typeof cleanupResultPublishedV1>;
export type ProactiveDisclosureSuggestionReceived = z.infer<typeof proactiveDisclosureSuggestionReceivedV1>;
export type ProactiveDisclosureSuggestionAnswered = z.infer<typeof proactiveDisclosureSuggestionAnsweredV1>;

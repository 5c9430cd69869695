import { z } from 'zod';
import { unitIdSchema } from '../values';

/** 公开属性 of a document. */
export const DISCLOSURE_ATTRIBUTES = ['主动公开', '依申请公开', '不予公开'] as const;
export type DisclosureAttribute = (typeof DISCLOSURE_ATTRIBUTES)[number];

export const DOCUMENT_TYPES = ['规章', '行政规范性文件', '其他'] as const;

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
  /** For 主动公开: the statutory publication due date (20 working days after issue). */
  publicationDueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
});
export type DocumentIssued = z.infer<typeof documentIssuedV1>;

/**
 * Integration events of the document-attributes service (topic `gongkai.document-attributes`):
 * one zod schema per event type and version.
 */
export const documentAttributesEvents = {
  'document-attributes.DocumentIssued': { 1: documentIssuedV1 },
} as const;

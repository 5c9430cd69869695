/**
 * What the document-attributes service sends (zod-free, for the web app). Read from
 * libs/document-attributes/src/read-models/document-view.ts (`DocumentView`, `PublicDocument`),
 * libs/document-attributes/src/read-models/documents.projection.ts (`ReviewProgress`) and
 * libs/document-attributes/src/http/documents.controller.ts (`get`: the view plus its `revision`, also the ETag).
 */

export type DocumentPhase = 'drafting' | 'proposed' | 'confirmed' | 'issued';
export type YearlyReviewStatus = 'open' | 'kept' | 'released';

/** `GET /api/document-attributes/documents[/:documentId]`: the staff view of an official document. */
export interface DocumentStaffView {
  documentId: string;
  unitId: string;
  title: string;
  documentNumber: string;
  documentType: string;
  catalogueItemIds: string[];
  needsInterpretation: boolean;
  forwardsDocumentId: string | null;
  phase: DocumentPhase;
  attribute: string | null;
  legalBasis: string | null;
  reason: string | null;
  redactedAnnexes: { title: string; ground: string; [extra: string]: unknown }[];
  marking: string | null;
  issuedOn: string | null;
  /** 成文日期 as fixed at issue (Art. 26's twenty working days run from it); null before issue. */
  formedOn?: string | null;
  publicationDueOn: string | null;
  publications: { channel: string; url: string; publishedOn: string; late: boolean }[];
  firstPublishedOn: string | null;
  validity: string;
  invalidatedOn: string | null;
  invalidationBasis: string | null;
  /** Yearly review tasks (年度评估) by year. */
  reviews: Record<string, { status: YearlyReviewStatus; decidedOn: string | null }>;
  pendingSuggestion: { suggestionId: string; requestCount: number; suggestedOn: string } | null;
  registeredAt: string;
  updatedAt: string;
  isPublic: boolean;
  /** 成文日期, 主题分类, 索引号 (assigned at issue). */
  writtenOn?: string | null;
  topic?: string | null;
  indexNumber?: string | null;
  /** The files as drafted: the body, each annex with its redacted version (staff only). */
  body?: FileView | null;
  annexes?: {
    annexId: string;
    title: string;
    file: FileView;
    redacted: { file: FileView; redactions: { ground: string; description: string }[] } | null;
  }[];
  /** The revision of the document's stream this view reflects (detail only): the `If-Match` of the next decision. */
  revision?: number;
}

/** What the portal shows of a public document: no grounds, no reasons, no internal fields. */
export interface PublicDocumentView {
  documentId: string;
  unitId: string;
  title: string;
  documentNumber: string;
  documentType: string;
  attribute: '主动公开';
  marking: string;
  issuedOn: string | null;
  publications: { channel: string; url: string; publishedOn: string }[];
  validity: string;
  invalidatedOn: string | null;
  /** Parts not published, each with its legal ground (公开文件不含不公开内容). */
  redactedAnnexes: { title: string; ground: string }[];
  /** 政府信息公开目录 metadata (文号, 有效性 above; 发布机构 is the unit). */
  indexNumber?: string | null;
  writtenOn?: string | null;
  publishedOn?: string | null;
  topic?: string | null;
  /** The published files: the body, the annexes (a redacted annex as its redacted file, with the ground of each redaction). */
  files?: { body: FileView | null; annexes: { annexId: string; title: string; file: FileView; redactions: string[] }[] };
  /** The body's text (detail only), shown as paragraphs. */
  text?: string | null;
}

/** A stored file as views show it (SHA-256, size, recognised type, original name). */
export interface FileView {
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
}

/** Text with the matched words marked (never HTML). */
export type MarkedText = { text: string; hit: boolean }[];

/** `GET /api/document-attributes/public/search`: documents whose title, number or text match, ranked. */
export interface DocumentSearchHitView {
  documentId: string;
  unitId: string;
  documentType: string;
  topic: string | null;
  publishedOn: string | null;
  documentNumber: string;
  title: MarkedText;
  snippet: MarkedText | null;
  score: number;
  matched: string[];
}

/** `GET /api/document-attributes/review-cycles/:year/progress`: the yearly review per unit. */
export interface ReviewProgressView {
  year: number;
  units: { unitId: string; tasks: number; open: number; kept: number; released: number; complete: boolean }[];
}

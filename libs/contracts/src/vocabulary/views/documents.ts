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
}

/** `GET /api/document-attributes/review-cycles/:year/progress`: the yearly review per unit. */
export interface ReviewProgressView {
  year: number;
  units: { unitId: string; tasks: number; open: number; kept: number; released: number; complete: boolean }[];
}

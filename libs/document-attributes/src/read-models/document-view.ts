import {
  WITHHOLDING_GROUNDS,
  withholdingGroundLabel,
  type DisclosureAttribute,
  type DocumentIssued,
  type EventEnvelope,
  type FileRef,
  type RedactedAnnex,
} from '@gongkai/contracts';
import type { TypedEnvelope } from '@gongkai/platform';
import { withFile, type AnnexFile, type DocumentEvent } from '../domain/document';

/** The published version: the body and, per annex, the file the public gets (the redacted one where there is one). */
export type PublishedFiles = NonNullable<DocumentIssued['publishedFiles']>;

/** The staff view of a document (one read-model document per official document). */
export interface DocumentView {
  documentId: string;
  unitId: string;
  title: string;
  documentNumber: string;
  documentType: string;
  catalogueItemIds: string[];
  needsInterpretation: boolean;
  forwardsDocumentId: string | null;
  phase: 'drafting' | 'proposed' | 'confirmed' | 'issued';
  attribute: DisclosureAttribute | null;
  legalBasis: string | null;
  reason: string | null;
  redactedAnnexes: RedactedAnnex[];
  marking: string | null;
  issuedOn: string | null;
  /** 成文日期: the date the information was formed, from which Art. 26's twenty working days run (the issue date for documents issued before it was recorded). */
  formedOn: string | null;
  publicationDueOn: string | null;
  publications: { channel: string; url: string; publishedOn: string; late: boolean }[];
  firstPublishedOn: string | null;
  validity: '现行有效' | '失效' | '废止';
  invalidatedOn: string | null;
  invalidationBasis: string | null;
  /** Yearly review tasks by year. */
  reviews: Record<string, { status: 'open' | 'kept' | 'released'; decidedOn: string | null }>;
  pendingSuggestion: { suggestionId: string; requestCount: number; suggestedOn: string } | null;
  registeredAt: string;
  updatedAt: string;
  /** 成文日期, 主题分类, 索引号 (assigned at issue). */
  writtenOn: string | null;
  topic: string | null;
  indexNumber: string | null;
  /** The files as drafted (staff only: originals of redacted annexes included). */
  body: FileRef | null;
  annexes: AnnexFile[];
  /** The published version fixed at issue (主动公开); null before, or for a document issued without files. */
  publishedFiles: PublishedFiles | null;
  /** Whether the portal may show it: derived only by `isPubliclyVisible`. */
  isPublic: boolean;
}

/**
 * The one rule for the portal: only an issued document whose current attribute is 主动公开. Every
 * public query filters on the stored `isPublic`, which only this function sets.
 */
export const isPubliclyVisible = (view: Pick<DocumentView, 'phase' | 'attribute'>): boolean =>
  view.phase === 'issued' && view.attribute === '主动公开';

/** The Mongo filter of every public query; `matchesPublicFilter` is the same filter in memory. */
export const PUBLIC_FILTER = { isPublic: true } as const;
export const matchesPublicFilter = (view: Pick<DocumentView, 'isPublic'>): boolean => view.isPublic === true;

export const DOCUMENT_VIEW_EVENT_TYPES = [
  'document-attributes.DocumentRegistered',
  'document-attributes.AttributeProposed',
  'document-attributes.ConfidentialityReviewed',
  'document-attributes.DocumentIssued',
  'document-attributes.PublicationRecorded',
  'document-attributes.YearlyReviewOpened',
  'document-attributes.YearlyReviewDecided',
  'document-attributes.DocumentInvalidated',
  'document-attributes.ProactiveDisclosureSuggestionReceived',
  'document-attributes.ProactiveDisclosureSuggestionAnswered',
  'document-attributes.DocumentFileAttached',
];

/** The envelopes of a document's stream, typed: what `asTyped` narrows a document event to. */
export type DocumentEnvelope = EnvelopeOf<DocumentEvent>;
type EnvelopeOf<E extends DocumentEvent> = E extends DocumentEvent ? TypedEnvelope<E['type'], E['data']> : never;

/** What the view reads of an event: its type, its data and when it happened. */
type ViewEvent = DocumentEvent & Pick<EventEnvelope, 'occurredAt'>;

/** Pure: the next view of a document after one of its events (null: nothing to show yet). */
export function applyToDocumentView(current: DocumentView | null, event: ViewEvent): DocumentView | null {
  const next = change(current, event);
  return next && { ...next, isPublic: isPubliclyVisible(next) };
}

function change(view: DocumentView | null, event: ViewEvent): DocumentView | null {
  const at = event.occurredAt;
  if (event.type === 'document-attributes.DocumentRegistered') {
    const d = event.data;
    return {
      documentId: d.documentId,
      unitId: d.unitId,
      title: d.title,
      documentNumber: d.documentNumber,
      documentType: d.documentType,
      catalogueItemIds: d.catalogueItemIds,
      needsInterpretation: d.needsInterpretation,
      forwardsDocumentId: d.forwardsDocumentId,
      phase: 'drafting',
      attribute: null,
      legalBasis: null,
      reason: null,
      redactedAnnexes: [],
      marking: null,
      issuedOn: null,
      formedOn: null,
      publicationDueOn: null,
      publications: [],
      firstPublishedOn: null,
      validity: '现行有效',
      invalidatedOn: null,
      invalidationBasis: null,
      reviews: {},
      pendingSuggestion: null,
      registeredAt: at,
      updatedAt: at,
      writtenOn: d.writtenOn ?? null,
      topic: d.topic ?? null,
      indexNumber: null,
      body: null,
      annexes: [],
      publishedFiles: null,
      isPublic: false,
    };
  }
  if (!view) return null;
  const updated = { ...view, updatedAt: at };
  switch (event.type) {
    case 'document-attributes.AttributeProposed': {
      const { attribute, legalBasis, reason, redactedAnnexes } = event.data;
      return { ...updated, phase: 'proposed', attribute, legalBasis, reason, redactedAnnexes };
    }
    case 'document-attributes.ConfidentialityReviewed': {
      const d = event.data;
      if (d.outcome === 'returned') return { ...updated, phase: 'drafting' };
      return {
        ...updated,
        phase: 'confirmed',
        attribute: d.attribute,
        legalBasis: d.legalBasis,
        reason: d.reason ?? updated.reason,
        redactedAnnexes: d.redactedAnnexes,
      };
    }
    case 'document-attributes.DocumentIssued': {
      const d = event.data;
      return {
        ...updated,
        phase: 'issued',
        attribute: d.attribute,
        marking: d.marking,
        issuedOn: d.issuedOn,
        formedOn: d.formedOn ?? d.issuedOn,
        publicationDueOn: d.publicationDueOn,
        indexNumber: d.indexNumber ?? null,
        publishedFiles: d.publishedFiles ?? null,
      };
    }
    case 'document-attributes.DocumentFileAttached':
      return { ...updated, ...withFile({ body: updated.body ?? null, annexes: updated.annexes ?? [] }, event.data) };
    case 'document-attributes.PublicationRecorded': {
      const { channel, url, publishedOn, late } = event.data;
      const firstPublishedOn = updated.firstPublishedOn && updated.firstPublishedOn <= publishedOn ? updated.firstPublishedOn : publishedOn;
      return { ...updated, publications: [...updated.publications, { channel, url, publishedOn, late }], firstPublishedOn };
    }
    case 'document-attributes.YearlyReviewOpened': {
      const { year } = event.data;
      return { ...updated, reviews: { ...updated.reviews, [String(year)]: { status: 'open', decidedOn: null } } };
    }
    case 'document-attributes.YearlyReviewDecided': {
      const d = event.data;
      const reviews = {
        ...updated.reviews,
        [String(d.year)]: { status: d.decision === 'keep' ? ('kept' as const) : ('released' as const), decidedOn: d.decidedOn },
      };
      if (d.decision === 'keep') return { ...updated, reviews, legalBasis: d.legalBasis, reason: d.reason };
      return {
        ...updated,
        reviews,
        attribute: d.attribute,
        legalBasis: null,
        reason: d.reason,
        redactedAnnexes: [],
        marking: null,
        publicationDueOn: d.publicationDueOn,
      };
    }
    case 'document-attributes.DocumentInvalidated': {
      const d = event.data;
      return { ...updated, validity: d.status, invalidatedOn: d.effectiveOn, invalidationBasis: d.legalBasis };
    }
    case 'document-attributes.ProactiveDisclosureSuggestionReceived': {
      const { suggestionId, requestCount, suggestedOn } = event.data;
      return { ...updated, pendingSuggestion: { suggestionId, requestCount, suggestedOn } };
    }
    case 'document-attributes.ProactiveDisclosureSuggestionAnswered': {
      const d = event.data;
      if (d.answer === 'declined') return { ...updated, pendingSuggestion: null };
      return {
        ...updated,
        pendingSuggestion: null,
        attribute: '主动公开',
        legalBasis: null,
        redactedAnnexes: [],
        marking: null,
        publicationDueOn: d.publicationDueOn,
      };
    }
    default:
      return updated;
  }
}

/** What the portal shows of a public document: no grounds, no reasons, no internal fields. */
export interface PublicDocument {
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
  /** 政府信息公开目录 metadata: 索引号, 发布机构 (the unit), 成文日期, 发布日期, 主题分类 (文号 and 有效性 above). */
  indexNumber: string | null;
  writtenOn: string | null;
  publishedOn: string | null;
  topic: string | null;
  /** The published files: the body and the annexes (a redacted annex as its redacted file, with the ground of each redaction). */
  files: { body: PublicFile | null; annexes: PublicAnnex[] };
}

export interface PublicFile {
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
}

export interface PublicAnnex {
  annexId: string;
  title: string;
  file: PublicFile;
  /** For a redacted annex: the ground of each redaction (删除处理), as the public reads it. */
  redactions: string[];
}

const publicFile = ({ sha256, size, mediaType, originalName }: FileRef): PublicFile => ({ sha256, size, mediaType, originalName });

/**
 * The files the public gets: the version fixed at issue; for a document that became public later
 * (released at a yearly review, an accepted suggestion), the same rule on its current files: the
 * body, and each annex as its redacted file where there is one. An original that was redacted is
 * never among them.
 */
export function publicFilesOf(view: DocumentView): { body: PublicFile | null; annexes: PublicAnnex[] } {
  const annexes = view.annexes ?? [];
  const published: PublishedFiles = view.publishedFiles ?? {
    body: view.body ?? null,
    annexes: annexes.map((a) => ({
      annexId: a.annexId,
      title: a.title,
      file: a.redacted ? a.redacted.file : a.file,
      redacted: a.redacted !== null,
    })),
  };
  return {
    body: published.body ? publicFile(published.body) : null,
    annexes: published.annexes.map((a) => ({
      annexId: a.annexId,
      title: a.title,
      file: publicFile(a.file),
      redactions: a.redacted
        ? (annexes.find((x) => x.annexId === a.annexId)?.redacted?.redactions ?? []).map((r) => withholdingGroundLabel(r.ground))
        : [],
    })),
  };
}

/**
 * The only way a document leaves through a public endpoint. Refuses (returns null) for anything
 * that is not publicly visible, so a caller that forgot the filter still leaks nothing.
 */
export function toPublicDocument(view: DocumentView): PublicDocument | null {
  if (!isPubliclyVisible(view) || !view.isPublic) return null;
  return {
    documentId: view.documentId,
    unitId: view.unitId,
    title: view.title,
    documentNumber: view.documentNumber,
    documentType: view.documentType,
    attribute: '主动公开',
    // A released document was issued with another marking; it is now published as 公开发布.
    marking: '（此件公开发布）',
    issuedOn: view.issuedOn,
    publications: view.publications.map(({ channel, url, publishedOn }) => ({ channel, url, publishedOn })),
    validity: view.validity,
    invalidatedOn: view.invalidatedOn,
    redactedAnnexes: view.redactedAnnexes.map((a) => ({ title: a.title, ground: WITHHOLDING_GROUNDS[a.ground]?.label ?? a.ground })),
    indexNumber: view.indexNumber ?? null,
    // 成文日期 as fixed at issue (the registered one, or the issue date, when none was given then).
    writtenOn: view.formedOn ?? view.writtenOn ?? null,
    publishedOn: view.firstPublishedOn ?? view.issuedOn,
    topic: view.topic ?? null,
    files: publicFilesOf(view),
  };
}

/** Overdue as of a date: 主动公开, due before `asOf`, and not published by `asOf`. */
export function isPublicationOverdue(view: DocumentView, asOf: string): boolean {
  if (view.attribute !== '主动公开' || view.phase !== 'issued' || !view.publicationDueOn) return false;
  if (view.publicationDueOn >= asOf) return false;
  return !view.publications.some((p) => p.publishedOn <= asOf);
}

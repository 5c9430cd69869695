import type {
  AttributeProposed,
  ConfidentialityReviewed,
  DisclosureAttribute,
  DocumentFileAttached,
  DocumentInvalidated,
  DocumentIssued,
  FileRef,
  DocumentRegistered,
  OfficialDocumentType,
  ProactiveDisclosureSuggestionAnswered,
  ProactiveDisclosureSuggestionReceived,
  PublicationRecorded,
  RedactedAnnex,
  Redaction,
  TopicCategory,
  WithholdingGround,
  YearlyReviewDecided,
  YearlyReviewOpened,
} from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/** An official document (公文) and its disclosure attribute, from drafting to yearly re-review. */
export type DocumentEvent =
  | DomainEvent<'document-attributes.DocumentRegistered', DocumentRegistered>
  | DomainEvent<'document-attributes.AttributeProposed', AttributeProposed>
  | DomainEvent<'document-attributes.ConfidentialityReviewed', ConfidentialityReviewed>
  | DomainEvent<'document-attributes.DocumentIssued', DocumentIssued>
  | DomainEvent<'document-attributes.PublicationRecorded', PublicationRecorded>
  | DomainEvent<'document-attributes.YearlyReviewOpened', YearlyReviewOpened>
  | DomainEvent<'document-attributes.YearlyReviewDecided', YearlyReviewDecided>
  | DomainEvent<'document-attributes.DocumentInvalidated', DocumentInvalidated>
  | DomainEvent<'document-attributes.ProactiveDisclosureSuggestionReceived', ProactiveDisclosureSuggestionReceived>
  | DomainEvent<'document-attributes.ProactiveDisclosureSuggestionAnswered', ProactiveDisclosureSuggestionAnswered>
  | DomainEvent<'document-attributes.DocumentFileAttached', DocumentFileAttached>;

/** An annex (附件) file, with the redacted version published in its place when parts are withheld. */
export interface AnnexFile {
  annexId: string;
  title: string;
  file: FileRef;
  redacted: { file: FileRef; redactions: Redaction[] } | null;
}

/** drafting → proposed → confirmed (保密审查通过) → issued; a returned review goes back to drafting. */
export type DocumentPhase = 'drafting' | 'proposed' | 'confirmed' | 'issued';

export interface RegisteredDocument {
  status: 'registered';
  phase: DocumentPhase;
  documentId: string;
  unitId: string;
  title: string;
  documentNumber: string;
  documentType: OfficialDocumentType;
  catalogueItemIds: string[];
  needsInterpretation: boolean;
  forwardsDocumentId: string | null;
  draftedBy: string;
  proposedBy: string | null;
  attribute: DisclosureAttribute | null;
  legalBasis: WithholdingGround | null;
  reason: string | null;
  redactedAnnexes: RedactedAnnex[];
  inheritedFrom: string | null;
  issuedOn: string | null;
  publicationDueOn: string | null;
  /**
   * The day the 20 working days to publish run from (issue, release at the yearly review, accepted
   * suggestion): lateness is judged with the calendar of the day of publication, which may know a
   * holiday arrangement the stored due date was computed without (ADR 0009).
   */
  publicationDueFrom: string | null;
  publications: { channel: string; url: string; publishedOn: string }[];
  validity: '现行有效' | '失效' | '废止';
  invalidatedOn: string | null;
  openReviewYear: number | null;
  reviewedYears: number[];
  pendingSuggestion: { suggestionId: string; requestCount: number; suggestedOn: string } | null;
  answeredSuggestions: string[];
  /** 成文日期 and 主题分类, when given at registration. */
  writtenOn: string | null;
  topic: TopicCategory | null;
  /** The body (正文) file and the annexes, while drafting; fixed at issue. */
  body: FileRef | null;
  annexes: AnnexFile[];
  indexNumber: string | null;
}

export type DocumentState = { status: 'unregistered' } | RegisteredDocument;

export const initialDocumentState: DocumentState = { status: 'unregistered' };

export function evolveDocument(state: DocumentState, event: DocumentEvent): DocumentState {
  if (event.type === 'document-attributes.DocumentRegistered') {
    const { draftedBy, writtenOn, topic, ...data } = event.data;
    return {
      status: 'registered',
      phase: 'drafting',
      ...data,
      draftedBy,
      writtenOn: writtenOn ?? null,
      topic: topic ?? null,
      body: null,
      annexes: [],
      indexNumber: null,
      proposedBy: null,
      attribute: null,
      legalBasis: null,
      reason: null,
      redactedAnnexes: [],
      inheritedFrom: null,
      issuedOn: null,
      publicationDueOn: null,
      publicationDueFrom: null,
      publications: [],
      validity: '现行有效',
      invalidatedOn: null,
      openReviewYear: null,
      reviewedYears: [],
      pendingSuggestion: null,
      answeredSuggestions: [],
    };
  }
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case 'document-attributes.AttributeProposed': {
      const { attribute, legalBasis, reason, redactedAnnexes, inheritedFrom, proposedBy } = event.data;
      return { ...state, phase: 'proposed', attribute, legalBasis, reason, redactedAnnexes, inheritedFrom, proposedBy };
    }
    case 'document-attributes.ConfidentialityReviewed': {
      const { outcome, attribute, legalBasis, reason, redactedAnnexes } = event.data;
      if (outcome === 'returned') return { ...state, phase: 'drafting' };
      if (outcome === 'approved') return { ...state, phase: 'confirmed' };
      return { ...state, phase: 'confirmed', attribute, legalBasis, reason, redactedAnnexes };
    }
    case 'document-attributes.DocumentIssued':
      return {
        ...state,
        phase: 'issued',
        issuedOn: event.data.issuedOn,
        publicationDueOn: event.data.publicationDueOn,
        publicationDueFrom: event.data.publicationDueOn ? (event.data.formedOn ?? event.data.issuedOn) : null,
        indexNumber: event.data.indexNumber ?? null,
      };
    case 'document-attributes.DocumentFileAttached':
      return { ...state, ...withFile(state, event.data) };
    case 'document-attributes.PublicationRecorded': {
      const { channel, url, publishedOn } = event.data;
      return { ...state, publications: [...state.publications, { channel, url, publishedOn }] };
    }
    case 'document-attributes.YearlyReviewOpened':
      return { ...state, openReviewYear: event.data.year };
    case 'document-attributes.YearlyReviewDecided': {
      const { year, attribute, legalBasis, reason, publicationDueOn, decision } = event.data;
      const reviewed = { ...state, openReviewYear: null, reviewedYears: [...state.reviewedYears, year] };
      if (decision === 'keep') return { ...reviewed, legalBasis, reason };
      return {
        ...reviewed,
        attribute,
        legalBasis: null,
        reason,
        publicationDueOn,
        publicationDueFrom: event.data.decidedOn,
        redactedAnnexes: [],
      };
    }
    case 'document-attributes.DocumentInvalidated':
      return { ...state, validity: event.data.status, invalidatedOn: event.data.effectiveOn };
    case 'document-attributes.ProactiveDisclosureSuggestionReceived': {
      const { suggestionId, requestCount, suggestedOn } = event.data;
      return { ...state, pendingSuggestion: { suggestionId, requestCount, suggestedOn } };
    }
    case 'document-attributes.ProactiveDisclosureSuggestionAnswered': {
      const answered = { ...state, pendingSuggestion: null, answeredSuggestions: [...state.answeredSuggestions, event.data.suggestionId] };
      if (event.data.answer === 'declined') return answered;
      return {
        ...answered,
        attribute: '主动公开',
        legalBasis: null,
        publicationDueOn: event.data.publicationDueOn,
        publicationDueFrom: event.data.answeredOn,
        redactedAnnexes: [],
      };
    }
    default:
      return state;
  }
}

/** The body and annexes after a file is attached (shared by the decider's state and the read model). */
export function withFile(
  files: { body: FileRef | null; annexes: AnnexFile[] },
  attached: Pick<DocumentFileAttached, 'role' | 'annexId' | 'title' | 'file' | 'redactions'>,
): { body: FileRef | null; annexes: AnnexFile[] } {
  if (attached.role === 'body') return { body: attached.file, annexes: files.annexes };
  const annexId = attached.annexId ?? '';
  if (attached.role === 'annex') {
    const annex: AnnexFile = { annexId, title: attached.title, file: attached.file, redacted: null };
    return { body: files.body, annexes: [...files.annexes.filter((a) => a.annexId !== annexId), annex] };
  }
  return {
    body: files.body,
    annexes: files.annexes.map((a) =>
      a.annexId === annexId ? { ...a, redacted: { file: attached.file, redactions: attached.redactions } } : a,
    ),
  };
}

export const documentStreamId = (documentId: string) => `document-attributes.document-${documentId}`;

import type {
  Actor,
  DisclosureAttribute,
  DocumentRegistered,
  FileRef,
  RedactedAnnex,
  Redaction,
  WithholdingGround,
} from '@gongkai/contracts';

/** The attribute of the document a forwarding document (转发文件) forwards, as loaded by the application. */
export interface ForwardedAttribute {
  documentId: string;
  /** null when the forwarded document has no attribute yet */
  attribute: DisclosureAttribute | null;
  legalBasis: WithholdingGround | null;
  reason: string | null;
}

/**
 * What can be asked of a document. Deciders enforce separation of duties, so the actor (`by`, the
 * contracts' Actor) travels in the command; so do the dates (a Beijing date from the command context
 * when the user gives none). System commands (a yearly review task, a suggestion) carry no actor.
 */
export type DocumentCommand =
  /** The registration's facts, as the event records them; the drafter is `by`. */
  | ({ type: 'RegisterDocument'; by: Actor } & Omit<DocumentRegistered, 'draftedBy'>)
  | {
      type: 'ProposeAttribute';
      /** Optional for a forwarding document: it inherits the forwarded one's. */
      attribute?: DisclosureAttribute;
      legalBasis?: WithholdingGround | null;
      reason?: string | null;
      redactedAnnexes?: RedactedAnnex[];
      /** Loaded by the application from the forwarded document's stream. */
      forwarded?: ForwardedAttribute | null;
      by: Actor;
    }
  | {
      type: 'ReviewAttribute';
      outcome: 'approve' | 'change' | 'return';
      attribute?: DisclosureAttribute;
      legalBasis?: WithholdingGround | null;
      reason?: string | null;
      redactedAnnexes?: RedactedAnnex[];
      by: Actor;
    }
  /** A body (replaces the earlier one), an annex (new or replaced, by `annexId`) or an annex's redacted version. */
  | {
      type: 'AttachFile';
      role: 'body' | 'annex' | 'redacted-annex';
      annexId: string | null;
      title: string;
      file: FileRef;
      redactions: Redaction[];
      by: Actor;
    }
  /**
   * `indexNumber`: the 索引号 the application took from the unit's yearly sequence; `formedOn` (成文日期)
   * defaults to the one given at registration, else the issue date.
   */
  | { type: 'IssueDocument'; issuedOn: string; formedOn?: string; indexNumber?: string; by: Actor }
  | { type: 'RecordPublication'; channel: string; url: string; publishedOn: string; by: Actor }
  | { type: 'OpenYearlyReview'; year: number }
  | {
      type: 'DecideYearlyReview';
      year: number;
      decision: 'keep' | 'release';
      legalBasis?: WithholdingGround | null;
      reason: string;
      decidedOn: string;
      by: Actor;
    }
  | { type: 'InvalidateDocument'; status: '失效' | '废止'; effectiveOn: string; legalBasis: string; campaignId?: string | null }
  | { type: 'ReceiveDisclosureSuggestion'; suggestionId: string; requestCount: number; suggestedOn: string }
  | {
      type: 'AnswerDisclosureSuggestion';
      suggestionId: string;
      answer: 'accepted' | 'declined';
      reason: string;
      answeredOn: string;
      by: Actor;
    };

/** One command of the union, by its type. */
export type DocumentCommandOf<T extends DocumentCommand['type']> = Extract<DocumentCommand, { type: T }>;

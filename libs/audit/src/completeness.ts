import type { ZodType } from 'zod';
import { envelopeSchema, EVENT_CONTRACTS, EVENT_LABELS, groundFieldsOf, reasonFieldsOf, type EventLabels } from '@gongkai/contracts';

/**
 * Event types that are not disclosure decisions, so they need not carry a unit, legal ground or
 * reason beyond the envelope. Each entry says why. Add a type here only when nobody decides
 * anything by it (bookkeeping, system facts, reminders).
 */
export const NON_DECISION_EVENT_TYPES: Readonly<Record<string, string>> = {
  'audit.AnchorRecorded': 'the audit record proving itself intact: no decision about a document, request or unit',
  // catalogue
  'catalogue.ItemDrafted':
    'a working draft of a catalogue item, shown nowhere outside the unit; the decision is ItemPublished (then ItemRevised)',
  'catalogue.ItemDraftUpdated': 'an edit of a draft before its first publication; the decision is ItemPublished',
  'catalogue.NegativeEntryDrafted':
    'a working draft of a negative-list entry (its wording and legal basis); nothing is withheld by it until NegativeEntryPublished, the decision',
  'catalogue.NegativeEntryAmended':
    'an edit of a draft entry (the decider refuses amending a published one); the decision is NegativeEntryPublished',
  'catalogue.ChecklistLinkProposed':
    'the system’s suggestion (by pilot domain or title words) that an item or document fits a statutory category; the unit decides by ChecklistContentLinked or ChecklistProposalDismissed',
  'catalogue.CatalogueImported':
    'the record of an imported file (the original kept for the audit, what the import did); the items it touched carry their own events, and publishing them is the decision',
  // document-attributes
  'document-attributes.DocumentNumberReserved':
    'a uniqueness lock on the 文号 within the unit, written with DocumentRegistered (the decision)',
  'document-attributes.IndexNumberAssigned':
    'the next number of the unit’s yearly 索引号 sequence, taken at issue (the decision is DocumentIssued)',
  'document-attributes.ReviewTasksAssigned': 'the yearly-review process lists each unit’s withheld documents itself; nobody chooses them',
  'document-attributes.YearlyReviewOpened':
    'the yearly-review process opens a task per withheld document; the decision is YearlyReviewDecided',
  'document-attributes.UnitYearlyReviewCompleted': 'computed by the process once every task of a unit is decided (an assessment input)',
  'document-attributes.ProactiveDisclosureSuggestionReceived':
    'a reminder relayed from requests (Art. 44); the unit decides by ProactiveDisclosureSuggestionAnswered',
  // requests
  'requests.InvestigationAnswered':
    'the assisting unit’s answer to the handler’s question: information for the reply, not a decision on the request',
  'requests.ConsultationLetterReceived':
    'when the third party or co-producer received the consultation letter, as the post or the addressee attests: it fixes the end of their 15 working days, nobody decides anything',
  'requests.FeeNoticeReceived':
    'when the applicant received the fee notice, as the post or the applicant attests: it fixes the end of the payment period, nobody decides anything',
  'requests.FeePaid': 'the applicant’s payment booked against the notice (amount checked against it); nobody decides anything',
  'requests.ReplyDelivered': 'how and when the reply letter reached the applicant: a delivery record, the decision is ReplyIssued',
  'requests.ReplyFileAttached':
    'a file of the reply draft, uploaded by the handler: the decision on what is supplied is the reply (ReplyIssued, after review)',
  'requests.ReplyFileRemoved': 'a file taken off the reply draft before review: a working step, the decision is ReplyIssued',
  'requests.ReplyFileDownloaded': 'the applicant obtained a reply file with the tracking code: a delivery record, nobody decides anything',
  'requests.RequestArchived': 'the archive number of a closed request: filing, no decision',
  'requests.InformationLinked':
    'a tag naming the information asked for, so that repeats are counted for Art. 44; it decides nothing about the request',
  'requests.ChallengeFiled': 'the applicant filed for reconsideration or sued: a fact recorded for Table 4, not the unit’s decision',
  'requests.ChallengeDecided': 'the reconsideration body’s or court’s result, recorded for Table 4: not a decision of the unit',
  'requests.ProactiveDisclosureSuggested':
    'a reminder computed by the system from linked requests (Art. 44); the document’s unit decides by ProactiveDisclosureSuggestionAnswered',
  // interpretation
  'interpretation.InterpretationObligationOpened':
    'opened by the system from document-attributes.DocumentIssued (谁起草、谁解读); the decision was the issue',
  'interpretation.InterpretationMaterialAdded':
    'a working draft of a material; the decisions are the sign-off (同步审签) and the publication',
  'interpretation.CommentSubmitted':
    'a comment from the public; nobody in a unit decides anything by it (CommentModerated is the decision)',
  'interpretation.OpenDayRegistrationAccepted':
    'a member of the public registering for an open day (capacity checked automatically); no unit decides',
};

export interface CompletenessFinding {
  type: string;
  version: number | null;
  problem: 'no_label' | 'not_classified' | 'no_unit' | 'ground_not_required' | 'reason_not_required' | 'envelope_incomplete';
  detail: string;
}

type Shape = Record<string, ZodType>;
const shapeOf = (schema: ZodType): Shape | null => {
  const shape = (schema as unknown as { shape?: Shape }).shape;
  return shape && typeof shape === 'object' ? shape : null;
};
/** A field the schema requires: present in the shape and refusing `undefined`. */
const requires = (shape: Shape, field: string) => field in shape && !shape[field].safeParse(undefined).success;

/**
 * Walks every event type and version in the contracts and checks that each decision event can carry
 * who decided (envelope actor: user, unit, role), when (recordedAt, occurredAt), about which unit
 * (a required unit field in data), and — where its label says the domain requires them — a legal
 * ground (`legalBasis`/`ground`) and a reason (`reason`), as required fields. Types in
 * `nonDecision` are skipped; every other type must have a label with `decision` set.
 */
export function checkDecisionCompleteness(
  contracts: Readonly<Record<string, Readonly<Record<number, ZodType>>>> = EVENT_CONTRACTS,
  labels: EventLabels = EVENT_LABELS,
  nonDecision: Readonly<Record<string, string>> = NON_DECISION_EVENT_TYPES,
): CompletenessFinding[] {
  const findings: CompletenessFinding[] = [];
  const envelope = shapeOf(envelopeSchema as unknown as ZodType) ?? {};
  const actor = (envelope.actor && shapeOf(envelope.actor)) ?? {};
  for (const field of ['userId', 'unitId', 'role']) {
    if (!(field in actor))
      findings.push({ type: '(envelope)', version: null, problem: 'envelope_incomplete', detail: `actor.${field} missing` });
  }
  for (const field of ['recordedAt', 'occurredAt']) {
    if (!requires(envelope, field))
      findings.push({ type: '(envelope)', version: null, problem: 'envelope_incomplete', detail: `${field} not required` });
  }
  for (const [type, versions] of Object.entries(contracts)) {
    const label = labels[type];
    if (!label) findings.push({ type, version: null, problem: 'no_label', detail: 'no Chinese label in <service>.labels.ts' });
    if (type in nonDecision) continue;
    if (!label?.decision) {
      findings.push({
        type,
        version: null,
        problem: 'not_classified',
        detail: 'neither a decision (label.decision) nor in NON_DECISION_EVENT_TYPES',
      });
      continue;
    }
    const { unitField = 'unitId', districtWide = false, groundRequired, reasonRequired } = label.decision;
    const groundFields = groundFieldsOf(label);
    const reasonFields = reasonFieldsOf(label);
    for (const [version, schema] of Object.entries(versions)) {
      const shape = shapeOf(schema);
      const at = { type, version: Number(version) };
      if (!shape) {
        findings.push({ ...at, problem: 'no_unit', detail: 'data schema is not an object schema' });
        continue;
      }
      // A district-wide decision names no unit in data: the deciding unit is the actor's (envelope, checked above).
      if (!districtWide && !requires(shape, unitField))
        findings.push({ ...at, problem: 'no_unit', detail: `data.${unitField} is not a required field` });
      if (groundRequired && !groundFields.some((f) => requires(shape, f))) {
        findings.push({
          ...at,
          problem: 'ground_not_required',
          detail: `the domain requires a legal ground: make data.${groundFields.join(' or data.')} required`,
        });
      }
      if (reasonRequired && !reasonFields.some((f) => requires(shape, f))) {
        findings.push({
          ...at,
          problem: 'reason_not_required',
          detail: `the domain requires a reason: make data.${reasonFields.join(' or data.')} required`,
        });
      }
    }
  }
  return findings;
}

/**
 * Services whose events are still being written: their findings are listed by the test but do not
 * fail it yet, except for the types in `CHECKED_TYPES`. Every service has landed (the catalogue
 * last); a new service goes here until its events are labelled and classified.
 */
export const PENDING_SERVICES: readonly string[] = [];
/** Types checked strictly even though their service is pending. */
export const CHECKED_TYPES: readonly string[] = [];

/**
 * Findings of landed services that are real gaps, each named by `<type> v<version> <problem>` with
 * what is missing and what closes it. The test lists them, fails on any other finding, and fails
 * when a listed gap no longer occurs (delete the entry then). Never add one to make a check pass
 * without saying precisely what the record lacks.
 */
export const KNOWN_GAPS: Readonly<Record<string, string>> = {
  'catalogue.NegativeEntryPublished v1 ground_not_required':
    'the legal basis of a published entry (content.regulationArticle, Art. 14, 15 or 16, and content.specificBasis, the specific law and article, which the decider requires before publishing) is recorded in the stream’s NegativeEntryDrafted/Amended event, not in NegativeEntryPublished itself, so the timeline of the publication shows no ground. Closing it: a v2 with regulationArticle and specificBasis required, filled by the decider from the state it already checks, and an upcaster of v1 from the stream’s last Drafted/Amended content',
  'interpretation.InterpretationSignedOff v1 no_unit':
    'events recorded before the decider filled the optional data.unitId (the drafting unit, from the obligation) lack it; the timeline then shows the signer’s unit. Closing it needs a v2 with unitId required and an upcaster from the stream’s InterpretationObligationOpened',
  'interpretation.CommentModerated v1 no_unit':
    'events recorded before the decider filled the optional data.unitId (the consulting unit, from ConsultationOpened) lack it. Closing it needs a v2 with unitId required and an upcaster from the stream’s ConsultationOpened',
  'interpretation.CommentModerated v1 reason_not_required':
    'a reason is required only to reject a comment (不予公开); the decider refuses a rejection without one (consultation.decide.spec), but v1 keeps data.reason optional, so the contract alone does not enforce it. Closing it: v2 with reason nullable-required, or a contract refinement',
  'interpretation.ConsultationOpened v1 reason_not_required':
    'a reason is required only for a period below the minimum (≥30 days for major decisions); the decider refuses a short period without one, but v1 keeps data.shortPeriodReason optional, so the contract alone does not enforce it. Closing it: v2 with shortPeriodReason nullable-required, or a contract refinement',
};
export const gapKey = (finding: Pick<CompletenessFinding, 'type' | 'version' | 'problem'>) =>
  `${finding.type} v${finding.version ?? '-'} ${finding.problem}`;

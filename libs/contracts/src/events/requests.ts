import { z } from 'zod';
import { isoDate, unitIdSchema } from '../values';
import { blobRefSchema, redactionSchema } from './document-attributes';
import {
  APPLICANT_TYPES,
  REQUEST_CHANNELS,
  REQUEST_CHANNEL_LABELS,
  ID_DOCUMENT_KINDS,
  PREFERRED_FORMS,
  DELIVERY_METHODS,
  REPLY_CATEGORIES,
  REPLY_CATEGORY_CODES,
  REPLY_GROUPS,
  FEE_METHODS,
  FEE_METHOD_LABELS,
  CONSULTATION_KINDS,
  CONSULTATION_KIND_LABELS,
  CONSULTATION_ANSWERS,
  CONSULTATION_ANSWER_LABELS,
  type ApplicantType,
  type ConsultationAnswer,
  type RequestChannel,
  type ReplyCategory,
} from '../vocabulary/requests';

export {
  APPLICANT_TYPES,
  REQUEST_CHANNELS,
  REQUEST_CHANNEL_LABELS,
  ID_DOCUMENT_KINDS,
  PREFERRED_FORMS,
  DELIVERY_METHODS,
  REPLY_CATEGORIES,
  REPLY_CATEGORY_CODES,
  REPLY_GROUPS,
  FEE_METHODS,
  FEE_METHOD_LABELS,
  CONSULTATION_KINDS,
  CONSULTATION_KIND_LABELS,
  CONSULTATION_ANSWERS,
  CONSULTATION_ANSWER_LABELS,
  type ApplicantType,
  type ConsultationAnswer,
  type RequestChannel,
  type ReplyCategory,
};

/**
 * Integration events of the requests service (依申请公开, topic `gongkai.requests`). Streams:
 * `requests.request-<requestId>` (one disclosure request from intake to archive),
 * `requests.frequent-<unitId>-<informationKey>` (proactive-disclosure suggestions, Art. 44) and
 * `requests.annual-report-<unitId>-<year>` (the finalised Table 2/3/4 of the annual report).
 */

export const CHALLENGE_KINDS = ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'] as const;
export const CHALLENGE_OUTCOMES = ['维持', '纠正', '其他'] as const;

const text = (max: number) => z.string().min(1).max(max);
const requestId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const base = { requestId, unitId: unitIdSchema };
/** A file of a reply (its redacted version keeps the id). */
const replyFileId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
/**
 * The statutory reply deadline after the event (Art. 33, with extensions, pauses and a correction's
 * restart), null while the clock is paused (consultation, fee period by setting) or stopped for
 * correction. Optional: events recorded before it was published lack it.
 */
const dueOn = isoDate.nullable().optional();

/** The request events that set or move the statutory reply deadline: each carries the `dueOn` it leaves. */
export const REQUEST_DEADLINE_EVENT_TYPES = [
  'requests.RequestReceived',
  'requests.CorrectionRequested',
  'requests.CorrectionReceived',
  'requests.ConsultationStarted',
  'requests.ConsultationEnded',
  'requests.DeadlineExtended',
  'requests.FeeNoticeIssued',
  'requests.FeePaid',
  'requests.ReplyDeferred',
] as const;

/** Who challenges a request: the applicant, or a third party against a decision to disclose (Table 4 counts both). */
export const CHALLENGE_PARTIES = ['applicant', 'third_party'] as const;
/** What a challenge is against: no reply in time (不予答复/逾期), the reply, or a decision to disclose over a third party's objection. */
export const CHALLENGE_SUBJECTS = ['no_reply', 'reply', 'disclosure'] as const;
/** The applicant's answer to an Art. 35 request for reasons (大量、频繁申请): accepted, not accepted, or none in time. */
export const REASONS_OUTCOMES = ['accepted', 'rejected', 'no_answer'] as const;

export const requestReceivedV1 = z.object({
  ...base,
  channel: z.enum(REQUEST_CHANNELS),
  /** The receipt date under Art. 31 (Asia/Shanghai). */
  receivedOn: isoDate,
  /** Which Art. 31 fact the receipt date is: submitted, signed for, confirmed with the applicant. */
  receiptBasis: text(100),
  applicant: z.object({
    type: z.enum(APPLICANT_TYPES),
    name: text(100),
    contactPerson: text(50).optional(),
    phone: text(30).optional(),
    email: text(100).optional(),
    address: text(200).optional(),
    /** Never the number: its masked form and a keyed hash (HMAC-SHA256) only. */
    idDocument: z.object({ kind: z.enum(ID_DOCUMENT_KINDS), masked: text(40), digest: hex64 }).optional(),
  }),
  /** Keyed hash identifying the applicant across requests (ID document, else name + contact). */
  applicantKey: hex64,
  description: text(2000),
  purpose: text(500).optional(),
  preferredForm: z.enum(PREFERRED_FORMS),
  delivery: z.enum(DELIVERY_METHODS),
  /** SHA-256 of the applicant's tracking code; the code itself is never stored. */
  trackingCodeHash: hex64,
  /** Earlier requests of the same applicant that look like the same information: a hint only. */
  possibleRepeatOf: z.array(requestId).max(20),
  /**
   * Further applicants of a joint application (共同申请), in the order named (added v1-compatible).
   * The applicant above is the first named: fees (按件) count against it.
   */
  jointApplicants: z
    .array(z.object({ type: z.enum(APPLICANT_TYPES), name: text(100) }))
    .max(20)
    .optional(),
  /**
   * 补录 (added v1-compatible): recorded after the fact — a unit starting on the system mid-year, a
   * letter found never registered — with its true receipt date, which may then be older than the
   * usual 60 days (from 1 January of the previous year on). Who entered it and why.
   */
  backEntry: z.object({ enteredBy: text(100), reason: text(500) }).optional(),
  /** The scanned application (paper, letter, fax, counter), as the file store holds it: never the bytes (added v1-compatible). */
  scan: z.object({ sha256: hex64, size: z.number().int().positive(), mediaType: text(100), originalName: text(255) }).optional(),
  dueOn,
});

export const correctionRequestedV1 = z.object({
  ...base,
  noticeOn: isoDate,
  items: z.array(text(300)).min(1).max(20),
  periodWorkingDays: z.number().int().min(1).max(30),
  correctionDueOn: isoDate,
  legalBasis: text(200),
  dueOn,
});
export const correctionReceivedV1 = z.object({
  ...base,
  receivedOn: isoDate,
  note: text(2000).optional(),
  /**
   * A correction received after its period, accepted by the head of the openness office for a good
   * reason (Art. 30 ends only requests delayed without one). Added v1-compatible.
   */
  lateAccepted: z.object({ by: text(100), reason: text(500) }).optional(),
  dueOn,
});
export const requestAssignedV1 = z.object({ ...base, handlerId: text(100), handlerName: text(50).optional(), assignedOn: isoDate });
export const requestTransferredV1 = z.object({ ...base, toUnitId: unitIdSchema, reason: text(500), transferredOn: isoDate });
export const investigationRequestedV1 = z.object({
  ...base,
  taskId: text(40),
  assistingUnitId: unitIdSchema,
  question: text(1000),
  requestedOn: isoDate,
  internalDueOn: isoDate,
});
export const investigationAnsweredV1 = z.object({ ...base, taskId: text(40), answer: text(2000), answeredOn: isoDate });
export const consultationStartedV1 = z.object({
  ...base,
  consultationId: text(40),
  kind: z.enum(CONSULTATION_KINDS),
  party: text(200),
  subject: text(1000),
  startedOn: isoDate,
  /** Third parties and co-producers answer within 15 working days (Art. 32, 34). */
  answerDueOn: isoDate.optional(),
  dueOn,
});
/**
 * The day the third party or co-producing agency received the consultation letter, once the unit
 * knows it: its 15 working days run from then (Art. 32, 34), so `answerDueOn` moves from the one
 * counted from the sending day.
 */
export const consultationLetterReceivedV1 = z.object({ ...base, consultationId: text(40), receivedOn: isoDate, answerDueOn: isoDate });
export const consultationEndedV1 = z.object({
  ...base,
  consultationId: text(40),
  endedOn: isoDate,
  outcome: text(1000),
  /** What the party answered (added v1-compatible: events recorded before it lack it). */
  answer: z.enum(CONSULTATION_ANSWERS).optional(),
  dueOn,
});
export const deadlineExtendedV1 = z.object({
  ...base,
  workingDays: z.number().int().min(1).max(20),
  reason: text(500),
  approvedBy: text(100),
  noticeSentOn: isoDate,
  newDueOn: isoDate,
  legalBasis: text(200),
  dueOn,
});
export const feeNoticeIssuedV1 = z.object({
  ...base,
  method: z.enum(FEE_METHODS),
  /** per_request: the applicant's number of requests this calendar month; per_page: pages. */
  quantity: z.number().int().min(1).max(1_000_000),
  amountYuan: z.number().int().min(0),
  noticeOn: isoDate,
  payByOn: isoDate,
  pausesClock: z.boolean(),
  legalBasis: text(200),
  /**
   * 一事一申请 (109号 Art. 4): the items the application was counted as (per_request only; absent =
   * one). `quantity` is then the first item's position in the month. Added v1-compatible.
   */
  items: z.number().int().min(2).max(500).optional(),
  dueOn,
});
/**
 * The day the applicant received the fee notice, once the unit knows it (a postal receipt, the
 * applicant's signature): the 20 working days to pay run from it (国办函〔2020〕109号), so
 * `payByOn` moves from the one counted from the notice date.
 */
export const feeNoticeReceivedV1 = z.object({ ...base, receivedOn: isoDate, payByOn: isoDate });
export const feePaidV1 = z.object({ ...base, paidOn: isoDate, amountYuan: z.number().int().min(0), dueOn });
const withheldItem = z.object({ item: text(300), ground: z.enum(REPLY_CATEGORY_CODES), reason: text(500) });
/** The agency that holds the information or is responsible for disclosing it (Art. 36(5)), when it can be identified. */
const holdingAgency = z.object({ name: text(100), contact: text(200).optional() });
export const replyDraftedV1 = z.object({
  ...base,
  category: z.enum(REPLY_CATEGORY_CODES),
  withheld: z.array(withheldItem).max(50),
  content: text(5000),
  legalBasis: text(300),
  /** Who drafted it: the reviewer must be someone else (separation of duties). Added v1-compatible. */
  draftedBy: text(100).optional(),
  /** Art. 36(1)(2): where, how and when the applicant obtains the information. Added v1-compatible. */
  access: text(1000).optional(),
  /** Art. 36(5): the agency that holds the information. Added v1-compatible. */
  holdingAgency: holdingAgency.optional(),
});
export const replyReviewedV1 = z.object({
  ...base,
  approved: z.boolean(),
  comment: text(1000).optional(),
  reviewedOn: isoDate,
  /** Added v1-compatible: who reviewed it. */
  reviewedBy: text(100).optional(),
  /** The drafter reviewed the reply, allowed by the setting REQUESTS_ALLOW_SELF_REVIEW (one-person office). */
  selfReview: z.literal(true).optional(),
});
export const replyIssuedV1 = z.object({
  ...base,
  category: z.enum(REPLY_CATEGORY_CODES),
  withheld: z.array(withheldItem).max(50),
  legalBasis: text(300),
  repliedOn: isoDate,
  /** Working days used (receipt day not counted, pauses excluded) and whether it was within the limit. */
  workingDaysUsed: z.number().int(),
  onTime: z.boolean(),
  /**
   * The files the reply supplies, as published to the applicant, fixed at issue (optional addition):
   * the redacted version where a file was redacted, with its redactions; never the original of a redacted file.
   */
  files: z
    .array(z.object({ fileId: replyFileId, file: blobRefSchema, redactions: z.array(redactionSchema).max(50) }))
    .max(50)
    .optional(),
});
export const requestAbandonedV1 = z.object({
  ...base,
  category: z.enum(['other.no_correction', 'other.unpaid']),
  abandonedOn: isoDate,
  legalBasis: text(300),
});
/**
 * 补录 of a past outcome: a back-entered request that was answered (or ended) before it was entered
 * here, with the true date and category. Only on a back-entered request; Table 3 counts it like a reply.
 */
export const pastOutcomeRecordedV1 = z.object({
  ...base,
  category: z.enum(REPLY_CATEGORY_CODES),
  closedOn: isoDate,
  legalBasis: text(300),
  note: text(500).optional(),
});
export const replyDeliveredV1 = z.object({
  ...base,
  deliveredOn: isoDate,
  method: z.enum(DELIVERY_METHODS),
  reference: text(100).optional(),
});
/**
 * The files a reply supplies (the information itself, Art. 36(1)(2)), attached to the reply draft
 * while it is drafted or under review, never after approval. The bytes are in the blob store under
 * `file.sha256`; `fileId` names the file in the reply (a redacted version keeps the same id).
 */
export const replyFileAttachedV1 = z.object({ ...base, fileId: replyFileId, file: blobRefSchema, attachedBy: text(100) });
/**
 * 部分公开: the redacted version of a reply file (区分处理, Art. 37), with each redaction's ground
 * (Arts. 14–16) and what was removed. The applicant receives this version; the original stays on the staff side.
 */
export const replyFileRedactedV1 = z.object({
  ...base,
  fileId: replyFileId,
  file: blobRefSchema,
  redactions: z.array(redactionSchema).min(1).max(50),
  attachedBy: text(100),
});
/** A file taken off the reply draft (and its redacted version with it). */
export const replyFileRemovedV1 = z.object({ ...base, fileId: replyFileId, removedBy: text(100) });
/**
 * The applicant downloaded a reply file with the tracking code (网上获取): recorded on the first
 * download of each file, with its time; `file` is the published version (the redacted one where redacted).
 */
export const replyFileDownloadedV1 = z.object({
  ...base,
  fileId: replyFileId,
  file: blobRefSchema,
  downloadedAt: z.string().datetime({ offset: true }),
});
export const requestArchivedV1 = z.object({ ...base, archivedOn: isoDate, archiveNo: text(60) });
export const informationLinkedV1 = z.object({
  ...base,
  informationKey: z.string().regex(/^[a-z0-9-]{1,60}$/),
  information: text(300),
  documentId: text(80).optional(),
});
export const challengeFiledV1 = z.object({
  ...base,
  challengeId: text(40),
  kind: z.enum(CHALLENGE_KINDS),
  filedOn: isoDate,
  body: text(200),
  /** Added v1-compatible (absent = the applicant against the reply). */
  party: z.enum(CHALLENGE_PARTIES).optional(),
  against: z.enum(CHALLENGE_SUBJECTS).optional(),
});
/** Why an applicant's personal data was erased (个人信息保护法 Art. 47): the retention period ran out, the person asked, a court ordered it. */
export const PERSONAL_DATA_ERASURE_REASONS = ['retention', 'request_by_person', 'court_order'] as const;
export type PersonalDataErasureReason = (typeof PERSONAL_DATA_ERASURE_REASONS)[number];
/**
 * The applicant's personal data of this request was erased (crypto-shredding, issue 19): the key of
 * the applicant's data subject is deleted, so the name, contact, address and masked ID document read
 * 已删除 wherever a copy went. Appended to every request of that applicant; the case keeps its facts
 * (dates, category, legal basis) and the annual report's figures. The actor is who erased it (the
 * office head, or the system for retention).
 */
export const applicantDataErasedV1 = z.object({
  ...base,
  reason: z.enum(PERSONAL_DATA_ERASURE_REASONS),
  /** What the office head recorded: the person's request, the court's decision and number. */
  note: text(500).optional(),
  erasedOn: isoDate,
  /** Retention: the day the period ended (the latest closing or archive date of the applicant's requests plus the period). */
  retentionEndedOn: isoDate.optional(),
});
export const challengeDecidedV1 = z.object({ ...base, challengeId: text(40), outcome: z.enum(CHALLENGE_OUTCOMES), decidedOn: isoDate });

/** 一事一申请 (109号 Art. 4): one application containing several items is counted as that many requests. */
export const itemsCountedV1 = z.object({ ...base, items: z.number().int().min(2).max(500), reason: text(500), legalBasis: text(200) });
/** Art. 32: written notice to a third party that the information will be disclosed over its objection, with the reason. */
export const thirdPartyDisclosureNotifiedV1 = z.object({
  ...base,
  consultationId: text(40),
  party: text(200),
  reason: text(1000),
  noticeOn: isoDate,
  legalBasis: text(200),
});
/** Art. 35: the applicant is asked to state the reasons for the quantity or frequency of its requests. */
export const reasonsRequestedV1 = z.object({ ...base, noticeOn: isoDate, answerDueOn: isoDate, legalBasis: text(200) });
export const reasonsAnsweredV1 = z.object({ ...base, outcome: z.enum(REASONS_OUTCOMES), answeredOn: isoDate, note: text(1000).optional() });
/** Art. 35: reasons accepted, the reply cannot be given within Art. 33's period: a reasonable later date, notified (延迟答复). */
export const replyDeferredV1 = z.object({
  ...base,
  replyByOn: isoDate,
  reason: text(500),
  noticeSentOn: isoDate,
  legalBasis: text(200),
  dueOn,
});
/**
 * A unit's reply-letter settings (stream `requests.letter-settings-<unitId>`): the name printed on
 * its letters, its reconsideration body (行政复议法 Art. 24), the contact, the 答复书文号 prefix.
 */
export const letterSettingsUpdatedV1 = z.object({
  unitId: unitIdSchema,
  version: z.number().int().min(1),
  printedName: text(100),
  reconsiderationBody: text(100),
  contact: text(200).optional(),
  numberPrefix: text(40).optional(),
});

/** Art. 44: many applicants obtained the same information — suggest making it proactive. */
export const proactiveDisclosureSuggestedV1 = z.object({
  unitId: unitIdSchema,
  informationKey: z.string().regex(/^[a-z0-9-]{1,60}$/),
  information: text(300),
  requestIds: z.array(requestId).min(1).max(500),
  count: z.number().int().min(1),
  documentId: text(80).optional(),
  legalBasis: text(200),
});

const table = z.record(z.string(), z.record(z.string(), z.number().int().min(0)));
/** The three narrative sections of the annual report (国办公开办函〔2021〕30号): 一、五、六. */
export const ANNUAL_REPORT_NARRATIVE_SECTIONS = {
  overview: '一、总体情况',
  problemsAndImprovements: '五、存在的主要问题及改进情况',
  otherMatters: '六、其他需要报告的事项',
} as const;
export type AnnualReportNarrativeSection = keyof typeof ANNUAL_REPORT_NARRATIVE_SECTIONS;
export const annualReportNarrative = z.object({
  overview: text(8000).optional(),
  problemsAndImprovements: text(8000).optional(),
  otherMatters: text(8000).optional(),
});
export const annualReportFinalisedV1 = z.object({
  unitId: z.union([unitIdSchema, z.literal('district')]),
  year: z.number().int().min(2019).max(2100),
  table2: z.record(z.string(), z.number().min(0)),
  table3: table,
  table4: table,
  /**
   * The report's narrative sections as the unit wrote them (added v1-compatible: events recorded
   * before it lack it, and a unit may finalise the figures without the texts). Each text is present
   * only when written.
   */
  narrative: annualReportNarrative.optional(),
  /**
   * Section 六: the information-processing fees (信息处理费) collected in the year, from FeePaid (added
   * v1-compatible: absent in reports finalised before it was recorded).
   */
  feesCollected: z.object({ requests: z.number().int().min(0), amountYuan: z.number().min(0) }).optional(),
});
/**
 * A published report corrected by the office head (or the district office) with a recorded reason: a
 * new version with the whole content; the portal shows the current version and says it was corrected,
 * and the earlier versions stay in the event history (the audit record).
 */
export const annualReportCorrectedV1 = annualReportFinalisedV1.extend({
  version: z.number().int().min(2),
  reason: text(1000),
});
/**
 * The office head saved a draft of a report not yet finalised: the Table 2 rows the unit enters by hand
 * and the narrative written so far (each present only when given). The figures counted from the
 * records are not kept: they are computed again when the report is finalised.
 */
export const annualReportDraftSavedV1 = z.object({
  unitId: z.union([unitIdSchema, z.literal('district')]),
  year: z.number().int().min(2019).max(2100),
  table2: z.record(z.string(), z.number().min(0)),
  narrative: annualReportNarrative.optional(),
});

export const requestsEvents = {
  'requests.RequestReceived': { 1: requestReceivedV1 },
  'requests.CorrectionRequested': { 1: correctionRequestedV1 },
  'requests.CorrectionReceived': { 1: correctionReceivedV1 },
  'requests.RequestAssigned': { 1: requestAssignedV1 },
  'requests.RequestTransferred': { 1: requestTransferredV1 },
  'requests.InvestigationRequested': { 1: investigationRequestedV1 },
  'requests.InvestigationAnswered': { 1: investigationAnsweredV1 },
  'requests.ConsultationStarted': { 1: consultationStartedV1 },
  'requests.ConsultationLetterReceived': { 1: consultationLetterReceivedV1 },
  'requests.ConsultationEnded': { 1: consultationEndedV1 },
  'requests.DeadlineExtended': { 1: deadlineExtendedV1 },
  'requests.FeeNoticeIssued': { 1: feeNoticeIssuedV1 },
  'requests.FeeNoticeReceived': { 1: feeNoticeReceivedV1 },
  'requests.FeePaid': { 1: feePaidV1 },
  'requests.ReplyDrafted': { 1: replyDraftedV1 },
  'requests.ReplyReviewed': { 1: replyReviewedV1 },
  'requests.ReplyIssued': { 1: replyIssuedV1 },
  'requests.RequestAbandoned': { 1: requestAbandonedV1 },
  'requests.PastOutcomeRecorded': { 1: pastOutcomeRecordedV1 },
  'requests.ReplyDelivered': { 1: replyDeliveredV1 },
  'requests.RequestArchived': { 1: requestArchivedV1 },
  'requests.ReplyFileAttached': { 1: replyFileAttachedV1 },
  'requests.ReplyFileRedacted': { 1: replyFileRedactedV1 },
  'requests.ReplyFileRemoved': { 1: replyFileRemovedV1 },
  'requests.ReplyFileDownloaded': { 1: replyFileDownloadedV1 },
  'requests.InformationLinked': { 1: informationLinkedV1 },
  'requests.ChallengeFiled': { 1: challengeFiledV1 },
  'requests.ChallengeDecided': { 1: challengeDecidedV1 },
  'requests.ItemsCounted': { 1: itemsCountedV1 },
  'requests.ThirdPartyDisclosureNotified': { 1: thirdPartyDisclosureNotifiedV1 },
  'requests.ReasonsRequested': { 1: reasonsRequestedV1 },
  'requests.ReasonsAnswered': { 1: reasonsAnsweredV1 },
  'requests.ReplyDeferred': { 1: replyDeferredV1 },
  'requests.PersonalDataErased': { 1: applicantDataErasedV1 },
  'requests.LetterSettingsUpdated': { 1: letterSettingsUpdatedV1 },
  'requests.ProactiveDisclosureSuggested': { 1: proactiveDisclosureSuggestedV1 },
  'requests.AnnualReportFinalised': { 1: annualReportFinalisedV1 },
  'requests.AnnualReportCorrected': { 1: annualReportCorrectedV1 },
  'requests.AnnualReportDraftSaved': { 1: annualReportDraftSavedV1 },
} as const;

export type RequestReceived = z.infer<typeof requestReceivedV1>;
export type CorrectionRequested = z.infer<typeof correctionRequestedV1>;
export type CorrectionReceived = z.infer<typeof correctionReceivedV1>;
export type RequestAssigned = z.infer<typeof requestAssignedV1>;
export type RequestTransferred = z.infer<typeof requestTransferredV1>;
export type InvestigationRequested = z.infer<typeof investigationRequestedV1>;
export type InvestigationAnswered = z.infer<typeof investigationAnsweredV1>;
export type ConsultationStarted = z.infer<typeof consultationStartedV1>;
export type ConsultationLetterReceived = z.infer<typeof consultationLetterReceivedV1>;
export type ConsultationEnded = z.infer<typeof consultationEndedV1>;
export type DeadlineExtended = z.infer<typeof deadlineExtendedV1>;
export type FeeNoticeIssued = z.infer<typeof feeNoticeIssuedV1>;
export type FeeNoticeReceived = z.infer<typeof feeNoticeReceivedV1>;
export type FeePaid = z.infer<typeof feePaidV1>;
export type ReplyDrafted = z.infer<typeof replyDraftedV1>;
export type ReplyReviewed = z.infer<typeof replyReviewedV1>;
export type ReplyIssued = z.infer<typeof replyIssuedV1>;
export type RequestAbandoned = z.infer<typeof requestAbandonedV1>;
export type PastOutcomeRecorded = z.infer<typeof pastOutcomeRecordedV1>;
export type ReplyDelivered = z.infer<typeof replyDeliveredV1>;
export type RequestArchived = z.infer<typeof requestArchivedV1>;
export type ReplyFileAttached = z.infer<typeof replyFileAttachedV1>;
export type ReplyFileRedacted = z.infer<typeof replyFileRedactedV1>;
export type ReplyFileRemoved = z.infer<typeof replyFileRemovedV1>;
export type ReplyFileDownloaded = z.infer<typeof replyFileDownloadedV1>;
export type InformationLinked = z.infer<typeof informationLinkedV1>;
export type ChallengeFiled = z.infer<typeof challengeFiledV1>;
export type ChallengeDecided = z.infer<typeof challengeDecidedV1>;
export type ItemsCounted = z.infer<typeof itemsCountedV1>;
export type ThirdPartyDisclosureNotified = z.infer<typeof thirdPartyDisclosureNotifiedV1>;
export type ReasonsRequested = z.infer<typeof reasonsRequestedV1>;
export type ReasonsAnswered = z.infer<typeof reasonsAnsweredV1>;
export type ReplyDeferred = z.infer<typeof replyDeferredV1>;
export type ApplicantDataErased = z.infer<typeof applicantDataErasedV1>;
export type LetterSettingsUpdated = z.infer<typeof letterSettingsUpdatedV1>;
export type HoldingAgency = z.infer<typeof holdingAgency>;
export type ProactiveDisclosureSuggested = z.infer<typeof proactiveDisclosureSuggestedV1>;
export type AnnualReportFinalised = z.infer<typeof annualReportFinalisedV1>;
export type AnnualReportCorrected = z.infer<typeof annualReportCorrectedV1>;
export type AnnualReportDraftSaved = z.infer<typeof annualReportDraftSavedV1>;
export type AnnualReportNarrative = z.infer<typeof annualReportNarrative>;
export type WithheldItem = z.infer<typeof withheldItem>;

/**
 * What the requests service sends (zod-free, for the web app): `GET /api/requests`,
 * `GET /api/requests/:requestId`, `GET /api/requests/track/:code` and the steps' answers.
 * Read from libs/requests/src/http/requests.controller.ts (`summary`, `get`, `track`, `act`) and
 * libs/requests/src/read-models/requests.projection.ts (`RequestView`).
 */

import type { ReportDeadlineStatus } from '../requests';

/** The statutory reply clock (`readClock`); `dueOn` and `remainingWorkingDays` are null while a correction is awaited. */
export interface RequestClockView {
  dueOn: string | null;
  /** Working days left (negative when overdue). */
  remainingWorkingDays: number | null;
  overdue: boolean;
  nearDue: boolean;
  paused: boolean;
  /** The due date falls in a year whose holidays are not yet published: it may still move. */
  provisional: boolean;
}

/** The internal time limit of the case's current stage (本区内部时限). */
export interface RequestStageView {
  since: string;
  internalLimitWorkingDays: number | null;
  internalDueOn: string | null;
  overInternalLimit: boolean;
}

/** Steps a case allows because a period ran out (libs/requests/src/domain/steps-due.ts `STEPS_DUE`). */
export type RequestStepDue =
  | 'correction_lapsed'
  | 'consultation_period_over'
  | 'consultation_receipt_missing'
  | 'fee_lapsed'
  | 'fee_receipt_missing'
  | 'investigation_overdue'
  | 'reasons_period_over';

/** One row of `GET /api/requests` (the controller's `summary`). */
export interface RequestSummaryView {
  requestId: string;
  unitId: string;
  receivedOn: string;
  /** The channel's label (REQUEST_CHANNEL_LABELS), not its code. */
  channel: string;
  applicantType: string;
  description: string;
  status: string;
  statusLabel: string;
  /** Null once the case is closed. */
  clock: RequestClockView | null;
  stage: RequestStageView;
  /** Steps the case now allows because a period ran out (libs/requests/src/domain/steps-due.ts). */
  stepsDue: RequestStepDue[];
  possibleRepeatOf: string[];
  category: string | null;
  closedOn: string | null;
  /** The handler's name (or user name) once assigned. */
  handlerName: string | null;
  /** 补录: registered after the fact. */
  backEntered: boolean;
}

export interface RequestConsultationView {
  consultationId: string;
  kind: string;
  party: string;
  subject: string;
  startedOn: string;
  letterReceivedOn?: string;
  answerDueOn?: string;
  endedOn?: string;
  outcome?: string;
  answer?: string;
  /** Art. 32: the written notice of disclosure over the third party's objection. */
  disclosureNotice?: { noticeOn: string; reason: string };
}

export interface RequestInvestigationView {
  taskId: string;
  assistingUnitId: string;
  question: string;
  requestedOn: string;
  internalDueOn: string;
  answeredOn?: string;
  answer?: string;
}

/** A withheld part of a 部分公开 reply: what is withheld, its ground (a 不予公开 reply category) and the reason. */
export interface WithheldItemView {
  item: string;
  ground: string;
  reason: string;
  [extra: string]: unknown;
}

/**
 * `GET /api/requests/:requestId`: the read model's `RequestView` (without `state`, `trackingCodeHash`,
 * `applicantKey`) merged with the summary (so `channel` is the label). Also sent as `ETag: "<revision>"`.
 */
export interface RequestDetailView extends RequestSummaryView {
  applicant: {
    type: string;
    name: string;
    phone?: string;
    email?: string;
    address?: string;
    idDocument?: { kind: string; masked: string };
    [extra: string]: unknown;
  };
  purpose?: string;
  preferredForm: string;
  /** The applicant's chosen way of obtaining the information (获取方式), not the recorded delivery. */
  delivery: string;
  receiptBasis?: string;
  /** 补录: who entered the request after the fact, and why. */
  backEntry?: { enteredBy: string; reason: string };
  /** The scanned application (`GET /api/requests/:requestId/scan`). */
  scan?: { sha256: string; size: number; mediaType: string; originalName: string };
  stageSince: string;
  draft: {
    category: string;
    content: string;
    withheld: WithheldItemView[];
    legalBasis: string;
    draftedBy?: string;
    [extra: string]: unknown;
  } | null;
  reply: {
    repliedOn: string;
    legalBasis: string;
    withheld: WithheldItemView[];
    workingDaysUsed: number;
    onTime: boolean;
    /** The files published to the applicant with the reply (the redacted version where redacted). */
    files?: { fileId: string; file: ReplyFileRefView; redactions: { ground: string; description: string }[] }[];
  } | null;
  /** The reply's files, staff side: the original, its redacted version for 部分公开, the applicant's first download. */
  replyFiles?: ReplyFileView[];
  /** What the reply's files allow now: attach and remove (a draft that supplies information), redact (部分公开). */
  replyFileActions: { attach: boolean; redact: boolean };
  correction: {
    noticeOn: string;
    items: string[];
    correctionDueOn: string;
    receivedOn?: string;
    lateAccepted?: { by: string; reason: string };
    [extra: string]: unknown;
  } | null;
  /** The reply's review (审核): who, when, whether approved; `selfReview` when the one-person-office setting allowed it. */
  review?: { reviewedBy?: string; selfReview?: true; approved: boolean; reviewedOn: string } | null;
  /** 一事一申请: the requests this application counts as (absent = 1). */
  items?: number;
  /** Art. 35: the request for reasons and its answer (absent for cases projected before it was recorded). */
  reasons?: { noticeOn: string; answerDueOn: string; outcome?: 'accepted' | 'rejected' | 'no_answer'; answeredOn?: string } | null;
  /** Art. 35: the later reply date set and notified (延迟答复). */
  deferral?: { replyByOn: string; reason: string; noticeSentOn: string } | null;
  /** The latest extension (条例第三十三条). */
  extension: { workingDays: number; reason: string; approvedBy: string; noticeSentOn: string; newDueOn: string } | null;
  fee: {
    method: string;
    quantity: number;
    amountYuan: number;
    noticeOn: string;
    noticeReceivedOn?: string;
    payByOn: string;
    paidOn?: string;
  } | null;
  consultations: RequestConsultationView[];
  investigations: RequestInvestigationView[];
  /** Reconsiderations and lawsuits (Table 4), against no reply in time, the reply, or a decision to disclose. */
  challenges: {
    challengeId: string;
    kind: string;
    filedOn: string;
    body: string;
    party?: 'applicant' | 'third_party';
    against?: 'no_reply' | 'reply' | 'disclosure';
    /** Null until decided (尚未审结). */
    outcome?: string | null;
    decidedOn?: string | null;
    [extra: string]: unknown;
  }[];
  information: { informationKey: string; information: string; documentId?: string } | null;
  /** Absent for cases projected before these were recorded; null until the step happens. */
  handler?: { handlerId: string; handlerName?: string; assignedOn: string } | null;
  deliveryRecord?: { deliveredOn: string; method: string; reference?: string } | null;
  archive?: { archivedOn: string; archiveNo: string } | null;
  /**
   * The applicant's personal data was erased (crypto-shredding): `applicant` then reads 已删除 (and
   * 已脱敏 for a role without the right to see personal data, e.g. an auditor).
   */
  personalDataErased?: { erasedOn: string; reason: 'retention' | 'request_by_person' | 'court_order' } | null;
  /** The events of the request in order (type without the `requests.` prefix, recorded at `at`). */
  history: { type: string; at: string; userId: string; unitId: string | null; role: string }[];
  updatedAt: string;
  /** The revision of the case's stream this view reflects: the `If-Match` of the next step. */
  revision: number;
  /** Further fields of the read model (reasons, joint applicants, counted items, ...). */
  [extra: string]: unknown;
}

/** `POST /api/requests/:requestId/<step>`: the answer of a step (also sent as `ETag`). */
export interface RequestStepResult {
  requestId: string;
  revision: number;
  status: string | null;
  events: string[];
}

/** `POST /api/requests/public`: the receipt the applicant keeps. */
export interface RequestReceiptView {
  requestId: string;
  trackingCode: string;
  receivedOn: string;
  dueOn: string;
  dueOnProvisional: boolean;
  notice: string;
}

/** A stored file as events carry it (hash, size, recognised type, original name). */
export interface ReplyFileRefView {
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
}

/** A file of the reply draft, staff side (`GET /api/requests/:requestId`, `replyFiles`). */
export interface ReplyFileView {
  fileId: string;
  file: ReplyFileRefView;
  attachedBy: string;
  redacted?: { file: ReplyFileRefView; redactions: { ground: string; description: string }[] };
  /** The applicant's first download with the tracking code. */
  downloadedAt?: string;
}

/** `POST /api/requests/:requestId/reply-files`, `PUT …/reply-files/:fileId/redacted`: the file as recorded. Also sent as `ETag`. */
export interface ReplyFileUploadView {
  requestId: string;
  revision: number;
  fileId: string;
  file: ReplyFileRefView;
}

/** A reply file the applicant downloads: `GET /api/requests/track/:code/files/:sha256`. */
export interface TrackedReplyFileView {
  fileId: string;
  file: ReplyFileRefView;
  /** Where the file was redacted (部分公开): each ground as people read it, with its article, and what was removed. */
  redactions: string[];
}

/** `GET /api/requests/track/:code`: what the applicant sees with the tracking code. */
export interface RequestTrackingView {
  status: string;
  statusLabel: string;
  receivedOn: string;
  dueOn: string | null;
  dueOnProvisional: boolean;
  remainingWorkingDays: number | null;
  paused: boolean;
  correctionDueOn?: string;
  feeAmountYuan?: number;
  feePayByOn?: string;
  /** The reply's group (予以公开, 不予公开, ...) once replied. */
  result: string | null;
  closedOn: string | null;
  /** The files the reply supplies, once replied (empty before, and for a reply that supplies none). */
  files: TrackedReplyFileView[];
}

/** One annual report a user is responsible for, against its deadline (条例第四十九条). */
export interface ReportDeadlineView {
  unitId: string;
  unitName: string;
  /** `government`: the district government's own report (by 31 March); `unit`: a department's or a town's (by 31 January). */
  reporter: 'government' | 'unit';
  year: number;
  dueOn: string;
  status: ReportDeadlineStatus;
  /** Calendar days to the due date (negative once passed). */
  daysLeft: number;
  /** The date of the latest correction of the published report. */
  correctedOn?: string;
}

/** `GET /api/requests/reports/annual/deadlines`: the reports due for the office head's home page (the district office: every unit's). */
export interface ReportDeadlinesView {
  today: string;
  deadlines: ReportDeadlineView[];
}

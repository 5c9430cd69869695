/**
 * What the interpretation service sends to the portal (zod-free, for the web app). Read from
 * libs/interpretation/src/read-models/policies.projection.ts (`portalView`, `PolicyView`),
 * consultations.projection.ts (`publicConsultation`, `ConsultationView`), concerns.projection.ts (`ConcernView`)
 * and libs/interpretation/src/http/obligations.controller.ts.
 */

export interface InterpretationMaterialView {
  materialId: string;
  form: string;
  title: string;
  body?: string;
  reference?: string;
  /** The material as a file (图解, 问答 document): downloaded from the policy's material route. */
  file?: { sha256: string; size: number; mediaType: string; originalName: string };
  /** The material as a link (音视频). */
  link?: string;
  [extra: string]: unknown;
}

/** `GET /api/interpretation/policies[/:documentId]` (public): a policy with its published interpretation. */
export interface PublicPolicyView {
  documentId: string;
  title: string;
  documentNumber: string;
  documentType: string;
  unitId: string;
  issuedOn: string;
  interpretations: { publishedOn: string; channels: string[]; late: boolean; materials: InterpretationMaterialView[] }[];
}

/** The adoption summary of a consultation (意见采纳情况). */
export interface AdoptionView {
  summary: string;
  commentsReceived: number;
  adopted: number;
  partlyAdopted: number;
  notAdopted: number;
  publishedOn: string;
  [extra: string]: unknown;
}

/** `GET /api/interpretation/consultations[/:id]` (public): approved comments only, names masked. */
export interface PublicConsultationView {
  consultationId: string;
  unitId: string;
  title: string;
  draft: string;
  kind: string;
  opensOn: string;
  closesOn: string;
  periodDays: number;
  periodUnit: 'calendar_days' | 'working_days';
  minimumDays: number;
  shortPeriodReason?: string;
  legalBasis: string;
  commentCount: number;
  comments: { commentId: string; commenter: string; content: string; submittedOn: string }[];
  adoption: AdoptionView | null;
  /** The revision of the consultation's stream this view reflects (detail only). */
  revision?: number;
}

/**
 * `GET /api/interpretation/obligations[/:documentId]`: the staff view of a policy and its interpretation obligation
 * (`PolicyView` of policies.projection.ts, with `dueOnProvisional` added by obligations.controller.ts).
 */
export interface ObligationStaffView {
  documentId: string;
  unitId: string;
  title: string;
  documentNumber: string;
  documentType: string;
  attribute: string;
  issuedOn: string;
  obligation: {
    status: 'open' | 'signed_off' | 'published';
    approvedBy: string;
    dueOn: string;
    /** The due date falls in a year whose holiday arrangement is not yet published. */
    dueOnProvisional?: boolean;
    limitWorkingDays: number;
    plan: { plan: string; forms: string[]; channels: string[] } | null;
    signedBy: string | null;
  } | null;
  materials: InterpretationMaterialView[];
  interpretation: {
    publishedOn: string;
    workingDaysAfterIssue: number;
    late: boolean;
    workingDaysLate: number;
    channels: string[];
    materialIds: string[];
  } | null;
  /** The revision of the obligation's stream this view reflects (detail only; compared with a command's answer). */
  revision?: number;
}

/** `GET /api/interpretation/concerns[/:id]`: `ConcernView` of concerns.projection.ts (the registration, the assigned unit, the responses). */
export interface ConcernStaffView {
  concernId: string;
  source: string;
  topic: string;
  summary: string;
  severity: string;
  registeredAt: string;
  unitId: string | null;
  dueBy: { kind: string; hours: number | null; dueAt: string | null }[];
  responses: {
    kind: string;
    content: string;
    channel: string;
    publishedAt: string;
    dueAt: string | null;
    hoursTaken: number;
    onTime: boolean;
  }[];
  /** The revision of the concern's stream this view reflects (detail only; compared with a command's answer). */
  revision?: number;
}

/** `GET /api/interpretation/consultations/:id/comments` (staff, `staffComment`): the masked name and the personal-data reference. */
export interface StaffCommentView {
  commentId: string;
  content: string;
  /** Masked (王**, 匿名); the full name only through the personal-data reference. */
  commenter: string;
  personalDataRef: string | null;
  submittedOn: string;
  status: 'pending' | 'approved' | 'rejected';
  moderationReason: string | null;
}

export type OpenDayStatusCode = 'upcoming' | 'held' | 'summarised';

/** `GET /api/interpretation/open-days[/:id]` (`publicOpenDay` of open-days.projection.ts): no registrant's data, only the count. */
export interface PublicOpenDayView {
  openDayId: string;
  unitId: string;
  title: string;
  description: string;
  heldOn: string;
  announcedOn: string;
  capacity: number;
  noticeDays: number;
  minimumNoticeDays: number;
  year: number;
  registered: number;
  remaining: number;
  status: OpenDayStatusCode;
  summary: { summary: string; attendance: number; registrations: number; [extra: string]: unknown } | null;
  /** The revision of the open day's stream this view reflects (detail only). */
  revision?: number;
}

import { z } from 'zod';
import { httpUrl, isoDate, unitIdSchema } from '../values';
import { blobRefSchema } from './document-attributes';
import { PERSONAL_DATA_ERASURE_REASONS } from './requests';
import {
  INTERPRETATION_FORMS,
  INTERPRETATION_CHANNELS,
  CONCERN_SOURCES,
  CONCERN_SEVERITIES,
  CONCERN_RESPONSE_KINDS,
  PARTICIPATION_METHODS,
  PUBLIC_CONSULTATION_KINDS,
  ADOPTION_OUTCOMES,
  ATTENDEE_CATEGORIES,
  VILLAGE_POSTING_CATEGORIES,
  CONCERN_SEVERITY_LABELS,
  CONCERN_RESPONSE_KIND_LABELS,
  PUBLIC_CONSULTATION_KIND_LABELS,
  type InterpretationForm,
  type ConcernSeverity,
  type ConcernResponseKind,
  type PublicConsultationKind,
  type VillagePostingCategory,
} from '../vocabulary/interpretation';

export {
  INTERPRETATION_FORMS,
  INTERPRETATION_CHANNELS,
  CONCERN_SOURCES,
  CONCERN_SEVERITIES,
  CONCERN_RESPONSE_KINDS,
  PARTICIPATION_METHODS,
  PUBLIC_CONSULTATION_KINDS,
  ADOPTION_OUTCOMES,
  ATTENDEE_CATEGORIES,
  VILLAGE_POSTING_CATEGORIES,
  CONCERN_SEVERITY_LABELS,
  CONCERN_RESPONSE_KIND_LABELS,
  PUBLIC_CONSULTATION_KIND_LABELS,
  type InterpretationForm,
  type ConcernSeverity,
  type ConcernResponseKind,
  type PublicConsultationKind,
  type VillagePostingCategory,
};

const text = (max: number) => z.string().min(1).max(max);
const instant = z.string().datetime({ offset: true });

/** The district's configurable limits (DOMAIN.md §4: several are M, so none is hard-coded). */
export const interpretationLimitsSchema = z.object({
  /** Interpretation published at the latest this many working days after the policy's publication. */
  interpretationWorkingDays: z.number().int().min(0).max(30),
  /** Major emergencies: authoritative information within these hours. */
  majorEmergencyInformationHours: z.number().int().min(1).max(720),
  /** Major emergencies: press conference within these hours. */
  majorEmergencyPressConferenceHours: z.number().int().min(1).max(720),
  hotIssueResponseHours: z.number().int().min(1).max(720),
  /** Ordinary public-opinion incidents (其他政务舆情, 国办发〔2016〕61号: 48 hours); null: no fixed limit. */
  ordinaryResponseHours: z.number().int().min(1).max(2160).nullable(),
  majorDecisionCommentDays: z.number().int().min(1).max(365),
  normativeDocumentCommentWorkingDays: z.number().int().min(1).max(120),
  hearingMaterialsDaysBefore: z.number().int().min(0).max(90),
  openDayNoticeDays: z.number().int().min(0).max(180),
  /** Ordinary village matters and monthly finances: posted within this many days after the period ends. */
  villagePeriodGraceDays: z.number().int().min(0).max(60),
  /** Major village matters: posted within this many days of the matter (随时公开). */
  villageMajorMatterDays: z.number().int().min(0).max(30),
});
export type InterpretationLimits = z.infer<typeof interpretationLimitsSchema>;

export const DEFAULT_INTERPRETATION_LIMITS: InterpretationLimits = {
  interpretationWorkingDays: 3,
  majorEmergencyInformationHours: 5,
  majorEmergencyPressConferenceHours: 24,
  hotIssueResponseHours: 48,
  ordinaryResponseHours: 48,
  majorDecisionCommentDays: 30,
  normativeDocumentCommentWorkingDays: 7,
  hearingMaterialsDaysBefore: 7,
  openDayNoticeDays: 15,
  villagePeriodGraceDays: 10,
  villageMajorMatterDays: 3,
};

export const interpretationLimitsConfiguredV1 = interpretationLimitsSchema.extend({ reason: text(500) });

// ── Interpretation obligations (谁起草、谁解读) ──────────────────────────────────────────────

/** A policy was issued: its drafting unit owes an interpretation by `dueOn`. */
export const interpretationObligationOpenedV1 = z.object({
  documentId: text(100),
  unitId: unitIdSchema,
  title: text(200),
  documentNumber: text(60),
  documentType: text(30),
  attribute: text(20),
  approvedBy: text(100),
  issuedOn: isoDate,
  limitWorkingDays: z.number().int().min(0),
  dueOn: isoDate,
  legalBasis: text(300),
});

export const interpretationPlannedV1 = z.object({
  documentId: text(100),
  unitId: unitIdSchema,
  plan: text(4000),
  forms: z.array(z.enum(INTERPRETATION_FORMS)).min(1),
  channels: z.array(z.enum(INTERPRETATION_CHANNELS)).min(1),
});

export const interpretationMaterialAddedV1 = z.object({
  documentId: text(100),
  materialId: text(64),
  form: z.enum(INTERPRETATION_FORMS),
  title: text(200),
  /** 简明问答 / 案例说明 text. */
  body: z.string().max(20000).optional(),
  /** 图表图解 image, 音频视频 link or file reference (free text, as recorded before files and links were data). */
  reference: z.string().max(1000).optional(),
  /** The material as a file in the blob store (图解 image or PDF, 问答 document; added v1-compatible): hash, size, type, name. */
  file: blobRefSchema.optional(),
  /** The material as a link (音视频 on a video platform; added v1-compatible): an http(s) URL. */
  link: httpUrl(1000).optional(),
});

export const interpretationSignedOffV1 = z.object({
  documentId: text(100),
  /** The drafting unit (added v1-compatible: events recorded before it lack it). */
  unitId: unitIdSchema.optional(),
  /** The 签发人 (signing leader) as recorded: a name, usually not a system user (a user id in events recorded before it was data). */
  signedBy: text(100),
  /** The system user who recorded the sign-off (added v1-compatible). */
  recordedBy: text(100).optional(),
  materialIds: z.array(z.string()).min(1),
});

/** The obligation is met: published, with its lateness against the limit. */
export const interpretationPublishedV1 = z.object({
  documentId: text(100),
  unitId: unitIdSchema,
  publishedOn: isoDate,
  issuedOn: isoDate,
  dueOn: isoDate,
  workingDaysAfterIssue: z.number().int(),
  /**
   * The policy's publication (its first PublicationRecorded), from which the due date runs (added
   * v1-compatible: absent when the policy's publication was not recorded, and before the rule changed:
   * the due date then ran from the issue).
   */
  policyPublishedOn: isoDate.optional(),
  late: z.boolean(),
  workingDaysLate: z.number().int().min(0),
  channels: z.array(z.enum(INTERPRETATION_CHANNELS)).min(1),
  materialIds: z.array(z.string()).min(1),
});

// ── Public concerns (回应关切) ───────────────────────────────────────────────────────────

export const concernRegisteredV1 = z.object({
  concernId: text(64),
  source: z.enum(CONCERN_SOURCES),
  topic: text(200),
  summary: text(4000),
  severity: z.enum(CONCERN_SEVERITIES),
  registeredAt: instant,
  /** Each required response with its due instant (null: no fixed limit). */
  dueBy: z.array(z.object({ kind: z.enum(CONCERN_RESPONSE_KINDS), hours: z.number().int().nullable(), dueAt: instant.nullable() })).min(1),
});

export const concernAssignedV1 = z.object({ concernId: text(64), unitId: unitIdSchema, note: z.string().max(500).optional() });

export const concernResponsePublishedV1 = z.object({
  concernId: text(64),
  unitId: unitIdSchema,
  severity: z.enum(CONCERN_SEVERITIES),
  kind: z.enum(CONCERN_RESPONSE_KINDS),
  content: text(8000),
  channel: z.enum(INTERPRETATION_CHANNELS),
  publishedAt: instant,
  dueAt: instant.nullable(),
  hoursTaken: z.number(),
  onTime: z.boolean(),
});

// ── Public participation (公众参与) ────────────────────────────────────────────────────────

export const participationCataloguePublishedV1 = z.object({
  unitId: unitIdSchema,
  version: z.number().int().positive(),
  items: z
    .array(
      z.object({
        decisionItem: text(200),
        methods: z.array(z.enum(PARTICIPATION_METHODS)).min(1),
        channels: z.array(text(100)).min(1),
      }),
    )
    .min(1),
});

export const consultationOpenedV1 = z.object({
  consultationId: text(64),
  unitId: unitIdSchema,
  title: text(200),
  draft: text(20000),
  kind: z.enum(PUBLIC_CONSULTATION_KINDS),
  opensOn: isoDate,
  closesOn: isoDate,
  /** Calendar days (major decisions) or working days (normative documents), both ends inclusive. */
  periodDays: z.number().int().min(1),
  periodUnit: z.enum(['calendar_days', 'working_days']),
  minimumDays: z.number().int().min(0),
  /** Required when the period is below the minimum. */
  shortPeriodReason: z.string().min(5).max(1000).optional(),
  legalBasis: text(300),
});

export const commentSubmittedV1 = z.object({
  consultationId: text(64),
  commentId: text(64),
  content: text(2000),
  /** Personal data (个人信息): kept for the unit's follow-up, never published. */
  commenterName: z.string().max(30).optional(),
  contact: z.string().max(60).optional(),
  submittedOn: isoDate,
});

/** An HMAC-SHA256 in hex: a pseudonym that cannot be reversed without the service's key. */
const digest = z.string().regex(/^[0-9a-f]{64}$/);
/** A masked name for display (张** ; 匿名 when none was given): never the full name. */
const maskedName = z
  .string()
  .min(1)
  .max(30)
  .refine((v) => v === '匿名' || /^.\*+$/u.test(v), 'must be masked (first character, then *)');

/**
 * v2: no personal data (个人信息保护). The name and contact are kept outside the event log, in the
 * interpretation service's `personal_data` collection under `personalDataRef`, where they can be
 * erased; the event keeps only what the domain needs. v1 events are upcast on read (name masked,
 * contact dropped: the upcaster has no key).
 */
export const commentSubmittedV2 = z.object({
  consultationId: text(64),
  commentId: text(64),
  /** Mobile and ID-card numbers in the text are masked before the event is written. */
  content: text(2000),
  displayName: maskedName,
  /** HMAC of the normalised contact, scoped to the consultation; null when none was given (or v1). */
  contactDigest: digest.nullable(),
  /** `_id` of the personal-data document; null when nothing personal was given (or v1). */
  personalDataRef: z.string().max(64).nullable(),
  submittedOn: isoDate,
});

/**
 * v3 (issue 19, ADR 0010): the commenter's name, contact and the text as written are back in the
 * event, sealed with the platform's crypto-shredding (marked in `interpretation.personal-data.ts`:
 * encrypted with the key of the subject `interpretation.commenter/<personalDataRef>` before the
 * append), so the event log is the one record and erasing the key erases them everywhere. The
 * schema describes the plaintext; stored and on Kafka these fields hold `enc:v1:` tokens. v2 is
 * upcast with nulls (its personal data, if any, is in the legacy `personal_data` document).
 */
export const commentSubmittedV3 = commentSubmittedV2.extend({
  /** The consulting unit (absent in events upcast from v1 or v2). */
  unitId: unitIdSchema.optional(),
  /** The key subject of the sealed fields (and, for v2, the personal-data document); null when nothing personal was given. */
  personalDataRef: z.string().max(64).nullable(),
  /** Personal data, sealed: the full name as given; null when none was given (or upcast). */
  commenterName: z.string().min(1).max(30).nullable(),
  /** Personal data, sealed: the contact as given; null when none was given (or upcast). */
  contact: z.string().min(1).max(60).nullable(),
  /** Personal data, sealed: the text as written, when masking changed it; null otherwise. */
  originalContent: z.string().min(1).max(2000).nullable(),
});

export const commentModeratedV1 = z.object({
  consultationId: text(64),
  /** The consulting unit (added v1-compatible: events recorded before it lack it). */
  unitId: unitIdSchema.optional(),
  commentId: text(64),
  decision: z.enum(['approved', 'rejected']),
  reason: z.string().max(500).optional(),
});

/** 采纳情况: how the comments were adopted, published after the period closed. */
export const adoptionPublishedV1 = z.object({
  consultationId: text(64),
  unitId: unitIdSchema,
  kind: z.enum(PUBLIC_CONSULTATION_KINDS),
  summary: text(8000),
  commentsReceived: z.number().int().min(0),
  commentsApproved: z.number().int().min(0),
  outcomes: z.array(z.object({ commentId: text(64), outcome: z.enum(ADOPTION_OUTCOMES), reason: z.string().max(1000).optional() })),
  adopted: z.number().int().min(0),
  partlyAdopted: z.number().int().min(0),
  notAdopted: z.number().int().min(0),
  publishedOn: isoDate,
});

export const hearingScheduledV1 = z.object({
  hearingId: text(64),
  unitId: unitIdSchema,
  title: text(200),
  heldOn: isoDate,
  consultationId: z.string().max(64).optional(),
});

export const hearingMaterialsPublishedV1 = z.object({
  hearingId: text(64),
  unitId: unitIdSchema,
  materials: z.array(z.object({ title: text(200), reference: text(1000) })).min(1),
  publishedOn: isoDate,
  heldOn: isoDate,
  daysBefore: z.number().int(),
  minimumDaysBefore: z.number().int().min(0),
});

export const meetingAttendanceRecordedV1 = z.object({
  meetingId: text(64),
  unitId: unitIdSchema,
  title: text(200),
  heldOn: isoDate,
  attendees: z
    .array(z.object({ category: z.enum(ATTENDEE_CATEGORIES), name: text(60), organisation: z.string().max(100).optional() }))
    .min(1),
});

// ── Government open days (政府开放日) ──────────────────────────────────────────────────────

export const openDayAnnouncedV1 = z.object({
  openDayId: text(64),
  unitId: unitIdSchema,
  title: text(200),
  description: z.string().max(4000),
  heldOn: isoDate,
  announcedOn: isoDate,
  capacity: z.number().int().min(1),
  noticeDays: z.number().int(),
  minimumNoticeDays: z.number().int().min(0),
});

export const openDayRegistrationAcceptedV1 = z.object({
  openDayId: text(64),
  registrationId: text(64),
  /** Personal data: never published. */
  name: text(30),
  contact: text(60),
  registeredOn: isoDate,
});

/** v2: no personal data; see `commentSubmittedV2`. */
export const openDayRegistrationAcceptedV2 = z.object({
  openDayId: text(64),
  registrationId: text(64),
  displayName: maskedName,
  /** HMAC of the normalised contact, scoped to the open day: the duplicate-registration check. Null only for v1. */
  contactDigest: digest.nullable(),
  /** `_id` of the personal-data document; null only for v1 (recorded before the split). */
  personalDataRef: z.string().max(64).nullable(),
  registeredOn: isoDate,
});

/** v3: the registrant's name and contact in the event, sealed (crypto-shredding); see `commentSubmittedV3`. */
export const openDayRegistrationAcceptedV3 = openDayRegistrationAcceptedV2.extend({
  /** The organising unit (absent in events upcast from v1 or v2). */
  unitId: unitIdSchema.optional(),
  /** Personal data, sealed: the name as given; null in events upcast from v1 or v2. */
  name: text(30).nullable(),
  /** Personal data, sealed: the contact as given; null in events upcast from v1 or v2. */
  contact: text(60).nullable(),
});

export const openDaySummaryPublishedV1 = z.object({
  openDayId: text(64),
  unitId: unitIdSchema,
  heldOn: isoDate,
  year: z.number().int(),
  summary: text(8000),
  attendance: z.number().int().min(0),
  registrations: z.number().int().min(0),
});

// ── Personal data (个人信息保护) ──────────────────────────────────────────────────────────

/**
 * comment 征求意见的意见提出人 · open_day_registration 开放日报名者 · meeting_attendance 会议列席人员
 * (added v1-compatible, issue 19: the attendees of one meeting, erased together).
 */
export const PERSONAL_DATA_KINDS = ['comment', 'open_day_registration', 'meeting_attendance'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/**
 * A unit erased a citizen's name and contact (the personal-data document `refId`). Appended to the
 * subject's stream (the consultation's for a comment, the open day's for a registration) before the
 * document is deleted, so that the erasure is audited: who (envelope), which unit, when, on what
 * ground, why. Carries no personal data itself.
 */
export const personalDataErasedV1 = z.object({
  /**
   * The comment's or registration's personalDataRef: the key subject of its sealed fields (v3 events)
   * or `_id` of its personal-data document (v2 events).
   */
  refId: text(64),
  kind: z.enum(PERSONAL_DATA_KINDS),
  /** The owning unit: the consultation's or open day's. */
  unitId: unitIdSchema,
  /** consultationId or openDayId. */
  subjectId: text(64),
  /** commentId or registrationId. */
  recordId: text(64),
  legalBasis: text(300),
  reason: z.string().min(2).max(500),
  erasedOn: isoDate,
  /**
   * Why, as a category (added v1-compatible, issue 19: absent in erasures recorded before it, which were
   * all made on request): the retention period ended (the system erases), the person asked, a court ordered it.
   */
  ground: z.enum(PERSONAL_DATA_ERASURE_REASONS).optional(),
  /** Retention: the day the period ended (added v1-compatible). */
  retentionEndedOn: isoDate.optional(),
});

// ── Village and community affairs (村(居)务公开) ────────────────────────────────────────────

export const villageCommitteeRegisteredV1 = z.object({
  committeeId: unitIdSchema,
  name: text(60),
  kind: z.enum(['village', 'community']),
  townUnitId: unitIdSchema,
  /** 财务收支较多的: finances posted monthly instead of quarterly. */
  financesMonthly: z.boolean(),
});

export const villagePostingRecordedV1 = z.object({
  committeeId: unitIdSchema,
  townUnitId: unitIdSchema,
  postingId: text(64),
  category: z.enum(VILLAGE_POSTING_CATEGORIES),
  title: text(200),
  /** `2026-Q3` (quarterly), `2026-09` (monthly) or, for major matters, the date the matter arose. */
  period: text(10),
  postedOn: isoDate,
  dueOn: isoDate,
  late: z.boolean(),
  daysLate: z.number().int().min(0),
});

/**
 * Integration events of the interpretation service (topic `gongkai.interpretation`): one zod
 * schema per event type and version.
 */
export const interpretationEvents = {
  'interpretation.InterpretationLimitsConfigured': { 1: interpretationLimitsConfiguredV1 },
  'interpretation.InterpretationObligationOpened': { 1: interpretationObligationOpenedV1 },
  'interpretation.InterpretationPlanned': { 1: interpretationPlannedV1 },
  'interpretation.InterpretationMaterialAdded': { 1: interpretationMaterialAddedV1 },
  'interpretation.InterpretationSignedOff': { 1: interpretationSignedOffV1 },
  'interpretation.InterpretationPublished': { 1: interpretationPublishedV1 },
  'interpretation.ConcernRegistered': { 1: concernRegisteredV1 },
  'interpretation.ConcernAssigned': { 1: concernAssignedV1 },
  'interpretation.ConcernResponsePublished': { 1: concernResponsePublishedV1 },
  'interpretation.ParticipationCataloguePublished': { 1: participationCataloguePublishedV1 },
  'interpretation.ConsultationOpened': { 1: consultationOpenedV1 },
  'interpretation.CommentSubmitted': { 1: commentSubmittedV1, 2: commentSubmittedV2, 3: commentSubmittedV3 },
  'interpretation.CommentModerated': { 1: commentModeratedV1 },
  'interpretation.AdoptionPublished': { 1: adoptionPublishedV1 },
  'interpretation.HearingScheduled': { 1: hearingScheduledV1 },
  'interpretation.HearingMaterialsPublished': { 1: hearingMaterialsPublishedV1 },
  'interpretation.MeetingAttendanceRecorded': { 1: meetingAttendanceRecordedV1 },
  'interpretation.OpenDayAnnounced': { 1: openDayAnnouncedV1 },
  'interpretation.OpenDayRegistrationAccepted': {
    1: openDayRegistrationAcceptedV1,
    2: openDayRegistrationAcceptedV2,
    3: openDayRegistrationAcceptedV3,
  },
  'interpretation.OpenDaySummaryPublished': { 1: openDaySummaryPublishedV1 },
  'interpretation.PersonalDataErased': { 1: personalDataErasedV1 },
  'interpretation.VillageCommitteeRegistered': { 1: villageCommitteeRegisteredV1 },
  'interpretation.VillagePostingRecorded': { 1: villagePostingRecordedV1 },
} as const;

export type InterpretationLimitsConfigured = z.infer<typeof interpretationLimitsConfiguredV1>;
export type InterpretationObligationOpened = z.infer<typeof interpretationObligationOpenedV1>;
export type InterpretationPlanned = z.infer<typeof interpretationPlannedV1>;
export type InterpretationMaterialAdded = z.infer<typeof interpretationMaterialAddedV1>;
export type InterpretationSignedOff = z.infer<typeof interpretationSignedOffV1>;
export type InterpretationPublished = z.infer<typeof interpretationPublishedV1>;
export type ConcernRegistered = z.infer<typeof concernRegisteredV1>;
export type ConcernAssigned = z.infer<typeof concernAssignedV1>;
export type ConcernResponsePublished = z.infer<typeof concernResponsePublishedV1>;
export type ParticipationCataloguePublished = z.infer<typeof participationCataloguePublishedV1>;
export type ConsultationOpened = z.infer<typeof consultationOpenedV1>;
export type CommentSubmittedV1 = z.infer<typeof commentSubmittedV1>;
export type CommentSubmittedV2 = z.infer<typeof commentSubmittedV2>;
/** The current version: what projections and consumers see (v1 and v2 are upcast); its personal fields may hold tokens or placeholders. */
export type CommentSubmitted = z.infer<typeof commentSubmittedV3>;
export type CommentModerated = z.infer<typeof commentModeratedV1>;
export type AdoptionPublished = z.infer<typeof adoptionPublishedV1>;
export type HearingScheduled = z.infer<typeof hearingScheduledV1>;
export type HearingMaterialsPublished = z.infer<typeof hearingMaterialsPublishedV1>;
export type MeetingAttendanceRecorded = z.infer<typeof meetingAttendanceRecordedV1>;
export type OpenDayAnnounced = z.infer<typeof openDayAnnouncedV1>;
export type OpenDayRegistrationAcceptedV1 = z.infer<typeof openDayRegistrationAcceptedV1>;
export type OpenDayRegistrationAcceptedV2 = z.infer<typeof openDayRegistrationAcceptedV2>;
/** The current version: what projections and consumers see (v1 and v2 are upcast); its personal fields may hold tokens or placeholders. */
export type OpenDayRegistrationAccepted = z.infer<typeof openDayRegistrationAcceptedV3>;
export type OpenDaySummaryPublished = z.infer<typeof openDaySummaryPublishedV1>;
export type PersonalDataErased = z.infer<typeof personalDataErasedV1>;
export type VillageCommitteeRegistered = z.infer<typeof villageCommitteeRegisteredV1>;
export type VillagePostingRecorded = z.infer<typeof villagePostingRecordedV1>;

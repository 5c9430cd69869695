export interface Domain {
  code: string;
  name: string;
}
export interface Unit {
  unitId: string;
  name: string;
  level: string;
  kind: string;
  opennessOffice: { office: string; officerName: string; officerPhone?: string } | null;
}
export interface ItemContent {
  domainCode: string;
  firstLevel: string;
  secondLevel?: string;
  content?: string;
  legalBases: { law: string; article?: string }[];
  timeLimit?: { text: string };
  subject?: string;
  method?: string;
  channels: { channel: string; other?: string }[];
  audience?: { kind: string; detail?: string };
  level: string;
  stage?: string;
}
export interface ItemVersion {
  version: number;
  publishedAt: string;
  supersededAt: string | null;
  reason: string | null;
  content: ItemContent;
}
export interface PublicItem {
  itemId: string;
  unitId: string;
  status: string;
  content: ItemContent;
  domainName?: string;
  version: number;
  versions?: ItemVersion[];
}
export interface SearchHit {
  itemId: string;
  unitId: string;
  domainCode: string;
  name: string;
  firstLevel: string;
  matched: string[];
}
export interface PublicDocument {
  documentId: string;
  unitId: string;
  title: string;
  documentNumber: string;
  documentType: string;
  marking: string | null;
  issuedOn: string | null;
  firstPublishedOn?: string | null;
  validity?: string;
  publications?: { channel: string; url: string; publishedOn: string }[];
}
export interface Material {
  materialId: string;
  form: string;
  title: string;
  body?: string;
  reference?: string;
}
export interface Policy {
  documentId: string;
  title: string;
  documentNumber: string;
  documentType: string;
  unitId: string;
  issuedOn: string;
  interpretations: { publishedOn: string; channels: string[]; late: boolean; materials: Material[] }[];
}
export interface Consultation {
  consultationId: string;
  unitId: string;
  title: string;
  draft: string;
  kind: string;
  opensOn: string;
  closesOn: string;
  legalBasis: string;
  commentCount: number;
  comments: { commentId: string; commenter: string | null; content: string; submittedOn: string }[];
  adoption: {
    summary: string;
    commentsReceived: number;
    adopted: number;
    partlyAdopted: number;
    notAdopted: number;
    publishedOn: string;
  } | null;
  /** The revision of the consultation's stream this view reflects (detail only; compared with a command's answer). */
  revision?: number;
}
/** The statutory reply clock; `dueOn` and `remainingWorkingDays` are null while a correction is awaited (the period restarts on its arrival). */
export interface Clock {
  dueOn: string | null;
  remainingWorkingDays: number | null;
  overdue: boolean;
  nearDue: boolean;
  paused?: boolean;
  provisional?: boolean;
}
export interface RequestSummary {
  requestId: string;
  unitId: string;
  receivedOn: string;
  channel: string;
  applicantType: string;
  description: string;
  status: string;
  statusLabel: string;
  clock: Clock | null;
  category: string | null;
  closedOn: string | null;
  possibleRepeatOf: string[];
  /** Steps the case now allows because a period ran out (libs/requests/src/domain/steps-due.ts). */
  stepsDue?: string[];
}
export interface DocumentView {
  documentId: string;
  unitId: string;
  title: string;
  documentNumber: string;
  documentType: string;
  phase: string;
  attribute: string | null;
  legalBasis: string | null;
  reason: string | null;
  marking: string | null;
  needsInterpretation: boolean;
  registeredAt: string;
  /** Yearly review tasks by year (年度评估). */
  reviews?: Record<string, { status: 'open' | 'kept' | 'released'; decidedOn: string | null }>;
  /** The revision of the document's stream this view reflects (detail only; compared with a command's answer). */
  revision?: number;
}
/** `GET /api/requests/:requestId`: the requests read model (RequestView) plus the summary's clock and stage. */
export interface RequestDetail extends RequestSummary {
  applicant: {
    type: string;
    name: string;
    phone?: string;
    email?: string;
    address?: string;
    idDocument?: { kind: string; masked: string };
  };
  purpose?: string;
  preferredForm: string;
  /** The applicant's chosen way of obtaining the information (获取方式), not the recorded delivery. */
  delivery: string;
  receiptBasis?: string;
  draft?: { category: string; content: string } | null;
  stage?: { internalDueOn: string | null; overInternalLimit: boolean };
  reply: { repliedOn: string; workingDaysUsed: number; onTime: boolean } | null;
  correction: { noticeOn: string; items: string[]; correctionDueOn: string; receivedOn?: string } | null;
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
  consultations: {
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
  }[];
  investigations: {
    taskId: string;
    assistingUnitId: string;
    question: string;
    requestedOn: string;
    internalDueOn: string;
    answeredOn?: string;
    answer?: string;
  }[];
  /** Absent for cases projected before these were recorded; null until the step happens. */
  handler?: { handlerId: string; handlerName?: string; assignedOn: string } | null;
  deliveryRecord?: { deliveredOn: string; method: string; reference?: string } | null;
  archive?: { archivedOn: string; archiveNo: string } | null;
  /** The revision of the case's stream this view reflects (compared with a command's answer). */
  revision?: number;
  /** The events of the request in order (type without the `requests.` prefix, recorded at `at`). */
  history: { type: string; at: string; userId: string; unitId: string | null; role: string }[];
}

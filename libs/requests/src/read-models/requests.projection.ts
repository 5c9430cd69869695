import type { Connection } from 'mongoose';
import {
  REPLY_CATEGORY_CODES,
  type ChallengeFiled,
  type FileRef,
  type Redaction,
  type ReplyIssued,
  type EventEnvelope,
  type HoldingAgency,
  type PersonalDataErasureReason,
  type ReasonsAnswered,
  type RequestReceived,
  type ReplyCategory,
  type WithheldItem,
} from '@gongkai/contracts';
import {
  appliedRevision,
  asTyped,
  BatchedProjection,
  documentChange,
  type DocumentChange,
  type WrittenDocument,
  withoutMeta,
  type TypedEnvelope,
  viewOf,
} from '@gongkai/platform';
import { defaultWorkingDayCalendar, toShanghaiDate, type LocalDate, type WorkingDayCalendar } from '@gongkai/working-days';
import type { ReportableRequest } from '../domain/annual-report';
import type { CaseDates } from '../domain/steps-due';
import {
  CLOSED_STATUSES,
  evolveClock,
  evolveStatus,
  readClock,
  requestStreamId,
  startClock,
  type OpenRequest,
  type RequestClock,
  type RequestEvent,
} from '../domain/request';

/** The request events as the read side receives them: one typed envelope per domain event. */
export type RequestEnvelope = RequestEvent extends infer E
  ? E extends { type: infer T extends string; data: infer D }
    ? TypedEnvelope<T, D>
    : never
  : never;

/** The statistics of one unit (or the district) over a period of receipt and closing dates. */
export interface RequestStatistics {
  unitId: string;
  from: string;
  to: string;
  received: number;
  open: number;
  overdue: number;
  closed: number;
  onTimeRate: number | null;
  averageWorkingDaysToReply: number | null;
  byCategory: Partial<Record<ReplyCategory, number>>;
}

/**
 * Documents projected before the clock's inputs were stored on their own kept the decider's whole
 * state; a rebuild replaces them. Until then their clock and handler are read from there.
 */
type Legacy = { state?: Pick<OpenRequest, 'clock' | 'handlerId'> };

/** The clock's inputs of a stored request, whatever version of the document. */
export const clockInputsOf = (view: Pick<RequestView, 'clockInputs'>): RequestClock =>
  view.clockInputs ?? (view as Legacy).state?.clock ?? startClock((view as unknown as RequestView).receivedOn);

/**
 * One document per request: the statutory clock's inputs plus what the screens show. The applicant's
 * personal fields (`applicant`, `jointApplicants`: the contracts' marking) are kept as stored, sealed
 * with the applicant's key: read them only through `revealApplicant` (application/personal-data.ts).
 */
export interface RequestView {
  requestId: string;
  unitId: string;
  channel: string;
  receivedOn: string;
  applicantType: ReportableRequest['applicantType'];
  applicant: Omit<RequestReceived['applicant'], 'idDocument'> & { idDocument?: { kind: string; masked: string } };
  applicantKey: string;
  trackingCodeHash: string;
  description: string;
  preferredForm: string;
  delivery: string;
  possibleRepeatOf: string[];
  /** What the statutory clock reads from (`readClock`): start, pauses, extension, suspension for correction. */
  clockInputs: RequestClock;
  status: OpenRequest['status'];
  /** When the current stage began, for the internal time limits. */
  stageSince: string;
  category: ReplyCategory | null;
  closedOn: string | null;
  reply: {
    repliedOn: string;
    legalBasis: string;
    withheld: WithheldItem[];
    workingDaysUsed: number;
    onTime: boolean;
    /** The files published to the applicant with the reply (the redacted version where redacted). */
    files?: NonNullable<ReplyIssued['files']>;
  } | null;
  /**
   * The reply's files on the staff side, in the order attached: the original, its redacted version for
   * 部分公开 (what the applicant receives), the first download by the applicant. Absent before the first.
   */
  replyFiles?: {
    fileId: string;
    file: FileRef;
    attachedBy: string;
    redacted?: { file: FileRef; redactions: Redaction[] };
    downloadedAt?: string;
  }[];
  draft: {
    category: ReplyCategory;
    content: string;
    withheld: WithheldItem[];
    legalBasis: string;
    draftedBy?: string;
    access?: string;
    holdingAgency?: HoldingAgency;
  } | null;
  correction: {
    noticeOn: string;
    items: string[];
    correctionDueOn: string;
    receivedOn?: string;
    lateAccepted?: { by: string; reason: string };
  } | null;
  /** Absent in documents projected before they were added. */
  jointApplicants?: RequestReceived['jointApplicants'];
  /** 补录: registered after the fact, by whom and why. */
  backEntry?: RequestReceived['backEntry'];
  /** The scanned application in the file store. */
  scan?: RequestReceived['scan'];
  receiptBasis?: string;
  /** 一事一申请: the requests this application counts as (absent = 1). */
  items?: number;
  review?: { reviewedBy?: string; selfReview?: true; approved: boolean; reviewedOn: string } | null;
  /** Art. 35: the request for reasons, the answer, and the later reply date (延迟答复). */
  reasons?: { noticeOn: string; answerDueOn: string; outcome?: ReasonsAnswered['outcome']; answeredOn?: string } | null;
  deferral?: { replyByOn: string; reason: string; noticeSentOn: string } | null;
  extension: { workingDays: number; reason: string; approvedBy: string; noticeSentOn: string; newDueOn: string } | null;
  fee: {
    method: string;
    quantity: number;
    amountYuan: number;
    items?: number;
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
    /** Art. 32: the written notice of disclosure over the third party's objection. */
    disclosureNotice?: { noticeOn: string; reason: string };
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
  challenges: (ReportableRequest['challenges'][number] & {
    challengeId: string;
    body: string;
    party?: ChallengeFiled['party'];
    against?: ChallengeFiled['against'];
  })[];
  information: { informationKey: string; information: string; documentId?: string } | null;
  /** Absent in documents projected before they were added (a rebuild fills them). */
  handler?: { handlerId: string; handlerName?: string; assignedOn: string } | null;
  deliveryRecord?: { deliveredOn: string; method: string; reference?: string } | null;
  archive?: { archivedOn: string; archiveNo: string } | null;
  /** The applicant's personal data was erased: `applicant` and `jointApplicants` read 已删除 from then on. */
  personalDataErased?: { erasedOn: string; reason: PersonalDataErasureReason } | null;
  history: { type: string; at: string; userId: string; unitId: string | null; role: string }[];
  updatedAt: string;
}

/**
 * One request as the register lists it, kept in memory by the projection (ADR 0006): what it filters
 * and sorts on, and everything a register row shows, so a page is answered without reading FerretDB
 * (which scans the collection for any read but one `_id`). The dated parts of an open case are kept
 * for the steps due (`stepsDue`); a closed case has none.
 */
export interface RegisterRow extends CaseDates {
  requestId: string;
  unitId: string;
  status: RequestView['status'];
  category: ReplyCategory | null;
  applicantType: RequestView['applicantType'];
  channel: string;
  handlerId: string | null;
  handlerName: string | null;
  receivedOn: string;
  closedOn: string | null;
  backEntered: boolean;
  description: string;
  possibleRepeatOf: string[];
  /** Description and request number, lower-cased: what the text box searches (the applicant is sealed, never searched). */
  text: string;
  clockInputs: RequestClock;
  stageSince: string;
  /** What the 登记台账 (Art. 45) shows beyond the list: the export writes it from here, reading nothing from FerretDB. */
  ledger: RegisterLedger;
}

/** The register's facts of a request for the 登记台账 export; the applicant as stored (sealed: read through `revealApplicant`). */
export interface RegisterLedger extends Pick<RequestView, 'applicant' | 'applicantKey'> {
  receiptBasis: string | null;
  backEntry: { enteredBy: string; reason: string } | null;
  correction: { noticeOn: string; receivedOn?: string } | null;
  consultations: { party: string; startedOn: string; endedOn?: string }[];
  investigations: { assistingUnitId: string; requestedOn: string }[];
  extension: { workingDays: number; newDueOn: string } | null;
  reviewedOn: string | null;
  onTime: boolean | null;
  delivery: { deliveredOn: string; method: string } | null;
  archive: { archivedOn: string; archiveNo: string } | null;
}

const REGISTER_ROW_FIELDS = {
  requestId: 1,
  unitId: 1,
  status: 1,
  category: 1,
  applicantType: 1,
  channel: 1,
  handler: 1,
  receivedOn: 1,
  closedOn: 1,
  backEntry: 1,
  description: 1,
  possibleRepeatOf: 1,
  clockInputs: 1,
  state: 1,
  stageSince: 1,
  correction: 1,
  consultations: 1,
  fee: 1,
  investigations: 1,
  reasons: 1,
  applicant: 1,
  applicantKey: 1,
  receiptBasis: 1,
  extension: 1,
  review: 1,
  reply: 1,
  deliveryRecord: 1,
  archive: 1,
};

/** A stored request as a register row (the one way a row is made: on load, after each batch, for a detail's summary). */
export function registerRowOf(view: RequestView): RegisterRow {
  const open = !view.closedOn;
  return {
    requestId: view.requestId,
    unitId: view.unitId,
    status: view.status,
    category: view.category,
    applicantType: view.applicantType,
    channel: view.channel,
    handlerId: view.handler?.handlerId ?? (view as Legacy).state?.handlerId ?? null,
    handlerName: view.handler ? (view.handler.handlerName ?? view.handler.handlerId) : null,
    receivedOn: view.receivedOn,
    closedOn: view.closedOn,
    backEntered: Boolean(view.backEntry),
    description: view.description,
    possibleRepeatOf: view.possibleRepeatOf ?? [],
    text: `${view.description} ${view.requestId}`.toLowerCase(),
    clockInputs: clockInputsOf(view),
    stageSince: view.stageSince,
    correction:
      open && view.correction ? { correctionDueOn: view.correction.correctionDueOn, receivedOn: view.correction.receivedOn } : null,
    consultations: open
      ? (view.consultations ?? []).map(({ kind, endedOn, letterReceivedOn, answerDueOn }) => ({
          kind,
          endedOn,
          letterReceivedOn,
          answerDueOn,
        }))
      : [],
    fee: open && view.fee ? { payByOn: view.fee.payByOn, paidOn: view.fee.paidOn, noticeReceivedOn: view.fee.noticeReceivedOn } : null,
    investigations: open ? (view.investigations ?? []).map(({ internalDueOn, answeredOn }) => ({ internalDueOn, answeredOn })) : [],
    reasons: open && view.reasons ? { answerDueOn: view.reasons.answerDueOn, outcome: view.reasons.outcome } : null,
    ledger: {
      applicant: view.applicant,
      applicantKey: view.applicantKey,
      receiptBasis: view.receiptBasis ?? null,
      backEntry: view.backEntry ? { enteredBy: view.backEntry.enteredBy, reason: view.backEntry.reason } : null,
      correction: view.correction ? { noticeOn: view.correction.noticeOn, receivedOn: view.correction.receivedOn } : null,
      consultations: (view.consultations ?? []).map(({ party, startedOn, endedOn }) => ({ party, startedOn, endedOn })),
      investigations: (view.investigations ?? []).map(({ assistingUnitId, requestedOn }) => ({ assistingUnitId, requestedOn })),
      extension: view.extension ? { workingDays: view.extension.workingDays, newDueOn: view.extension.newDueOn } : null,
      reviewedOn: view.review?.reviewedOn ?? null,
      onTime: view.reply ? view.reply.onTime : null,
      delivery: view.deliveryRecord ? { deliveredOn: view.deliveryRecord.deliveredOn, method: view.deliveryRecord.method } : null,
      archive: view.archive ? { archivedOn: view.archive.archivedOn, archiveNo: view.archive.archiveNo } : null,
    },
  };
}

export class RequestsProjection extends BatchedProjection {
  readonly name = 'requests.requests';
  /** `tracking_codes`: a tracking code's hash → its request, so the public lookup is one `_id` read (FerretDB scans any other field). */
  readonly collections = ['requests', 'tracking_codes'];
  readonly eventTypes = [
    'requests.RequestReceived',
    'requests.CorrectionRequested',
    'requests.CorrectionReceived',
    'requests.RequestAssigned',
    'requests.RequestTransferred',
    'requests.InvestigationRequested',
    'requests.InvestigationAnswered',
    'requests.ConsultationStarted',
    'requests.ConsultationLetterReceived',
    'requests.ConsultationEnded',
    'requests.DeadlineExtended',
    'requests.FeeNoticeIssued',
    'requests.FeeNoticeReceived',
    'requests.FeePaid',
    'requests.ReplyDrafted',
    'requests.ReplyReviewed',
    'requests.ReplyIssued',
    'requests.RequestAbandoned',
    'requests.ReplyDelivered',
    'requests.RequestArchived',
    'requests.InformationLinked',
    'requests.ChallengeFiled',
    'requests.ChallengeDecided',
    'requests.ItemsCounted',
    'requests.ThirdPartyDisclosureNotified',
    'requests.ReasonsRequested',
    'requests.ReasonsAnswered',
    'requests.ReplyDeferred',
    'requests.PersonalDataErased',
    'requests.PastOutcomeRecorded',
    'requests.ReplyFileAttached',
    'requests.ReplyFileRedacted',
    'requests.ReplyFileRemoved',
    'requests.ReplyFileDownloaded',
  ];

  constructor(
    connection: Connection,
    private readonly calendar: WorkingDayCalendar = defaultWorkingDayCalendar(),
  ) {
    super(connection);
  }

  override withConnection(connection: Connection): this {
    return new RequestsProjection(connection, this.calendar) as this;
  }

  get requests() {
    return this.connection.collection('requests');
  }

  private register: Promise<Map<string, RegisterRow>> | null = null;

  /** Keeps the register's in-memory rows current with the documents just written (once loaded). */
  protected override async afterBatch(written: readonly WrittenDocument[]): Promise<void> {
    if (!this.register) return;
    const rows = await this.register;
    for (const { collection, id, document } of written) {
      if (collection !== 'requests') continue;
      if (document) rows.set(id, registerRowOf(withoutMeta(document) as unknown as RequestView));
      else rows.delete(id);
    }
  }

  /** The register's rows (what it filters and sorts on), in memory: loaded on first use, kept current by `handle` (ADR 0006). */
  async registerRows(): Promise<RegisterRow[]> {
    this.register ??= (async () => {
      // Streamed: one stored request at a time becomes its row, the whole collection is never held (issue 17).
      const rows = new Map<string, RegisterRow>();
      for await (const doc of this.requests.find({}, { projection: REGISTER_ROW_FIELDS }))
        rows.set(String(doc.requestId), registerRowOf(doc as unknown as RequestView));
      return rows;
    })().catch((error: unknown) => {
      this.register = null;
      throw error;
    });
    return [...(await this.register).values()];
  }

  /**
   * The statutory clock as the service computes it when a request is read on the day of `at`
   * (China Standard Time): due date, working days left, overdue, paused; null once closed, as in
   * the request lists. The audit `as-of` shows it as of the as-of moment, not as of today.
   */
  viewAt(_collection: string, document: Record<string, unknown>, at: Date): Record<string, unknown> {
    const view = document as unknown as RequestView & Legacy;
    if (!view.clockInputs && !view.state?.clock) return document;
    const on = toShanghaiDate(at);
    const clock = CLOSED_STATUSES.includes(view.status) ? null : readClock(this.calendar, clockInputsOf(view), on);
    return {
      ...document,
      clock: clock && {
        readOn: on,
        dueOn: clock.dueOn,
        remainingWorkingDays: clock.remainingWorkingDays,
        overdue: clock.overdue,
        paused: clock.paused,
        provisional: clock.provisional,
      },
    };
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<RequestEnvelope>(envelope);
    return [
      documentChange<RequestView>('requests', event.data.requestId, (current): RequestView | null => {
        const view = current ? (withoutMeta(current) as RequestView) : null;
        const entry = {
          type: event.type.slice('requests.'.length),
          at: event.occurredAt,
          userId: event.actor.userId,
          unitId: event.actor.unitId,
          role: event.actor.role,
        };
        if (event.type === 'requests.RequestReceived') {
          const d = event.data;
          const { idDocument, ...applicant } = d.applicant;
          return {
            requestId: d.requestId,
            unitId: d.unitId,
            channel: d.channel,
            receivedOn: d.receivedOn,
            applicantType: d.applicant.type,
            applicant: { ...applicant, ...(idDocument ? { idDocument: { kind: idDocument.kind, masked: idDocument.masked } } : {}) },
            applicantKey: d.applicantKey,
            trackingCodeHash: d.trackingCodeHash,
            description: d.description,
            preferredForm: d.preferredForm,
            delivery: d.delivery,
            possibleRepeatOf: d.possibleRepeatOf,
            ...(d.jointApplicants ? { jointApplicants: d.jointApplicants } : {}),
            ...(d.backEntry ? { backEntry: d.backEntry } : {}),
            ...(d.scan ? { scan: d.scan } : {}),
            receiptBasis: d.receiptBasis,
            clockInputs: startClock(d.receivedOn),
            status: 'registered',
            stageSince: d.receivedOn,
            category: null,
            closedOn: null,
            reply: null,
            draft: null,
            correction: null,
            extension: null,
            fee: null,
            consultations: [],
            investigations: [],
            challenges: [],
            information: null,
            handler: null,
            deliveryRecord: null,
            archive: null,
            history: [entry],
            updatedAt: event.occurredAt,
          };
        }
        if (!view) return null;
        const { state: _legacy, ...kept } = view as RequestView & Legacy;
        const handlerId = view.handler !== undefined ? (view.handler?.handlerId ?? null) : ((view as Legacy).state?.handlerId ?? null);
        const status = evolveStatus({ status: view.status, handlerId }, event);
        const next: RequestView = {
          ...kept,
          clockInputs: evolveClock(clockInputsOf(view), event),
          status,
          stageSince: status !== view.status ? toShanghaiDate(event.occurredAt) : view.stageSince,
          history: [...view.history, entry],
          updatedAt: event.occurredAt,
        };
        const e = event;
        switch (e.type) {
          case 'requests.RequestAssigned': {
            const { handlerId, handlerName, assignedOn } = e.data;
            return { ...next, handler: { handlerId, ...(handlerName ? { handlerName } : {}), assignedOn } };
          }
          case 'requests.RequestTransferred':
            // The receiving unit assigns its own handler.
            return { ...next, unitId: e.data.toUnitId, handler: null };
          case 'requests.ReplyDelivered': {
            const { deliveredOn, method, reference } = e.data;
            return { ...next, deliveryRecord: { deliveredOn, method, ...(reference ? { reference } : {}) } };
          }
          case 'requests.RequestArchived':
            return { ...next, archive: { archivedOn: e.data.archivedOn, archiveNo: e.data.archiveNo } };
          case 'requests.CorrectionRequested':
            return { ...next, correction: { noticeOn: e.data.noticeOn, items: e.data.items, correctionDueOn: e.data.correctionDueOn } };
          case 'requests.CorrectionReceived':
            return {
              ...next,
              correction: view.correction && {
                ...view.correction,
                receivedOn: e.data.receivedOn,
                ...(e.data.lateAccepted ? { lateAccepted: e.data.lateAccepted } : {}),
              },
            };
          case 'requests.InvestigationRequested': {
            const { requestId: _r, unitId: _u, ...task } = e.data;
            return { ...next, investigations: [...view.investigations, task] };
          }
          case 'requests.InvestigationAnswered':
            return {
              ...next,
              investigations: view.investigations.map((t) =>
                t.taskId === e.data.taskId ? { ...t, answeredOn: e.data.answeredOn, answer: e.data.answer } : t,
              ),
            };
          case 'requests.ConsultationStarted': {
            const { requestId: _r, unitId: _u, ...consultation } = e.data;
            return { ...next, consultations: [...view.consultations, consultation] };
          }
          case 'requests.ConsultationLetterReceived':
            return {
              ...next,
              consultations: view.consultations.map((c) =>
                c.consultationId === e.data.consultationId
                  ? { ...c, letterReceivedOn: e.data.receivedOn, answerDueOn: e.data.answerDueOn }
                  : c,
              ),
            };
          case 'requests.ConsultationEnded':
            return {
              ...next,
              consultations: view.consultations.map((c) =>
                c.consultationId === e.data.consultationId
                  ? { ...c, endedOn: e.data.endedOn, outcome: e.data.outcome, ...(e.data.answer ? { answer: e.data.answer } : {}) }
                  : c,
              ),
            };
          case 'requests.DeadlineExtended': {
            const { workingDays, reason, approvedBy, noticeSentOn, newDueOn } = e.data;
            return { ...next, extension: { workingDays, reason, approvedBy, noticeSentOn, newDueOn } };
          }
          case 'requests.FeeNoticeIssued': {
            const { method, quantity, amountYuan, noticeOn, payByOn, items } = e.data;
            return { ...next, fee: { method, quantity, amountYuan, noticeOn, payByOn, ...(items ? { items } : {}) } };
          }
          case 'requests.FeeNoticeReceived':
            return { ...next, fee: view.fee && { ...view.fee, noticeReceivedOn: e.data.receivedOn, payByOn: e.data.payByOn } };
          case 'requests.FeePaid':
            return { ...next, fee: view.fee && { ...view.fee, paidOn: e.data.paidOn } };
          case 'requests.ReplyDrafted': {
            const { requestId: _r, unitId: _u, ...draft } = e.data;
            return { ...next, draft };
          }
          case 'requests.ReplyReviewed': {
            const { reviewedBy, selfReview, approved, reviewedOn } = e.data;
            return {
              ...next,
              review: { approved, reviewedOn, ...(reviewedBy ? { reviewedBy } : {}), ...(selfReview ? { selfReview } : {}) },
            };
          }
          case 'requests.ItemsCounted':
            return { ...next, items: e.data.items };
          case 'requests.ThirdPartyDisclosureNotified':
            return {
              ...next,
              consultations: view.consultations.map((c) =>
                c.consultationId === e.data.consultationId
                  ? { ...c, disclosureNotice: { noticeOn: e.data.noticeOn, reason: e.data.reason } }
                  : c,
              ),
            };
          case 'requests.ReasonsRequested':
            return { ...next, reasons: { noticeOn: e.data.noticeOn, answerDueOn: e.data.answerDueOn } };
          case 'requests.ReasonsAnswered':
            return { ...next, reasons: view.reasons && { ...view.reasons, outcome: e.data.outcome, answeredOn: e.data.answeredOn } };
          case 'requests.PersonalDataErased':
            return { ...next, personalDataErased: { erasedOn: e.data.erasedOn, reason: e.data.reason } };
          case 'requests.ReplyDeferred': {
            const { replyByOn, reason, noticeSentOn } = e.data;
            return { ...next, deferral: { replyByOn, reason, noticeSentOn } };
          }
          case 'requests.ReplyIssued': {
            const { repliedOn, legalBasis, withheld, workingDaysUsed, onTime, files } = e.data;
            return {
              ...next,
              category: e.data.category,
              closedOn: repliedOn,
              reply: { repliedOn, legalBasis, withheld, workingDaysUsed, onTime, ...(files ? { files } : {}) },
            };
          }
          case 'requests.ReplyFileAttached': {
            const { fileId, file, attachedBy } = e.data;
            return { ...next, replyFiles: [...(view.replyFiles ?? []), { fileId, file, attachedBy }] };
          }
          case 'requests.ReplyFileRedacted': {
            const redacted = { file: e.data.file, redactions: e.data.redactions };
            return { ...next, replyFiles: (view.replyFiles ?? []).map((f) => (f.fileId === e.data.fileId ? { ...f, redacted } : f)) };
          }
          case 'requests.ReplyFileRemoved':
            return { ...next, replyFiles: (view.replyFiles ?? []).filter((f) => f.fileId !== e.data.fileId) };
          case 'requests.ReplyFileDownloaded': {
            const downloadedAt = e.data.downloadedAt;
            return { ...next, replyFiles: (view.replyFiles ?? []).map((f) => (f.fileId === e.data.fileId ? { ...f, downloadedAt } : f)) };
          }
          case 'requests.RequestAbandoned':
            return { ...next, category: e.data.category, closedOn: e.data.abandonedOn };
          case 'requests.PastOutcomeRecorded':
            return { ...next, category: e.data.category, closedOn: e.data.closedOn };
          case 'requests.InformationLinked': {
            const { informationKey, information, documentId } = e.data;
            return { ...next, information: { informationKey, information, ...(documentId ? { documentId } : {}) } };
          }
          case 'requests.ChallengeFiled': {
            const { challengeId, kind, filedOn, body, party, against } = e.data;
            const who = { ...(party ? { party } : {}), ...(against ? { against } : {}) };
            return {
              ...next,
              challenges: [...view.challenges, { challengeId, kind, filedOn, body, ...who, outcome: null, decidedOn: null }],
            };
          }
          case 'requests.ChallengeDecided':
            return {
              ...next,
              challenges: view.challenges.map((c) =>
                c.challengeId === e.data.challengeId ? { ...c, outcome: e.data.outcome, decidedOn: e.data.decidedOn } : c,
              ),
            };
          default:
            return next;
        }
      }),
      ...(envelope.type === 'requests.RequestReceived'
        ? [
            documentChange<{ requestId: string }>('tracking_codes', String(envelope.data.trackingCodeHash), () => ({
              requestId: String(envelope.data.requestId),
            })),
          ]
        : []),
    ];
  }

  private strip(doc: Record<string, unknown> | null): RequestView | null {
    if (!doc) return null;
    return viewOf<RequestView>(doc);
  }

  /** The case with the revision of its stream it reflects (see `appliedRevision`). */
  async get(requestId: string): Promise<(RequestView & { revision: number }) | null> {
    const doc = await this.requests.findOne({ _id: requestId as never });
    return doc && { ...viewOf<RequestView>(doc), revision: appliedRevision(doc, requestStreamId(requestId)) };
  }

  /**
   * The applicant's requests to a unit, oldest first (the possible repeats of a new one): from the
   * register's in-memory rows once they are loaded, else one query of just these fields (FerretDB scans
   * the collection for it, ADR 0006), so that registering never waits for the register's first load.
   */
  async applicantRequests(
    applicantKey: string,
    unitId: string,
  ): Promise<Pick<RegisterRow, 'requestId' | 'description' | 'closedOn' | 'receivedOn'>[]> {
    if (this.register) {
      const rows = [...(await this.register).values()].filter((row) => row.ledger.applicantKey === applicantKey && row.unitId === unitId);
      return rows.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.requestId.localeCompare(b.requestId));
    }
    const docs = await this.requests
      .find(
        { applicantKey, unitId },
        { projection: { requestId: 1, description: 1, closedOn: 1, receivedOn: 1 }, sort: { receivedOn: 1, requestId: 1 } },
      )
      .toArray();
    return docs.map((d) => ({
      requestId: String(d.requestId),
      description: String(d.description),
      closedOn: (d.closedOn as string | null) ?? null,
      receivedOn: String(d.receivedOn),
    }));
  }

  /**
   * 按件计收 (109号 Art. 4): the position of this request's first item among the same applicant's
   * requests received in its natural month AT THE CHARGING AGENCY (the unit handling it now), an
   * application counted item by item (一事一申请) counting as its items. 1 for the first. Null when the
   * request is not projected yet. As eventually consistent as the read model: a request received
   * moments before may not be counted yet.
   */
  async positionInMonth(requestId: string): Promise<number | null> {
    const self = await this.get(requestId);
    if (!self) return null;
    const month = self.receivedOn.slice(0, 7);
    const mine = (await this.find({ applicantKey: self.applicantKey, unitId: self.unitId })).filter((r) => r.receivedOn.startsWith(month));
    const before = mine.slice(
      0,
      mine.findIndex((r) => r.requestId === requestId),
    );
    return 1 + before.reduce((n, r) => n + (r.items ?? 1), 0);
  }

  /** Received, open, overdue (on `today`), closed in the period; on-time rate and average working days of the replies. */
  async statistics(unitId: string | undefined, from: string, to: string, today: LocalDate): Promise<RequestStatistics> {
    const docs = await this.find(unitId ? { unitId } : {});
    const received = docs.filter((r) => r.receivedOn >= from && r.receivedOn <= to);
    const closed = docs.filter((r) => r.closedOn && r.closedOn >= from && r.closedOn <= to);
    const replied = closed.filter((r) => r.reply);
    const open = docs.filter((r) => !r.closedOn);
    const overdue = open.filter((r) => readClock(this.calendar, clockInputsOf(r), today).overdue);
    const byCategory = Object.fromEntries(
      REPLY_CATEGORY_CODES.map((c) => [c, closed.filter((r) => r.category === c).length]).filter(([, n]) => n),
    );
    return {
      unitId: unitId ?? 'district',
      from,
      to,
      received: received.length,
      open: open.length,
      overdue: overdue.length,
      closed: closed.length,
      onTimeRate: replied.length ? replied.filter((r) => r.reply?.onTime).length / replied.length : null,
      averageWorkingDaysToReply: replied.length ? replied.reduce((s, r) => s + (r.reply?.workingDaysUsed ?? 0), 0) / replied.length : null,
      byCategory,
    };
  }

  /** Until a rebuild has linked every request projected before `tracking_codes` existed, a code without a link is also searched for. */
  private trackingLinked: { complete: boolean; checkedAt: number } | null = null;

  async byTrackingHash(hash: string): Promise<RequestView | null> {
    const link = await this.connection.collection<{ _id: string; requestId: string }>('tracking_codes').findOne({ _id: hash });
    if (link) return this.strip(await this.requests.findOne({ _id: link.requestId as never }));
    if (await this.trackingLinksComplete()) return null;
    return this.strip(await this.requests.findOne({ trackingCodeHash: hash }));
  }

  /** Whether every request has its tracking link (checked at most once a minute until it is; it stays so). */
  private async trackingLinksComplete(): Promise<boolean> {
    const now = Date.now();
    if (this.trackingLinked && (this.trackingLinked.complete || now - this.trackingLinked.checkedAt < 60_000))
      return this.trackingLinked.complete;
    const [links, requests] = await Promise.all([
      this.connection.collection('tracking_codes').countDocuments(),
      this.requests.countDocuments(),
    ]);
    this.trackingLinked = { complete: links >= requests, checkedAt: now };
    return this.trackingLinked.complete;
  }

  async find(filter: Record<string, unknown>): Promise<RequestView[]> {
    const docs = await this.requests.find(filter, { sort: { receivedOn: 1, requestId: 1 } }).toArray();
    return docs.map((d) => this.strip(d)).filter((v): v is RequestView => v !== null);
  }
}

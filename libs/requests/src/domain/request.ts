import type {
  ChallengeDecided,
  ChallengeFiled,
  ConsultationEnded,
  ConsultationLetterReceived,
  ConsultationStarted,
  CorrectionReceived,
  CorrectionRequested,
  DeadlineExtended,
  FeeNoticeIssued,
  FeeNoticeReceived,
  FeePaid,
  InformationLinked,
  InvestigationAnswered,
  InvestigationRequested,
  ApplicantDataErased,
  ItemsCounted,
  ReasonsAnswered,
  ReasonsRequested,
  ReplyDeferred,
  ThirdPartyDisclosureNotified,
  ReplyCategory,
  ReplyDelivered,
  ReplyDrafted,
  ReplyFileAttached,
  ReplyFileDownloaded,
  ReplyFileRedacted,
  ReplyFileRemoved,
  FileRef,
  Redaction,
  ReplyIssued,
  ReplyReviewed,
  RequestAbandoned,
  PastOutcomeRecorded,
  RequestArchived,
  RequestAssigned,
  RequestReceived,
  RequestTransferred,
  WithheldItem,
} from '@gongkai/contracts';
import { DomainError, type DomainEvent } from '@gongkai/platform/domain';
import type { LocalDate, PauseInterval, WorkingDayCalendar } from '@gongkai/working-days';

/** A disclosure request (依申请公开) from intake to archive. */
export type RequestEvent =
  | DomainEvent<'requests.RequestReceived', RequestReceived>
  | DomainEvent<'requests.CorrectionRequested', CorrectionRequested>
  | DomainEvent<'requests.CorrectionReceived', CorrectionReceived>
  | DomainEvent<'requests.RequestAssigned', RequestAssigned>
  | DomainEvent<'requests.RequestTransferred', RequestTransferred>
  | DomainEvent<'requests.InvestigationRequested', InvestigationRequested>
  | DomainEvent<'requests.InvestigationAnswered', InvestigationAnswered>
  | DomainEvent<'requests.ConsultationStarted', ConsultationStarted>
  | DomainEvent<'requests.ConsultationLetterReceived', ConsultationLetterReceived>
  | DomainEvent<'requests.ConsultationEnded', ConsultationEnded>
  | DomainEvent<'requests.DeadlineExtended', DeadlineExtended>
  | DomainEvent<'requests.FeeNoticeIssued', FeeNoticeIssued>
  | DomainEvent<'requests.FeeNoticeReceived', FeeNoticeReceived>
  | DomainEvent<'requests.FeePaid', FeePaid>
  | DomainEvent<'requests.ReplyDrafted', ReplyDrafted>
  | DomainEvent<'requests.ReplyReviewed', ReplyReviewed>
  | DomainEvent<'requests.ReplyIssued', ReplyIssued>
  | DomainEvent<'requests.RequestAbandoned', RequestAbandoned>
  | DomainEvent<'requests.PastOutcomeRecorded', PastOutcomeRecorded>
  | DomainEvent<'requests.ReplyDelivered', ReplyDelivered>
  | DomainEvent<'requests.RequestArchived', RequestArchived>
  | DomainEvent<'requests.InformationLinked', InformationLinked>
  | DomainEvent<'requests.ChallengeFiled', ChallengeFiled>
  | DomainEvent<'requests.ChallengeDecided', ChallengeDecided>
  | DomainEvent<'requests.ItemsCounted', ItemsCounted>
  | DomainEvent<'requests.ThirdPartyDisclosureNotified', ThirdPartyDisclosureNotified>
  | DomainEvent<'requests.ReasonsRequested', ReasonsRequested>
  | DomainEvent<'requests.ReasonsAnswered', ReasonsAnswered>
  | DomainEvent<'requests.ReplyDeferred', ReplyDeferred>
  | DomainEvent<'requests.PersonalDataErased', ApplicantDataErased>
  | DomainEvent<'requests.ReplyFileAttached', ReplyFileAttached>
  | DomainEvent<'requests.ReplyFileRedacted', ReplyFileRedacted>
  | DomainEvent<'requests.ReplyFileRemoved', ReplyFileRemoved>
  | DomainEvent<'requests.ReplyFileDownloaded', ReplyFileDownloaded>;

export type RequestStatus =
  'registered' | 'awaiting_correction' | 'in_progress' | 'under_review' | 'approved' | 'replied' | 'delivered' | 'archived' | 'abandoned';

/** Reply statutory limit (Art. 33): 20 working days from receipt, day of receipt not counted. */
export const REPLY_WORKING_DAYS = 20;
export const MAX_EXTENSION_WORKING_DAYS = 20;
export const CORRECTION_NOTICE_WORKING_DAYS = 7;
export const THIRD_PARTY_WORKING_DAYS = 15;
export const FEE_PAYMENT_WORKING_DAYS = 20;

/** The statutory clock, everything the due date depends on. Pure data, folded from events. */
export interface RequestClock {
  /** The receipt date, or the day the corrected request arrived (restart). */
  startedOn: LocalDate;
  /** Consultations and (by setting) fee periods; `to: null` while still running. */
  pauses: { id: string; from: LocalDate; to: LocalDate | null }[];
  extensionDays: number;
  /** While a correction is awaited the clock does not run (it restarts on arrival). */
  suspendedForCorrection: boolean;
  /** Art. 35: reasons accepted, a reasonable later reply date set and notified (延迟答复); it replaces the statutory date. */
  deferredTo?: LocalDate;
}

export interface OpenRequest {
  status: RequestStatus;
  requestId: string;
  unitId: string;
  receivedOn: LocalDate;
  applicantKey: string;
  clock: RequestClock;
  correction: { noticeOn: LocalDate; dueOn: LocalDate; receivedOn: LocalDate | null } | null;
  handlerId: string | null;
  investigations: Record<string, { answered: boolean }>;
  /** `startedOn` is when the letter went out; `letterReceivedOn` when its addressee got it, once recorded. */
  consultations: Record<
    string,
    {
      open: boolean;
      kind: string;
      party: string;
      startedOn: LocalDate;
      letterReceivedOn: LocalDate | null;
      answerDueOn: LocalDate | null;
      /** What the party answered, once ended; `notified`: the Art. 32 notice of disclosure over its objection went out. */
      answer?: string;
      notified?: boolean;
    }
  >;
  /** `noticeReceivedOn`: when the applicant received the notice, once recorded; the payment period runs from it. */
  fee: {
    method: 'per_request' | 'per_page';
    amountYuan: number;
    noticeOn: LocalDate;
    noticeReceivedOn: LocalDate | null;
    payByOn: LocalDate;
    paid: boolean;
  } | null;
  draft: { category: ReplyCategory; withheld: WithheldItem[]; legalBasis: string; draftedBy: string | null } | null;
  /** 一事一申请: how many requests the application counts as (1 unless split). */
  items: number;
  /** Art. 35: the request for reasons and the applicant's answer. */
  reasons: { noticeOn: LocalDate; answerDueOn: LocalDate; outcome: ReasonsAnswered['outcome'] | null } | null;
  reply: { category: ReplyCategory; closedOn: LocalDate } | null;
  /** 补录: registered after the fact (its past outcome may then be recorded). Absent in states folded before it. */
  backEntered?: boolean;
  challenges: Record<string, { decided: boolean; kind: string }>;
  /** The applicant's personal data was erased (its key shredded): recorded once per request. */
  personalDataErased?: true;
  /** The files the reply supplies, in the order attached (absent before the first). */
  replyFiles?: ReplyFileState[];
}

/** A file of the reply: the original (staff side only once redacted), its redacted version for 部分公开, whether the applicant has downloaded it. */
export interface ReplyFileState {
  fileId: string;
  file: FileRef;
  redacted: { file: FileRef; redactions: Redaction[] } | null;
  downloaded: boolean;
}

export type RequestState = { status: 'none' } | OpenRequest;

export const initialRequestState: RequestState = { status: 'none' };

const date = (value: string) => value as LocalDate;

export function evolveRequest(state: RequestState, event: RequestEvent): RequestState {
  if (event.type === 'requests.RequestReceived') {
    const d = event.data;
    return {
      status: 'registered',
      requestId: d.requestId,
      unitId: d.unitId,
      receivedOn: date(d.receivedOn),
      applicantKey: d.applicantKey,
      clock: startClock(d.receivedOn),
      correction: null,
      handlerId: null,
      investigations: {},
      consultations: {},
      fee: null,
      draft: null,
      reply: null,
      challenges: {},
      items: 1,
      reasons: null,
      ...(d.backEntry ? { backEntered: true } : {}),
    };
  }
  if (state.status === 'none') return state;
  const s = { ...state, status: evolveStatus(state, event), clock: evolveClock(state.clock, event) };
  switch (event.type) {
    case 'requests.CorrectionRequested':
      return { ...s, correction: { noticeOn: date(event.data.noticeOn), dueOn: date(event.data.correctionDueOn), receivedOn: null } };
    case 'requests.CorrectionReceived':
      return { ...s, correction: s.correction && { ...s.correction, receivedOn: date(event.data.receivedOn) } };
    case 'requests.RequestAssigned':
      return { ...s, handlerId: event.data.handlerId };
    case 'requests.RequestTransferred':
      return { ...s, unitId: event.data.toUnitId, handlerId: null };
    case 'requests.InvestigationRequested':
      return { ...s, investigations: { ...s.investigations, [event.data.taskId]: { answered: false } } };
    case 'requests.InvestigationAnswered':
      return { ...s, investigations: { ...s.investigations, [event.data.taskId]: { answered: true } } };
    case 'requests.ConsultationStarted':
      return {
        ...s,
        consultations: {
          ...s.consultations,
          [event.data.consultationId]: {
            open: true,
            kind: event.data.kind,
            party: event.data.party,
            startedOn: date(event.data.startedOn),
            letterReceivedOn: null,
            answerDueOn: event.data.answerDueOn ? date(event.data.answerDueOn) : null,
          },
        },
      };
    case 'requests.ConsultationLetterReceived':
      return {
        ...s,
        consultations: {
          ...s.consultations,
          [event.data.consultationId]: {
            ...s.consultations[event.data.consultationId],
            letterReceivedOn: date(event.data.receivedOn),
            answerDueOn: date(event.data.answerDueOn),
          },
        },
      };
    case 'requests.ConsultationEnded':
      return {
        ...s,
        consultations: {
          ...s.consultations,
          [event.data.consultationId]: { ...s.consultations[event.data.consultationId], open: false, answer: event.data.answer },
        },
      };
    case 'requests.FeeNoticeIssued':
      return {
        ...s,
        fee: {
          method: event.data.method,
          amountYuan: event.data.amountYuan,
          noticeOn: date(event.data.noticeOn),
          noticeReceivedOn: null,
          payByOn: date(event.data.payByOn),
          paid: false,
        },
      };
    case 'requests.FeeNoticeReceived':
      return { ...s, fee: s.fee && { ...s.fee, noticeReceivedOn: date(event.data.receivedOn), payByOn: date(event.data.payByOn) } };
    case 'requests.FeePaid':
      return { ...s, fee: s.fee && { ...s.fee, paid: true } };
    case 'requests.ReplyDrafted':
      return {
        ...s,
        draft: {
          category: event.data.category,
          withheld: event.data.withheld,
          legalBasis: event.data.legalBasis,
          draftedBy: event.data.draftedBy ?? null,
        },
      };
    case 'requests.ReplyIssued':
      return { ...s, reply: { category: event.data.category, closedOn: date(event.data.repliedOn) } };
    case 'requests.RequestAbandoned':
      return { ...s, reply: { category: event.data.category, closedOn: date(event.data.abandonedOn) } };
    case 'requests.PastOutcomeRecorded':
      return { ...s, reply: { category: event.data.category, closedOn: date(event.data.closedOn) } };
    case 'requests.ChallengeFiled':
      return { ...s, challenges: { ...s.challenges, [event.data.challengeId]: { decided: false, kind: event.data.kind } } };
    case 'requests.ChallengeDecided':
      return {
        ...s,
        challenges: { ...s.challenges, [event.data.challengeId]: { ...s.challenges[event.data.challengeId], decided: true } },
      };
    case 'requests.ItemsCounted':
      return { ...s, items: event.data.items };
    case 'requests.ThirdPartyDisclosureNotified':
      return {
        ...s,
        consultations: {
          ...s.consultations,
          [event.data.consultationId]: { ...s.consultations[event.data.consultationId], notified: true },
        },
      };
    case 'requests.ReasonsRequested':
      return { ...s, reasons: { noticeOn: date(event.data.noticeOn), answerDueOn: date(event.data.answerDueOn), outcome: null } };
    case 'requests.ReasonsAnswered':
      return { ...s, reasons: s.reasons && { ...s.reasons, outcome: event.data.outcome } };
    case 'requests.PersonalDataErased':
      return { ...s, personalDataErased: true };
    case 'requests.ReplyFileAttached':
      return {
        ...s,
        replyFiles: [...(s.replyFiles ?? []), { fileId: event.data.fileId, file: event.data.file, redacted: null, downloaded: false }],
      };
    case 'requests.ReplyFileRedacted': {
      const redacted = { file: event.data.file, redactions: event.data.redactions };
      return { ...s, replyFiles: (s.replyFiles ?? []).map((f) => (f.fileId === event.data.fileId ? { ...f, redacted } : f)) };
    }
    case 'requests.ReplyFileRemoved':
      return { ...s, replyFiles: (s.replyFiles ?? []).filter((f) => f.fileId !== event.data.fileId) };
    case 'requests.ReplyFileDownloaded':
      return { ...s, replyFiles: (s.replyFiles ?? []).map((f) => (f.fileId === event.data.fileId ? { ...f, downloaded: true } : f)) };
    default:
      return s;
  }
}

/** The clock as a request is received: it runs from the receipt date (Art. 31), unpaused, unextended. */
export const startClock = (receivedOn: string): RequestClock => ({
  startedOn: date(receivedOn),
  pauses: [],
  extensionDays: 0,
  suspendedForCorrection: false,
});

/**
 * The statutory clock after an event: what the due date depends on. The decider's state and the
 * requests read model both keep it through this one function.
 */
export function evolveClock(clock: RequestClock, event: RequestEvent): RequestClock {
  switch (event.type) {
    case 'requests.RequestReceived':
      return startClock(event.data.receivedOn);
    case 'requests.CorrectionRequested':
      return { ...clock, suspendedForCorrection: true };
    case 'requests.CorrectionReceived':
      // Art. 30: the period restarts from the day the corrected request arrives.
      return { ...clock, startedOn: date(event.data.receivedOn), pauses: [], suspendedForCorrection: false };
    case 'requests.ConsultationStarted':
      return { ...clock, pauses: [...clock.pauses, { id: event.data.consultationId, from: date(event.data.startedOn), to: null }] };
    case 'requests.ConsultationEnded':
      return { ...clock, pauses: closePause(clock.pauses, event.data.consultationId, date(event.data.endedOn)) };
    case 'requests.DeadlineExtended':
      return { ...clock, extensionDays: clock.extensionDays + event.data.workingDays };
    case 'requests.FeeNoticeIssued':
      return event.data.pausesClock
        ? { ...clock, pauses: [...clock.pauses, { id: 'fee', from: date(event.data.noticeOn), to: null }] }
        : clock;
    case 'requests.FeePaid':
      return { ...clock, pauses: closePause(clock.pauses, 'fee', date(event.data.paidOn)) };
    case 'requests.ReplyDeferred':
      return { ...clock, deferredTo: date(event.data.replyByOn) };
    default:
      return clock;
  }
}

/**
 * The status after an event, from the status before and whether a handler is assigned (a corrected
 * request goes back to its handler). The decider's state and the requests read model share it.
 */
export function evolveStatus(current: { status: RequestStatus; handlerId: string | null }, event: RequestEvent): RequestStatus {
  const { status } = current;
  switch (event.type) {
    case 'requests.RequestReceived':
      return 'registered';
    case 'requests.CorrectionRequested':
      return 'awaiting_correction';
    case 'requests.CorrectionReceived':
      return current.handlerId ? 'in_progress' : 'registered';
    case 'requests.RequestAssigned':
      return status === 'registered' ? 'in_progress' : status;
    case 'requests.RequestTransferred':
      return status === 'in_progress' ? 'registered' : status;
    case 'requests.ReplyDrafted':
      return 'under_review';
    case 'requests.ReplyReviewed':
      return event.data.approved ? 'approved' : 'in_progress';
    case 'requests.ReplyIssued':
      return 'replied';
    case 'requests.RequestAbandoned':
      return 'abandoned';
    case 'requests.PastOutcomeRecorded':
      return event.data.category.startsWith('other.') ? 'abandoned' : 'replied';
    case 'requests.ReplyDelivered':
      return 'delivered';
    case 'requests.RequestArchived':
      return 'archived';
    default:
      return status;
  }
}

const closePause = (pauses: RequestClock['pauses'], id: string, to: LocalDate) =>
  pauses.map((p) => (p.id === id && p.to === null ? { ...p, to } : p));

/** The pauses as the calendar takes them: a running pause is closed at `today`. */
export function pausesAsOf(clock: RequestClock, today: LocalDate): PauseInterval[] {
  return clock.pauses.map((p) => ({ from: p.from, to: p.to ?? (today < p.from ? p.from : today) }));
}

/**
 * The statutory due date as of `today` (a running pause is assumed to end today, so the date moves
 * while a consultation runs). Null while a correction is awaited: the clock restarts on arrival.
 * A DomainError when the date lies past the years the calendar covers (a refusal, not a crash).
 */
export function dueDate(calendar: WorkingDayCalendar, clock: RequestClock, today: LocalDate): LocalDate | null | DomainError {
  if (clock.suspendedForCorrection) return null;
  if (clock.deferredTo) return clock.deferredTo;
  return calendar.addWorkingDaysChecked(clock.startedOn, REPLY_WORKING_DAYS + clock.extensionDays, {
    pauses: pausesAsOf(clock, today),
  });
}

/** Working days used from the clock's start to `on` (start day not counted, pauses excluded). */
export function workingDaysUsed(calendar: WorkingDayCalendar, clock: RequestClock, on: LocalDate): number | DomainError {
  return calendar.workingDaysBetweenChecked(clock.startedOn, on, { pauses: pausesAsOf(clock, on) });
}

/**
 * The due date the clock events publish (`dueOn`): null while a pause runs (the date still moves)
 * or a correction is awaited; otherwise `dueDate`, which then no longer depends on `today`.
 */
export function publishedDueOn(calendar: WorkingDayCalendar, clock: RequestClock, today: LocalDate): LocalDate | null | DomainError {
  if (clock.suspendedForCorrection || clock.pauses.some((p) => p.to === null)) return null;
  return dueDate(calendar, clock, today);
}

export interface ClockReading {
  dueOn: LocalDate | null;
  /** Working days left (negative when overdue); null while the clock is stopped for correction. */
  remainingWorkingDays: number | null;
  overdue: boolean;
  nearDue: boolean;
  paused: boolean;
  /** The due date falls in a year whose holiday arrangement is not yet published: it may still move. */
  provisional: boolean;
}

/** The clock as the read side shows it on `today`. Throws past the calendar's years, as the calendar does. */
export function readClock(calendar: WorkingDayCalendar, clock: RequestClock, today: LocalDate, nearDueDays = 3): ClockReading {
  const dueOn = orThrow(dueDate(calendar, clock, today));
  const paused = clock.pauses.some((p) => p.to === null);
  if (!dueOn) return { dueOn, remainingWorkingDays: null, overdue: false, nearDue: false, paused: true, provisional: false };
  const remaining = orThrow(calendar.workingDaysBetweenChecked(today, dueOn, { pauses: pausesAsOf(clock, today) }));
  const overdue = today > dueOn;
  return {
    dueOn,
    remainingWorkingDays: remaining,
    overdue,
    nearDue: !overdue && remaining <= nearDueDays,
    paused,
    provisional: calendar.isProvisional(dueOn),
  };
}

const orThrow = <T>(value: T | DomainError): T => {
  if (value instanceof DomainError) throw value;
  return value;
};

export const requestStreamId = (requestId: string) => `requests.request-${requestId}`;
export const CLOSED_STATUSES: readonly RequestStatus[] = ['replied', 'delivered', 'archived', 'abandoned'];

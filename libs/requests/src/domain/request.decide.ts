import { REQUEST_DEADLINE_EVENT_TYPES } from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import type { LocalDate, WorkingDayCalendar } from '@gongkai/working-days';
import { evolveRequest, initialRequestState, publishedDueOn, type RequestEvent, type RequestState } from './request';
import { closed, isClosed, notFound, type Decision, type RequestCommand } from './request.commands';
import {
  abandonForNonPayment,
  answerInvestigation,
  countItems,
  deferReply,
  endConsultation,
  extendDeadline,
  issueFeeNotice,
  notifyThirdPartyDisclosure,
  recordConsultationLetterReceipt,
  recordFeeNoticeReceipt,
  recordFeePayment,
  recordReasons,
  requestInvestigation,
  requestReasons,
  startConsultation,
} from './request.handling';
import {
  abandonForNoCorrection,
  assignRequest,
  receiveCorrection,
  receiveRequest,
  requestCorrection,
  transferRequest,
} from './request.intake';
import { erasePersonalData } from './request.erasure';
import { attachReplyFile, recordReplyFileDownload, redactReplyFile, removeReplyFile } from './request.files';
import {
  archiveRequest,
  decideChallenge,
  draftReply,
  fileChallenge,
  issueReply,
  linkInformation,
  recordDelivery,
  recordPastOutcome,
  reviewReply,
} from './request.reply';

export {
  MAX_RECEIPT_AGE_DAYS,
  STATUS_LABELS,
  type IssueFeeNotice,
  type ReceiveRequest,
  type RequestCommand,
  type ReviewReply,
} from './request.commands';

/** The events that set or move the statutory deadline: each publishes the due date it leaves (`dueOn`). */
export const CLOCK_EVENT_TYPES: ReadonlySet<RequestEvent['type']> = new Set<RequestEvent['type']>(REQUEST_DEADLINE_EVENT_TYPES);

/** What may still be recorded once a request is closed: delivery, archive, the Art. 44 link, challenges. */
const AFTER_CLOSE: ReadonlySet<RequestCommand['type']> = new Set<RequestCommand['type']>([
  'RecordDelivery',
  'ArchiveRequest',
  'LinkInformation',
  'FileChallenge',
  'DecideChallenge',
  'ErasePersonalData',
  'RecordReplyFileDownload',
]);

/**
 * The request decider. The calendar is data (the statutory working days), passed in; a date it does
 * not cover comes back as a DomainError like every other refusal. One named function per command,
 * by phase: request.intake.ts, request.handling.ts, request.reply.ts.
 */
export function requestDecider(calendar: WorkingDayCalendar): Decider<RequestCommand, RequestEvent, RequestState> {
  return {
    initialState: initialRequestState,
    evolve: evolveRequest,
    decide(command, state) {
      const events = decide(command, state, calendar);
      return events instanceof DomainError ? events : withDueOn(events, state, command.today, calendar);
    },
  };
}

function decide(command: RequestCommand, state: RequestState, calendar: WorkingDayCalendar): Decision {
  if (command.type === 'ReceiveRequest') return receiveRequest(command, state, calendar);
  if (state.status === 'none') return notFound();
  if (isClosed(state) && !AFTER_CLOSE.has(command.type)) return closed(state);
  switch (command.type) {
    case 'RequestCorrection':
      return requestCorrection(command, state, calendar);
    case 'ReceiveCorrection':
      return receiveCorrection(command, state);
    case 'AbandonForNoCorrection':
      return abandonForNoCorrection(command, state);
    case 'AssignRequest':
      return assignRequest(command, state);
    case 'TransferRequest':
      return transferRequest(command, state);
    case 'RequestInvestigation':
      return requestInvestigation(command, state, calendar);
    case 'AnswerInvestigation':
      return answerInvestigation(command, state);
    case 'StartConsultation':
      return startConsultation(command, state, calendar);
    case 'RecordConsultationLetterReceipt':
      return recordConsultationLetterReceipt(command, state, calendar);
    case 'EndConsultation':
      return endConsultation(command, state);
    case 'ExtendDeadline':
      return extendDeadline(command, state, calendar);
    case 'IssueFeeNotice':
      return issueFeeNotice(command, state, calendar);
    case 'RecordFeeNoticeReceipt':
      return recordFeeNoticeReceipt(command, state, calendar);
    case 'RecordFeePayment':
      return recordFeePayment(command, state);
    case 'AbandonForNonPayment':
      return abandonForNonPayment(command, state);
    case 'DraftReply':
      return draftReply(command, state);
    case 'ReviewReply':
      return reviewReply(command, state);
    case 'IssueReply':
      return issueReply(command, state, calendar);
    case 'RecordDelivery':
      return recordDelivery(command, state);
    case 'RecordPastOutcome':
      return recordPastOutcome(command, state);
    case 'ArchiveRequest':
      return archiveRequest(command, state);
    case 'LinkInformation':
      return linkInformation(command, state);
    case 'FileChallenge':
      return fileChallenge(command, state);
    case 'DecideChallenge':
      return decideChallenge(command, state);
    case 'CountItems':
      return countItems(command, state);
    case 'NotifyThirdPartyDisclosure':
      return notifyThirdPartyDisclosure(command, state);
    case 'RequestReasons':
      return requestReasons(command, state, calendar);
    case 'RecordReasons':
      return recordReasons(command, state);
    case 'DeferReply':
      return deferReply(command, state, calendar);
    case 'ErasePersonalData':
      return erasePersonalData(command, state);
    case 'AttachReplyFile':
      return attachReplyFile(command, state);
    case 'RedactReplyFile':
      return redactReplyFile(command, state);
    case 'RemoveReplyFile':
      return removeReplyFile(command, state);
    case 'RecordReplyFileDownload':
      return recordReplyFileDownload(command, state);
  }
}

/** Fills `dueOn` from the clock as each event leaves it (the same pure clock functions the service reads). */
function withDueOn(events: RequestEvent[], state: RequestState, today: LocalDate, calendar: WorkingDayCalendar): Decision {
  let s = state;
  const dated: RequestEvent[] = [];
  for (const event of events) {
    s = evolveRequest(s, event);
    if (!CLOCK_EVENT_TYPES.has(event.type) || s.status === 'none') {
      dated.push(event);
      continue;
    }
    const dueOn = publishedDueOn(calendar, s.clock, today);
    if (dueOn instanceof DomainError) return dueOn;
    dated.push({ ...event, data: { ...event.data, dueOn } } as RequestEvent);
  }
  return dated;
}

import type {
  Actor,
  ApplicantType,
  ChallengeFiled,
  FileRef,
  Redaction,
  ConsultationAnswer,
  HoldingAgency,
  PersonalDataErasureReason,
  ReasonsAnswered,
  ReplyCategory,
  RequestReceived,
  WithheldItem,
} from '@gongkai/contracts';
import { REQUEST_STATUS_LABELS } from '@gongkai/contracts/vocabulary';
import { DomainError } from '@gongkai/platform/domain';
import type { LocalDate } from '@gongkai/working-days';
import { CLOSED_STATUSES, type OpenRequest, type RequestEvent } from './request';

/** Every command carries `today` (Asia/Shanghai, from the command context's `now`): deciders never read the clock. */
type Dated = { today: LocalDate };
/** Who gives the command, for the rules that depend on it (separation of duties): the command context's actor. */
type By = { by: Actor };

/**
 * Receipt. The unit must exist and handle requests: the application checks it against the units
 * read model (built from the catalogue's unit events) before giving this command, so the check is
 * eventually consistent — a unit registered moments ago may not be known yet (refused, retry).
 */
export type ReceiveRequest = Dated &
  Omit<RequestReceived, 'receivedOn' | 'applicant' | 'dueOn'> & {
    receivedOn: LocalDate;
    applicant: RequestReceived['applicant'] & { type: ApplicantType };
  };

/**
 * The fee notice. `quantity` is, per page (按量), the pages the handler counted; per request (按件),
 * this request's position among the same applicant's requests received in its calendar month (the
 * first ten are free). That position is counted by the application from the requests read model
 * (`application/handling.ts`), so it is eventually consistent: a request of the same applicant
 * received moments before may not be counted yet.
 */
export type IssueFeeNotice = { type: 'IssueFeeNotice'; method: 'per_request' | 'per_page'; quantity: number; pausesClock: boolean } & Dated;

/**
 * The reply's review. `allowSelfReview` is the setting REQUESTS_ALLOW_SELF_REVIEW (a one-person
 * office; absent = false): without it the drafter may not review its own reply; with it the event records that it did.
 */
export type ReviewReply = { type: 'ReviewReply'; approved: boolean; comment?: string; allowSelfReview?: boolean } & Dated & By;

export type RequestCommand =
  | ({ type: 'ReceiveRequest' } & ReceiveRequest)
  | ({ type: 'RequestCorrection'; items: string[]; periodWorkingDays: number } & Dated)
  | ({ type: 'ReceiveCorrection'; receivedOn: LocalDate; note?: string; lateReason?: string } & Dated & By)
  | ({ type: 'AbandonForNoCorrection' } & Dated)
  | ({ type: 'AssignRequest'; handlerId: string; handlerName?: string } & Dated)
  /** The receiving unit is checked by the application against the units read model (eventually consistent, see ReceiveRequest). */
  | ({ type: 'TransferRequest'; toUnitId: string; reason: string } & Dated)
  | ({ type: 'RequestInvestigation'; taskId: string; assistingUnitId: string; question: string; internalWorkingDays: number } & Dated)
  | ({ type: 'AnswerInvestigation'; taskId: string; answer: string } & Dated)
  | ({
      type: 'StartConsultation';
      consultationId: string;
      kind: 'third_party' | 'agency' | 'co_producer';
      party: string;
      subject: string;
    } & Dated)
  | ({ type: 'RecordConsultationLetterReceipt'; consultationId: string; receivedOn: LocalDate } & Dated)
  | ({ type: 'EndConsultation'; consultationId: string; outcome: string; answer?: ConsultationAnswer; endedOn?: LocalDate } & Dated)
  | ({ type: 'ExtendDeadline'; workingDays: number; reason: string; noticeSentOn: LocalDate } & Dated & By)
  | IssueFeeNotice
  | ({ type: 'RecordFeeNoticeReceipt'; receivedOn: LocalDate } & Dated)
  | ({ type: 'RecordFeePayment'; amountYuan: number } & Dated)
  | ({ type: 'AbandonForNonPayment' } & Dated)
  | ({
      type: 'DraftReply';
      category: ReplyCategory;
      withheld: WithheldItem[];
      content: string;
      access?: string;
      holdingAgency?: HoldingAgency;
    } & Dated &
      By)
  | ReviewReply
  | ({ type: 'CountItems'; items: number; reason: string } & Dated)
  | ({ type: 'NotifyThirdPartyDisclosure'; consultationId: string; reason: string } & Dated)
  | ({ type: 'RequestReasons'; periodWorkingDays: number } & Dated)
  | ({ type: 'RecordReasons'; outcome: ReasonsAnswered['outcome']; note?: string } & Dated)
  | ({ type: 'DeferReply'; replyByOn: LocalDate; reason: string; noticeSentOn: LocalDate } & Dated & By)
  | ({ type: 'IssueReply' } & Dated)
  /** 补录: the outcome of a back-entered request, answered or ended before it was entered. */
  | ({ type: 'RecordPastOutcome'; category: ReplyCategory; closedOn: LocalDate; note?: string } & Dated)
  | ({ type: 'RecordDelivery'; method: '邮寄' | '电子邮件' | '当面领取' | '网上获取'; reference?: string } & Dated)
  | ({ type: 'ArchiveRequest'; archiveNo: string } & Dated)
  | ({ type: 'LinkInformation'; informationKey: string; information: string; documentId?: string } & Dated)
  | ({
      type: 'FileChallenge';
      challengeId: string;
      kind: 'reconsideration' | 'litigation_direct' | 'litigation_after_reconsideration';
      filedOn: LocalDate;
      body: string;
      party?: NonNullable<ChallengeFiled['party']>;
      against?: NonNullable<ChallengeFiled['against']>;
    } & Dated)
  | ({ type: 'DecideChallenge'; challengeId: string; outcome: '维持' | '纠正' | '其他'; decidedOn: LocalDate } & Dated)
  /** The reply's files (request.files.ts): attached, redacted (部分公开) and removed while the reply is a draft. */
  | ({ type: 'AttachReplyFile'; fileId: string; file: FileRef } & Dated & By)
  | ({ type: 'RedactReplyFile'; fileId: string; file: FileRef; redactions: Redaction[] } & Dated & By)
  | ({ type: 'RemoveReplyFile'; fileId: string } & Dated & By)
  /** The applicant downloaded a published reply file with the tracking code, at `at` (recorded once per file). */
  | ({ type: 'RecordReplyFileDownload'; fileId: string; at: string } & Dated)
  /** Erasing the applicant's personal data (crypto-shredding): recorded on each of the applicant's requests, see request.erasure.ts. */
  | ({ type: 'ErasePersonalData'; reason: PersonalDataErasureReason; note?: string; retentionEndedOn?: LocalDate } & Dated);

/** One command of the union, by its type. */
export type CommandOf<T extends RequestCommand['type']> = Extract<RequestCommand, { type: T }>;

/** What one command decides on an open request: its events, or the refusal. */
export type Decision = RequestEvent[] | DomainError;

/** How far back staff may date a receipt (a letter signed for last month is fine, last year is a typo). */
export const MAX_RECEIPT_AGE_DAYS = 60;

export const STATUS_LABELS: Record<OpenRequest['status'], string> = REQUEST_STATUS_LABELS;
const statusLabel = (s: OpenRequest) => STATUS_LABELS[s.status];

export const isClosed = (s: OpenRequest) => CLOSED_STATUSES.includes(s.status);

export const notFound = () => DomainError.notFound('REQUEST_NOT_FOUND', '该政府信息公开申请不存在。');
export const closed = (s: OpenRequest) => DomainError.rule('REQUEST_CLOSED', `该申请已办结（${statusLabel(s)}），不能再办理此事项。`);
export const wrongStatus = (s: OpenRequest, what: string) =>
  DomainError.rule('REQUEST_WRONG_STATUS', `该申请当前状态为“${statusLabel(s)}”，不能${what}。`);

export function checkDate(day: LocalDate, today: LocalDate, field: string): DomainError | null {
  if (day > today) return DomainError.rule('DATE_IN_FUTURE', `${field}（${day}）不能晚于今天（${today}）。`);
  return null;
}

/** The two ids every request event carries. */
export const ids = (s: OpenRequest) => ({ requestId: s.requestId, unitId: s.unitId });

import {
  REPLY_CATEGORIES,
  REQUEST_DEADLINE_EVENT_TYPES,
  type ApplicantType,
  type ConsultationAnswer,
  type ReplyCategory,
  type RequestReceived,
  type Role,
  type WithheldItem,
} from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import { addCalendarDays, defaultWorkingDayCalendar, type LocalDate } from '@gongkai/working-days';
import { feeFor } from './fees';
import { ART_30_CORRECTION, ART_33_EXTENSION, ART_42_FEES, CATEGORY_LEGAL } from './legal-basis';
import {
  CLOSED_STATUSES,
  CORRECTION_NOTICE_WORKING_DAYS,
  dueDate,
  evolveRequest,
  FEE_PAYMENT_WORKING_DAYS,
  initialRequestState,
  MAX_EXTENSION_WORKING_DAYS,
  publishedDueOn,
  THIRD_PARTY_WORKING_DAYS,
  workingDaysUsed,
  REPLY_WORKING_DAYS,
  type OpenRequest,
  type RequestEvent,
  type RequestState,
} from './request';

/** Every command carries `today` (Asia/Shanghai, from the command context's `now`): deciders never read the clock. */
type Dated = { today: LocalDate };
type Actor = { actorId: string; actorRole: Role };

export type ReceiveRequest = Dated &
  Omit<RequestReceived, 'receivedOn' | 'applicant' | 'dueOn'> & {
    receivedOn: LocalDate;
    applicant: RequestReceived['applicant'] & { type: ApplicantType };
  };

export type RequestCommand =
  | ({ type: 'ReceiveRequest' } & ReceiveRequest)
  | ({ type: 'RequestCorrection'; items: string[]; periodWorkingDays: number } & Dated)
  | ({ type: 'ReceiveCorrection'; receivedOn: LocalDate; note?: string } & Dated)
  | ({ type: 'AbandonForNoCorrection' } & Dated)
  | ({ type: 'AssignRequest'; handlerId: string; handlerName?: string } & Dated)
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
  | ({ type: 'ExtendDeadline'; workingDays: number; reason: string; noticeSentOn: LocalDate } & Dated & Actor)
  | ({ type: 'IssueFeeNotice'; method: 'per_request' | 'per_page'; quantity: number; pausesClock: boolean } & Dated)
  | ({ type: 'RecordFeeNoticeReceipt'; receivedOn: LocalDate } & Dated)
  | ({ type: 'RecordFeePayment'; amountYuan: number } & Dated)
  | ({ type: 'AbandonForNonPayment' } & Dated)
  | ({ type: 'DraftReply'; category: ReplyCategory; withheld: WithheldItem[]; content: string } & Dated)
  | ({ type: 'ReviewReply'; approved: boolean; comment?: string } & Dated & Actor)
  | ({ type: 'IssueReply' } & Dated)
  | ({ type: 'RecordDelivery'; method: '邮寄' | '电子邮件' | '当面领取' | '网上获取'; reference?: string } & Dated)
  | ({ type: 'ArchiveRequest'; archiveNo: string } & Dated)
  | ({ type: 'LinkInformation'; informationKey: string; information: string; documentId?: string } & Dated)
  | ({
      type: 'FileChallenge';
      challengeId: string;
      kind: 'reconsideration' | 'litigation_direct' | 'litigation_after_reconsideration';
      filedOn: LocalDate;
      body: string;
    } & Dated)
  | ({ type: 'DecideChallenge'; challengeId: string; outcome: '维持' | '纠正' | '其他'; decidedOn: LocalDate } & Dated);

/** How far back staff may date a receipt (a letter signed for last month is fine, last year is a typo). */
export const MAX_RECEIPT_AGE_DAYS = 60;

const calendar = () => defaultWorkingDayCalendar();
const notFound = () => DomainError.notFound('REQUEST_NOT_FOUND', '该政府信息公开申请不存在。');
const closed = (s: OpenRequest) => DomainError.rule('REQUEST_CLOSED', `该申请已办结（${statusLabel(s)}），不能再办理此事项。`);
const wrongStatus = (s: OpenRequest, what: string) =>
  DomainError.rule('REQUEST_WRONG_STATUS', `该申请当前状态为“${statusLabel(s)}”，不能${what}。`);

export const STATUS_LABELS: Record<OpenRequest['status'], string> = {
  registered: '已登记',
  awaiting_correction: '待补正',
  in_progress: '办理中',
  under_review: '待审核',
  approved: '审核通过待答复',
  replied: '已答复',
  delivered: '已送达',
  archived: '已归档',
  abandoned: '已终止（视为放弃申请）',
};
const statusLabel = (s: OpenRequest) => STATUS_LABELS[s.status];

const isClosed = (s: OpenRequest) => CLOSED_STATUSES.includes(s.status);

function checkDate(day: LocalDate, today: LocalDate, field: string): DomainError | null {
  if (day > today) return DomainError.rule('DATE_IN_FUTURE', `${field}（${day}）不能晚于今天（${today}）。`);
  return null;
}

export function decideRequest(command: RequestCommand, state: RequestState): RequestEvent[] | DomainError {
  try {
    const events = decide(command, state);
    return events instanceof DomainError ? events : withDueOn(events, state, command.today);
  } catch (error) {
    // The calendar refuses dates outside the covered years with a DomainError: a refusal, not a crash.
    if (error instanceof DomainError) return error;
    throw error;
  }
}

/** The events that set or move the statutory deadline: each publishes the due date it leaves (`dueOn`). */
export const CLOCK_EVENT_TYPES: ReadonlySet<RequestEvent['type']> = new Set<RequestEvent['type']>(REQUEST_DEADLINE_EVENT_TYPES);

/** Fills `dueOn` from the clock as each event leaves it (the same pure clock functions the service reads). */
function withDueOn(events: RequestEvent[], state: RequestState, today: LocalDate): RequestEvent[] {
  let s = state;
  return events.map((event) => {
    s = evolveRequest(s, event);
    if (!CLOCK_EVENT_TYPES.has(event.type) || s.status === 'none') return event;
    return { ...event, data: { ...event.data, dueOn: publishedDueOn(s.clock, today) } } as RequestEvent;
  });
}

function decide(command: RequestCommand, state: RequestState): RequestEvent[] | DomainError {
  const { today } = command;
  if (command.type === 'ReceiveRequest') {
    if (state.status !== 'none') return DomainError.conflict('REQUEST_ALREADY_RECEIVED', '该申请已登记，不能重复登记。');
    const future = checkDate(command.receivedOn, today, '收到申请日期');
    if (future) return future;
    if (command.receivedOn < addCalendarDays(today, -MAX_RECEIPT_AGE_DAYS)) {
      return DomainError.rule('RECEIPT_TOO_OLD', `收到申请日期（${command.receivedOn}）早于 ${MAX_RECEIPT_AGE_DAYS} 天前，请核对日期。`);
    }
    // The deadline must be computable on the statutory calendar (refused past the covered years).
    calendar().addWorkingDays(command.receivedOn, REPLY_WORKING_DAYS);
    const { type: _t, today: _d, dueOn: _due, ...data } = command as typeof command & { dueOn?: unknown };
    return [{ type: 'requests.RequestReceived', data }];
  }
  if (state.status === 'none') return notFound();
  const s = state;
  const base = { requestId: s.requestId, unitId: s.unitId };
  const isChallenge = command.type === 'FileChallenge' || command.type === 'DecideChallenge';
  const afterClose = ['RecordDelivery', 'ArchiveRequest', 'LinkInformation'].includes(command.type) || isChallenge;
  if (isClosed(s) && !afterClose) return closed(s);

  switch (command.type) {
    case 'RequestCorrection': {
      if (s.correction) return DomainError.rule('CORRECTION_ONLY_ONCE', '补正通知只能发出一次（条例第三十条：一次性告知）。');
      if (!['registered', 'in_progress'].includes(s.status)) return wrongStatus(s, '要求补正');
      const latest = calendar().addWorkingDays(s.receivedOn, CORRECTION_NOTICE_WORKING_DAYS);
      if (today > latest) {
        return DomainError.rule('CORRECTION_TOO_LATE', `补正通知应在收到申请之日起 7 个工作日内发出（最迟 ${latest}），现已逾期。`);
      }
      const correctionDueOn = calendar().addWorkingDays(today, command.periodWorkingDays);
      return [
        {
          type: 'requests.CorrectionRequested',
          data: {
            ...base,
            noticeOn: today,
            items: command.items,
            periodWorkingDays: command.periodWorkingDays,
            correctionDueOn,
            legalBasis: ART_30_CORRECTION,
          },
        },
      ];
    }
    case 'ReceiveCorrection': {
      if (s.status !== 'awaiting_correction' || !s.correction) return wrongStatus(s, '登记补正材料');
      const future = checkDate(command.receivedOn, today, '收到补正日期');
      if (future) return future;
      if (command.receivedOn < s.correction.noticeOn) return DomainError.rule('DATE_BEFORE_NOTICE', '收到补正日期不能早于补正通知日期。');
      if (command.receivedOn > s.correction.dueOn) {
        return DomainError.rule('CORRECTION_OVERDUE', `补正期限已于 ${s.correction.dueOn} 届满，逾期补正视为放弃申请。`);
      }
      return [
        {
          type: 'requests.CorrectionReceived',
          data: { ...base, receivedOn: command.receivedOn, ...(command.note ? { note: command.note } : {}) },
        },
      ];
    }
    case 'AbandonForNoCorrection': {
      if (s.status !== 'awaiting_correction' || !s.correction) return wrongStatus(s, '按逾期不补正终止');
      if (today <= s.correction.dueOn) return DomainError.rule('CORRECTION_PERIOD_RUNNING', `补正期限至 ${s.correction.dueOn}，尚未届满。`);
      return [
        {
          type: 'requests.RequestAbandoned',
          data: { ...base, category: 'other.no_correction', abandonedOn: today, legalBasis: CATEGORY_LEGAL['other.no_correction'].article },
        },
      ];
    }
    case 'AssignRequest':
      if (s.status === 'awaiting_correction') return wrongStatus(s, '分办');
      return [
        {
          type: 'requests.RequestAssigned',
          data: {
            ...base,
            handlerId: command.handlerId,
            ...(command.handlerName ? { handlerName: command.handlerName } : {}),
            assignedOn: today,
          },
        },
      ];
    case 'TransferRequest':
      if (command.toUnitId === s.unitId) return DomainError.rule('TRANSFER_TO_SAME_UNIT', '不能移交给本单位。');
      return [
        {
          type: 'requests.RequestTransferred',
          data: { ...base, toUnitId: command.toUnitId, reason: command.reason, transferredOn: today },
        },
      ];
    case 'RequestInvestigation': {
      if (s.investigations[command.taskId]) return DomainError.conflict('TASK_EXISTS', `协助调查任务 ${command.taskId} 已存在。`);
      const internalDueOn = calendar().addWorkingDays(today, command.internalWorkingDays);
      const { taskId, assistingUnitId, question } = command;
      return [
        {
          type: 'requests.InvestigationRequested',
          data: { ...base, taskId, assistingUnitId, question, requestedOn: today, internalDueOn },
        },
      ];
    }
    case 'AnswerInvestigation': {
      const task = s.investigations[command.taskId];
      if (!task) return DomainError.notFound('TASK_NOT_FOUND', `协助调查任务 ${command.taskId} 不存在。`);
      if (task.answered) return DomainError.conflict('TASK_ANSWERED', '该协助调查任务已答复。');
      return [
        { type: 'requests.InvestigationAnswered', data: { ...base, taskId: command.taskId, answer: command.answer, answeredOn: today } },
      ];
    }
    case 'StartConsultation': {
      if (s.status === 'awaiting_correction') return wrongStatus(s, '发起征求意见');
      if (s.consultations[command.consultationId]) return DomainError.conflict('CONSULTATION_EXISTS', '该征求意见已存在。');
      const answerDueOn = command.kind === 'agency' ? undefined : calendar().addWorkingDays(today, THIRD_PARTY_WORKING_DAYS);
      const { consultationId, kind, party, subject } = command;
      return [
        {
          type: 'requests.ConsultationStarted',
          data: { ...base, consultationId, kind, party, subject, startedOn: today, ...(answerDueOn ? { answerDueOn } : {}) },
        },
      ];
    }
    case 'RecordConsultationLetterReceipt': {
      const consultation = s.consultations[command.consultationId];
      if (!consultation) return DomainError.notFound('CONSULTATION_NOT_FOUND', '该征求意见不存在。');
      if (consultation.kind === 'agency')
        return DomainError.rule('NO_STATUTORY_ANSWER_PERIOD', '征求其他机关意见没有法定答复期限，无需登记收到征询函的日期。');
      if (!consultation.open) return DomainError.conflict('CONSULTATION_ENDED', '该征求意见已结束。');
      if (consultation.letterReceivedOn)
        return DomainError.conflict('LETTER_RECEIPT_RECORDED', `已登记对方于 ${consultation.letterReceivedOn} 收到征询函。`);
      const future = checkDate(command.receivedOn, today, '收到征询函日期');
      if (future) return future;
      if (command.receivedOn < consultation.startedOn)
        return DomainError.rule('DATE_BEFORE_START', `收到征询函日期不能早于发函日期 ${consultation.startedOn}。`);
      // Art. 32, 34: 15 working days from the addressee's receipt of the letter.
      const answerDueOn = calendar().addWorkingDays(command.receivedOn, THIRD_PARTY_WORKING_DAYS);
      return [
        {
          type: 'requests.ConsultationLetterReceived',
          data: { ...base, consultationId: command.consultationId, receivedOn: command.receivedOn, answerDueOn },
        },
      ];
    }
    case 'EndConsultation': {
      const consultation = s.consultations[command.consultationId];
      if (!consultation) return DomainError.notFound('CONSULTATION_NOT_FOUND', '该征求意见不存在。');
      if (!consultation.open) return DomainError.conflict('CONSULTATION_ENDED', '该征求意见已结束。');
      const endedOn = command.endedOn ?? today;
      const future = checkDate(endedOn, today, '征求意见结束日期');
      if (future) return future;
      const started = s.clock.pauses.find((p) => p.id === command.consultationId)?.from ?? s.clock.startedOn;
      if (endedOn < started) return DomainError.rule('DATE_BEFORE_START', '征求意见结束日期不能早于开始日期。');
      if (command.answer === 'no_answer' && consultation.kind !== 'agency') {
        // Silence counts only once the party's 15 working days from its receipt of the letter have run out (Art. 32, 34).
        if (!consultation.letterReceivedOn) {
          return DomainError.rule(
            'LETTER_RECEIPT_UNKNOWN',
            '以“逾期未提出意见”结束前，请先登记对方收到征询函的日期：答复期限自收到之日起计算。',
          );
        }
        if (consultation.answerDueOn && endedOn <= consultation.answerDueOn) {
          return DomainError.rule(
            'ANSWER_PERIOD_RUNNING',
            `对方的答复期限至 ${consultation.answerDueOn}，期限届满前不能以“逾期未提出意见”结束征求意见。`,
          );
        }
      }
      const { outcome, answer } = command;
      return [
        {
          type: 'requests.ConsultationEnded',
          data: { ...base, consultationId: command.consultationId, endedOn, outcome, ...(answer ? { answer } : {}) },
        },
      ];
    }
    case 'ExtendDeadline': {
      if (command.actorRole !== 'office_head') {
        return DomainError.forbidden('EXTENSION_NEEDS_OFFICE_HEAD', '延长答复期限须经政府信息公开工作机构负责人同意（条例第三十三条）。');
      }
      if (s.status === 'awaiting_correction') return wrongStatus(s, '延长答复期限');
      const remaining = MAX_EXTENSION_WORKING_DAYS - s.clock.extensionDays;
      if (command.workingDays > remaining) {
        return DomainError.rule('EXTENSION_TOO_LONG', `延长期限最长不得超过 20 个工作日（还可延长 ${remaining} 个工作日）。`);
      }
      const currentDue = dueDate(s.clock, today) ?? today; // never null: not awaiting correction
      if (today > currentDue) return DomainError.rule('DEADLINE_PASSED', `答复期限已于 ${currentDue} 届满，不能再延长。`);
      if (command.noticeSentOn > today || command.noticeSentOn < s.clock.startedOn) {
        return DomainError.rule('INVALID_NOTICE_DATE', '告知申请人的日期应在收到申请之后、且不晚于今天。');
      }
      const newDueOn = dueDate({ ...s.clock, extensionDays: s.clock.extensionDays + command.workingDays }, today) ?? today;
      return [
        {
          type: 'requests.DeadlineExtended',
          data: {
            ...base,
            workingDays: command.workingDays,
            reason: command.reason,
            approvedBy: command.actorId,
            noticeSentOn: command.noticeSentOn,
            newDueOn,
            legalBasis: ART_33_EXTENSION,
          },
        },
      ];
    }
    case 'IssueFeeNotice': {
      if (s.fee) return DomainError.rule('FEE_ONLY_ONCE', '每件申请只能选择一种计费方式、发出一次收费通知。');
      if (s.status === 'awaiting_correction') return wrongStatus(s, '发出收费通知');
      const amountYuan = feeFor(command.method, command.quantity);
      if (amountYuan === 0) return DomainError.rule('FEE_NOT_DUE', '按该计费方式和数量不收取信息处理费，无需发出收费通知。');
      const payByOn = calendar().addWorkingDays(today, FEE_PAYMENT_WORKING_DAYS);
      return [
        {
          type: 'requests.FeeNoticeIssued',
          data: {
            ...base,
            method: command.method,
            quantity: command.quantity,
            amountYuan,
            noticeOn: today,
            payByOn,
            pausesClock: command.pausesClock,
            legalBasis: ART_42_FEES,
          },
        },
      ];
    }
    case 'RecordFeeNoticeReceipt': {
      if (!s.fee) return DomainError.rule('NO_FEE_NOTICE', '该申请没有收费通知。');
      if (s.fee.paid) return DomainError.conflict('FEE_ALREADY_PAID', '信息处理费已缴纳，无需再登记收到收费通知的日期。');
      if (s.fee.noticeReceivedOn)
        return DomainError.conflict('FEE_NOTICE_RECEIPT_RECORDED', `已登记申请人于 ${s.fee.noticeReceivedOn} 收到收费通知。`);
      const future = checkDate(command.receivedOn, today, '收到收费通知日期');
      if (future) return future;
      if (command.receivedOn < s.fee.noticeOn)
        return DomainError.rule('DATE_BEFORE_NOTICE', `收到收费通知日期不能早于通知日期 ${s.fee.noticeOn}。`);
      // 国办函〔2020〕109号: 20 working days from the applicant's receipt of the notice.
      const payByOn = calendar().addWorkingDays(command.receivedOn, FEE_PAYMENT_WORKING_DAYS);
      return [{ type: 'requests.FeeNoticeReceived', data: { ...base, receivedOn: command.receivedOn, payByOn } }];
    }
    case 'RecordFeePayment':
      if (!s.fee) return DomainError.rule('NO_FEE_NOTICE', '该申请没有收费通知。');
      if (s.fee.paid) return DomainError.conflict('FEE_ALREADY_PAID', '信息处理费已缴纳。');
      if (command.amountYuan !== s.fee.amountYuan) return DomainError.rule('FEE_AMOUNT_MISMATCH', `应缴金额为 ${s.fee.amountYuan} 元。`);
      if (today > s.fee.payByOn) return DomainError.rule('FEE_PERIOD_EXPIRED', `缴费期限已于 ${s.fee.payByOn} 届满。`);
      return [{ type: 'requests.FeePaid', data: { ...base, paidOn: today, amountYuan: command.amountYuan } }];
    case 'AbandonForNonPayment':
      if (!s.fee || s.fee.paid) return DomainError.rule('NO_UNPAID_FEE', '该申请没有未缴的信息处理费。');
      if (today <= s.fee.payByOn) return DomainError.rule('FEE_PERIOD_RUNNING', `缴费期限至 ${s.fee.payByOn}，尚未届满。`);
      return [
        {
          type: 'requests.RequestAbandoned',
          data: { ...base, category: 'other.unpaid', abandonedOn: today, legalBasis: CATEGORY_LEGAL['other.unpaid'].article },
        },
      ];
    case 'DraftReply': {
      if (!['registered', 'in_progress'].includes(s.status)) return wrongStatus(s, '起草答复');
      if (command.category === 'other.no_correction' || command.category === 'other.unpaid') {
        return DomainError.rule('CATEGORY_BY_ABANDONMENT', '逾期不补正、逾期未缴费由“终止办理”记录，不能作为答复类型起草。');
      }
      if (Object.values(s.consultations).some((c) => c.open))
        return DomainError.rule('CONSULTATION_OPEN', '征求意见尚未结束，不能起草答复。');
      if (s.fee && !s.fee.paid) return DomainError.rule('FEE_UNPAID', '信息处理费尚未缴纳，不能答复。');
      if (command.category === 'partial' && command.withheld.length === 0) {
        return DomainError.rule('PARTIAL_NEEDS_WITHHELD', '部分公开须逐项列明不予公开的内容及理由。');
      }
      if (command.category !== 'partial' && command.withheld.length > 0) {
        return DomainError.rule('WITHHELD_ONLY_FOR_PARTIAL', '只有“部分公开”需要列明不予公开的内容。');
      }
      const badGround = command.withheld.find((w) => REPLY_CATEGORIES[w.ground].group !== '不予公开');
      if (badGround) return DomainError.rule('INVALID_WITHHOLD_GROUND', `“${badGround.item}”的不予公开理由应为“不予公开”类别之一。`);
      return [
        {
          type: 'requests.ReplyDrafted',
          data: {
            ...base,
            category: command.category,
            withheld: command.withheld,
            content: command.content,
            legalBasis: CATEGORY_LEGAL[command.category].article,
          },
        },
      ];
    }
    case 'ReviewReply':
      if (s.status !== 'under_review') return wrongStatus(s, '审核答复');
      if (!['reviewer', 'office_head'].includes(command.actorRole)) {
        return DomainError.forbidden('REVIEW_NEEDS_REVIEWER', '答复须由审核人员或政府信息公开工作机构负责人审核。');
      }
      return [
        {
          type: 'requests.ReplyReviewed',
          data: { ...base, approved: command.approved, ...(command.comment ? { comment: command.comment } : {}), reviewedOn: today },
        },
      ];
    case 'IssueReply': {
      if (s.status !== 'approved' || !s.draft) return wrongStatus(s, '答复（须先起草并经审核通过）');
      const used = workingDaysUsed(s.clock, today);
      const due = dueDate(s.clock, today) ?? today;
      return [
        {
          type: 'requests.ReplyIssued',
          data: {
            ...base,
            category: s.draft.category,
            withheld: s.draft.withheld,
            legalBasis: s.draft.legalBasis,
            repliedOn: today,
            workingDaysUsed: used,
            onTime: today <= due,
          },
        },
      ];
    }
    case 'RecordDelivery':
      if (s.status !== 'replied') return wrongStatus(s, '登记送达');
      return [
        {
          type: 'requests.ReplyDelivered',
          data: { ...base, deliveredOn: today, method: command.method, ...(command.reference ? { reference: command.reference } : {}) },
        },
      ];
    case 'ArchiveRequest':
      if (s.status !== 'delivered' && s.status !== 'abandoned') return wrongStatus(s, '归档（须先送达答复或终止办理）');
      return [{ type: 'requests.RequestArchived', data: { ...base, archivedOn: today, archiveNo: command.archiveNo } }];
    case 'LinkInformation': {
      const { informationKey, information, documentId } = command;
      return [
        { type: 'requests.InformationLinked', data: { ...base, informationKey, information, ...(documentId ? { documentId } : {}) } },
      ];
    }
    case 'FileChallenge': {
      if (!s.reply) return DomainError.rule('NO_REPLY_YET', '该申请尚未答复，不能登记行政复议或行政诉讼。');
      if (s.challenges[command.challengeId]) return DomainError.conflict('CHALLENGE_EXISTS', '该复议或诉讼已登记。');
      const future = checkDate(command.filedOn, today, '立案日期');
      if (future) return future;
      if (command.filedOn < s.reply.closedOn) return DomainError.rule('DATE_BEFORE_REPLY', '复议或诉讼日期不能早于答复日期。');
      const { challengeId, kind, filedOn, body } = command;
      return [{ type: 'requests.ChallengeFiled', data: { ...base, challengeId, kind, filedOn, body } }];
    }
    case 'DecideChallenge': {
      const challenge = s.challenges[command.challengeId];
      if (!challenge) return DomainError.notFound('CHALLENGE_NOT_FOUND', '该复议或诉讼不存在。');
      if (challenge.decided) return DomainError.conflict('CHALLENGE_DECIDED', '该复议或诉讼已审结。');
      const future = checkDate(command.decidedOn, today, '审结日期');
      if (future) return future;
      return [
        {
          type: 'requests.ChallengeDecided',
          data: { ...base, challengeId: command.challengeId, outcome: command.outcome, decidedOn: command.decidedOn },
        },
      ];
    }
  }
}

export const requestDecider: Decider<RequestCommand, RequestEvent, RequestState> = {
  initialState: initialRequestState,
  evolve: evolveRequest,
  decide: decideRequest,
};

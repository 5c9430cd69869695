import { DomainError } from '@gongkai/platform/domain';
import type { WorkingDayCalendar } from '@gongkai/working-days';
import { feeFor } from './fees';
import { ART_32_THIRD_PARTY, ART_33_EXTENSION, ART_35_MASS_REQUESTS, ART_42_FEES, CATEGORY_LEGAL, FEE_ITEMS } from './legal-basis';
import { dueDate, FEE_PAYMENT_WORKING_DAYS, MAX_EXTENSION_WORKING_DAYS, THIRD_PARTY_WORKING_DAYS, type OpenRequest } from './request';
import { checkDate, ids, wrongStatus, type CommandOf, type Decision } from './request.commands';

/** Handling: investigations, consultations (Art. 32–34), the extension (Art. 33), Art. 35 and the fee (Art. 42). */

/** What a reply of this category supplies: information (a per-page fee is possible) or none. */
export const SUPPLIES_INFORMATION: ReadonlySet<string> = new Set(['disclose', 'partial']);

export function requestInvestigation(command: CommandOf<'RequestInvestigation'>, s: OpenRequest, calendar: WorkingDayCalendar): Decision {
  if (s.investigations[command.taskId]) return DomainError.conflict('TASK_EXISTS', `协助调查任务 ${command.taskId} 已存在。`);
  const internalDueOn = calendar.addWorkingDaysChecked(command.today, command.internalWorkingDays);
  if (internalDueOn instanceof DomainError) return internalDueOn;
  const { taskId, assistingUnitId, question } = command;
  return [
    {
      type: 'requests.InvestigationRequested',
      data: { ...ids(s), taskId, assistingUnitId, question, requestedOn: command.today, internalDueOn },
    },
  ];
}

export function answerInvestigation(command: CommandOf<'AnswerInvestigation'>, s: OpenRequest): Decision {
  const task = s.investigations[command.taskId];
  if (!task) return DomainError.notFound('TASK_NOT_FOUND', `协助调查任务 ${command.taskId} 不存在。`);
  if (task.answered) return DomainError.conflict('TASK_ANSWERED', '该协助调查任务已答复。');
  return [
    {
      type: 'requests.InvestigationAnswered',
      data: { ...ids(s), taskId: command.taskId, answer: command.answer, answeredOn: command.today },
    },
  ];
}

export function startConsultation(command: CommandOf<'StartConsultation'>, s: OpenRequest, calendar: WorkingDayCalendar): Decision {
  const { today } = command;
  if (s.status === 'awaiting_correction') return wrongStatus(s, '发起征求意见');
  if (s.consultations[command.consultationId]) return DomainError.conflict('CONSULTATION_EXISTS', '该征求意见已存在。');
  const answerDueOn = command.kind === 'agency' ? undefined : calendar.addWorkingDaysChecked(today, THIRD_PARTY_WORKING_DAYS);
  if (answerDueOn instanceof DomainError) return answerDueOn;
  const { consultationId, kind, party, subject } = command;
  return [
    {
      type: 'requests.ConsultationStarted',
      data: { ...ids(s), consultationId, kind, party, subject, startedOn: today, ...(answerDueOn ? { answerDueOn } : {}) },
    },
  ];
}

export function recordConsultationLetterReceipt(
  command: CommandOf<'RecordConsultationLetterReceipt'>,
  s: OpenRequest,
  calendar: WorkingDayCalendar,
): Decision {
  const consultation = s.consultations[command.consultationId];
  if (!consultation) return DomainError.notFound('CONSULTATION_NOT_FOUND', '该征求意见不存在。');
  if (consultation.kind === 'agency')
    return DomainError.rule('NO_STATUTORY_ANSWER_PERIOD', '征求其他机关意见没有法定答复期限，无需登记收到征询函的日期。');
  if (!consultation.open) return DomainError.conflict('CONSULTATION_ENDED', '该征求意见已结束。');
  if (consultation.letterReceivedOn)
    return DomainError.conflict('LETTER_RECEIPT_RECORDED', `已登记对方于 ${consultation.letterReceivedOn} 收到征询函。`);
  const future = checkDate(command.receivedOn, command.today, '收到征询函日期');
  if (future) return future;
  if (command.receivedOn < consultation.startedOn)
    return DomainError.rule('DATE_BEFORE_START', `收到征询函日期不能早于发函日期 ${consultation.startedOn}。`);
  // Art. 32, 34: 15 working days from the addressee's receipt of the letter.
  const answerDueOn = calendar.addWorkingDaysChecked(command.receivedOn, THIRD_PARTY_WORKING_DAYS);
  if (answerDueOn instanceof DomainError) return answerDueOn;
  return [
    {
      type: 'requests.ConsultationLetterReceived',
      data: { ...ids(s), consultationId: command.consultationId, receivedOn: command.receivedOn, answerDueOn },
    },
  ];
}

export function endConsultation(command: CommandOf<'EndConsultation'>, s: OpenRequest): Decision {
  const { today } = command;
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
      data: { ...ids(s), consultationId: command.consultationId, endedOn, outcome, ...(answer ? { answer } : {}) },
    },
  ];
}

export function extendDeadline(command: CommandOf<'ExtendDeadline'>, s: OpenRequest, calendar: WorkingDayCalendar): Decision {
  const { today } = command;
  if (command.by.role !== 'office_head') {
    return DomainError.forbidden('EXTENSION_NEEDS_OFFICE_HEAD', '延长答复期限须经政府信息公开工作机构负责人同意（条例第三十三条）。');
  }
  if (s.status === 'awaiting_correction') return wrongStatus(s, '延长答复期限');
  const remaining = MAX_EXTENSION_WORKING_DAYS - s.clock.extensionDays;
  if (command.workingDays > remaining) {
    return DomainError.rule('EXTENSION_TOO_LONG', `延长期限最长不得超过 20 个工作日（还可延长 ${remaining} 个工作日）。`);
  }
  const currentDue = dueDate(calendar, s.clock, today) ?? today; // never null: not awaiting correction
  if (currentDue instanceof DomainError) return currentDue;
  if (today > currentDue) return DomainError.rule('DEADLINE_PASSED', `答复期限已于 ${currentDue} 届满，不能再延长。`);
  if (command.noticeSentOn > today || command.noticeSentOn < s.clock.startedOn) {
    return DomainError.rule('INVALID_NOTICE_DATE', '告知申请人的日期应在收到申请之后、且不晚于今天。');
  }
  const newDueOn = dueDate(calendar, { ...s.clock, extensionDays: s.clock.extensionDays + command.workingDays }, today) ?? today;
  if (newDueOn instanceof DomainError) return newDueOn;
  return [
    {
      type: 'requests.DeadlineExtended',
      data: {
        ...ids(s),
        workingDays: command.workingDays,
        reason: command.reason,
        approvedBy: command.by.userId,
        noticeSentOn: command.noticeSentOn,
        newDueOn,
        legalBasis: ART_33_EXTENSION,
      },
    },
  ];
}

export function issueFeeNotice(command: CommandOf<'IssueFeeNotice'>, s: OpenRequest, calendar: WorkingDayCalendar): Decision {
  const { today } = command;
  if (s.fee) return DomainError.rule('FEE_ONLY_ONCE', '每件申请只能选择一种计费方式、发出一次收费通知。');
  if (s.status === 'awaiting_correction') return wrongStatus(s, '发出收费通知');
  // 109号 Art. 5: a per-page fee only when information is actually supplied.
  if (command.method === 'per_page' && s.draft && !SUPPLIES_INFORMATION.has(s.draft.category)) {
    return DomainError.rule(
      'PER_PAGE_FEE_WITHOUT_INFORMATION',
      '按量计收仅适用于向申请人提供政府信息的情形；本答复不提供信息，不能按量收费。',
    );
  }
  const items = command.method === 'per_request' ? s.items : 1;
  const amountYuan = feeFor(command.method, command.quantity, items);
  if (amountYuan === 0) return DomainError.rule('FEE_NOT_DUE', '按该计费方式和数量不收取信息处理费，无需发出收费通知。');
  const payByOn = calendar.addWorkingDaysChecked(today, FEE_PAYMENT_WORKING_DAYS);
  if (payByOn instanceof DomainError) return payByOn;
  return [
    {
      type: 'requests.FeeNoticeIssued',
      data: {
        ...ids(s),
        method: command.method,
        quantity: command.quantity,
        amountYuan,
        noticeOn: today,
        payByOn,
        pausesClock: command.pausesClock,
        legalBasis: items > 1 ? `${ART_42_FEES}、${FEE_ITEMS}` : ART_42_FEES,
        ...(items > 1 ? { items } : {}),
      },
    },
  ];
}

export function recordFeeNoticeReceipt(
  command: CommandOf<'RecordFeeNoticeReceipt'>,
  s: OpenRequest,
  calendar: WorkingDayCalendar,
): Decision {
  if (!s.fee) return DomainError.rule('NO_FEE_NOTICE', '该申请没有收费通知。');
  if (s.fee.paid) return DomainError.conflict('FEE_ALREADY_PAID', '信息处理费已缴纳，无需再登记收到收费通知的日期。');
  if (s.fee.noticeReceivedOn)
    return DomainError.conflict('FEE_NOTICE_RECEIPT_RECORDED', `已登记申请人于 ${s.fee.noticeReceivedOn} 收到收费通知。`);
  const future = checkDate(command.receivedOn, command.today, '收到收费通知日期');
  if (future) return future;
  if (command.receivedOn < s.fee.noticeOn)
    return DomainError.rule('DATE_BEFORE_NOTICE', `收到收费通知日期不能早于通知日期 ${s.fee.noticeOn}。`);
  // 国办函〔2020〕109号: 20 working days from the applicant's receipt of the notice.
  const payByOn = calendar.addWorkingDaysChecked(command.receivedOn, FEE_PAYMENT_WORKING_DAYS);
  if (payByOn instanceof DomainError) return payByOn;
  return [{ type: 'requests.FeeNoticeReceived', data: { ...ids(s), receivedOn: command.receivedOn, payByOn } }];
}

export function recordFeePayment(command: CommandOf<'RecordFeePayment'>, s: OpenRequest): Decision {
  if (!s.fee) return DomainError.rule('NO_FEE_NOTICE', '该申请没有收费通知。');
  if (s.fee.paid) return DomainError.conflict('FEE_ALREADY_PAID', '信息处理费已缴纳。');
  if (command.amountYuan !== s.fee.amountYuan) return DomainError.rule('FEE_AMOUNT_MISMATCH', `应缴金额为 ${s.fee.amountYuan} 元。`);
  // Until the applicant's receipt of the notice is recorded the period is not known to have run out.
  if (s.fee.noticeReceivedOn && command.today > s.fee.payByOn) {
    return DomainError.rule('FEE_PERIOD_EXPIRED', `缴费期限已于 ${s.fee.payByOn} 届满。`);
  }
  return [{ type: 'requests.FeePaid', data: { ...ids(s), paidOn: command.today, amountYuan: command.amountYuan } }];
}

export function abandonForNonPayment(command: CommandOf<'AbandonForNonPayment'>, s: OpenRequest): Decision {
  if (!s.fee || s.fee.paid) return DomainError.rule('NO_UNPAID_FEE', '该申请没有未缴的信息处理费。');
  if (!s.fee.noticeReceivedOn) {
    return DomainError.rule(
      'FEE_NOTICE_RECEIPT_UNKNOWN',
      '以“逾期未缴费”终止前，请先登记申请人收到收费通知的日期：缴费期限自收到之日起计算。',
    );
  }
  if (command.today <= s.fee.payByOn) return DomainError.rule('FEE_PERIOD_RUNNING', `缴费期限至 ${s.fee.payByOn}，尚未届满。`);
  return [
    {
      type: 'requests.RequestAbandoned',
      data: { ...ids(s), category: 'other.unpaid', abandonedOn: command.today, legalBasis: CATEGORY_LEGAL['other.unpaid'].article },
    },
  ];
}

/** 一事一申请 (109号 Art. 4): the application is counted as `items` requests for the per-request fee. */
export function countItems(command: CommandOf<'CountItems'>, s: OpenRequest): Decision {
  if (s.fee) return DomainError.rule('FEE_ALREADY_NOTIFIED', '已发出收费通知，不能再调整计件数。');
  if (s.items === command.items) return [];
  return [{ type: 'requests.ItemsCounted', data: { ...ids(s), items: command.items, reason: command.reason, legalBasis: FEE_ITEMS } }];
}

/** Art. 32: before disclosing over a third party's objection, tell it in writing, with the content and the reason. */
export function notifyThirdPartyDisclosure(command: CommandOf<'NotifyThirdPartyDisclosure'>, s: OpenRequest): Decision {
  const c = s.consultations[command.consultationId];
  if (!c || c.kind !== 'third_party') return DomainError.notFound('CONSULTATION_NOT_FOUND', '该第三方征求意见不存在。');
  if (c.open || c.answer !== 'objected') {
    return DomainError.rule('THIRD_PARTY_DID_NOT_OBJECT', '只有第三方不同意公开、本机关仍决定公开时，才需书面告知第三方。');
  }
  if (c.notified) return DomainError.conflict('THIRD_PARTY_NOTIFIED', '已书面告知该第三方。');
  return [
    {
      type: 'requests.ThirdPartyDisclosureNotified',
      data: {
        ...ids(s),
        consultationId: command.consultationId,
        party: c.party,
        reason: command.reason,
        noticeOn: command.today,
        legalBasis: ART_32_THIRD_PARTY,
      },
    },
  ];
}

/** Art. 35: ask the applicant to state reasons before treating its requests as 大量、频繁. */
export function requestReasons(command: CommandOf<'RequestReasons'>, s: OpenRequest, calendar: WorkingDayCalendar): Decision {
  if (!['registered', 'in_progress'].includes(s.status)) return wrongStatus(s, '要求说明理由');
  if (s.reasons) return DomainError.conflict('REASONS_ALREADY_REQUESTED', '已要求申请人说明理由。');
  const answerDueOn = calendar.addWorkingDaysChecked(command.today, command.periodWorkingDays);
  if (answerDueOn instanceof DomainError) return answerDueOn;
  return [
    { type: 'requests.ReasonsRequested', data: { ...ids(s), noticeOn: command.today, answerDueOn, legalBasis: ART_35_MASS_REQUESTS } },
  ];
}

export function recordReasons(command: CommandOf<'RecordReasons'>, s: OpenRequest): Decision {
  if (!s.reasons) return DomainError.rule('REASONS_NOT_REQUESTED', '尚未要求申请人说明理由。');
  if (s.reasons.outcome) return DomainError.conflict('REASONS_RECORDED', '已登记申请人说明理由的结果。');
  if (command.outcome === 'no_answer' && command.today <= s.reasons.answerDueOn) {
    return DomainError.rule('REASONS_PERIOD_RUNNING', `说明理由的期限至 ${s.reasons.answerDueOn}，尚未届满。`);
  }
  const note = command.note ? { note: command.note } : {};
  return [{ type: 'requests.ReasonsAnswered', data: { ...ids(s), outcome: command.outcome, answeredOn: command.today, ...note } }];
}

/** Art. 35: reasons accepted, no reply possible within Art. 33's period: a reasonable later date, told to the applicant. */
export function deferReply(command: CommandOf<'DeferReply'>, s: OpenRequest, calendar: WorkingDayCalendar): Decision {
  if (command.by.role !== 'office_head') {
    return DomainError.forbidden('DEFERRAL_NEEDS_OFFICE_HEAD', '确定延迟答复的期限须经政府信息公开工作机构负责人同意。');
  }
  if (s.reasons?.outcome !== 'accepted') {
    return DomainError.rule(
      'DEFERRAL_NEEDS_ACCEPTED_REASONS',
      '只有申请人说明的理由合理、且无法在法定期限内答复时，才能确定延迟答复的期限（条例第三十五条）。',
    );
  }
  if (s.clock.deferredTo) return DomainError.conflict('REPLY_ALREADY_DEFERRED', `已确定于 ${s.clock.deferredTo} 前答复。`);
  const current = dueDate(calendar, s.clock, command.today);
  if (current instanceof DomainError) return current;
  if (current && command.replyByOn <= current) {
    return DomainError.rule('DEFERRAL_NOT_LATER', `延迟答复的期限应晚于现有答复期限 ${current}。`);
  }
  if (command.noticeSentOn > command.today) return DomainError.rule('INVALID_NOTICE_DATE', '告知申请人的日期不能晚于今天。');
  const { replyByOn, reason, noticeSentOn } = command;
  return [{ type: 'requests.ReplyDeferred', data: { ...ids(s), replyByOn, reason, noticeSentOn, legalBasis: ART_35_MASS_REQUESTS } }];
}

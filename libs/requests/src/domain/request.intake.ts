import { DomainError } from '@gongkai/platform/domain';
import { addCalendarDays, type LocalDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { ART_30_CORRECTION, CATEGORY_LEGAL } from './legal-basis';
import { CORRECTION_NOTICE_WORKING_DAYS, REPLY_WORKING_DAYS, type OpenRequest, type RequestState } from './request';
import { checkDate, ids, MAX_RECEIPT_AGE_DAYS, wrongStatus, type CommandOf, type Decision } from './request.commands';

/** Intake: receipt, the one correction (Art. 30), assignment and transfer. */

/** The earliest receipt date a back-entry (补录) accepts: 1 January of the year before `today`'s. */
export const backEntryEarliest = (today: LocalDate): LocalDate => `${Number(today.slice(0, 4)) - 1}-01-01` as LocalDate;

export function receiveRequest(command: CommandOf<'ReceiveRequest'>, state: RequestState, calendar: WorkingDayCalendar): Decision {
  const { today } = command;
  if (state.status !== 'none') return DomainError.conflict('REQUEST_ALREADY_RECEIVED', '该申请已登记，不能重复登记。');
  const future = checkDate(command.receivedOn, today, '收到申请日期');
  if (future) return future;
  if (command.backEntry) {
    // 补录: the true receipt date, as far back as the previous year (the first annual report's 上年结转).
    const earliest = backEntryEarliest(today);
    if (command.receivedOn < earliest) {
      return DomainError.rule(
        'BACK_ENTRY_TOO_OLD',
        `补录的收到申请日期（${command.receivedOn}）不能早于 ${earliest}：只能补录本年度和上一年度的申请。`,
      );
    }
  } else if (command.receivedOn < addCalendarDays(today, -MAX_RECEIPT_AGE_DAYS)) {
    return DomainError.rule(
      'RECEIPT_TOO_OLD',
      `收到申请日期（${command.receivedOn}）早于 ${MAX_RECEIPT_AGE_DAYS} 天前，请核对日期；确属以前收到而未登记的申请，请按补录办理并写明原因。`,
    );
  }
  // The deadline must be computable on the statutory calendar (refused past the covered years).
  const computable = calendar.addWorkingDaysChecked(command.receivedOn, REPLY_WORKING_DAYS);
  if (computable instanceof DomainError) return computable;
  const { type: _t, today: _d, dueOn: _due, ...data } = command as typeof command & { dueOn?: unknown };
  return [{ type: 'requests.RequestReceived', data }];
}

export function requestCorrection(command: CommandOf<'RequestCorrection'>, s: OpenRequest, calendar: WorkingDayCalendar): Decision {
  const { today } = command;
  if (s.correction) return DomainError.rule('CORRECTION_ONLY_ONCE', '补正通知只能发出一次（条例第三十条：一次性告知）。');
  if (!['registered', 'in_progress'].includes(s.status)) return wrongStatus(s, '要求补正');
  const latest = calendar.addWorkingDaysChecked(s.receivedOn, CORRECTION_NOTICE_WORKING_DAYS);
  if (latest instanceof DomainError) return latest;
  if (today > latest) {
    return DomainError.rule('CORRECTION_TOO_LATE', `补正通知应在收到申请之日起 7 个工作日内发出（最迟 ${latest}），现已逾期。`);
  }
  const correctionDueOn = calendar.addWorkingDaysChecked(today, command.periodWorkingDays);
  if (correctionDueOn instanceof DomainError) return correctionDueOn;
  return [
    {
      type: 'requests.CorrectionRequested',
      data: {
        ...ids(s),
        noticeOn: today,
        items: command.items,
        periodWorkingDays: command.periodWorkingDays,
        correctionDueOn,
        legalBasis: ART_30_CORRECTION,
      },
    },
  ];
}

export function receiveCorrection(command: CommandOf<'ReceiveCorrection'>, s: OpenRequest): Decision {
  if (s.status !== 'awaiting_correction' || !s.correction) return wrongStatus(s, '登记补正材料');
  const future = checkDate(command.receivedOn, command.today, '收到补正日期');
  if (future) return future;
  if (command.receivedOn < s.correction.noticeOn) return DomainError.rule('DATE_BEFORE_NOTICE', '收到补正日期不能早于补正通知日期。');
  const late = command.receivedOn > s.correction.dueOn;
  if (late && !command.lateReason) {
    return DomainError.rule(
      'CORRECTION_OVERDUE',
      `补正期限已于 ${s.correction.dueOn} 届满。无正当理由逾期补正视为放弃申请；有正当理由的，须由政府信息公开工作机构负责人同意受理并填写理由。`,
    );
  }
  if (late && command.by.role !== 'office_head') {
    return DomainError.forbidden('LATE_CORRECTION_NEEDS_OFFICE_HEAD', '逾期补正须经政府信息公开工作机构负责人同意受理（条例第三十条）。');
  }
  return [
    {
      type: 'requests.CorrectionReceived',
      data: {
        ...ids(s),
        receivedOn: command.receivedOn,
        ...(command.note ? { note: command.note } : {}),
        ...(late && command.lateReason ? { lateAccepted: { by: command.by.userId, reason: command.lateReason } } : {}),
      },
    },
  ];
}

export function abandonForNoCorrection(command: CommandOf<'AbandonForNoCorrection'>, s: OpenRequest): Decision {
  const { today } = command;
  if (s.status !== 'awaiting_correction' || !s.correction) return wrongStatus(s, '按逾期不补正终止');
  if (today <= s.correction.dueOn) return DomainError.rule('CORRECTION_PERIOD_RUNNING', `补正期限至 ${s.correction.dueOn}，尚未届满。`);
  return [
    {
      type: 'requests.RequestAbandoned',
      data: { ...ids(s), category: 'other.no_correction', abandonedOn: today, legalBasis: CATEGORY_LEGAL['other.no_correction'].article },
    },
  ];
}

export function assignRequest(command: CommandOf<'AssignRequest'>, s: OpenRequest): Decision {
  if (s.status === 'awaiting_correction') return wrongStatus(s, '分办');
  return [
    {
      type: 'requests.RequestAssigned',
      data: {
        ...ids(s),
        handlerId: command.handlerId,
        ...(command.handlerName ? { handlerName: command.handlerName } : {}),
        assignedOn: command.today,
      },
    },
  ];
}

export function transferRequest(command: CommandOf<'TransferRequest'>, s: OpenRequest): Decision {
  if (command.toUnitId === s.unitId) return DomainError.rule('TRANSFER_TO_SAME_UNIT', '不能移交给本单位。');
  return [
    {
      type: 'requests.RequestTransferred',
      data: { ...ids(s), toUnitId: command.toUnitId, reason: command.reason, transferredOn: command.today },
    },
  ];
}

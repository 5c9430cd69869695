import { REPLY_CATEGORIES, REQUEST_CHANNEL_LABELS } from '@gongkai/contracts';
import { assertReadsUnit, DomainError, type Principal } from '@gongkai/platform';
import type { LocalDate, WorkingDayCalendar } from '@gongkai/working-days';
import { CLOSED_STATUSES, readClock } from '../domain/request';
import { STATUS_LABELS } from '../domain/request.decide';
import { stepsDue } from '../domain/steps-due';
import { renderLetter, type LetterKind } from '../documents/letters';
import { clockInputsOf, type RequestsProjection, type RequestStatistics, type RequestView } from '../read-models/requests.projection';
import type { LetterSettings } from './letter-settings';
import type { ApplicantPersonalData } from './personal-data';
import { trackingCodeHash, type RequestsSettings } from './settings';

/** The list filters: past the due date, within `nearDueDays` of it, or simply open. */
export const LIST_FLAGS = ['overdue', 'near_due', 'open'] as const;
export type ListFlag = (typeof LIST_FLAGS)[number];

/**
 * What staff and applicants read about requests, on a given day (Beijing): the statutory clock and
 * the internal stage limits read from the read model's clock inputs, the steps a lapsed period has
 * made possible, the letters.
 */
export class RequestReads {
  constructor(
    private readonly requests: RequestsProjection,
    private readonly settings: RequestsSettings,
    private readonly calendar: WorkingDayCalendar,
    private readonly letterHeads: Pick<LetterSettings, 'headOf'>,
    private readonly personalData: Pick<ApplicantPersonalData, 'revealApplicant'>,
  ) {}

  /** The applicant's view by tracking code: progress and dates, nothing about the person. */
  async track(code: string, today: LocalDate) {
    const found = code.length <= 64 ? await this.requests.byTrackingHash(trackingCodeHash(code)) : null;
    if (!found) throw DomainError.notFound('TRACKING_CODE_UNKNOWN', '查询码不正确或申请不存在，请核对后重试。');
    const clock = CLOSED_STATUSES.includes(found.status)
      ? null
      : readClock(this.calendar, clockInputsOf(found), today, this.settings.nearDueDays);
    return {
      status: found.status,
      statusLabel: STATUS_LABELS[found.status],
      receivedOn: found.receivedOn,
      dueOn: clock?.dueOn ?? null,
      dueOnProvisional: clock?.provisional ?? false,
      remainingWorkingDays: clock?.remainingWorkingDays ?? null,
      /** A consultation (or, by setting, the fee period) runs: its time is not counted (Art. 33), the due date moves. */
      paused: clock?.paused ?? false,
      correctionDueOn: found.status === 'awaiting_correction' ? found.correction?.correctionDueOn : undefined,
      feeAmountYuan: found.fee && !found.fee.paidOn ? found.fee.amountYuan : undefined,
      /** Only once the day the applicant received the notice is recorded: before, the period's end is not known here. */
      feePayByOn: found.fee && !found.fee.paidOn && found.fee.noticeReceivedOn ? found.fee.payByOn : undefined,
      result: found.category ? REPLY_CATEGORIES[found.category].group : null,
      closedOn: found.closedOn,
    };
  }

  /** The requests of a unit (or the district), each with its clock; optionally only overdue, near due or open ones. */
  async list(unitId: string | undefined, flag: ListFlag | undefined, today: LocalDate) {
    const rows = (await this.requests.find(unitId ? { unitId } : {})).map((r) => this.summary(r, today));
    if (flag === 'overdue') return rows.filter((r) => r.clock?.overdue);
    if (flag === 'near_due') return rows.filter((r) => r.clock?.nearDue);
    if (flag === 'open') return rows.filter((r) => r.clock !== null);
    return rows;
  }

  /**
   * One request as its unit's staff (or the district, or an auditor) read it, with the revision it
   * reflects. The applicant in clear for the roles with the right, `已脱敏` for the others, `已删除`
   * once erased.
   */
  async detail(requestId: string, principal: Principal, today: LocalDate) {
    const r = await this.personalData.revealApplicant(await this.readable(requestId, principal), principal);
    // Not for the screens: the keys, the clock's inputs (read through `clock`), the state of documents projected before them.
    const { trackingCodeHash: _t, applicantKey: _k, clockInputs: _c, state: _s, ...view } = r as typeof r & { state?: unknown };
    return { ...view, ...this.summary(r, today) };
  }

  statistics(unitId: string | undefined, from: string, to: string, today: LocalDate): Promise<RequestStatistics> {
    return this.requests.statistics(unitId, from, to, today);
  }

  /** A letter of the request as .docx; refused when the request has no such step. */
  async letter(requestId: string, kind: LetterKind, consultationId: string | undefined, principal: Principal) {
    const r = await this.personalData.revealApplicant(await this.readable(requestId, principal), principal);
    const head = await this.letterHeads.headOf(r.unitId);
    const letter = await renderLetter(kind, r, head, consultationId, this.settings.reconsiderationFirst);
    if (!letter) throw DomainError.rule('LETTER_NOT_APPLICABLE', '该申请尚无此办理环节，不能生成该文书。');
    return letter;
  }

  private async readable(requestId: string, principal: Principal): Promise<RequestView & { revision: number }> {
    const r = await this.requests.get(requestId);
    if (!r) throw DomainError.notFound('REQUEST_NOT_FOUND', '该政府信息公开申请不存在。');
    assertReadsUnit(principal, r.unitId);
    return r;
  }

  private summary(r: RequestView, today: LocalDate) {
    const open = !CLOSED_STATUSES.includes(r.status);
    const clock = open ? readClock(this.calendar, clockInputsOf(r), today, this.settings.nearDueDays) : null;
    const stageLimit = this.settings.stageLimits[r.status];
    const stageDueOn = stageLimit !== undefined ? this.calendar.addWorkingDays(r.stageSince as LocalDate, stageLimit) : null;
    return {
      requestId: r.requestId,
      unitId: r.unitId,
      receivedOn: r.receivedOn,
      channel: REQUEST_CHANNEL_LABELS[r.channel as keyof typeof REQUEST_CHANNEL_LABELS],
      applicantType: r.applicantType,
      description: r.description,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      clock,
      stage: {
        since: r.stageSince,
        internalLimitWorkingDays: stageLimit ?? null,
        internalDueOn: stageDueOn,
        overInternalLimit: stageDueOn !== null && today > stageDueOn,
      },
      stepsDue: stepsDue(r, today),
      possibleRepeatOf: r.possibleRepeatOf,
      category: r.category,
      closedOn: r.closedOn,
    };
  }
}

import { Readable } from 'node:stream';
import { REPLY_CATEGORIES, REQUEST_CHANNEL_LABELS } from '@gongkai/contracts';
import { assertReadsUnit, DomainError, type BlobStore, type Principal } from '@gongkai/platform';
import type { LocalDate, WorkingDayCalendar } from '@gongkai/working-days';
import { CLOSED_STATUSES, readClock } from '../domain/request';
import { STATUS_LABELS } from '../domain/request.decide';
import { stepsDue } from '../domain/steps-due';
import { renderLetter, type LetterKind } from '../documents/letters';
import { renderReceipt } from '../documents/receipt';
import { registerWorkbook } from '../documents/register-export';
import { clockInputsOf, type RequestsProjection, type RequestStatistics, type RequestView } from '../read-models/requests.projection';
import type { LetterSettings } from './letter-settings';
import type { ApplicantPersonalData } from './personal-data';
import { REGISTER_MAX_ROWS, selectRegister, type RegisterFilter, type RegisterQuery, type RegisterSort } from './request-register';
import { trackingCodeHash, type RequestsSettings } from './settings';

/** A register row: the request as the lists show it, with its clock on the day read. */
export type RequestSummary = ReturnType<RequestReads['summary']>;

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
    private readonly personalData: Pick<ApplicantPersonalData, 'revealApplicant' | 'openScan'>,
    private readonly files?: Pick<BlobStore, 'getBytes'>,
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

  /**
   * One page of the register of a unit (or the district): the requests the filters select, each with
   * its clock, and how many there are in all. Filtered and sorted on the projection's in-memory rows
   * (ADR 0006: FerretDB scans for every filter), then the page's requests are read by their ids.
   */
  async register(unitId: string | undefined, query: RegisterQuery, today: LocalDate): Promise<{ rows: RequestSummary[]; total: number }> {
    const { sort, page, pageSize, ...filter } = query;
    const selected = await this.selected(unitId, filter, sort, today);
    const views = await this.requests.getMany(selected.slice((page - 1) * pageSize, page * pageSize).map((r) => r.requestId));
    return { rows: views.map((r) => this.summary(r, today)), total: selected.length };
  }

  /** Every request the filters select (at most REGISTER_MAX_ROWS), sorted: what the export writes. */
  async registerRows(
    unitId: string | undefined,
    filter: RegisterFilter,
    sort: RegisterSort,
    today: LocalDate,
  ): Promise<{ view: RequestView; summary: RequestSummary }[]> {
    const selected = await this.selected(unitId, filter, sort, today);
    if (selected.length > REGISTER_MAX_ROWS) {
      throw DomainError.rule(
        'REGISTER_TOO_MANY_ROWS',
        `符合条件的申请超过 ${REGISTER_MAX_ROWS} 件，请缩小筛选范围（如收到日期）后再导出。`,
        { max: REGISTER_MAX_ROWS },
      );
    }
    const views = await this.requests.getMany(selected.map((r) => r.requestId));
    return views.map((view) => ({ view, summary: this.summary(view, today) }));
  }

  private async selected(unitId: string | undefined, filter: RegisterFilter, sort: RegisterSort, today: LocalDate) {
    return selectRegister(await this.requests.registerRows(), unitId, filter, sort, (row) => {
      const clock = readClock(this.calendar, row.clockInputs, today, this.settings.nearDueDays);
      return { ...clock, overInternalLimit: this.stage(row.status, row.stageSince, today).overInternalLimit };
    });
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

  /**
   * The register's rows as the .xlsx 登记台账: exactly the requests the filters select, in the order
   * asked; the applicants as the exporting reader may read them (`revealApplicant`).
   */
  async exportRegister(unitId: string | undefined, filter: RegisterFilter, sort: RegisterSort, today: LocalDate, principal: Principal) {
    const rows = await Promise.all(
      (await this.registerRows(unitId, filter, sort, today)).map(async (row) => ({
        ...row,
        view: await this.personalData.revealApplicant(row.view, principal),
      })),
    );
    const name = unitId ? (await this.letterHeads.headOf(unitId)).printedName : '全区';
    const title = `${name}政府信息公开申请登记台账（${today}导出）`;
    return { filename: `${title}.xlsx`, buffer: await registerWorkbook(title, rows), rows: rows.length };
  }

  /**
   * The receipt (回执) as .docx, printed right after registration: the caller gives back the tracking
   * code the registration answered (only its hash is kept), so only who registered it can print it.
   */
  async receipt(requestId: string, trackingCode: string, principal: Principal, today: LocalDate) {
    const r = await this.readable(requestId, principal);
    if (trackingCodeHash(trackingCode) !== r.trackingCodeHash) {
      throw DomainError.rule('TRACKING_CODE_MISMATCH', '查询码与该申请不符，不能打印回执。');
    }
    const clock = readClock(this.calendar, clockInputsOf(r), today, this.settings.nearDueDays);
    const head = await this.letterHeads.headOf(r.unitId);
    return renderReceipt(await this.personalData.revealApplicant(r, principal), head, {
      trackingCode,
      dueOn: clock.dueOn ?? '',
      dueOnProvisional: clock.provisional,
      printedOn: today,
    });
  }

  /** The scanned application of a request (opened with the applicant's key), under its name as the reader may read it. */
  async scan(requestId: string, principal: Principal) {
    const r = await this.personalData.revealApplicant(await this.readable(requestId, principal), principal);
    if (r.scan && r.personalDataErased) throw DomainError.notFound('SCAN_ERASED', '该申请书扫描件已随申请人的个人信息删除。');
    const stored = r.scan && this.files ? await this.files.getBytes(r.scan.sha256) : null;
    if (!r.scan || !stored) throw DomainError.notFound('SCAN_NOT_FOUND', '该申请没有申请书扫描件。');
    const bytes = await this.personalData.openScan(r, stored, principal);
    return { ref: r.scan, content: { size: bytes.length, stream: Readable.from([bytes]) } };
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

  /** The internal time limit of the current stage (本区内部时限), on `today`. */
  private stage(status: RequestView['status'], since: string, today: LocalDate) {
    const limit = this.settings.stageLimits[status];
    const internalDueOn = limit !== undefined ? this.calendar.addWorkingDays(since as LocalDate, limit) : null;
    return {
      since,
      internalLimitWorkingDays: limit ?? null,
      internalDueOn,
      overInternalLimit: internalDueOn !== null && today > internalDueOn,
    };
  }

  summary(r: RequestView, today: LocalDate) {
    const open = !CLOSED_STATUSES.includes(r.status);
    const clock = open ? readClock(this.calendar, clockInputsOf(r), today, this.settings.nearDueDays) : null;

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
      stage: this.stage(r.status, r.stageSince, today),
      stepsDue: stepsDue(r, today),
      possibleRepeatOf: r.possibleRepeatOf,
      category: r.category,
      closedOn: r.closedOn,
      handlerName: r.handler ? (r.handler.handlerName ?? r.handler.handlerId) : null,
      backEntered: Boolean(r.backEntry),
    };
  }
}

import type { Writable } from 'node:stream';
import { REPLY_CATEGORIES, REQUEST_CHANNEL_LABELS, withholdingGroundLabel, type FileRef } from '@gongkai/contracts';
import { assertReadsUnit, DomainError, pageOf, type BlobStore, type Page, type Principal } from '@gongkai/platform';
import type { LocalDate, WorkingDayCalendar } from '@gongkai/working-days';
import { CLOSED_STATUSES, readClock } from '../domain/request';
import { STATUS_LABELS } from '../domain/request.decide';
import { replyFileActions } from '../domain/request.files';
import { stepsDue } from '../domain/steps-due';
import { renderLetter, type LetterKind } from '../documents/letters';
import { renderReceipt } from '../documents/receipt';
import { writeRegisterWorkbook } from '../documents/register-export';
import {
  clockInputsOf,
  registerRowOf,
  type RegisterRow,
  type RequestsProjection,
  type RequestStatistics,
  type RequestView,
} from '../read-models/requests.projection';
import type { LetterSettings } from './letter-settings';
import type { ApplicantPersonalData } from './personal-data';
import { REGISTER_MAX_ROWS, selectRegister, type RegisterFilter, type RegisterQuery, type RegisterSort } from './request-register';
import { publishedFilesOf } from './reply-files';
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
    private readonly personalData: Pick<ApplicantPersonalData, 'revealApplicant'>,
    private readonly files?: Pick<BlobStore, 'get'>,
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
      files: publishedFilesOf(found).map((f) => ({
        fileId: f.fileId,
        file: f.file,
        redactions: f.redactions.map((r) => `${withholdingGroundLabel(r.ground)}：${r.description}`),
      })),
    };
  }

  /** A file of a request's reply as its staff read it: the originals too (never through a public route). */
  async replyFile(requestId: string, sha256: string, principal: Principal): Promise<FileRef> {
    const r = await this.readable(requestId, principal);
    const files = (r.replyFiles ?? []).flatMap((f) => [f.file, ...(f.redacted ? [f.redacted.file] : [])]);
    const file = [...files, ...publishedFilesOf(r).map((f) => f.file)].find((f) => f.sha256 === sha256);
    if (!file) throw DomainError.notFound('REPLY_FILE_NOT_FOUND', '该申请的答复没有这个文件。');
    return file;
  }

  /**
   * One page of the register of a unit (or the district): the requests the filters select, each with
   * its clock, and how many there are in all. Filtered, sorted and shown from the projection's
   * in-memory rows (ADR 0006): a page reads nothing from FerretDB.
   */
  async register(unitId: string | undefined, query: RegisterQuery, today: LocalDate): Promise<Page<RequestSummary>> {
    const { sort, page, pageSize, ...filter } = query;
    const found = pageOf(await this.selected(unitId, filter, sort, today), { page, pageSize });
    return { ...found, rows: found.rows.map((r) => this.summary(r, today)) };
  }

  /** Every request the filters select (at most REGISTER_MAX_ROWS), sorted, as register rows (no read of FerretDB). */
  async registerRows(unitId: string | undefined, filter: RegisterFilter, sort: RegisterSort, today: LocalDate): Promise<RequestSummary[]> {
    return (await this.exportable(unitId, filter, sort, today)).map((row) => this.summary(row, today));
  }

  /** The rows the filters select, refused above REGISTER_MAX_ROWS (an export, a digest). */
  private async exportable(unitId: string | undefined, filter: RegisterFilter, sort: RegisterSort, today: LocalDate) {
    const selected = await this.selected(unitId, filter, sort, today);
    if (selected.length > REGISTER_MAX_ROWS) {
      throw DomainError.rule(
        'REGISTER_TOO_MANY_ROWS',
        `符合条件的申请超过 ${REGISTER_MAX_ROWS} 件，请缩小筛选范围（如收到日期）后再导出。`,
        { max: REGISTER_MAX_ROWS },
      );
    }
    return selected;
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
    return { ...view, ...this.summary(registerRowOf(r), today), replyFileActions: replyFileActions(r) };
  }

  statistics(unitId: string | undefined, from: string, to: string, today: LocalDate): Promise<RequestStatistics> {
    return this.requests.statistics(unitId, from, to, today);
  }

  /**
   * The register's rows as the .xlsx 登记台账, streamed to `out`: exactly the requests the filters
   * select, in the order asked, from the projection's in-memory rows (nothing read from FerretDB);
   * the applicants as the exporting reader may read them (`revealApplicant`). The count is checked
   * before anything is written: a refusal is a problem, not half a file.
   */
  async exportRegister(
    unitId: string | undefined,
    filter: RegisterFilter,
    sort: RegisterSort,
    today: LocalDate,
    principal: Principal,
  ): Promise<{ filename: string; rows: number; write: (out: Writable) => Promise<void> }> {
    const rows = await this.exportable(unitId, filter, sort, today);
    const name = unitId ? (await this.letterHeads.headOf(unitId)).printedName : '全区';
    const title = `${name}政府信息公开申请登记台账（${today}导出）`;
    const reveal = (row: RegisterRow) => this.personalData.revealApplicant(row.ledger, principal);
    const summary = (row: RegisterRow) => this.summary(row, today);
    async function* revealed() {
      for (const row of rows) yield { row: { ...row, ledger: await reveal(row) }, summary: summary(row) };
    }
    return { filename: `${title}.xlsx`, rows: rows.length, write: (out) => writeRegisterWorkbook(out, title, revealed()) };
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

  /** The scanned application of a request, streamed from the file store. */
  async scan(requestId: string, principal: Principal) {
    const r = await this.readable(requestId, principal);
    const content = r.scan && this.files ? await this.files.get(r.scan.sha256) : null;
    if (!r.scan || !content) throw DomainError.notFound('SCAN_NOT_FOUND', '该申请没有申请书扫描件。');
    return { ref: r.scan, content };
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

  /** A register row with its clock, stage and steps due on `today` (a page row, the head of a case view). */
  summary(r: RegisterRow, today: LocalDate) {
    const open = !CLOSED_STATUSES.includes(r.status);
    const clock = open ? readClock(this.calendar, r.clockInputs, today, this.settings.nearDueDays) : null;
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
      handlerName: r.handlerName,
      backEntered: r.backEntered,
    };
  }
}

import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  APPLICANT_TYPES,
  DELIVERY_METHODS,
  PREFERRED_FORMS,
  REPLY_CATEGORIES,
  REPLY_CATEGORY_CODES,
  REQUEST_CHANNEL_LABELS,
  REQUEST_CHANNELS,
  type ApplicantType,
  type ReplyCategory,
  type RequestChannel,
} from '@gongkai/contracts';
import { DomainError, type CommandContext, type CommandHandler, type FieldError } from '@gongkai/platform';
import { toShanghaiDate, type LocalDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { REPLY_WORKING_DAYS, requestStreamId } from '../domain/request';
import { requestDecider } from '../domain/request.decide';
import { backEntryEarliest } from '../domain/request.intake';
import type { CounterSubmission, RequestIntake } from './intake';

/** The import's columns (header row, any order); * = required. */
export const IMPORT_COLUMNS = [
  '收到申请日期',
  '申请方式',
  '申请人类型',
  '申请人',
  '联系电话',
  '通信地址',
  '电子邮箱',
  '申请内容',
  '获取形式',
  '获取方式',
  '办理结果',
  '办结日期',
  '补录原因',
] as const;
type Column = (typeof IMPORT_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['收到申请日期', '申请方式', '申请人类型', '申请人', '申请内容'];
export const MAX_IMPORT_ROWS = 2000;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A channel as people write it: the label, the code, or a common name. */
const CHANNEL_NAMES: Record<string, RequestChannel> = {
  ...Object.fromEntries(REQUEST_CHANNELS.map((c) => [c, c])),
  ...Object.fromEntries(Object.entries(REQUEST_CHANNEL_LABELS).map(([c, label]) => [label, c as RequestChannel])),
  当面: 'in_person',
  窗口: 'in_person',
  当面提交: 'in_person',
  纸质: 'in_person',
  挂号信: 'registered_post',
  邮政快递: 'registered_post',
  快递: 'registered_post',
  信函: 'ordinary_letter',
  网上: 'online',
};

/** An outcome as people write it: 类别：情形, the 情形 alone, or the 类别 when it has one 情形 (予以公开, 部分公开). */
function categoryOf(text: string): ReplyCategory | undefined {
  const plain = (label: string) => label.replace(/（.*）$/, '');
  const normal = text.replace(/[:：]\s*/, '：');
  return REPLY_CATEGORY_CODES.find((code) => {
    const { group, label } = REPLY_CATEGORIES[code];
    return [code, plain(label), `${group}：${plain(label)}`, label].includes(normal);
  });
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value).trim();
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('result' in value && value.result !== undefined && value.result !== null) {
    return value.result instanceof Date ? value.result.toISOString().slice(0, 10) : String(value.result).trim();
  }
  if ('text' in value) return String(value.text).trim();
  return '';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
/** 2025/11/3, 2025.11.3, 2025年11月3日 → 2025-11-03. */
const normalDate = (s: string) => {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : s;
};

/** One valid row: the registration and, for a closed case, its outcome. */
interface ImportRow {
  rowNumber: number;
  submission: CounterSubmission & { backEntryReason: string };
  outcome?: { category: ReplyCategory; closedOn: LocalDate };
}

/**
 * 补录 at scale: the open and closed requests of this and last year from a spreadsheet (one row each,
 * columns IMPORT_COLUMNS). All or nothing: every row is checked first and any error refuses the whole
 * file, listing each bad row by its sheet row number; only then are the rows registered (back-entered,
 * with the reason) and the outcome of closed ones recorded. Each row's request number is derived from
 * the unit, the file and the row, so a re-run of the same file after an interruption completes it and
 * never registers a row twice.
 */
export class RequestImport {
  constructor(
    private readonly intake: Pick<RequestIntake, 'register'>,
    private readonly commands: CommandHandler,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  async import(unitId: string, upload: AsyncIterable<Buffer>, defaultReason: string | undefined, context: CommandContext) {
    const today = toShanghaiDate(context.now);
    const file = await readUpload(upload);
    const rows = await this.check(file, defaultReason, today);
    const fileHash = createHash('sha256').update(file).digest('hex');
    let registered = 0;
    let outcomes = 0;
    for (const row of rows) {
      const requestId = `IMP-${createHash('sha256').update(`${unitId}|${fileHash}|${row.rowNumber}`).digest('hex').slice(0, 32)}`;
      try {
        await this.intake.register({ ...row.submission, unitId }, context, requestId);
        registered += 1;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'REQUEST_ALREADY_RECEIVED')) throw error;
      }
      if (!row.outcome) continue;
      const stream = requestStreamId(requestId);
      const decider = requestDecider(this.calendar);
      const current = await this.commands.load(decider, stream);
      if (current.state.status !== 'registered') continue; // recorded by an earlier run
      await this.commands.handle(decider, stream, { type: 'RecordPastOutcome', today, ...row.outcome }, context);
      outcomes += 1;
    }
    return { rows: rows.length, registered, outcomesRecorded: outcomes, open: rows.filter((r) => !r.outcome).length };
  }

  /** Every row checked; a DomainError listing each bad cell (行 n「列」：…) when any is wrong. */
  async check(file: Buffer, defaultReason: string | undefined, today: LocalDate): Promise<ImportRow[]> {
    const sheet = await firstSheet(file);
    const header = new Map<number, Column>();
    sheet.getRow(1).eachCell((cell, column) => {
      const name = cellText(cell).replace(/[*＊]/g, '') as Column;
      if (IMPORT_COLUMNS.includes(name)) header.set(column, name);
    });
    const missing = REQUIRED.filter((c) => ![...header.values()].includes(c));
    if (missing.length) throw DomainError.validation('SPREADSHEET_COLUMNS_MISSING', `电子表格缺少以下列：${missing.join('、')}。`);
    const errors: FieldError[] = [];
    const rows: ImportRow[] = [];
    const earliest = backEntryEarliest(today);
    sheet.eachRow((excelRow, rowNumber) => {
      if (rowNumber === 1) return;
      const cells: Partial<Record<Column, string>> = {};
      excelRow.eachCell((cell, column) => {
        const name = header.get(column);
        if (name) cells[name] = cellText(cell);
      });
      if (!Object.values(cells).some(Boolean)) return;
      const rowErrors: FieldError[] = [];
      const fail = (column: Column, message: string) =>
        rowErrors.push({ field: `第${rowNumber}行.${column}`, code: 'invalid_cell', message: `第 ${rowNumber} 行「${column}」${message}` });
      const get = (column: Column) => cells[column] ?? '';
      const receivedOn = normalDate(get('收到申请日期'));
      if (!isCalendarDate(receivedOn)) fail('收到申请日期', '不是有效日期（应为 YYYY-MM-DD）');
      else if (receivedOn < earliest) fail('收到申请日期', `早于 ${earliest}：只能补录本年度和上一年度的申请`);
      else if (receivedOn > today) fail('收到申请日期', `晚于今天（${today}）`);
      const channel = CHANNEL_NAMES[get('申请方式')];
      if (!channel) fail('申请方式', `应为 ${Object.values(REQUEST_CHANNEL_LABELS).join('、')} 之一`);
      const type = get('申请人类型') as ApplicantType;
      if (!APPLICANT_TYPES.includes(type)) fail('申请人类型', `应为 ${APPLICANT_TYPES.join('、')} 之一`);
      const name = get('申请人');
      if (name.length < 2 || name.length > 100) fail('申请人', '应为 2 至 100 个字');
      const description = get('申请内容');
      if (description.length < 5 || description.length > 2000) fail('申请内容', '应为 5 至 2000 个字');
      const phone = get('联系电话') || undefined;
      if (phone && !/^[0-9+\-() ]{5,30}$/.test(phone)) fail('联系电话', '格式不正确');
      const email = get('电子邮箱') || undefined;
      if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail('电子邮箱', '格式不正确');
      const address = get('通信地址') || undefined;
      if (address && (address.length < 4 || address.length > 200)) fail('通信地址', '应为 4 至 200 个字');
      if (!phone && !email && !address) fail('联系电话', '、通信地址、电子邮箱至少填写一项');
      const form = (get('获取形式') || '纸质') as (typeof PREFERRED_FORMS)[number];
      if (!PREFERRED_FORMS.includes(form)) fail('获取形式', `应为 ${PREFERRED_FORMS.join('、')} 之一`);
      const delivery = (get('获取方式') || '邮寄') as (typeof DELIVERY_METHODS)[number];
      if (!DELIVERY_METHODS.includes(delivery)) fail('获取方式', `应为 ${DELIVERY_METHODS.join('、')} 之一`);
      const reason = get('补录原因') || defaultReason;
      if (!reason || reason.length < 4 || reason.length > 500) fail('补录原因', '未填写（或在导入时统一填写），应为 4 至 500 个字');
      let outcome: ImportRow['outcome'];
      const outcomeText = get('办理结果');
      const closedOn = normalDate(get('办结日期'));
      if (outcomeText) {
        const category = categoryOf(outcomeText);
        if (!category) fail('办理结果', '不是年度报告表三的办理结果之一（如“予以公开”“不予公开：属于国家秘密”）');
        if (!isCalendarDate(closedOn)) fail('办结日期', '已办结的申请须填写有效的办结日期（YYYY-MM-DD）');
        else if (closedOn < receivedOn || closedOn > today) fail('办结日期', `应在收到申请日期与今天（${today}）之间`);
        if (category) outcome = { category, closedOn: closedOn as LocalDate };
      } else if (get('办结日期')) fail('办理结果', '填写了办结日期，须同时填写办理结果');
      if (
        isCalendarDate(receivedOn) &&
        this.calendar.addWorkingDaysChecked(receivedOn as LocalDate, REPLY_WORKING_DAYS) instanceof DomainError
      ) {
        fail('收到申请日期', '所在年度的工作日历不可用');
      }
      if (rowErrors.length) {
        errors.push(...rowErrors);
        return;
      }
      rows.push({
        rowNumber,
        submission: {
          unitId: '',
          channel,
          receivedOn,
          applicant: { type, name, ...(phone ? { phone } : {}), ...(email ? { email } : {}), ...(address ? { address } : {}) },
          description,
          preferredForm: form,
          delivery,
          backEntryReason: reason as string,
        },
        ...(outcome ? { outcome } : {}),
      });
    });
    if (rows.length + errors.length === 0) throw DomainError.validation('IMPORT_EMPTY', '电子表格中没有申请。');
    if (rows.length > MAX_IMPORT_ROWS) throw DomainError.validation('IMPORT_TOO_MANY_ROWS', `一次最多导入 ${MAX_IMPORT_ROWS} 件申请。`);
    if (errors.length) {
      throw DomainError.validation(
        'IMPORT_ROWS_INVALID',
        `有 ${new Set(errors.map((e) => e.field.split('.')[0])).size} 行有误，全部未导入：${errors
          .slice(0, 20)
          .map((e) => e.message)
          .join('；')}${errors.length > 20 ? '……' : ''}`,
        errors,
      );
    }
    return rows;
  }
}

/** The raw .xlsx request body, at most MAX_FILE_BYTES. */
async function readUpload(upload: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of upload) {
    size += chunk.length;
    if (size > MAX_FILE_BYTES)
      throw new DomainError('validation', 'PAYLOAD_TOO_LARGE', '上传的文件过大（上限 5MB）。', [], { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function firstSheet(file: Buffer): Promise<ExcelJS.Worksheet> {
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50)
    throw DomainError.validation('NOT_A_SPREADSHEET', '上传的文件不是有效的 .xlsx 电子表格。');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw DomainError.validation('NOT_A_SPREADSHEET', '上传的文件不是有效的 .xlsx 电子表格。');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw DomainError.validation('NOT_A_SPREADSHEET', '电子表格中没有工作表。');
  return sheet;
}

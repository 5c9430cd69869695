import ExcelJS from 'exceljs';
import { REPLY_CATEGORIES, REQUEST_CHANNEL_LABELS, type RequestChannel } from '@gongkai/contracts';
import type { RequestView } from '../read-models/requests.projection';

/** What one register row needs: the stored request and its clock on the day exported. */
export interface RegisterExportRow {
  view: RequestView;
  summary: {
    statusLabel: string;
    clock: { dueOn: string | null; remainingWorkingDays: number | null; overdue: boolean } | null;
  };
}

const GROUPS = ['登记', '审核', '办理', '答复', '归档'] as const;
type Group = (typeof GROUPS)[number];

/**
 * The 登记台账 (Art. 45: 登记、审核、办理、答复、归档), one column per fact, grouped under the five
 * stages the article names. The first row names the stages (merged over their columns), the second
 * the columns; one row per request from the third.
 */
const COLUMNS: { group: Group; header: string; width: number; value: (row: RegisterExportRow, index: number) => string | number }[] = [
  { group: '登记', header: '序号', width: 6, value: (_row, index) => index + 1 },
  { group: '登记', header: '申请编号', width: 38, value: ({ view }) => view.requestId },
  { group: '登记', header: '收到申请日期', width: 13, value: ({ view }) => view.receivedOn },
  { group: '登记', header: '收到日期认定（条例第三十一条）', width: 22, value: ({ view }) => view.receiptBasis ?? '' },
  {
    group: '登记',
    header: '申请方式',
    width: 14,
    value: ({ view }) => REQUEST_CHANNEL_LABELS[view.channel as RequestChannel] ?? view.channel,
  },
  { group: '登记', header: '申请人类型', width: 12, value: ({ view }) => view.applicantType },
  { group: '登记', header: '申请人', width: 18, value: ({ view }) => view.applicant.name },
  {
    group: '登记',
    header: '联系方式',
    width: 20,
    value: ({ view }) => view.applicant.phone ?? view.applicant.email ?? view.applicant.address ?? '',
  },
  { group: '登记', header: '申请内容', width: 40, value: ({ view }) => view.description },
  {
    group: '登记',
    header: '补录',
    width: 24,
    value: ({ view }) => (view.backEntry ? `是（${view.backEntry.enteredBy}：${view.backEntry.reason}）` : '否'),
  },
  { group: '审核', header: '补正告知日期', width: 13, value: ({ view }) => view.correction?.noticeOn ?? '' },
  { group: '审核', header: '补正材料收到日期', width: 13, value: ({ view }) => view.correction?.receivedOn ?? '' },
  {
    group: '办理',
    header: '承办人',
    width: 12,
    value: ({ view }) => (view.handler ? (view.handler.handlerName ?? view.handler.handlerId) : ''),
  },
  { group: '办理', header: '办理状态', width: 14, value: ({ summary }) => summary.statusLabel },
  {
    group: '办理',
    header: '征求意见、协助调查',
    width: 24,
    value: ({ view }) =>
      [
        ...view.consultations.map((c) => `征求意见：${c.party}（${c.startedOn}${c.endedOn ? `至${c.endedOn}` : '起'}）`),
        ...view.investigations.map((t) => `协助调查：${t.assistingUnitId}（${t.requestedOn}）`),
      ].join('；'),
  },
  {
    group: '办理',
    header: '延期',
    width: 20,
    value: ({ view }) => (view.extension ? `延长${view.extension.workingDays}个工作日至${view.extension.newDueOn}` : ''),
  },
  { group: '办理', header: '答复期限', width: 13, value: ({ summary }) => summary.clock?.dueOn ?? '' },
  {
    group: '办理',
    header: '剩余工作日',
    width: 10,
    value: ({ summary }) =>
      summary.clock?.overdue ? `已逾期${-(summary.clock.remainingWorkingDays ?? 0)}个工作日` : (summary.clock?.remainingWorkingDays ?? ''),
  },
  { group: '答复', header: '答复审核日期', width: 13, value: ({ view }) => view.review?.reviewedOn ?? '' },
  { group: '答复', header: '答复（办结）日期', width: 13, value: ({ view }) => view.closedOn ?? '' },
  {
    group: '答复',
    header: '办理结果',
    width: 24,
    value: ({ view }) =>
      view.category ? `${REPLY_CATEGORIES[view.category].group}：${REPLY_CATEGORIES[view.category].label.replace(/（.*）$/, '')}` : '',
  },
  { group: '答复', header: '是否按期', width: 9, value: ({ view }) => (view.reply ? (view.reply.onTime ? '是' : '否') : '') },
  {
    group: '归档',
    header: '送达',
    width: 18,
    value: ({ view }) => (view.deliveryRecord ? `${view.deliveryRecord.deliveredOn} ${view.deliveryRecord.method}` : ''),
  },
  { group: '归档', header: '归档日期', width: 13, value: ({ view }) => view.archive?.archivedOn ?? '' },
  { group: '归档', header: '归档号', width: 16, value: ({ view }) => view.archive?.archiveNo ?? '' },
];

export const REGISTER_EXPORT_HEADERS = COLUMNS.map((c) => c.header);
/** The row of the first request (rows 1 and 2 are the headers). */
export const REGISTER_FIRST_ROW = 3;

/** The register as .xlsx: exactly the rows given, in their order. */
export async function registerWorkbook(title: string, rows: readonly RegisterExportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gongkai';
  const sheet = workbook.addWorksheet('登记台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  const groups = sheet.addRow(COLUMNS.map((c) => c.group));
  sheet.addRow(REGISTER_EXPORT_HEADERS);
  let start = 1;
  for (const group of GROUPS) {
    const span = COLUMNS.filter((c) => c.group === group).length;
    if (span > 1) sheet.mergeCells(1, start, 1, start + span - 1);
    start += span;
  }
  for (const row of [groups, sheet.getRow(2)]) {
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  rows.forEach((row, index) => sheet.addRow(COLUMNS.map((c) => c.value(row, index))));
  sheet.headerFooter.oddHeader = `&C${title}`;
  workbook.title = title;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

import type { Writable } from 'node:stream';
import { firstListRow, writeListWorkbook, type ListColumn } from '@gongkai/platform';
import { REPLY_CATEGORIES, REQUEST_CHANNEL_LABELS, type RequestChannel } from '@gongkai/contracts';
import type { RegisterRow } from '../read-models/requests.projection';

/** What one register row needs: the request's register row (its ledger's applicant as the reader may read it) and its clock on the day exported. */
export interface RegisterExportRow {
  row: RegisterRow;
  summary: {
    statusLabel: string;
    clock: { dueOn: string | null; remainingWorkingDays: number | null; overdue: boolean } | null;
  };
}

/**
 * The 登记台账 (Art. 45: 登记、审核、办理、答复、归档), one column per fact, grouped under the five
 * stages the article names (in that order). The first row names the stages (merged over their
 * columns), the second the columns; one row per request from the third.
 */
const COLUMNS: (ListColumn<RegisterExportRow> & { group: '登记' | '审核' | '办理' | '答复' | '归档' })[] = [
  { group: '登记', header: '序号', width: 6, value: (_row, index) => index + 1 },
  { group: '登记', header: '申请编号', width: 38, value: ({ row }) => row.requestId },
  { group: '登记', header: '收到申请日期', width: 13, value: ({ row }) => row.receivedOn },
  { group: '登记', header: '收到日期认定（条例第三十一条）', width: 22, value: ({ row }) => row.ledger.receiptBasis },
  {
    group: '登记',
    header: '申请方式',
    width: 14,
    value: ({ row }) => REQUEST_CHANNEL_LABELS[row.channel as RequestChannel] ?? row.channel,
  },
  { group: '登记', header: '申请人类型', width: 12, value: ({ row }) => row.applicantType },
  { group: '登记', header: '申请人', width: 18, value: ({ row }) => row.ledger.applicant.name },
  {
    group: '登记',
    header: '联系方式',
    width: 20,
    value: ({ row: { ledger } }) => ledger.applicant.phone ?? ledger.applicant.email ?? ledger.applicant.address ?? '',
  },
  { group: '登记', header: '申请内容', width: 40, value: ({ row }) => row.description },
  {
    group: '登记',
    header: '补录',
    width: 24,
    value: ({ row: { ledger } }) => (ledger.backEntry ? `是（${ledger.backEntry.enteredBy}：${ledger.backEntry.reason}）` : '否'),
  },
  { group: '审核', header: '补正告知日期', width: 13, value: ({ row }) => row.ledger.correction?.noticeOn },
  { group: '审核', header: '补正材料收到日期', width: 13, value: ({ row }) => row.ledger.correction?.receivedOn },
  { group: '办理', header: '承办人', width: 12, value: ({ row }) => row.handlerName },
  { group: '办理', header: '办理状态', width: 14, value: ({ summary }) => summary.statusLabel },
  {
    group: '办理',
    header: '征求意见、协助调查',
    width: 24,
    value: ({ row: { ledger } }) =>
      [
        ...ledger.consultations.map((c) => `征求意见：${c.party}（${c.startedOn}${c.endedOn ? `至${c.endedOn}` : '起'}）`),
        ...ledger.investigations.map((t) => `协助调查：${t.assistingUnitId}（${t.requestedOn}）`),
      ].join('；'),
  },
  {
    group: '办理',
    header: '延期',
    width: 20,
    value: ({ row: { ledger } }) => (ledger.extension ? `延长${ledger.extension.workingDays}个工作日至${ledger.extension.newDueOn}` : ''),
  },
  { group: '办理', header: '答复期限', width: 13, value: ({ summary }) => summary.clock?.dueOn },
  {
    group: '办理',
    header: '剩余工作日',
    width: 10,
    value: ({ summary }) =>
      summary.clock?.overdue ? `已逾期${-(summary.clock.remainingWorkingDays ?? 0)}个工作日` : (summary.clock?.remainingWorkingDays ?? ''),
  },
  { group: '答复', header: '答复审核日期', width: 13, value: ({ row }) => row.ledger.reviewedOn },
  { group: '答复', header: '答复（办结）日期', width: 13, value: ({ row }) => row.closedOn },
  {
    group: '答复',
    header: '办理结果',
    width: 24,
    value: ({ row }) =>
      row.category ? `${REPLY_CATEGORIES[row.category].group}：${REPLY_CATEGORIES[row.category].label.replace(/（.*）$/, '')}` : '',
  },
  { group: '答复', header: '是否按期', width: 9, value: ({ row }) => (row.ledger.onTime === null ? '' : row.ledger.onTime ? '是' : '否') },
  {
    group: '归档',
    header: '送达',
    width: 18,
    value: ({ row }) => (row.ledger.delivery ? `${row.ledger.delivery.deliveredOn} ${row.ledger.delivery.method}` : ''),
  },
  { group: '归档', header: '归档日期', width: 13, value: ({ row }) => row.ledger.archive?.archivedOn },
  { group: '归档', header: '归档号', width: 16, value: ({ row }) => row.ledger.archive?.archiveNo },
];

export const REGISTER_EXPORT_HEADERS = COLUMNS.map((c) => c.header);
/** The row of the first request (rows 1 and 2 are the headers). */
export const REGISTER_FIRST_ROW = firstListRow(COLUMNS);

/** The register as .xlsx, streamed to `out`: exactly the rows given, in their order. */
export function writeRegisterWorkbook(out: Writable, title: string, rows: AsyncIterable<RegisterExportRow>): Promise<void> {
  return writeListWorkbook(out, { title, sheet: '登记台账', columns: COLUMNS }, rows);
}

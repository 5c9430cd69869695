import ExcelJS from 'exceljs';
import {
  ANNUAL_REPORT_NARRATIVE_SECTIONS,
  REPLY_CATEGORIES,
  REPLY_CATEGORY_CODES,
  type AnnualReportNarrative,
  type AnnualReportNarrativeSection,
} from '@gongkai/contracts';
import {
  TABLE2_FIELDS,
  TABLE3_COLUMNS,
  TABLE3_ROWS,
  TABLE4_COLUMNS,
  TABLE4_ROWS,
  type Table2,
  type Table3,
  type Table3Row,
  type Table4,
} from '../domain/annual-report';
import { docxBuffer, heading, para, table, title } from './docx';

export interface AnnualReport {
  unitId: string;
  unitName: string;
  year: number;
  table2: Partial<Table2>;
  table3: Table3;
  table4: Table4;
  balanced: boolean;
  finalised: boolean;
  /** The narrative sections the unit wrote when it finalised (absent: not written). */
  narrative?: AnnualReportNarrative;
}

/** What the tables need of a report: the live one or a published one. */
export type AnnualReportTablesInput = Pick<AnnualReport, 'table2' | 'table3' | 'table4'>;

/** One table of the report, ready to show or print: the first row is the header row. */
export interface AnnualReportTable {
  key: 'table2' | 'table3' | 'table4';
  /** 表二 主动公开政府信息情况 … */
  title: string;
  /** The worksheet name (Excel allows 31 characters). */
  sheetName: string;
  rows: (string | number)[][];
}

const GROUP_NUMBERS: Record<string, string> = {
  予以公开: '（一）',
  部分公开: '（二）',
  不予公开: '（三）',
  无法提供: '（四）',
  不予处理: '（五）',
  其他处理: '（六）',
};

export function table3RowLabel(row: Table3Row): string {
  if (row === 'new') return '一、本年新收政府信息公开申请数量';
  if (row === 'carried_over') return '二、上年结转政府信息公开申请数量';
  if (row === 'total') return '三、本年度办理结果 （七）总计';
  if (row === 'carried_forward') return '四、结转下年度继续办理';
  const { group, label } = REPLY_CATEGORIES[row];
  const index = REPLY_CATEGORY_CODES.filter((c) => REPLY_CATEGORIES[c].group === group).indexOf(row) + 1;
  return group === label || group === '部分公开'
    ? `三、本年度办理结果 ${GROUP_NUMBERS[group]}${label}`
    : `三、本年度办理结果 ${GROUP_NUMBERS[group]}${group} ${index}. ${label}`;
}

const TABLE4_LABELS = {
  reconsideration: '行政复议',
  litigation_direct: '行政诉讼（未经复议直接起诉）',
  litigation_after_reconsideration: '行政诉讼（复议后起诉）',
};

const table2Rows = (t: Partial<Table2>): (string | number)[][] => [
  ['项目', '数值'],
  ...Object.entries(TABLE2_FIELDS).map(([k, label]) => [label, t[k as keyof Table2] ?? '']),
];
const table3Rows = (t: Table3): (string | number)[][] => [
  ['', ...TABLE3_COLUMNS],
  ...TABLE3_ROWS.map((row) => [table3RowLabel(row), ...TABLE3_COLUMNS.map((c) => t[row][c])]),
];
const table4Rows = (t: Table4): (string | number)[][] => [
  ['', ...TABLE4_COLUMNS],
  ...TABLE4_ROWS.map((row) => [TABLE4_LABELS[row], ...TABLE4_COLUMNS.map((c) => t[row][c])]),
];

/**
 * Tables 2, 3 and 4 as the report prints them (国办公开办函〔2021〕30号): the one source of the
 * tables for the .xlsx, the .docx and the portal's JSON.
 */
export function annualReportTables(report: AnnualReportTablesInput): AnnualReportTable[] {
  return [
    { key: 'table2', title: '表二 主动公开政府信息情况', sheetName: '表二 主动公开', rows: table2Rows(report.table2) },
    { key: 'table3', title: '表三 收到和处理政府信息公开申请情况', sheetName: '表三 收到和处理申请', rows: table3Rows(report.table3) },
    { key: 'table4', title: '表四 政府信息公开行政复议、行政诉讼情况', sheetName: '表四 复议诉讼', rows: table4Rows(report.table4) },
  ];
}

export async function annualReportXlsx(report: AnnualReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gongkai';
  for (const { title, sheetName, rows } of annualReportTables(report)) {
    const sheet = workbook.addWorksheet(sheetName);
    sheet.addRow([`${report.unitName}${report.year}年政府信息公开工作年度报告 ${title}`]);
    rows.forEach((row) => sheet.addRow(row));
    sheet.getColumn(1).width = 60;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const TO_WRITE = '（由本单位填写）';

/** A narrative section as written (one paragraph per line), or the placeholder when the unit wrote none. */
const narrativeParagraphs = (report: AnnualReport, section: AnnualReportNarrativeSection) => {
  const lines = (report.narrative?.[section] ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return (lines.length > 0 ? lines : [TO_WRITE]).map((line) => para(line));
};

/** The six sections of the annual report (国办公开办函〔2021〕30号); the narrative as the unit wrote it when it finalised, else a placeholder. */
export async function annualReportDocx(report: AnnualReport): Promise<Buffer> {
  const [table2, table3, table4] = annualReportTables(report);
  return docxBuffer([
    title(`${report.unitName}${report.year}年政府信息公开工作年度报告`),
    heading(ANNUAL_REPORT_NARRATIVE_SECTIONS.overview),
    ...narrativeParagraphs(report, 'overview'),
    heading('二、主动公开政府信息情况'),
    table(table2.rows),
    heading('三、收到和处理政府信息公开申请情况'),
    table(table3.rows),
    heading('四、政府信息公开行政复议、行政诉讼情况'),
    table(table4.rows),
    heading(ANNUAL_REPORT_NARRATIVE_SECTIONS.problemsAndImprovements),
    ...narrativeParagraphs(report, 'problemsAndImprovements'),
    heading(ANNUAL_REPORT_NARRATIVE_SECTIONS.otherMatters),
    ...narrativeParagraphs(report, 'otherMatters'),
  ]);
}

/** The report as a download: .xlsx or .docx with its content type and a Chinese file name. */
export async function annualReportFile(
  report: AnnualReport,
  format: 'xlsx' | 'docx',
): Promise<{ buffer: Buffer; contentType: string; fileName: string }> {
  return {
    buffer: format === 'xlsx' ? await annualReportXlsx(report) : await annualReportDocx(report),
    contentType:
      format === 'xlsx'
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    fileName: `${report.year}年政府信息公开工作年度报告-${report.unitId}.${format}`,
  };
}

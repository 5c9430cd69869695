import ExcelJS from 'exceljs';
import { REPLY_CATEGORIES, REPLY_CATEGORY_CODES } from '@gongkai/contracts';
import { TABLE2_FIELDS, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_ROWS, type Table2, type Table3, type Table3Row, type Table4 } from '../domain/annual-report';
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
}

const GROUP_NUMBERS: Record<string, string> = { 予以公开: '（一）', 部分公开: '（二）', 不予公开: '（三）', 无法提供: '（四）', 不予处理: '（五）', 其他处理: '（六）' };

export function table3RowLabel(row: Table3Row): string {
  if (row === 'new') return '一、本年新收政府信息公开申请数量';
  if (row === 'carried_over') return '二、上年结转政府信息公开申请数量';
  if (row === 'total') return '三、本年度办理结果 （七）总计';
  if (row === 'carried_forward') return '四、结转下年度继续办理';
  const { group, label } = REPLY_CATEGORIES[row];
  const index = REPLY_CATEGORY_CODES.filter((c) => REPLY_CATEGORIES[c].group === group).indexOf(row) + 1;
  return group === label || group === '部分公开' ? `三、本年度办理结果 ${GROUP_NUMBERS[group]}${label}` : `三、本年度办理结果 ${GROUP_NUMBERS[group]}${group} ${index}. ${label}`;
}

const TABLE4_LABELS = { reconsideration: '行政复议', litigation_direct: '行政诉讼（未经复议直接起诉）', litigation_after_reconsideration: '行政诉讼（复议后起诉）' };

const table2Rows = (t: Partial<Table2>) => [['项目', '数值'], ...Object.entries(TABLE2_FIELDS).map(([k, label]) => [label, t[k as keyof Table2] ?? ''])];
const table3Rows = (t: Table3) => [['', ...TABLE3_COLUMNS], ...TABLE3_ROWS.map((row) => [table3RowLabel(row), ...TABLE3_COLUMNS.map((c) => t[row][c])])];
const table4Rows = (t: Table4) => [['', ...TABLE4_COLUMNS], ...TABLE4_ROWS.map((row) => [TABLE4_LABELS[row], ...TABLE4_COLUMNS.map((c) => t[row][c])])];

export async function annualReportXlsx(report: AnnualReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gongkai';
  const sheets: [string, (string | number)[][]][] = [
    ['表二 主动公开', table2Rows(report.table2)],
    ['表三 收到和处理申请', table3Rows(report.table3)],
    ['表四 复议诉讼', table4Rows(report.table4)],
  ];
  for (const [name, rows] of sheets) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([`${report.unitName}${report.year}年政府信息公开工作年度报告 ${name}`]);
    rows.forEach((row) => sheet.addRow(row));
    sheet.getColumn(1).width = 60;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const TO_WRITE = '（由本单位填写）';

/** The six sections of the annual report (国办公开办函〔2021〕30号); the narrative is left for the unit to write. */
export async function annualReportDocx(report: AnnualReport): Promise<Buffer> {
  return docxBuffer([
    title(`${report.unitName}${report.year}年政府信息公开工作年度报告`),
    heading('一、总体情况'),
    para(TO_WRITE),
    heading('二、主动公开政府信息情况'),
    table(table2Rows(report.table2)),
    heading('三、收到和处理政府信息公开申请情况'),
    table(table3Rows(report.table3)),
    heading('四、政府信息公开行政复议、行政诉讼情况'),
    table(table4Rows(report.table4)),
    heading('五、存在的主要问题及改进情况'),
    para(TO_WRITE),
    heading('六、其他需要报告的事项'),
    para(TO_WRITE),
  ]);
}

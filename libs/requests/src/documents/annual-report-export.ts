import ExcelJS from 'exceljs';
import { ANNUAL_REPORT_NARRATIVE_SECTIONS, type AnnualReportNarrative, type AnnualReportNarrativeSection } from '@gongkai/contracts';
import { AlignmentType, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType, WidthType } from 'docx';
import type { Table2, Table3, Table4 } from '../domain/annual-report';
import {
  layoutGrid,
  layoutRows,
  table2Layout,
  table3Layout,
  table4Layout,
  type LayoutCell,
  type TableLayout,
} from './annual-report-layout';
import { docxBuffer, heading, para, title } from './docx';

export interface AnnualReport {
  unitId: string;
  unitName: string;
  year: number;
  table2: Partial<Table2>;
  table3: Table3;
  table4: Table4;
  balanced: boolean;
  finalised: boolean;
  /** The published version (1 as finalised, more once corrected; 0 before), in the staff's view. */
  version?: number;
  /** The narrative sections the unit wrote when it finalised (absent: not written). */
  narrative?: AnnualReportNarrative;
  /** Section 六: the information-processing fees collected in the year (absent in reports finalised before it was recorded). */
  feesCollected?: { requests: number; amountYuan: number };
  /** Set when the published report was corrected: its current version, and why. */
  correction?: { version: number; reason: string; correctedAt: string };
}

/** Section 六's sentence on the fees collected (国办函〔2020〕109号). */
export function feesSentence(fees: { requests: number; amountYuan: number }): string {
  return fees.requests === 0
    ? '本年度未收取政府信息公开信息处理费。'
    : `本年度共对 ${fees.requests} 件政府信息公开申请收取信息处理费，合计 ${fees.amountYuan} 元。`;
}

/** What the tables need of a report: the live one or a published one. */
export type AnnualReportTablesInput = Pick<AnnualReport, 'table2' | 'table3' | 'table4'>;

/** One table of the report, ready to show or print, in the official layout (国办公开办函〔2021〕30号). */
export interface AnnualReportTable {
  key: 'table2' | 'table3' | 'table4';
  /** 表二 主动公开政府信息情况 … */
  title: string;
  /** The worksheet name (Excel allows 31 characters). */
  sheetName: string;
  /** The grid: every position holds the text of the cell covering it (a merged heading repeats over its span). */
  rows: (string | number)[][];
  /** The same table as HTML lists it: per row, the cells that start there, with their spans; headings marked. */
  cells: Omit<LayoutCell, 'row' | 'column'>[][];
}

const LAYOUTS = {
  table2: (r: AnnualReportTablesInput) => table2Layout(r.table2),
  table3: (r: AnnualReportTablesInput) => table3Layout(r.table3),
  table4: (r: AnnualReportTablesInput) => table4Layout(r.table4),
};

const TABLES = [
  { key: 'table2', title: '表二 主动公开政府信息情况', sheetName: '表二 主动公开' },
  { key: 'table3', title: '表三 收到和处理政府信息公开申请情况', sheetName: '表三 收到和处理申请' },
  { key: 'table4', title: '表四 政府信息公开行政复议、行政诉讼情况', sheetName: '表四 复议诉讼' },
] as const;

/** The layouts of Tables 2, 3 and 4 with their titles: the one source of the .xlsx, the .docx and the JSON. */
export function annualReportLayouts(report: AnnualReportTablesInput) {
  return TABLES.map((t) => ({ ...t, layout: LAYOUTS[t.key](report) }));
}

/**
 * Tables 2, 3 and 4 as the report prints them (国办公开办函〔2021〕30号): the one source of the
 * tables for the .xlsx, the .docx and the portal's JSON.
 */
export function annualReportTables(report: AnnualReportTablesInput): AnnualReportTable[] {
  return annualReportLayouts(report).map(({ layout, ...t }) => ({ ...t, rows: layoutGrid(layout), cells: layoutRows(layout) }));
}

export async function annualReportXlsx(report: AnnualReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gongkai';
  for (const { title, sheetName, layout } of annualReportLayouts(report)) {
    const sheet = workbook.addWorksheet(sheetName);
    sheet.addRow([`${report.unitName}${report.year}年政府信息公开工作年度报告 ${title}`]);
    // The table starts on row 2; a merged cell is written once, in its top-left corner.
    for (const cell of layout.cells) {
      const top = cell.row + 2;
      const left = cell.column + 1;
      const target = sheet.getCell(top, left);
      target.value = cell.text;
      target.alignment = { vertical: 'middle', horizontal: cell.heading ? 'center' : 'right', wrapText: true };
      if (cell.heading) target.font = { bold: true };
      if (cell.rowSpan > 1 || cell.colSpan > 1) sheet.mergeCells(top, left, top + cell.rowSpan - 1, left + cell.colSpan - 1);
    }
    sheet.getColumn(1).width = 24;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A table in the .docx with the layout's merged cells: gridSpan across, vMerge down. */
function spannedTable(layout: TableLayout): Table {
  const grid = layoutGrid(layout);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: grid.map((_, r) => {
      const children: TableCell[] = [];
      for (let c = 0; c < layout.width;) {
        const cell = layout.cells.find((x) => x.row <= r && r < x.row + x.rowSpan && x.column === c);
        if (!cell) throw new Error(`annual report layout: no cell covers row ${r}, column ${c}`); // a layout bug, caught by the layout tests
        const starts = cell.row === r;
        children.push(
          new TableCell({
            columnSpan: cell.colSpan,
            ...(cell.rowSpan > 1 ? { verticalMerge: starts ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: starts ? [new TextRun({ text: String(cell.text), bold: cell.heading, size: 18 })] : [],
              }),
            ],
          }),
        );
        c += cell.colSpan;
      }
      return new TableRow({ children });
    }),
  });
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
  const [table2, table3, table4] = annualReportLayouts(report);
  return docxBuffer([
    title(`${report.unitName}${report.year}年政府信息公开工作年度报告`),
    heading(ANNUAL_REPORT_NARRATIVE_SECTIONS.overview),
    ...narrativeParagraphs(report, 'overview'),
    heading('二、主动公开政府信息情况'),
    spannedTable(table2.layout),
    heading('三、收到和处理政府信息公开申请情况'),
    spannedTable(table3.layout),
    heading('四、政府信息公开行政复议、行政诉讼情况'),
    spannedTable(table4.layout),
    heading(ANNUAL_REPORT_NARRATIVE_SECTIONS.problemsAndImprovements),
    ...narrativeParagraphs(report, 'problemsAndImprovements'),
    heading(ANNUAL_REPORT_NARRATIVE_SECTIONS.otherMatters),
    ...(report.feesCollected ? [para(feesSentence(report.feesCollected))] : []),
    ...narrativeParagraphs(report, 'otherMatters'),
    ...(report.correction
      ? [
          para(
            `（本报告已于 ${report.correction.correctedAt.slice(0, 10)} 更正，现为第 ${report.correction.version} 版。更正理由：${report.correction.reason}）`,
          ),
        ]
      : []),
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

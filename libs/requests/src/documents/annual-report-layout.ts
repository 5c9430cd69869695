import { APPLICANT_TYPES, REPLY_CATEGORIES, REPLY_CATEGORY_CODES, REPLY_GROUPS } from '@gongkai/contracts/vocabulary';
import { TABLE4_ROWS, type Table2, type Table3, type Table3Column, type Table4 } from '../domain/annual-report';

/**
 * The tables of the annual report in the official layout of 国办公开办函〔2021〕30号 (中华人民共和国
 * 政府信息公开工作年度报告格式, 2021-09-26): merged headings and all. One layout feeds the web view
 * (`cells`, HTML-style spans), the .xlsx (merged ranges) and the .docx (gridSpan / vMerge).
 */

/** One cell as a table prints it: where it starts on the grid, how far it spans, and whether it is a heading. */
export interface LayoutCell {
  text: string | number;
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
  heading: boolean;
}

/** A table of the report as a grid: its width, its number of rows and the cells in row order. */
export interface TableLayout {
  width: number;
  height: number;
  cells: LayoutCell[];
}

/** Builds a layout row by row; `at` places a cell, spans default to 1. */
class LayoutBuilder {
  readonly cells: LayoutCell[] = [];
  height = 0;
  constructor(readonly width: number) {}
  at(row: number, column: number, text: string | number, options: { rowSpan?: number; colSpan?: number; heading?: boolean } = {}) {
    const cell = { text, row, column, rowSpan: options.rowSpan ?? 1, colSpan: options.colSpan ?? 1, heading: options.heading ?? false };
    this.cells.push(cell);
    this.height = Math.max(this.height, row + cell.rowSpan);
    return this;
  }
  build(): TableLayout {
    const cells = [...this.cells].sort((a, b) => a.row - b.row || a.column - b.column);
    return { width: this.width, height: this.height, cells };
  }
}

/** Every grid position filled with the text of the cell that covers it (a merged cell repeats over its span). */
export function layoutGrid(layout: TableLayout): (string | number)[][] {
  const grid: (string | number)[][] = Array.from({ length: layout.height }, () => Array<string | number>(layout.width).fill(''));
  for (const cell of layout.cells)
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++)
      for (let c = cell.column; c < cell.column + cell.colSpan; c++) grid[r][c] = cell.text;
  return grid;
}

/** The cells by row, as an HTML table lists them (a row holds only the cells that start in it). */
export function layoutRows(layout: TableLayout): Omit<LayoutCell, 'row' | 'column'>[][] {
  return Array.from({ length: layout.height }, (_, r) =>
    layout.cells.filter((cell) => cell.row === r).map(({ text, rowSpan, colSpan, heading }) => ({ text, rowSpan, colSpan, heading })),
  );
}

const blank = (value: number | undefined) => value ?? '';

/** Art. 20's items as the format heads Table 2's four parts. */
export const TABLE2_PARTS = ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项'] as const;

/**
 * 表二 主动公开政府信息情况: four parts keyed to Art. 20(1)(5)(6)(8), each under its own heading
 * and its own column headings (信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数; 本年处理决定数量;
 * 本年收费金额（单位：万元）). Four grid columns; a one-figure part spans the three figure columns.
 */
export function table2Layout(t: Partial<Table2>): TableLayout {
  const b = new LayoutBuilder(4);
  let row = 0;
  const part = (heading: string, columns: string[], rows: [string, (number | undefined)[]][]) => {
    b.at(row++, 0, heading, { colSpan: 4, heading: true });
    b.at(row, 0, '信息内容', { heading: true });
    if (columns.length === 3) columns.forEach((c, i) => b.at(row, i + 1, c, { heading: true }));
    else b.at(row, 1, columns[0], { colSpan: 3, heading: true });
    row++;
    for (const [label, values] of rows) {
      b.at(row, 0, label, { heading: true });
      if (values.length === 3) values.forEach((v, i) => b.at(row, i + 1, blank(v)));
      else b.at(row, 1, blank(values[0]), { colSpan: 3 });
      row++;
    }
  };
  part(
    TABLE2_PARTS[0],
    ['本年制发件数', '本年废止件数', '现行有效件数'],
    [
      ['规章', [t.regulations_issued, t.regulations_repealed, t.regulations_in_force]],
      ['行政规范性文件', [t.normative_issued, t.normative_repealed, t.normative_in_force]],
    ],
  );
  part(TABLE2_PARTS[1], ['本年处理决定数量'], [['行政许可', [t.licensing_decisions]]]);
  part(
    TABLE2_PARTS[2],
    ['本年处理决定数量'],
    [
      ['行政处罚', [t.penalty_decisions]],
      ['行政强制', [t.enforcement_decisions]],
    ],
  );
  part(TABLE2_PARTS[3], ['本年收费金额（单位：万元）'], [['行政事业性收费', [t.fees_amount_10k_yuan]]]);
  return b.build();
}

/** The note the format prints in Table 3's top-left corner. */
export const TABLE3_BALANCE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const GROUP_NUMBERS = ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）'];
/** The applicant columns in the format's order: 自然人, the five under 法人或其他组织, 总计. */
const TABLE3_ORDER: Table3Column[] = [...APPLICANT_TYPES, '总计'];

/**
 * 表三 收到和处理政府信息公开申请情况: three label columns and seven figure columns under 申请人情况:
 * 自然人 | 法人或其他组织 {商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他} | 总计.
 */
export function table3Layout(t: Table3): TableLayout {
  const b = new LayoutBuilder(10);
  b.at(0, 0, TABLE3_BALANCE_NOTE, { rowSpan: 3, colSpan: 3, heading: true });
  b.at(0, 3, '申请人情况', { colSpan: 7, heading: true });
  b.at(1, 3, '自然人', { rowSpan: 2, heading: true });
  b.at(1, 4, '法人或其他组织', { colSpan: 5, heading: true });
  b.at(1, 9, '总计', { rowSpan: 2, heading: true });
  APPLICANT_TYPES.slice(1).forEach((type, i) => b.at(2, 4 + i, type, { heading: true }));
  const figures = (row: number, values: Table3[keyof Table3]) => TABLE3_ORDER.forEach((c, i) => b.at(row, 3 + i, values[c]));
  b.at(3, 0, '一、本年新收政府信息公开申请数量', { colSpan: 3, heading: true });
  figures(3, t.new);
  b.at(4, 0, '二、上年结转政府信息公开申请数量', { colSpan: 3, heading: true });
  figures(4, t.carried_over);
  let row = 5;
  const resultsStart = row;
  REPLY_GROUPS.forEach((group, g) => {
    const codes = REPLY_CATEGORY_CODES.filter((code) => REPLY_CATEGORIES[code].group === group);
    const label = `${GROUP_NUMBERS[g]}${codes.length === 1 ? REPLY_CATEGORIES[codes[0]].label : group}`;
    if (codes.length === 1) {
      b.at(row, 1, label, { colSpan: 2, heading: true });
      figures(row++, t[codes[0]]);
      return;
    }
    b.at(row, 1, label, { rowSpan: codes.length, heading: true });
    codes.forEach((code, i) => {
      b.at(row, 2, `${i + 1}.${REPLY_CATEGORIES[code].label}`, { heading: true });
      figures(row++, t[code]);
    });
  });
  b.at(row, 1, '（七）总计', { colSpan: 2, heading: true });
  figures(row++, t.total);
  b.at(resultsStart, 0, '三、本年度办理结果', { rowSpan: row - resultsStart, heading: true });
  b.at(row, 0, '四、结转下年度继续办理', { colSpan: 3, heading: true });
  figures(row, t.carried_forward);
  return b.build();
}

/** Table 4's result columns as the format heads them, by the outcome codes the events carry. */
export const TABLE4_RESULT_HEADINGS = { 维持: '结果维持', 纠正: '结果纠正', 其他: '其他结果', 尚未审结: '尚未审结', 总计: '总计' } as const;

/**
 * 表四 政府信息公开行政复议、行政诉讼情况: one row of fifteen figures under 行政复议 | 行政诉讼
 * {未经复议直接起诉, 复议后起诉}, each × 结果维持 / 结果纠正 / 其他结果 / 尚未审结 / 总计.
 */
export function table4Layout(t: Table4): TableLayout {
  const b = new LayoutBuilder(15);
  b.at(0, 0, '行政复议', { rowSpan: 2, colSpan: 5, heading: true });
  b.at(0, 5, '行政诉讼', { colSpan: 10, heading: true });
  b.at(1, 5, '未经复议直接起诉', { colSpan: 5, heading: true });
  b.at(1, 10, '复议后起诉', { colSpan: 5, heading: true });
  const outcomes = Object.keys(TABLE4_RESULT_HEADINGS) as (keyof typeof TABLE4_RESULT_HEADINGS)[];
  TABLE4_ROWS.forEach((kind, k) =>
    outcomes.forEach((outcome, o) => {
      b.at(2, k * 5 + o, TABLE4_RESULT_HEADINGS[outcome], { heading: true });
      b.at(3, k * 5 + o, t[kind][outcome]);
    }),
  );
  return b.build();
}

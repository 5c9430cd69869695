import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { computeTable3, computeTable4, type ReportableRequest } from '../domain/annual-report';
import { OFFICIAL_MERGES, OFFICIAL_TABLE2, OFFICIAL_TABLE3, OFFICIAL_TABLE4, type FixtureGrid } from './annual-report-layout.fixture';
import { annualReportDocx, annualReportTables, annualReportXlsx, feesSentence, type AnnualReport } from './annual-report-export';

const request = (id: string, category: ReportableRequest['category'], closedOn: string | null): ReportableRequest => ({
  requestId: id,
  unitId: 'TEZ-ZSZ',
  applicantType: '自然人',
  receivedOn: '2025-03-02',
  closedOn,
  category,
  challenges: id === 'r1' ? [{ kind: 'reconsideration', filedOn: '2025-04-01', outcome: '维持', decidedOn: '2025-05-01' }] : [],
});
const requests = [request('r1', 'disclose', '2025-03-20'), request('r2', 'withhold.state_secret', '2025-04-20'), request('r3', null, null)];

const report = (narrative?: AnnualReport['narrative']): AnnualReport => ({
  unitId: 'TEZ-ZSZ',
  unitName: '张山子镇人民政府',
  year: 2025,
  table2: { regulations_issued: 0, normative_in_force: 2, licensing_decisions: 126, fees_amount_10k_yuan: 1.5 },
  table3: computeTable3(requests, 2025),
  table4: computeTable4(requests, 2025),
  balanced: true,
  finalised: true,
  ...(narrative ? { narrative } : {}),
});

const documentXml = async (body: Buffer) => (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string');

/** A grid with the fixture's figure positions blanked out (null), to compare the headings and their positions. */
const headings = (grid: unknown[][], fixture: FixtureGrid) =>
  grid.map((row, r) => row.map((v, c) => (fixture[r]?.[c] === null ? null : v)));
/** The figures of a grid, where the fixture has a figure. */
const figuresOf = (grid: unknown[][], fixture: FixtureGrid) => grid.flatMap((row, r) => row.filter((_, c) => fixture[r][c] === null));

/** An HTML table's rows (cells with spans) laid out on a grid, as a browser does. */
function htmlGrid(rows: { text: string | number; rowSpan: number; colSpan: number }[][], width: number): unknown[][] {
  const grid: unknown[][] = rows.map(() => Array<unknown>(width).fill(undefined));
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (grid[r][c] !== undefined) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) grid[r + dr][c + dc] = cell.text;
      c += cell.colSpan;
    }
  });
  return grid;
}

/** A .docx table (w:tr / w:tc with w:gridSpan and w:vMerge) laid out on a grid, as Word does. */
function docxGrids(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map(([, body]) => {
    const grid: string[][] = [];
    for (const [, tr] of body.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)) {
      const row: string[] = [];
      for (const [, tc] of tr.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)) {
        const span = Number(/<w:gridSpan w:val="(\d+)"/.exec(tc)?.[1] ?? 1);
        const text = [...tc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
        const continued = /<w:vMerge(?: w:val="continue")?\/>/.test(tc);
        for (let i = 0; i < span; i++) row.push(continued ? grid[grid.length - 1][row.length] : text);
      }
      grid.push(row);
    }
    return grid;
  });
}

const FIXTURES = [OFFICIAL_TABLE2, OFFICIAL_TABLE3, OFFICIAL_TABLE4];
const MERGES = [OFFICIAL_MERGES.table2, OFFICIAL_MERGES.table3, OFFICIAL_MERGES.table4];
/** The figures of report() in the fixture's order (row by row, left to right). */
const TABLE2_FIGURES = [0, '', '', '', '', 2, 126, 126, 126, '', '', '', '', '', '', 1.5, 1.5, 1.5];

describe('the tables in the official layout (国办公开办函〔2021〕30号): web data, .xlsx and .docx, cell by cell', () => {
  const tables = annualReportTables(report());

  it('the web data: titles, and every heading at its position in the format', () => {
    expect(tables.map((t) => [t.key, t.title])).toEqual([
      ['table2', '表二 主动公开政府信息情况'],
      ['table3', '表三 收到和处理政府信息公开申请情况'],
      ['table4', '表四 政府信息公开行政复议、行政诉讼情况'],
    ]);
    tables.forEach((table, n) => {
      expect(headings(table.rows, FIXTURES[n])).toEqual(FIXTURES[n]);
      // the HTML cells with their spans give the same grid
      expect(htmlGrid(table.cells, FIXTURES[n][0].length)).toEqual(table.rows);
    });
  });

  it('the web data: the figures in their places; a Table 2 figure not entered is blank', () => {
    const [table2, table3, table4] = tables;
    expect(figuresOf(table2.rows, OFFICIAL_TABLE2)).toEqual(TABLE2_FIGURES);
    const row = (label: string) => table3.rows.find((r) => r.includes(label))!.slice(3);
    expect(row('一、本年新收政府信息公开申请数量')).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(row('1.属于国家秘密')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row('（七）总计')).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(row('四、结转下年度继续办理')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(table4.rows[3]).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('the web data keeps the invariant: 一 + 二 = 三（七）总计 + 四 in every applicant column', () => {
    const grid = tables[1].rows;
    const at = (label: string) => grid.find((r) => r.includes(label))!.slice(3) as number[];
    const [received, carried, total, forward] = [
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      '（七）总计',
      '四、结转下年度继续办理',
    ].map(at);
    received.forEach((_, c) => expect(received[c] + carried[c]).toBe(total[c] + forward[c]));
  });

  it('the .xlsx: one sheet per table under a title row, the same grid, merged as the format merges', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await annualReportXlsx(report())) as unknown as ExcelJS.Buffer); // exceljs's Buffer type predates @types/node's generic one
    tables.forEach((table, n) => {
      const sheet = workbook.getWorksheet(table.sheetName)!;
      expect(sheet.getCell(1, 1).value).toBe(`张山子镇人民政府2025年政府信息公开工作年度报告 ${table.title}`);
      const fixture = FIXTURES[n];
      const grid = fixture.map((row, r) => row.map((_, c) => sheet.getCell(r + 2, c + 1).master.value ?? ''));
      expect(headings(grid, fixture)).toEqual(fixture);
      expect(grid).toEqual(table.rows);
      const merges = (sheet.model as unknown as { merges: string[] }).merges.map((range) => {
        const [from, to] = range.split(':').map((a) => sheet.getCell(a));
        return [Number(from.row) - 2, Number(from.col) - 1, Number(to.row) - 2, Number(to.col) - 1];
      });
      expect(merges.sort()).toEqual(MERGES[n].map((m) => [...m]).sort());
    });
  });

  it('the .docx: the three tables, the same grid (gridSpan across, vMerge down), headings at their positions', async () => {
    const grids = docxGrids(await documentXml(await annualReportDocx(report())));
    expect(grids).toHaveLength(3);
    grids.forEach((grid, n) => {
      const fixture = FIXTURES[n];
      expect(headings(grid, fixture)).toEqual(fixture);
      expect(grid).toEqual(tables[n].rows.map((row) => row.map(String)));
    });
  });
});

describe('the .docx narrative', () => {
  it('without a narrative: the three sections keep the placeholder', async () => {
    const xml = await documentXml(await annualReportDocx(report()));
    expect(xml.match(/（由本单位填写）/g)).toHaveLength(3);
    for (const label of ['一、总体情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项', '二、主动公开政府信息情况'])
      expect(xml).toContain(label);
  });

  it('with a narrative: printed, one paragraph per line, in its own section; a section not written keeps the placeholder', async () => {
    const xml = await documentXml(
      await annualReportDocx(report({ overview: '全年工作平稳有序。\n主动公开信息326条。', otherMatters: '本年度未收取信息处理费。' })),
    );
    expect(xml.match(/（由本单位填写）/g)).toHaveLength(1);
    const at = (text: string) => xml.indexOf(text);
    expect(at('全年工作平稳有序。')).toBeGreaterThan(at('一、总体情况'));
    expect(at('主动公开信息326条。')).toBeLessThan(at('二、主动公开政府信息情况'));
    expect(at('（由本单位填写）')).toBeGreaterThan(at('五、存在的主要问题及改进情况'));
    expect(at('本年度未收取信息处理费。')).toBeGreaterThan(at('六、其他需要报告的事项'));
  });
});

describe('section 六 and a corrected report in the .docx', () => {
  it('prints the fees collected at the head of section 六, and says that a corrected report was corrected, with the reason', async () => {
    const xml = await documentXml(
      await annualReportDocx({
        ...report({ otherMatters: '无其他需要报告的事项。' }),
        feesCollected: { requests: 2, amountYuan: 140 },
        correction: { version: 2, reason: '行政许可数量统计有误', correctedAt: '2026-02-10T02:00:00.000Z' },
      }),
    );
    const at = (text: string) => xml.indexOf(text);
    expect(at('本年度共对 2 件政府信息公开申请收取信息处理费，合计 140 元。')).toBeGreaterThan(at('六、其他需要报告的事项'));
    expect(at('本年度共对 2 件政府信息公开申请收取信息处理费')).toBeLessThan(at('无其他需要报告的事项。'));
    expect(xml).toContain('（本报告已于 2026-02-10 更正，现为第 2 版。更正理由：行政许可数量统计有误）');
  });

  it('says that no fee was collected when none was', () => {
    expect(feesSentence({ requests: 0, amountYuan: 0 })).toBe('本年度未收取政府信息公开信息处理费。');
  });
});

import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  TABLE2_FIELDS,
  TABLE3_COLUMNS,
  TABLE3_ROWS,
  TABLE4_COLUMNS,
  TABLE4_ROWS,
  computeTable3,
  computeTable4,
  type ReportableRequest,
} from '../domain/annual-report';
import { annualReportDocx, annualReportTables, annualReportXlsx, type AnnualReport } from './annual-report-export';

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

describe('annualReportTables: the one source of the printed tables', () => {
  const [table2, table3, table4] = annualReportTables(report());

  it('gives Tables 2, 3 and 4 with their titles, each headed by its header row', () => {
    expect(annualReportTables(report()).map((t) => [t.key, t.title])).toEqual([
      ['table2', '表二 主动公开政府信息情况'],
      ['table3', '表三 收到和处理政府信息公开申请情况'],
      ['table4', '表四 政府信息公开行政复议、行政诉讼情况'],
    ]);
    expect(table2.rows[0]).toEqual(['项目', '数值']);
    expect(table3.rows[0]).toEqual(['', ...TABLE3_COLUMNS]);
    expect(table4.rows[0]).toEqual(['', ...TABLE4_COLUMNS]);
    expect([table2.rows.length, table3.rows.length, table4.rows.length]).toEqual([
      Object.keys(TABLE2_FIELDS).length + 1,
      TABLE3_ROWS.length + 1,
      TABLE4_ROWS.length + 1,
    ]);
  });

  it('labels the rows as the standard form does and carries the figures; a Table 2 row not entered is blank', () => {
    const row = (rows: (string | number)[][], label: string) => rows.find((r) => r[0] === label);
    expect(row(table2.rows, '行政许可·本年处理决定数量')).toEqual(['行政许可·本年处理决定数量', 126]);
    expect(row(table2.rows, '行政事业性收费·本年收费金额（万元）')).toEqual(['行政事业性收费·本年收费金额（万元）', 1.5]);
    expect(row(table2.rows, '行政处罚·本年处理决定数量')).toEqual(['行政处罚·本年处理决定数量', '']);
    expect(row(table3.rows, '一、本年新收政府信息公开申请数量')).toEqual(['一、本年新收政府信息公开申请数量', 3, 0, 0, 0, 0, 0, 3]);
    expect(row(table3.rows, '三、本年度办理结果 （三）不予公开 1. 属于国家秘密')?.[1]).toBe(1);
    expect(row(table3.rows, '三、本年度办理结果 （七）总计')?.at(-1)).toBe(2);
    expect(row(table3.rows, '四、结转下年度继续办理')?.at(-1)).toBe(1);
    expect(row(table4.rows, '行政复议')).toEqual(['行政复议', 1, 0, 0, 0, 1]);
  });

  it('the .xlsx prints exactly these tables, one sheet each under a title row', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await annualReportXlsx(report())) as unknown as ExcelJS.Buffer); // exceljs's Buffer type predates @types/node's generic one
    for (const table of annualReportTables(report())) {
      const rows = (workbook.getWorksheet(table.sheetName)!.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
      expect(rows[0]).toEqual([`张山子镇人民政府2025年政府信息公开工作年度报告 ${table.title}`]);
      expect(rows.slice(1)).toEqual(table.rows);
    }
  });
});

describe('the .docx narrative', () => {
  it('without a narrative: the three sections keep the placeholder', async () => {
    const xml = await documentXml(await annualReportDocx(report()));
    expect(xml.match(/（由本单位填写）/g)).toHaveLength(3);
    for (const label of ['一、总体情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项', '行政许可·本年处理决定数量'])
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

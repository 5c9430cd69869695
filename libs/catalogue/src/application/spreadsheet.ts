import ExcelJS from 'exceljs';
import { DomainError } from '@gongkai/platform';
import { CATALOGUE_COLUMNS, type CatalogueColumn, type CatalogueRow } from '../domain/catalogue-row';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Writes rows under the standard header, on one sheet named 政务公开事项标准目录. */
export async function writeCatalogueWorkbook(title: string, rows: Record<CatalogueColumn, string>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gongkai';
  const sheet = workbook.addWorksheet('政务公开事项标准目录');
  sheet.addRow([...CATALOGUE_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(CATALOGUE_COLUMNS.map((column) => row[column]));
  sheet.columns.forEach((column, i) => (column.width = i === 0 ? 6 : 22));
  workbook.title = title;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
};

/**
 * Reads the first sheet: the header row must hold the standard columns (in any order; our extra
 * columns may be absent, except 所属领域). Returns each non-empty row with its sheet row number.
 */
export async function readCatalogueWorkbook(file: Buffer): Promise<{ rowNumber: number; row: CatalogueRow }[]> {
  const required: CatalogueColumn[] = [
    '一级事项',
    '二级事项',
    '公开内容（要素）',
    '公开依据',
    '公开时限',
    '公开主体',
    '公开渠道和载体',
    '公开对象',
    '公开方式',
    '公开层级',
    '所属领域',
  ];
  return readWorkbook(file, CATALOGUE_COLUMNS, required);
}

/** Reads the first sheet: the header row names the columns (any order); returns non-empty rows with their sheet row numbers. */
export async function readWorkbook<C extends string>(
  file: Buffer,
  columns: readonly C[],
  required: readonly C[],
): Promise<{ rowNumber: number; row: Partial<Record<C, string>> }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw DomainError.validation('NOT_A_SPREADSHEET', '上传的文件不是有效的 .xlsx 电子表格。');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw DomainError.validation('NOT_A_SPREADSHEET', '电子表格中没有工作表。');
  const header = new Map<number, C>();
  sheet.getRow(1).eachCell((cell, column) => {
    const name = cellText(cell.value).trim().replace(/\(/g, '（').replace(/\)/g, '）');
    const known = columns.find((c) => c === name);
    if (known) header.set(column, known);
  });
  const missing = required.filter((c) => ![...header.values()].includes(c));
  if (missing.length > 0) throw DomainError.validation('SPREADSHEET_COLUMNS_MISSING', `电子表格缺少以下列：${missing.join('、')}。`);
  const rows: { rowNumber: number; row: Partial<Record<C, string>> }[] = [];
  sheet.eachRow((excelRow, rowNumber) => {
    if (rowNumber === 1) return;
    const row: Partial<Record<C, string>> = {};
    excelRow.eachCell((cell, column) => {
      const name = header.get(column);
      if (name) row[name] = cellText(cell.value).trim();
    });
    if (Object.entries(row).some(([column, value]) => column !== '序号' && value)) rows.push({ rowNumber, row });
  });
  return rows;
}

const MAX_UPLOAD = 5 * 1024 * 1024;

/** The raw .xlsx request body (sent with Content-Type XLSX_MIME, which the JSON parser leaves alone). */
export async function readUpload(request: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_UPLOAD) throw new DomainError('validation', 'PAYLOAD_TOO_LARGE', '上传的文件过大（上限 5MB）。', [], { status: 413 });
    chunks.push(chunk);
  }
  if (size === 0) throw DomainError.validation('NOT_A_SPREADSHEET', `请以 ${XLSX_MIME} 上传 .xlsx 文件。`);
  return Buffer.concat(chunks);
}

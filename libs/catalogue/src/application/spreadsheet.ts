import ExcelJS from 'exceljs';
import { DomainError } from '@gongkai/platform/domain';
import { CATALOGUE_COLUMNS, type CatalogueColumn } from '../domain/catalogue-row';
import type { PublishedSheet } from '../domain/published-export';
import { DEFAULT_IMPORT_LIMITS, megabytes, type ImportLimits } from './import-limits';
import { assertRowsWithin, DOCX_MIME, readWorkbookTables, unzipBounded } from './office-files';
import type { SourceRow } from '../domain/published-table';

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

/** The published layout (publishedSheets): per domain a sheet with its title, two-row header, merges and rows. */
export async function writePublishedWorkbook(title: string, sheets: PublishedSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gongkai';
  workbook.title = title;
  for (const published of sheets) {
    const sheet = workbook.addWorksheet(published.name.slice(0, 31));
    sheet.addRow([published.title]);
    published.header.forEach((row) => sheet.addRow(row));
    published.rows.forEach((row) => sheet.addRow(row));
    for (const [top, left, bottom, right] of published.merges) sheet.mergeCells(top, left, bottom, right);
    sheet.getRow(1).font = { bold: true, size: 14 };
    [2, 3].forEach((r) => (sheet.getRow(r).font = { bold: true }));
    sheet.eachRow((row) => row.eachCell((cell) => (cell.alignment = { wrapText: true, vertical: 'middle' })));
    sheet.columns.forEach((column, i) => (column.width = i === 0 ? 6 : i >= 8 ? 8 : 20));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads the first sheet: the header row names the columns (any order); returns non-empty rows with their sheet row numbers. */
export async function readWorkbook<C extends string>(
  file: Buffer,
  columns: readonly C[],
  required: readonly C[],
  limits: Pick<ImportLimits, 'unpackedBytes' | 'rows'> = DEFAULT_IMPORT_LIMITS,
): Promise<{ rowNumber: number; row: Partial<Record<C, string>> }[]> {
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50)
    throw DomainError.validation('NOT_A_SPREADSHEET', '上传的文件不是有效的 .xlsx 电子表格。');
  const entries = unzipBounded(file, limits.unpackedBytes);
  assertRowsWithin(entries, limits.rows);
  const [sheet] = await readWorkbookTables(entries);
  if (!sheet) throw DomainError.validation('NOT_A_SPREADSHEET', '电子表格中没有工作表。');
  // A cell that cannot be read (a formula never calculated) refuses the file, naming the cell.
  const readable = (row: SourceRow) => {
    if (row.problems.length > 0) throw DomainError.validation('SPREADSHEET_CELL_UNREADABLE', `${row.problems[0]}。`);
    return row.cells.map((cell) => cell.trim());
  };
  const [first, ...rest] = sheet.rows;
  const header = new Map<number, C>();
  (first ? readable(first) : []).forEach((cell, column) => {
    const known = columns.find((c) => c === cell.replace(/\(/g, '（').replace(/\)/g, '）'));
    if (known) header.set(column, known);
  });
  const missing = required.filter((c) => ![...header.values()].includes(c));
  if (missing.length > 0) throw DomainError.validation('SPREADSHEET_COLUMNS_MISSING', `电子表格缺少以下列：${missing.join('、')}。`);
  const rows: { rowNumber: number; row: Partial<Record<C, string>> }[] = [];
  for (const sourceRow of rest) {
    const row: Partial<Record<C, string>> = {};
    readable(sourceRow).forEach((cell, column) => {
      const name = header.get(column);
      if (name && cell) row[name] = cell;
    });
    if (Object.entries(row).some(([column, value]) => column !== '序号' && value)) rows.push({ rowNumber: sourceRow.rowNumber, row });
  }
  return rows;
}

/**
 * The raw .xlsx (or .docx) request body (sent with Content-Type XLSX_MIME or DOCX_MIME, which the
 * JSON parser leaves alone), refused once it passes `maxBytes` (CATALOGUE_IMPORT_MAX_UPLOAD_MB).
 */
export async function readUpload(request: AsyncIterable<Buffer>, maxBytes = DEFAULT_IMPORT_LIMITS.uploadBytes): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > maxBytes)
      throw new DomainError('validation', 'PAYLOAD_TOO_LARGE', `上传的文件过大（上限 ${megabytes(maxBytes)}），未导入任何内容。`, [], {
        status: 413,
        limit: maxBytes,
      });
    chunks.push(chunk);
  }
  if (size === 0)
    throw DomainError.validation('NOT_A_SPREADSHEET', `请以 ${XLSX_MIME} 上传 .xlsx 文件（目录也可以 ${DOCX_MIME} 上传 .docx 文件）。`);
  return Buffer.concat(chunks);
}

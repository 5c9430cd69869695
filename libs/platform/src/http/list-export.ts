import type { Writable } from 'node:stream';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { setPageHeaders } from './paging';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One column of a list's .xlsx: its header, width, and the cell of a row. `group` names a header above several columns. */
export interface ListColumn<T> {
  header: string;
  width: number;
  value: (row: T, index: number) => string | number | null | undefined;
  group?: string;
}

/** A list's .xlsx: the title (print header and document title), the sheet's name, the columns. */
export interface ListWorkbook<T> {
  title: string;
  sheet: string;
  columns: readonly ListColumn<T>[];
}

/** The row of the first list row: after the header row, and the group row when the columns have groups. */
export const firstListRow = (columns: readonly { group?: string }[]) => (columns.some((c) => c.group) ? 3 : 2);

/**
 * A list as .xlsx, streamed to `out` with exceljs' streaming writer (each row is written and released
 * as it comes, so an export of thousands of rows is never held as one workbook): exactly the rows
 * given, in their order. Headers are bold, frozen, and repeated when printed.
 */
export async function writeListWorkbook<T>(out: Writable, spec: ListWorkbook<T>, rows: Iterable<T> | AsyncIterable<T>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'gongkai';
  workbook.title = spec.title;
  const headerRows = firstListRow(spec.columns) - 1;
  const sheet = workbook.addWorksheet(spec.sheet, {
    views: [{ state: 'frozen', ySplit: headerRows }],
    pageSetup: { orientation: 'landscape', printTitlesRow: `1:${headerRows}` },
  });
  sheet.columns = spec.columns.map((c) => ({ width: c.width }));
  sheet.headerFooter.oddHeader = `&C${spec.title}`;
  const headers: ExcelJS.Row[] = [];
  if (headerRows === 2) {
    headers.push(sheet.addRow(spec.columns.map((c) => c.group ?? '')));
    let start = 1;
    while (start <= spec.columns.length) {
      const group = spec.columns[start - 1]?.group;
      let end = start;
      while (end < spec.columns.length && group && spec.columns[end]?.group === group) end += 1;
      if (end > start) sheet.mergeCells(1, start, 1, end);
      start = end + 1;
    }
  }
  headers.push(sheet.addRow(spec.columns.map((c) => c.header)));
  for (const row of headers) {
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    row.commit();
  }
  let index = 0;
  for await (const row of rows) {
    sheet.addRow(spec.columns.map((c) => c.value(row, index) ?? '')).commit();
    index += 1;
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * Sends a list's .xlsx as the answer: the file name (UTF-8, RFC 5987), `X-Total-Count` (the rows
 * written), then the rows streamed. A failure before the first byte is a problem answer; after it,
 * the connection is cut (the client sees a broken download, never a truncated file that looks whole).
 */
export async function sendListWorkbook(
  response: Response,
  file: { filename: string; rows: number; write: (out: Writable) => Promise<void> },
): Promise<void> {
  response.setHeader('Content-Type', XLSX_MEDIA_TYPE);
  response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  setPageHeaders(response, file.rows);
  try {
    await file.write(response);
  } catch (error) {
    if (!response.headersSent) throw error;
    response.destroy(error as Error);
  }
}

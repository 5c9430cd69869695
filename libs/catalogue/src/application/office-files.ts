import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { DomainError } from '@gongkai/platform';
import type { SourceRow, SourceTable } from '../domain/published-table';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Unpacked bytes allowed by default (CATALOGUE_IMPORT_MAX_UNPACKED_MB): a county catalogue unpacks to well under 1 MB. */
export const DEFAULT_MAX_UNPACKED_BYTES = 20 * 1024 * 1024;

const notOffice = () => DomainError.validation('NOT_A_SPREADSHEET', '上传的文件不是有效的 .xlsx 电子表格或 .docx 文档。');
const tooLarge = (limit: number) =>
  new DomainError(
    'validation',
    'FILE_UNPACKED_TOO_LARGE',
    `上传的文件解压后超过 ${Math.round((limit / 1024 / 1024) * 10) / 10}MB 的上限，未导入任何内容。请删除多余的工作表、图片或格式后再上传。`,
    [],
    { status: 413, limit },
  );

/**
 * The entries of a zip file (an .xlsx or .docx is one), each inflated with a running budget of
 * `maxUnpacked` bytes: a zip bomb is refused after at most that many bytes, whatever its directory
 * claims. Stored and deflated entries only (what Office writes); no ZIP64.
 */
export function unzipBounded(file: Buffer, maxUnpacked: number): Map<string, Buffer> {
  let end = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 0xffff); i--) {
    if (file.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw notOffice();
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  const declared: { name: string; method: number; compressed: number; size: number; local: number }[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== 0x02014b50) throw notOffice();
    const nameLength = file.readUInt16LE(at + 28);
    declared.push({
      method: file.readUInt16LE(at + 10),
      compressed: file.readUInt32LE(at + 20),
      size: file.readUInt32LE(at + 24),
      local: file.readUInt32LE(at + 42),
      name: file.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  if (declared.reduce((sum, e) => sum + e.size, 0) > maxUnpacked) throw tooLarge(maxUnpacked);
  const entries = new Map<string, Buffer>();
  let budget = maxUnpacked;
  for (const entry of declared) {
    if (entry.name.endsWith('/')) continue;
    const local = entry.local;
    if (local + 30 > file.length || file.readUInt32LE(local) !== 0x04034b50) throw notOffice();
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const data = file.subarray(start, start + entry.compressed);
    let content: Buffer;
    if (entry.method === 0) content = Buffer.from(data);
    else if (entry.method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxUnpacked);
        throw notOffice();
      }
    } else throw notOffice();
    budget -= content.length;
    if (budget < 0) throw tooLarge(maxUnpacked);
    entries.set(entry.name, content);
  }
  return entries;
}

/** The text of a cell, or why it cannot be read (a formula never calculated, an error value). */
export function cellText(cell: ExcelJS.Cell): { text: string; problem?: string } {
  const value = cell.value;
  if (value === null || value === undefined) return { text: '' };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if (typeof value !== 'object') return { text: String(value) };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('error' in value) return { text: '', problem: `单元格 ${cell.address} 是错误值 ${String(value.error)}` };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    const formula = 'formula' in value ? value.formula : (value as { sharedFormula: string }).sharedFormula;
    if (result === undefined || result === null)
      return { text: '', problem: `单元格 ${cell.address} 是公式（=${formula}）且没有计算结果，请在 Excel 中打开、重新计算并保存后再导入` };
    if (typeof result === 'object' && 'error' in result)
      return { text: '', problem: `单元格 ${cell.address} 的公式结果是错误值 ${String(result.error)}` };
    return { text: result instanceof Date ? result.toISOString().slice(0, 10) : String(result) };
  }
  if ('text' in value) return { text: String(value.text) };
  return { text: '', problem: `单元格 ${cell.address} 的内容无法读取` };
}

/** A catalogue sheet is a few hundred rows of a dozen or so columns; beyond these a sheet is not one. */
const MAX_ROWS = 20000;
const MAX_COLUMNS = 64;

/** Every worksheet as a table; merged cells carry the merge's value; the rows above the header are the title (see findLayout). */
export async function readWorkbookTables(file: Buffer): Promise<SourceTable[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw DomainError.validation('NOT_A_SPREADSHEET', '上传的文件不是有效的 .xlsx 电子表格。');
  }
  return workbook.worksheets.map((sheet) => {
    const rows: SourceRow[] = [];
    if (sheet.rowCount > MAX_ROWS) {
      throw DomainError.validation(
        'SPREADSHEET_TOO_MANY_ROWS',
        `工作表“${sheet.name}”有 ${sheet.rowCount} 行，超过 ${MAX_ROWS} 行的上限，请删除空行或拆分后再上传。`,
      );
    }
    const width = Math.min(sheet.columnCount, MAX_COLUMNS);
    for (let r = 1; r <= sheet.rowCount; r++) {
      const cells: string[] = [];
      const problems: string[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = sheet.getCell(r, c);
        const read = cellText(cell.isMerged ? cell.master : cell);
        cells.push(read.text);
        if (read.problem && (!cell.isMerged || cell.master === cell)) problems.push(read.problem);
      }
      rows.push({ rowNumber: r, cells, problems });
    }
    return { source: sheet.name, kind: 'sheet', title: null, rows };
  });
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, name: string) =>
    name[0] === '#' ? String.fromCodePoint(Number(name[1].toLowerCase() === 'x' ? `0${name.slice(1)}` : name.slice(1))) : ENTITIES[name],
  );

/** Wingdings checkboxes Word writes as symbols (w:sym), as the characters a reader sees. */
const SYMBOLS: Record<string, string> = {
  F052: '☑',
  F053: '☒',
  F0FE: '☑',
  F0FD: '☒',
  F0A3: '□',
  F0A8: '□',
  F06F: '□',
  F06E: '■',
  F0A2: '□',
};
const attr = (attrs: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1];

/**
 * The tables of a .docx (word/document.xml): each w:tr a row, each w:tc its text over as many grid
 * columns as its gridSpan, a vMerge continuation taking the text above; paragraphs inside a cell
 * are new lines. A table's title is the last paragraph before it. Nested tables add their text to the cell.
 */
export function readDocumentTables(documentXml: string): SourceTable[] {
  const tables: SourceTable[] = [];
  const token = /<(\/?)(w:tbl|w:tr|w:tc|w:p|w:t|w:tab|w:br|w:cr|w:sym|w:gridSpan|w:vMerge)((?:\s[^>]*?)?)(\/?)>/g;
  let depth = 0;
  let paragraph = '';
  let lastParagraph: string | null = null;
  let grid: string[][] = [];
  let row: { text: string; span: number; continues: boolean }[] = [];
  let cell = { text: '', span: 1, continues: false };
  let title: string | null = null;
  let match: RegExpExecArray | null;
  const add = (text: string) => {
    if (depth === 0) paragraph += text;
    else cell.text += text;
  };
  while ((match = token.exec(documentXml))) {
    const [, closing, name, attrs, selfClosing] = match;
    if (name === 'w:t' && !closing && !selfClosing) {
      const close = documentXml.indexOf('</w:t>', token.lastIndex);
      add(decode(documentXml.slice(token.lastIndex, close)));
      token.lastIndex = close + 6;
    } else if (name === 'w:tab' && !closing) add(' ');
    else if ((name === 'w:br' || name === 'w:cr') && !closing) add('\n');
    else if (name === 'w:sym') add(SYMBOLS[(attr(attrs, 'w:char') ?? '').toUpperCase()] ?? '');
    else if (name === 'w:p' && (closing || selfClosing)) {
      if (depth === 0) {
        if (paragraph.trim()) lastParagraph = paragraph.trim();
        paragraph = '';
      } else cell.text += '\n';
    } else if (name === 'w:tbl' && !closing) {
      if (++depth === 1) {
        grid = [];
        title = lastParagraph;
      }
    } else if (name === 'w:tbl' && closing) {
      if (--depth === 0) {
        tables.push({
          source: `表格${tables.length + 1}`,
          kind: 'table',
          title,
          rows: grid.map((cells, i) => ({ rowNumber: i + 1, cells, problems: [] })),
        });
        lastParagraph = null;
      }
    } else if (depth !== 1) continue;
    else if (name === 'w:tr' && !closing) row = [];
    else if (name === 'w:tr' && closing) {
      const above = grid[grid.length - 1] ?? [];
      const cells: string[] = [];
      for (const c of row) {
        const text = c.continues ? (above[cells.length] ?? '') : c.text.replace(/\n+$/, '').trim();
        for (let s = 0; s < c.span; s++) cells.push(text);
      }
      grid.push(cells);
    } else if (name === 'w:tc' && !closing) cell = { text: '', span: 1, continues: false };
    else if (name === 'w:tc' && closing) row.push(cell);
    else if (name === 'w:gridSpan') cell.span = Math.max(1, Number(attr(attrs, 'w:val') ?? 1));
    else if (name === 'w:vMerge') cell.continues = attr(attrs, 'w:val') !== 'restart';
  }
  return tables;
}

/** An uploaded .xlsx or .docx (told apart by its content) as tables, unpacking at most `maxUnpacked` bytes. */
export async function readOfficeTables(file: Buffer, maxUnpacked: number): Promise<{ format: 'xlsx' | 'docx'; tables: SourceTable[] }> {
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50) throw notOffice();
  const entries = unzipBounded(file, maxUnpacked);
  const document = entries.get('word/document.xml');
  if (document) return { format: 'docx', tables: readDocumentTables(document.toString('utf8')) };
  if (entries.has('xl/workbook.xml')) return { format: 'xlsx', tables: await readWorkbookTables(file) };
  throw notOffice();
}

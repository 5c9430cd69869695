import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { DomainError } from '@gongkai/platform/domain';
import type { SourceRow, SourceTable } from '../domain/published-table';
import { DEFAULT_IMPORT_LIMITS, megabytes, type ImportLimits } from './import-limits';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const notOffice = () => DomainError.validation('NOT_A_SPREADSHEET', '上传的文件不是有效的 .xlsx 电子表格或 .docx 文档。');
const tooLarge = (limit: number) =>
  new DomainError(
    'validation',
    'FILE_UNPACKED_TOO_LARGE',
    `上传的文件解压后超过 ${megabytes(limit)} 的上限，未导入任何内容。请删除多余的工作表、图片或格式后再上传。`,
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

/** At most this many columns are read: a catalogue has a dozen or so. */
const MAX_COLUMNS = 64;

const tooManyRows = (rows: number, limit: number) =>
  new DomainError(
    'validation',
    'SPREADSHEET_TOO_MANY_ROWS',
    `上传的文件共有 ${rows} 行，超过 ${limit} 行的上限，未导入任何内容。请删除空行或拆分后再上传。`,
    [],
    { status: 413, limit },
  );

/** How many `<tag ` or `<tag>` elements a part of a zip holds, without parsing it. */
function countElements(xml: Buffer, tag: string): number {
  const open = Buffer.from(`<${tag}`);
  let n = 0;
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at + open.length)) {
    const next = xml[at + open.length];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x0a || next === 0x0d || next === 0x09) n++;
  }
  return n;
}

/**
 * Refuses a file whose sheets (or Word tables) have more than `limit` rows together, counted in
 * the unpacked parts before anything is parsed: the parse of a sheet costs memory and time per cell.
 */
export function assertRowsWithin(entries: Map<string, Buffer>, limit: number): void {
  let rows = 0;
  for (const [name, part] of entries) {
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) rows += countElements(part, 'row');
    else if (name === 'word/document.xml') rows += countElements(part, 'w:tr');
  }
  if (rows > limit) throw tooManyRows(rows, limit);
}

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The letters of column `n` (28 → `AB`). */
function columnLetters(n: number): string {
  let letters = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** Column number of a cell reference's letters (`AB12` → 28) and its row. */
function cellAt(ref: string): { row: number; col: number } {
  const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(ref) ?? ['', 'A', '1'];
  let col = 0;
  for (const letter of letters) col = col * 26 + letter.charCodeAt(0) - 64;
  return { row: Number(digits), col };
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The worksheets in the workbook's order: name, part, merged ranges (workbook.xml names them, its relationships give their parts). */
function sheetsOf(entries: Map<string, Buffer>): { name: string; part: Buffer; merges: Range[] }[] {
  const rels = entries.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
  const targets = new Map(
    [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [
      attribute(m[0], 'Id'),
      (attribute(m[0], 'Target') ?? '').replace(/^\/?(xl\/)?/, 'xl/'),
    ]),
  );
  return [...(entries.get('xl/workbook.xml')?.toString('utf8') ?? '').matchAll(/<sheet\b[^>]*>/g)].flatMap((m) => {
    const part = entries.get(targets.get(attribute(m[0], 'r:id')) ?? '');
    if (!part) return [];
    const merges = [...part.toString('utf8').matchAll(/<mergeCell\b[^>]*\sref="([A-Z]+\d+):([A-Z]+\d+)"/g)].map(([, from, to]) => {
      const [a, b] = [cellAt(from), cellAt(to)];
      return { top: a.row, left: a.col, bottom: b.row, right: b.col };
    });
    return [{ name: decode(attribute(m[0], 'name') ?? ''), part, merges }];
  });
}

/**
 * ExcelJS 4.4's streaming workbook reader, driven part by part with text: its own zip reading
 * decodes every chunk on its own, and so breaks a Chinese character that falls across two chunks
 * of a large sheet. Its part parsers take streams of strings as they are.
 */
interface StreamingWorkbook {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(text: Readable, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> & { name: string } }>;
}

const TEXT_CHUNK = 64 * 1024;
/** A part as a stream of strings, decoded chunk by chunk (a character split between two chunks is carried over). */
const textOf = (part: Buffer) =>
  Readable.from(
    (function* () {
      const decoder = new StringDecoder('utf8');
      for (let at = 0; at < part.length; at += TEXT_CHUNK) yield decoder.write(part.subarray(at, at + TEXT_CHUNK));
      yield decoder.end();
    })(),
  );

/**
 * Every worksheet as a table, read row by row with ExcelJS's streaming reader (a sheet's cells are
 * never all held as ExcelJS objects); merged cells carry the merge's value; the rows above the
 * header are the title (see findLayout). `entries` are the file's unpacked parts.
 */
export async function readWorkbookTables(entries: Map<string, Buffer>): Promise<SourceTable[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as StreamingWorkbook;
  const tables: SourceTable[] = [];
  try {
    const part = (name: string) => entries.get(name);
    const rels = part('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(textOf(rels));
    await reader._parseWorkbook(textOf(part('xl/workbook.xml') ?? Buffer.alloc(0)));
    const strings = part('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(textOf(strings)));
    const styles = part('xl/styles.xml');
    if (styles) await reader._parseStyles(textOf(styles));
    for (const [index, { name, part: sheetPart, merges }] of sheetsOf(entries).entries()) {
      const rows: SourceRow[] = [];
      const pad = (upTo: number) => {
        while (rows.length < upTo) rows.push({ rowNumber: rows.length + 1, cells: [], problems: [] });
      };
      for (const { value: sheet } of reader._parseWorksheet(textOf(sheetPart), String(index + 1))) {
        for await (const row of sheet) {
          pad(row.number - 1);
          const cells: string[] = [];
          const problems: string[] = [];
          row.eachCell({ includeEmpty: false }, (cell, col) => {
            if (col > MAX_COLUMNS) return;
            const read = cellText(cell);
            cells[col - 1] = read.text;
            if (read.problem) problems.push(read.problem);
          });
          rows[row.number - 1] = { rowNumber: row.number, cells, problems };
        }
      }
      const width = rows.reduce((w, row) => Math.max(w, row.cells.length), 0);
      for (const row of rows) for (let c = 0; c < width; c++) row.cells[c] ??= '';
      // A merge's cells all carry its top-left cell's text (and only that cell's problem).
      for (const range of merges) {
        const master = rows[range.top - 1]?.cells[range.left - 1];
        if (master === undefined) continue;
        for (let r = range.top; r <= Math.min(range.bottom, rows.length); r++)
          for (let c = range.left; c <= Math.min(range.right, width); c++) {
            if (r === range.top && c === range.left) continue;
            rows[r - 1].cells[c - 1] = master;
            rows[r - 1].problems = rows[r - 1].problems.filter((p) => !p.includes(`单元格 ${columnLetters(c)}${r} `));
          }
      }
      tables.push({ source: name, kind: 'sheet', title: null, rows });
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw DomainError.validation('NOT_A_SPREADSHEET', '上传的文件不是有效的 .xlsx 电子表格。');
  }
  return tables;
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

/**
 * An uploaded .xlsx or .docx (told apart by its content) as tables, unpacking at most
 * `limits.unpackedBytes` and refusing more than `limits.rows` rows before parsing. CPU-bound: the
 * services call it in the import worker (import-worker.ts), never on the event loop.
 */
export async function readOfficeTables(
  file: Buffer,
  limits: Pick<ImportLimits, 'unpackedBytes' | 'rows'> = DEFAULT_IMPORT_LIMITS,
): Promise<{ format: 'xlsx' | 'docx'; tables: SourceTable[] }> {
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50) throw notOffice();
  const entries = unzipBounded(file, limits.unpackedBytes);
  assertRowsWithin(entries, limits.rows);
  const document = entries.get('word/document.xml');
  if (document) return { format: 'docx', tables: readDocumentTables(document.toString('utf8')) };
  if (entries.has('xl/workbook.xml')) return { format: 'xlsx', tables: await readWorkbookTables(entries) };
  throw notOffice();
}

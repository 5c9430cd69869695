import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { CATALOGUE_COLUMNS, type CatalogueRow } from '../domain/catalogue-row';
import { unzipBounded } from '../application/office-files';

/**
 * A zip of `entries` (deflated, as Office writes them), CRCs left zero (the readers here do not
 * check them). `claimed` replaces every entry's declared size: a directory that lies.
 */
export function zipOf(entries: Record<string, Buffer>, claimed?: number): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = deflateRawSync(content);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(claimed ?? content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(claimed ?? content.length, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(header, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const columnName = (i: number) => String.fromCharCode(65 + i);

/**
 * A standard-layout catalogue workbook of `count` rows made by `row(n)` (n from 1), written in
 * seconds however large: ExcelJS writes the package around one row, and the sheet's rows are
 * spliced in as inline strings (ExcelJS itself takes minutes to write 100,000 rows).
 */
export async function largeCatalogueWorkbook(count: number, row: (n: number) => CatalogueRow): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('目录').addRow([...CATALOGUE_COLUMNS]);
  const entries = unzipBounded(Buffer.from(await book.xlsx.writeBuffer()), 64 * 1024 * 1024);
  const sheetName = [...entries.keys()].find((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
  if (!sheetName) throw new Error('ExcelJS wrote no worksheet');
  const cells = (r: number, values: string[]) =>
    values.map((v, i) => `<c r="${columnName(i)}${r}" t="inlineStr"><is><t>${escape(v)}</t></is></c>`).join('');
  const rows = [`<row r="1">${cells(1, [...CATALOGUE_COLUMNS])}</row>`];
  for (let n = 1; n <= count; n++) {
    const values = row(n);
    rows.push(
      `<row r="${n + 1}">${cells(
        n + 1,
        CATALOGUE_COLUMNS.map((c) => values[c] ?? ''),
      )}</row>`,
    );
  }
  const sheet = entries.get(sheetName)!.toString('utf8');
  const spliced = sheet
    .replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:${columnName(CATALOGUE_COLUMNS.length - 1)}${count + 1}"/>`)
    .replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, `<sheetData>${rows.join('')}</sheetData>`);
  entries.set(sheetName, Buffer.from(spliced));
  return zipOf(Object.fromEntries(entries));
}

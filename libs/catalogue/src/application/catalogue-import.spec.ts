import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { CommandHandler, CommandContext } from '@gongkai/platform';
import { DomainError } from '@gongkai/platform/domain';
import type { CatalogueItemsProjection, ItemView } from '../read-models/items.projection';
import { PUBLISHED_FIXTURES, workbookOf } from '../testing/published-fixtures';
import { CatalogueSpreadsheets } from './catalogue-import';
import { readOfficeTables, unzipBounded } from './office-files';

/** The application with its edges faked: a registered unit, the unit's items, and a record of every command. */
function spreadsheetsFor(level: '县级' | '乡级', items: Partial<ItemView>[] = [], maxUnpacked?: number) {
  const handled: unknown[] = [];
  const commands = {
    load: async () => ({ state: { status: 'registered', unitId: 'U1', name: '测试单位', level, responsibleDomains: [] }, revision: 1 }),
    handle: async (_decider: unknown, streamId: string, command: unknown) => {
      handled.push({ streamId, command });
      return { state: { status: 'draft' }, revision: 0 };
    },
  } as unknown as CommandHandler;
  const projection = { ofUnit: async () => items } as unknown as CatalogueItemsProjection;
  return { spreadsheets: new CatalogueSpreadsheets(commands, projection, maxUnpacked), handled };
}
const context = { now: '2026-01-05T02:00:00.000Z' } as CommandContext;
const upload = (file: Buffer) => async () => file;

describe.each(PUBLISHED_FIXTURES.map((f) => [f.name, f] as const))('published layout: %s', (_name, fixture) => {
  it('previews every row with its source row number and eight elements, naming where the domain came from', async () => {
    const { spreadsheets, handled } = spreadsheetsFor(fixture.unitLevel);
    const preview = await spreadsheets.preview('U1', upload(await fixture.file()));
    expect(preview.summary).toMatchObject({ rows: fixture.expected.length, valid: fixture.expected.length, invalid: 0 });
    expect(preview.tables[0].domain).toMatchObject({ code: fixture.domainCode, from: fixture.domainFrom });
    expect(preview.rows.map((r) => r.errors)).toEqual(fixture.expected.map(() => []));
    fixture.expected.forEach((expected, i) => {
      const row = preview.rows[i];
      expect({ rowNumber: row.rowNumber, firstLevel: row.firstLevel, level: row.level, domainCode: row.domainCode }).toEqual({
        rowNumber: expected.rowNumber,
        firstLevel: expected.firstLevel,
        level: expected.level,
        domainCode: expected.domainCode ?? fixture.domainCode,
      });
      expect(row.elements).toMatchObject({
        名称: expected.name,
        渠道: expected.channels,
        公开对象: expected.audience,
        方式: expected.method,
      });
      for (const element of Object.values(row.elements)) expect(element).not.toBe('');
      expect(row.action).toBe('create');
    });
    expect(handled).toEqual([]);
  });

  it('imports every row as a draft', async () => {
    const { spreadsheets, handled } = spreadsheetsFor(fixture.unitLevel);
    const report = await spreadsheets.import('U1', upload(await fixture.file()), context);
    expect(report).toEqual({ rows: fixture.expected.length, created: fixture.expected.length, updated: 0, revised: 0, unchanged: 0 });
    expect(handled.map((h) => (h as { command: { type: string; content: { secondLevel: string } } }).command)).toEqual(
      fixture.expected.map((e) =>
        expect.objectContaining({ type: 'DraftItem', content: expect.objectContaining({ secondLevel: e.name }) }),
      ),
    );
  });

  it('reports a malformed row by its source row number and records nothing', async () => {
    const { spreadsheets, handled } = spreadsheetsFor(fixture.unitLevel);
    const file = await fixture.file(true);
    const preview = await spreadsheets.preview('U1', upload(file));
    const bad = preview.rows.filter((r) => !r.ok);
    expect(bad.map((r) => [r.source, r.rowNumber])).toEqual([
      [fixture.malformed.source ?? expect.any(String), fixture.malformed.rowNumber],
    ]);
    expect(bad[0].errors.join('；')).toContain(fixture.malformed.message);
    const refused = await spreadsheets.import('U1', upload(file), context).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('SPREADSHEET_INVALID');
    expect((refused as DomainError).extensions).toMatchObject({ rows: [expect.objectContaining({ row: fixture.malformed.rowNumber })] });
    expect(handled).toEqual([]);
  });
});

describe('reading uploaded files', () => {
  it('a .docx table: merged header cells and merged group cells carry their text', async () => {
    const street = PUBLISHED_FIXTURES.find((f) => f.imitates.includes('九龙街道'))!;
    const { format, tables } = await readOfficeTables(await street.file(), 1024 * 1024);
    expect(format).toBe('docx');
    expect(tables.map((t) => [t.source, t.title])).toEqual([
      ['表格1', '（一）重大建设项目领域基层政务公开标准目录'],
      ['表格2', '（二）公共资源交易领域基层政务公开标准目录'],
    ]);
    expect(tables[0].rows[0].cells.slice(0, 4)).toEqual(['序号', '公开事项', '公开事项', '公开内容（要素）']);
    expect(tables[0].rows[1].cells.slice(0, 3)).toEqual(['序号', '一级事项', '二级事项']);
  });

  it('refuses a file that unpacks beyond the limit (a zip bomb), in Chinese, before reading it', async () => {
    const bomb = zipOf({ 'xl/workbook.xml': Buffer.alloc(3 * 1024 * 1024, 32) });
    expect(bomb.length).toBeLessThan(10 * 1024);
    const { spreadsheets, handled } = spreadsheetsFor('县级', [], 1024 * 1024);
    const refused = await spreadsheets.preview('U1', upload(bomb)).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'FILE_UNPACKED_TOO_LARGE', message: expect.stringContaining('解压后超过 1MB 的上限') });
    expect((refused as DomainError).extensions).toMatchObject({ status: 413 });
    expect(handled).toEqual([]);
    // A directory that understates the sizes does not help: inflating stops at the budget.
    expect(() => unzipBounded(zipOf({ 'a.xml': Buffer.alloc(3 * 1024 * 1024, 32) }, 10), 1024 * 1024)).toThrow('解压后超过');
  });

  it('refuses what is not an Office file', async () => {
    const { spreadsheets } = spreadsheetsFor('县级');
    await expect(spreadsheets.preview('U1', upload(Buffer.from('序号,一级事项\n1,a')))).rejects.toMatchObject({
      code: 'NOT_A_SPREADSHEET',
    });
  });

  it('a table without a catalogue header names what is missing', async () => {
    const { spreadsheets } = spreadsheetsFor('县级');
    const file = await workbookOf([{ name: 'Sheet1', table: { rows: [['序号', '一级事项', '公开内容（要素）', '备注']] } }]);
    await expect(spreadsheets.preview('U1', upload(file))).rejects.toMatchObject({
      code: 'SPREADSHEET_COLUMNS_MISSING',
      message: expect.stringContaining('公开依据、公开时限、公开主体、公开渠道和载体、公开对象、公开方式'),
    });
  });

  it('without a domain anywhere, each row asks for one; the user’s choice supplies it', async () => {
    const education = PUBLISHED_FIXTURES.find((f) => f.domainCode === 'compulsory-education')!;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await education.file()) as unknown as ArrayBuffer);
    book.worksheets[0].getCell(1, 1).value = '政务公开事项标准目录';
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const { spreadsheets } = spreadsheetsFor('县级');
    const unnamed = await spreadsheets.preview('U1', upload(file));
    expect(unnamed.tables[0].domain).toEqual({ code: null, name: null, from: null });
    expect(unnamed.rows[0].errors).toEqual([expect.stringContaining('无法确定所属领域')]);
    const chosen = await spreadsheets.preview('U1', upload(file), 'compulsory-education');
    expect(chosen.tables[0].domain).toMatchObject({ code: 'compulsory-education', from: 'choice' });
    expect(chosen.summary.invalid).toBe(0);
  });
});

/** A zip of stored-then-deflated entries; `claimed` overrides the uncompressed size the directory states. */
function zipOf(entries: Record<string, Buffer>, claimed?: number): Buffer {
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

import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { ItemContent } from '@gongkai/contracts';
import { FileSystemBlobStore, type CommandHandler, type CommandContext } from '@gongkai/platform';
import { elementsOf } from '../domain/published-table';
import { DomainError } from '@gongkai/platform/domain';
import type { CatalogueItemsProjection, ItemView } from '../read-models/items.projection';
import { PUBLISHED_FIXTURES, workbookOf } from '../testing/published-fixtures';
import { zipOf } from '../testing/large-workbook';
import { largeImportWithLastRowBad } from '../testing/import-load';
import { readUpload, XLSX_MIME } from './spreadsheet';
import { DOCX_MIME } from './office-files';
import { DEFAULT_IMPORT_LIMITS } from './import-limits';
import { CatalogueSpreadsheets } from './catalogue-import';
import { readOfficeTables, unzipBounded } from './office-files';

/** The application with its edges faked: a registered unit, the unit's items, and a record of every command. */
function spreadsheetsFor(level: '县级' | '乡级', items: Partial<ItemView>[] = [], limits: Partial<typeof DEFAULT_IMPORT_LIMITS> = {}) {
  const handled: unknown[] = [];
  const commands = {
    load: async () => ({ state: { status: 'registered', unitId: 'U1', name: '测试单位', level, responsibleDomains: [] }, revision: 1 }),
    handle: async (_decider: unknown, streamId: string, command: unknown) => {
      handled.push({ streamId, command });
      return { state: { status: 'draft' }, revision: 0 };
    },
  } as unknown as CommandHandler;
  const projection = { ofUnit: async () => items } as unknown as CatalogueItemsProjection;
  // The blob store is the real one (file system, in a temporary directory).
  const blobs = new FileSystemBlobStore(mkdtempSync(join(tmpdir(), 'gk-import-blobs-')));
  return { spreadsheets: new CatalogueSpreadsheets(commands, projection, blobs, { ...DEFAULT_IMPORT_LIMITS, ...limits }), handled, blobs };
}
const context = { now: '2026-01-05T02:00:00.000Z', actor: { userId: 'clerk-1', unitId: 'U1', role: 'clerk' } } as CommandContext;
const upload = (file: Buffer) => async () => file;
/** How the console uploads a file: its type (a Word package names parts under word/) and its name. */
const uploadedAs = (file: Buffer) =>
  file.includes('word/document.xml')
    ? { file: { declaredMediaType: DOCX_MIME, originalName: '标准目录.docx' } }
    : { file: { declaredMediaType: XLSX_MIME, originalName: '标准目录.xlsx' } };
const sha256 = (file: Buffer) => createHash('sha256').update(file).digest('hex');

describe.each(PUBLISHED_FIXTURES.map((f) => [f.name, f] as const))('published layout: %s', (_name, fixture) => {
  it('previews every row with its source row number and eight elements, naming where the domain came from', async () => {
    const { spreadsheets, handled } = spreadsheetsFor(fixture.unitLevel);
    const preview = await spreadsheets.preview('U1', upload(await fixture.file()));
    expect(preview.summary).toMatchObject({ rows: fixture.expected.length, valid: fixture.expected.length, invalid: 0 });
    // A domain column names it per row (each row's domain is checked below); otherwise the table names it once.
    expect(preview.tables[0].domain).toMatchObject(
      fixture.domainFrom === 'column' ? { from: 'column' } : { code: fixture.domainCode, from: fixture.domainFrom },
    );
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

  it('imports every row as a draft, keeps the original file and records the import with its reference', async () => {
    const { spreadsheets, handled, blobs } = spreadsheetsFor(fixture.unitLevel);
    const file = await fixture.file();
    const as = uploadedAs(file);
    const report = await spreadsheets.import('U1', upload(file), context, as);
    const stored = { sha256: sha256(file), size: file.length, mediaType: as.file.declaredMediaType, originalName: as.file.originalName };
    expect(report).toEqual({
      rows: fixture.expected.length,
      created: fixture.expected.length,
      updated: 0,
      revised: 0,
      unchanged: 0,
      importId: expect.any(String),
      file: stored,
    });
    const commands = handled.map((h) => (h as { command: { type: string; itemId?: string } }).command);
    expect(commands).toEqual([
      ...fixture.expected.map((e) =>
        expect.objectContaining({ type: 'DraftItem', content: expect.objectContaining({ secondLevel: e.name }) }),
      ),
      expect.objectContaining({
        type: 'RecordImport',
        record: expect.objectContaining({
          importId: report.importId,
          unitId: 'U1',
          file: stored,
          rows: fixture.expected.length,
          itemIds: commands.slice(0, -1).map((c) => c.itemId),
        }),
      }),
    ]);
    expect(handled.at(-1)).toMatchObject({ streamId: 'catalogue.imports-U1' });
    expect((await blobs.getBytes(stored.sha256))?.equals(file)).toBe(true);
  });

  it('reports a malformed row by its source row number and records nothing, keeping no file', async () => {
    const { spreadsheets, handled, blobs } = spreadsheetsFor(fixture.unitLevel);
    const file = await fixture.file(true);
    const preview = await spreadsheets.preview('U1', upload(file));
    const bad = preview.rows.filter((r) => !r.ok);
    expect(bad.map((r) => [r.source, r.rowNumber])).toEqual([
      [fixture.malformed.source ?? expect.any(String), fixture.malformed.rowNumber],
    ]);
    expect(bad[0].errors.join('；')).toContain(fixture.malformed.message);
    expect(bad[0].errors.some((e) => e.startsWith('缺少公开方式') || e.startsWith('缺少公开对象'))).toBe(false);
    const refused = await spreadsheets.import('U1', upload(file), context, uploadedAs(file)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('SPREADSHEET_INVALID');
    expect((refused as DomainError).extensions).toMatchObject({ rows: [expect.objectContaining({ row: fixture.malformed.rowNumber })] });
    expect(handled).toEqual([]);
    expect(await blobs.has(sha256(file))).toBe(false);
  });
});

describe('export in the published layout', () => {
  const base: ItemContent = {
    domainCode: 'social-assistance',
    firstLevel: '最低生活保障',
    secondLevel: '低保政策',
    content: '低保政策法规、申请条件、保障标准',
    legalBases: [{ law: '社会救助暂行办法', article: '第九条' }, { law: '中华人民共和国政府信息公开条例' }],
    timeLimit: { text: '信息形成或者变更之日起20个工作日内', rule: { kind: 'working_days_after_formation', days: 20 } },
    subject: '张山子镇人民政府',
    method: '主动',
    channels: [{ channel: '政府网站' }, { channel: '社区/企事业单位/村公示栏(电子屏)' }],
    audience: { kind: '全社会' },
    level: '乡级',
  };
  const contents: ItemContent[] = [
    base,
    {
      ...base,
      secondLevel: '低保对象',
      channels: [{ channel: '其他', other: '镇广播站' }],
      audience: { kind: '特定群体', detail: '申请人' },
    },
    { ...base, firstLevel: '临时救助', secondLevel: '临时救助审批结果', method: '依申请', timeLimit: { text: '实时', rule: null } },
    {
      ...base,
      domainCode: 'compulsory-education',
      firstLevel: '学生资助',
      secondLevel: '资助政策—资助名单',
      stage: '结果',
      guidelineItemCode: 'compulsory-education.S02',
    },
  ];

  it('round-trips through the importer: export → preview → the same elements, domain and level', async () => {
    const items = contents.map((content, i) => ({ itemId: `item-${i}`, status: 'published', content }) as Partial<ItemView>);
    const { spreadsheets } = spreadsheetsFor('乡级', items);
    const file = await spreadsheets.export('U1', 'published');
    const preview = await spreadsheets.preview('U1', upload(file));
    expect(preview.tables.map((t) => [t.source, t.domain.from, t.headerRows])).toEqual([
      ['社会救助', 'sheet', 2],
      ['义务教育', 'sheet', 2],
    ]);
    expect(preview.summary).toMatchObject({ rows: 4, valid: 4, create: 4 });
    const published = ({ stage: _s, guidelineItemCode: _g, post: _p, authority: _a, procedure: _r, ...content }: ItemContent) => content;
    const expected = contents;
    expect(preview.rows.map((r) => r.content)).toEqual(expected.map(published));
    expect(preview.rows.map((r) => r.elements)).toEqual(expected.map(elementsOf));
    expect(preview.rows.map((r) => r.rowNumber)).toEqual([4, 5, 6, 4]);
  });

  it('writes the title, the two-row header with merges, √ marks and the ■/□ channel list', async () => {
    const { spreadsheets } = spreadsheetsFor('乡级', [{ itemId: 'a', status: 'draft', content: contents[1] }]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await spreadsheets.export('U1', 'published')) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('社会救助');
    expect(sheet.getCell('A1').value).toBe('测试单位社会救助领域政务公开事项标准目录');
    expect(sheet.getCell('C2').isMerged).toBe(true);
    expect([sheet.getCell('I3').value, sheet.getCell('J3').value, sheet.getCell('J4').value]).toEqual([
      '全社会',
      '特定群众',
      '√（申请人）',
    ]);
    expect(String(sheet.getCell('H4').value)).toMatch(/^□政府网站 □政府公报 .* ■其他（镇广播站）$/);
  });
});

describe('reading uploaded files', () => {
  it('a .docx table: merged header cells and merged group cells carry their text', async () => {
    const street = PUBLISHED_FIXTURES.find((f) => f.imitates.includes('九龙街道'))!;
    const { format, tables } = await readOfficeTables(await street.file(), { unpackedBytes: 1024 * 1024, rows: 1000 });
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
    const { spreadsheets, handled } = spreadsheetsFor('县级', [], { unpackedBytes: 1024 * 1024 });
    const refused = await spreadsheets.preview('U1', upload(bomb)).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'FILE_UNPACKED_TOO_LARGE', message: expect.stringContaining('解压后超过 1MB 的上限') });
    expect((refused as DomainError).extensions).toMatchObject({ status: 413 });
    expect(handled).toEqual([]);
    // A directory that understates the sizes does not help: inflating stops at the budget.
    expect(() => unzipBounded(zipOf({ 'a.xml': Buffer.alloc(3 * 1024 * 1024, 32) }, 10), 1024 * 1024)).toThrow('解压后超过');
  });

  it('refuses a file with more rows than the limit, counted before its sheets are parsed, recording nothing', async () => {
    const file = await largeImportWithLastRowBad(30);
    const { spreadsheets, handled } = spreadsheetsFor('乡级', [], { rows: 25 });
    const refused = await spreadsheets.import('U1', upload(file), context, uploadedAs(file)).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'SPREADSHEET_TOO_MANY_ROWS', message: expect.stringContaining('共有 31 行，超过 25 行的上限') });
    expect((refused as DomainError).extensions).toMatchObject({ status: 413 });
    expect(handled).toEqual([]);
  });

  it('stops reading a file that takes longer than the time limit, and reads the next file on a new worker', async () => {
    const file = await largeImportWithLastRowBad(5000);
    const slow = spreadsheetsFor('乡级', [], { seconds: 0.05 });
    const refused = await slow.spreadsheets.import('U1', upload(file), context, uploadedAs(file)).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'IMPORT_TOO_SLOW',
      message: expect.stringContaining('超过 0.05 秒的上限，已停止，未导入任何内容'),
    });
    expect(slow.handled).toEqual([]);
    const { spreadsheets } = spreadsheetsFor('乡级');
    await expect(spreadsheets.import('U1', upload(file), context, uploadedAs(file))).rejects.toMatchObject({
      code: 'SPREADSHEET_INVALID',
      message: expect.stringContaining('第 5001 行'),
    });
  });

  it('stops a worker whose heap passes the limit, and reads the next file on a new worker', async () => {
    const file = await largeImportWithLastRowBad(20000);
    const small = spreadsheetsFor('乡级', [], { workerHeapMb: 64, unpackedBytes: 64 * 1024 * 1024, rows: 20001, seconds: 300 });
    const refused = await small.spreadsheets.import('U1', upload(file), context, uploadedAs(file)).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'IMPORT_TOO_LARGE_TO_READ',
      message: expect.stringContaining('所需内存超过 64MB 的上限，已停止，未导入任何内容'),
    });
    expect(small.handled).toEqual([]);
    const { spreadsheets } = spreadsheetsFor('乡级');
    const notOffice = zipOf({ 'a.txt': Buffer.from('x') });
    await expect(spreadsheets.import('U1', upload(notOffice), context, uploadedAs(notOffice))).rejects.toMatchObject({
      code: 'NOT_A_SPREADSHEET',
    });
  }, 400000);

  it('refuses an upload past the compressed-size limit while it arrives', async () => {
    const chunks = (async function* () {
      for (let i = 0; i < 10; i++) yield Buffer.alloc(1024 * 1024);
    })();
    await expect(readUpload(chunks, 3 * 1024 * 1024)).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('上限 3MB'),
    });
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

  it('a published table’s plain channel list is mapped like a checkbox list; sheets without a catalogue are listed as ignored', async () => {
    const header = [
      '序号',
      '一级事项',
      '二级事项',
      '公开内容（要素）',
      '公开依据',
      '公开时限',
      '公开主体',
      '公开渠道和载体',
      '公开对象',
      '公开方式',
    ];
    const row = [
      '1',
      '临时救助',
      '临时救助结果',
      '救助对象、金额',
      '《社会救助暂行办法》',
      '20个工作日',
      '某镇人民政府',
      '政府网站、村务公开栏、村广播',
      '全社会',
      '主动公开',
    ];
    const file = await workbookOf([
      { name: '填表说明', table: { rows: [['本表按标准指引编制'], ['各栏目均须填写']] } },
      { name: '社会救助', table: { rows: [header, row] } },
    ]);
    const { spreadsheets } = spreadsheetsFor('乡级');
    const preview = await spreadsheets.preview('U1', upload(file));
    expect(preview.ignored).toEqual([{ source: '填表说明', reason: '没有公开事项目录的表头' }]);
    expect(preview.rows[0]).toMatchObject({
      ok: true,
      level: '乡级',
      content: {
        domainCode: 'social-assistance',
        channels: [{ channel: '政府网站' }, { channel: '社区/企事业单位/村公示栏(电子屏)' }, { channel: '其他', other: '村广播' }],
      },
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

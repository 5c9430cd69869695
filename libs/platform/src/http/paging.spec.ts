import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { inDateRange, listQuery, MAX_PAGE_SIZE, pageOf, sortRows, textMatcher, unpagedLists } from './paging';
import { firstListRow, writeListWorkbook, type ListColumn } from './list-export';

describe('list query (page, sort, text, date ranges)', () => {
  const schema = listQuery({ sorts: ['-issuedOn', 'issuedOn'] as const, dates: ['issued'], filters: {} });

  it('defaults to page 1 of 50, the first sort', () => {
    expect(schema.parse({})).toEqual({ page: 1, pageSize: 50, sort: '-issuedOn' });
  });

  it('refuses a page size above the maximum, an unknown sort, an invalid date and a reversed range', () => {
    expect(schema.safeParse({ pageSize: String(MAX_PAGE_SIZE + 1) }).success).toBe(false);
    expect(schema.safeParse({ sort: 'title' }).success).toBe(false);
    expect(schema.safeParse({ issuedFrom: '2026-02-30' }).success).toBe(false);
    expect(schema.safeParse({ issuedFrom: '2026-03-01', issuedTo: '2026-02-01' }).success).toBe(false);
    expect(schema.parse({ issuedFrom: '2026-02-01', issuedTo: '2026-03-01', page: '2', pageSize: '10' })).toMatchObject({
      issuedFrom: '2026-02-01',
      page: 2,
      pageSize: 10,
    });
  });
});

describe('textMatcher', () => {
  it('finds every word, case-insensitive, as typed or as its jieba words', () => {
    const matches = textMatcher('危房改造 2024');
    expect(matches('关于2024年农村危房改造补助的通知')).toBe(true);
    expect(matches('关于2023年农村危房改造补助的通知')).toBe(false);
    expect(textMatcher('GK-2026')('申请编号 gk-2026-001')).toBe(true);
  });

  it('finds an abbreviation written in full and a full form written short', () => {
    expect(textMatcher('低保')('最低生活保障金发放情况')).toBe(true);
    expect(textMatcher('最低生活保障')('低保对象名单')).toBe(true);
    expect(textMatcher('低保申请')('关于最低生活保障的申请')).toBe(true);
    expect(textMatcher('低保')('医疗保险缴费标准')).toBe(false);
  });

  it('matches everything without a query', () => {
    expect(textMatcher(undefined)('任何内容')).toBe(true);
  });
});

describe('sorting, date ranges and pages', () => {
  const rows = [
    { id: 'c', on: '2026-03-01' },
    { id: 'a', on: null },
    { id: 'b', on: '2026-01-15' },
    { id: 'd', on: '2026-03-01' },
  ];

  it('sorts either way with rows lacking the value last and ties by id', () => {
    const by = (sort: string) =>
      sortRows(
        [...rows],
        sort,
        (r) => r.on,
        (r) => r.id,
      ).map((r) => r.id);
    expect(by('on')).toEqual(['b', 'c', 'd', 'a']);
    expect(by('-on')).toEqual(['c', 'd', 'b', 'a']);
  });

  it('keeps a date (or an instant) within inclusive bounds; no date is outside any bound', () => {
    expect(inDateRange('2026-03-01', '2026-03-01', '2026-03-31')).toBe(true);
    expect(inDateRange('2026-03-31T23:00:00.000Z', undefined, '2026-03-31')).toBe(true);
    expect(inDateRange('2026-04-01', undefined, '2026-03-31')).toBe(false);
    expect(inDateRange(null, '2026-01-01', undefined)).toBe(false);
    expect(inDateRange(null, undefined, undefined)).toBe(true);
  });

  it('answers the page asked for and the count of every row', () => {
    expect(pageOf(['a', 'b', 'c', 'd', 'e'], { page: 2, pageSize: 2 })).toEqual({ rows: ['c', 'd'], total: 5, page: 2, pageSize: 2 });
    expect(pageOf(['a'], { page: 3, pageSize: 2 })).toEqual({ rows: [], total: 1, page: 3, pageSize: 2 });
  });
});

describe('unpagedLists (the contract test of every list route)', () => {
  const array = { content: { 'application/json': { schema: { type: 'array' } } } };
  const paged = {
    parameters: [
      { name: 'page', in: 'query' },
      { name: 'pageSize', in: 'query' },
    ],
    responses: { '200': { ...array, headers: { 'X-Total-Count': {} } } },
  };

  it('names an array-returning GET without page, pageSize or X-Total-Count, and accepts a paged or bounded one', () => {
    const document = {
      paths: {
        '/paged': { get: paged },
        '/no-header': { get: { ...paged, responses: { '200': array } } },
        '/no-page-size': { get: { ...paged, parameters: [{ name: 'page', in: 'query' }] } },
        '/bare': { get: { responses: { '200': array } } },
        '/bounded': { get: { responses: { '200': array }, 'x-bounded': 'the 26 domains' } },
        '/object': { get: { responses: { '200': { content: { 'application/json': { schema: { type: 'object' } } } } } } },
        '/command': { post: { responses: { '201': array } } },
      },
    };
    expect(unpagedLists(document)).toEqual(['GET /bare', 'GET /no-header', 'GET /no-page-size']);
  });
});

describe('writeListWorkbook', () => {
  it('streams exactly the rows given, in order, under their headers (and the groups above them)', async () => {
    const columns: ListColumn<{ n: number; t: string }>[] = [
      { header: '序号', width: 6, value: (_r, i) => i + 1, group: '登记' },
      { header: '名称', width: 20, value: (r) => r.t, group: '登记' },
      { header: '数', width: 6, value: (r) => r.n, group: '办理' },
    ];
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    async function* rows() {
      yield { n: 7, t: '甲' };
      yield { n: 8, t: '乙' };
    }
    await writeListWorkbook(out, { title: '测试台账', sheet: '台账', columns }, rows());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('台账');
    const cells = (r: number) => (sheet?.getRow(r).values as unknown[]).slice(1);
    expect(firstListRow(columns)).toBe(3);
    expect(cells(1)).toEqual(['登记', '登记', '办理']);
    expect(cells(2)).toEqual(['序号', '名称', '数']);
    expect([cells(3), cells(4)]).toEqual([
      [1, '甲', 7],
      [2, '乙', 8],
    ]);
    expect(sheet?.rowCount).toBe(4);
  });
});

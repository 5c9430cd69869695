import { PILOT_DOMAINS, type DomainCode, type ItemContent, type UnitLevel } from '@gongkai/contracts';
import { formatChannels, formatLegalBases, parseCatalogueRow, type CatalogueColumn, type CatalogueRow } from './catalogue-row';
import { audienceLabel } from './obligation';
import { domainNamedIn, levelNamed, parseChannelChecklist, parsePublishedChannels, readMark, squeeze } from './published-cells';

/**
 * A table as read from a file: a worksheet or a Word table. Cells covered by a merge carry the
 * merge's text (so a 序号 or 一级事项 merged down a group is on every row of it, and a group heading
 * over two columns is on both); `problems` are cells that could not be read (a formula without result).
 */
export interface SourceTable {
  /** The sheet name, or `表格1`… for the tables of a Word document. */
  source: string;
  kind: 'sheet' | 'table';
  /** Text above the header: the title row(s) of a sheet, the paragraph before a Word table. */
  title: string | null;
  rows: SourceRow[];
}
export interface SourceRow {
  /** The row number in the source: the sheet row, or the row of the Word table (1 = its first row). */
  rowNumber: number;
  cells: string[];
  problems: string[];
}

/** What a column of a catalogue table holds. */
type Role =
  | Exclude<CatalogueColumn, '一级事项' | '二级事项' | '公开对象' | '公开方式' | '公开层级'>
  | 'level1'
  | 'level2'
  | 'level3'
  | 'level4'
  | '公开事项'
  | '公开对象'
  | '公开方式'
  | '公开层级'
  | 'mark:全社会'
  | 'mark:特定群体'
  | 'mark:主动'
  | 'mark:依申请'
  | 'mark:县级'
  | 'mark:乡级';

const HEADINGS: [RegExp, Role][] = [
  [/^序号$/, '序号'],
  [/^一级(事项|目录)(名称)?$/, 'level1'],
  [/^二级(事项|目录)(名称)?$/, 'level2'],
  [/^三级(事项|目录)(名称)?$/, 'level3'],
  [/^四级(事项|目录)(名称)?$/, 'level4'],
  [/^(公开事项|事项名称|公开事项名称)$/, '公开事项'],
  [/^公开内容/, '公开内容（要素）'],
  [/^公开依据/, '公开依据'],
  [/^公开时限/, '公开时限'],
  [/^公开主体/, '公开主体'],
  [/^公开渠道/, '公开渠道和载体'],
  [/^公开对象$/, '公开对象'],
  [/^公开方式$/, '公开方式'],
  [/^公开层级$/, '公开层级'],
  [/^全社会$/, 'mark:全社会'],
  [/^特定(群众|群体|对象)$/, 'mark:特定群体'],
  [/^主动(公开)?$/, 'mark:主动'],
  [/^依申请(公开)?$/, 'mark:依申请'],
  [/^(所属|相应|对应)?领域$/, '所属领域'],
  [/^公开环节$/, '公开环节'],
  [/^(标准)?指引事项编码$/, '标准指引事项编码'],
];
const GROUPS = new Set(['公开事项', '公开对象', '公开方式', '公开层级']);

function roleOf(heading: string): Role | null {
  const text = squeeze(heading);
  if (!text) return null;
  const own = /^(岗位|职权|流程|事项编号)$/.exec(text);
  if (own) return own[1] as Role;
  const found = HEADINGS.find(([pattern]) => pattern.test(text));
  if (found) return found[1];
  const level = levelNamed(text);
  return level && /级/.test(text) ? (`mark:${level}` as Role) : null;
}

export interface Column {
  /** 1-based column number in the source. */
  column: number;
  heading: string;
  role: Role;
}
export interface Layout {
  /** Index (in `rows`) of the first header row, and how many rows the header takes (1 or 2). */
  headerAt: number;
  headerRows: 1 | 2;
  columns: Column[];
  /** Published = the counties' layout (two-row header, marks, no 所属领域 needed); standard = our own export. */
  kind: 'standard' | 'published';
  missing: string[];
}

const KEY_ROLES: Role[] = ['level1', '公开事项', '公开内容（要素）', '公开依据'];

/** The header of a table: the first row naming at least three catalogue columns, one of them a key one; a second row when it divides groups. */
export function findLayout(table: SourceTable): Layout | null {
  const limit = Math.min(table.rows.length, 20);
  for (let at = 0; at < limit; at++) {
    const top = table.rows[at].cells;
    const roles = top.map(roleOf);
    if (new Set(roles.filter(Boolean)).size < 3 || !roles.some((r) => r && KEY_ROLES.includes(r))) continue;
    const below = table.rows[at + 1]?.cells ?? [];
    // A group heading over two columns (merged, or the right one left blank), with sub-headings below.
    const grouped = top.some((text, i) => {
      const group = squeeze(text);
      if (!GROUPS.has(group)) return false;
      const spans = squeeze(top[i + 1] ?? '') === group || squeeze(top[i + 1] ?? '') === '';
      return spans && roleOf(below[i] ?? '') !== null && roleOf(below[i + 1] ?? '') !== null;
    });
    const width = Math.max(top.length, below.length);
    const columns: Column[] = [];
    let group = '';
    for (let i = 0; i < width; i++) {
      const upper = (top[i] ?? '').trim();
      if (upper) group = upper;
      const lower = grouped ? (below[i] ?? '').trim() : '';
      const heading = lower && squeeze(lower) !== squeeze(upper || group) ? `${upper || group}/${lower}` : upper;
      const role = lower && squeeze(lower) !== squeeze(upper || group) ? roleOf(lower) : roleOf(upper);
      if (role && !columns.some((c) => c.role === role)) columns.push({ column: i + 1, heading, role });
    }
    const has = (...wanted: Role[]) => wanted.some((r) => columns.some((c) => c.role === r));
    const missing = [
      has('level1', '公开事项') ? null : '一级事项',
      has('公开内容（要素）') ? null : '公开内容（要素）',
      has('公开依据') ? null : '公开依据',
      has('公开时限') ? null : '公开时限',
      has('公开主体') ? null : '公开主体',
      has('公开渠道和载体') ? null : '公开渠道和载体',
      has('公开对象', 'mark:全社会', 'mark:特定群体') ? null : '公开对象',
      has('公开方式', 'mark:主动', 'mark:依申请') ? null : '公开方式',
    ].filter((m): m is string => m !== null);
    const kind = grouped || !has('所属领域') ? 'published' : 'standard';
    return { headerAt: at, headerRows: grouped ? 2 : 1, columns, kind, missing };
  }
  return null;
}

/** Where the domain of a table's rows comes from: the user's choice, a column, the sheet name, the title. */
export interface TableDomain {
  code: DomainCode | null;
  name: string | null;
  from: 'choice' | 'column' | 'sheet' | 'title' | null;
}

export function tableDomain(table: SourceTable, layout: Layout, choice?: DomainCode): TableDomain {
  const named = (code: DomainCode | null, from: TableDomain['from']): TableDomain => ({
    code,
    name: PILOT_DOMAINS.find((d) => d.code === code)?.name ?? null,
    from: code ? from : null,
  });
  if (layout.columns.some((c) => c.role === '所属领域')) return { code: null, name: null, from: 'column' };
  if (choice) return named(choice, 'choice');
  const fromSheet = table.kind === 'sheet' ? domainNamedIn(table.source) : null;
  if (fromSheet) return named(fromSheet, 'sheet');
  return named(table.title ? domainNamedIn(table.title) : null, 'title');
}

/** The eight elements (八要素) of a row as the preview shows them. */
export interface Elements {
  名称: string;
  内容: string;
  依据: string;
  时限: string;
  主体: string;
  方式: string;
  渠道: string;
  公开对象: string;
}

export interface RowPreview {
  source: string;
  rowNumber: number;
  ok: boolean;
  errors: string[];
  firstLevel: string;
  secondLevel: string;
  level: string;
  domainCode: DomainCode | null;
  elements: Elements;
  itemId: string | null;
  /** The item content the row records (valid rows only). */
  content: ItemContent | null;
}

export interface TablePreview {
  source: string;
  kind: SourceTable['kind'];
  title: string | null;
  layout: Layout['kind'];
  headerRows: 1 | 2;
  columns: { column: number; heading: string; role: string }[];
  domain: TableDomain;
  rows: RowPreview[];
  /** Rows left out: titles of sections and notes spanning the whole table. */
  skipped: { rowNumber: number; text: string }[];
}

const CARRIED: Role[] = ['level1', 'level2', 'level3', '公开事项'];

/** A 所属领域/相应领域 cell as counties write it (城乡规划 for 国土空间规划（城乡规划）): the pilot domain's name, or the text as written. */
const domainColumn = (text: string) => {
  const code = text ? domainNamedIn(text) : null;
  return PILOT_DOMAINS.find((d) => d.code === code)?.name ?? text;
};
const NOTE = /^(注|说明|备注|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)|目录/;

/**
 * Every data row of a table with its layout → the item it records, or its problems in Chinese (the
 * catalogue row rules of parseCatalogueRow, after the published cells are read: marks, checkbox
 * channels, 三级事项 joined into the name, the domain of the table, the unit's level when a row
 * marks both levels or the table has no level column).
 */
export function previewTable(read: SourceTable, layout: Layout, options: { unitLevel: UnitLevel; domain?: DomainCode }): TablePreview {
  const above = read.rows
    .slice(0, layout.headerAt)
    .map((r) => [...new Set(r.cells.map((c) => c.trim()).filter(Boolean))].join(' '))
    .filter(Boolean);
  const table = { ...read, title: read.title ?? (above.join(' ') || null) };
  const domain = tableDomain(table, layout, options.domain);
  const rows: RowPreview[] = [];
  const skipped: TablePreview['skipped'] = [];
  const carried = new Map<Role, string>();
  let section = '';
  const hasRole = (role: Role) => layout.columns.some((c) => c.role === role);
  const deepest = (['level4', 'level3', 'level2'] as Role[]).find(hasRole);
  const headerTexts = table.rows.slice(layout.headerAt, layout.headerAt + layout.headerRows).map((r) => r.cells.map(squeeze).join('|'));
  for (const source of table.rows.slice(layout.headerAt + layout.headerRows)) {
    const texts = source.cells.map((c) => c.trim());
    const filled = texts.filter(Boolean);
    if (filled.length === 0 || headerTexts.includes(source.cells.map(squeeze).join('|'))) continue;
    // A row merged across the table (a section title, a note), or a lone note: left out, a section naming a domain sets it.
    if ((filled.length > 1 && new Set(filled).size === 1) || (filled.length === 1 && NOTE.test(filled[0]))) {
      skipped.push({ rowNumber: source.rowNumber, text: filled[0] });
      const named = domainNamedIn(filled[0]);
      if (named && domain.from !== 'column' && domain.from !== 'choice') section = PILOT_DOMAINS.find((d) => d.code === named)?.name ?? '';
      continue;
    }
    const cell = (role: Role) => {
      const column = layout.columns.find((c) => c.role === role);
      return column ? (texts[column.column - 1] ?? '') : '';
    };
    // Group cells left blank under the first row of their group (not merged) are carried down.
    for (const role of CARRIED.filter((r) => r !== deepest && hasRole(r))) {
      if (cell(role)) carried.set(role, cell(role));
    }
    const value = (role: Role) => cell(role) || (role !== deepest ? (carried.get(role) ?? '') : '');
    rows.push(
      previewRow(table, source, {
        value,
        cell,
        hasRole,
        domainName: domainColumn(cell('所属领域')) || section || (domain.name ?? ''),
        unitLevel: options.unitLevel,
        published: layout.kind === 'published',
      }),
    );
  }
  return {
    source: table.source,
    kind: table.kind,
    title: table.title,
    layout: layout.kind,
    headerRows: layout.headerRows,
    columns: layout.columns.map(({ column, heading, role }) => ({ column, heading, role })),
    domain,
    rows,
    skipped,
  };
}

function previewRow(
  table: SourceTable,
  source: SourceRow,
  read: {
    value: (role: Role) => string;
    cell: (role: Role) => string;
    hasRole: (role: Role) => boolean;
    domainName: string;
    unitLevel: UnitLevel;
    published: boolean;
  },
): RowPreview {
  const { value, cell, hasRole } = read;
  const errors: string[] = [...source.problems];
  const levels = (['level2', 'level3', 'level4'] as Role[]).map(value).filter(Boolean);
  const firstLevel = value('level1') || value('公开事项');
  const secondLevel = [...new Set(levels)].join('—') || (hasRole('level1') ? '' : value('公开事项'));

  const doubled: string[] = [];
  const pick = (a: Role, b: Role, aText: string, bText: string, what: string, bothLabel: string, withDetail = false): string => {
    const first = readMark(cell(a));
    const second = readMark(cell(b));
    if (first.marked && second.marked) {
      errors.push(`${what}同时勾选了“${bothLabel}”，只能选一项`);
      doubled.push(`缺少${what}`);
      return '';
    }
    const chosen = first.marked ? { text: aText, detail: first.detail } : second.marked ? { text: bText, detail: second.detail } : null;
    if (!chosen) return '';
    return withDetail && chosen.detail ? `${chosen.text}（${chosen.detail}）` : chosen.text;
  };
  const audience = hasRole('公开对象')
    ? cell('公开对象').replace(/^特定群众/, '特定群体')
    : pick('mark:全社会', 'mark:特定群体', '全社会', '特定群体', '公开对象', '全社会”和“特定群众', true);
  const method = hasRole('公开方式') ? cell('公开方式') : pick('mark:主动', 'mark:依申请', '主动', '依申请', '公开方式', '主动”和“依申请');

  let level: string = read.unitLevel;
  if (hasRole('公开层级')) level = levelNamed(cell('公开层级')) ?? cell('公开层级');
  else if (hasRole('mark:县级') || hasRole('mark:乡级')) {
    const county = readMark(cell('mark:县级')).marked;
    const town = readMark(cell('mark:乡级')).marked;
    // Both marked: the item is kept at both levels; this unit keeps it at its own.
    if (county !== town) level = county ? '县级' : '乡级';
    else if (!county) errors.push('公开层级未勾选（县级或乡级）');
  }

  const channelCell = cell('公开渠道和载体');
  // Our own layout keeps its strict list (其他 written as 其他（…）); a published table's words are mapped.
  const checklist = read.published ? parsePublishedChannels(channelCell) : parseChannelChecklist(channelCell);
  if (checklist && checklist.length === 0 && channelCell) errors.push('公开渠道和载体未勾选任何渠道');

  const { domainName } = read;
  const row: CatalogueRow = {
    一级事项: firstLevel,
    二级事项: secondLevel,
    '公开内容（要素）': cell('公开内容（要素）'),
    公开依据: cell('公开依据'),
    公开时限: cell('公开时限'),
    公开主体: cell('公开主体'),
    公开渠道和载体: channelCell,
    公开对象: audience,
    公开方式: method,
    公开层级: level,
    所属领域: domainName,
    公开环节: cell('公开环节'),
    标准指引事项编码: cell('标准指引事项编码'),
    岗位: cell('岗位'),
    职权: cell('职权'),
    流程: cell('流程'),
    事项编号: cell('事项编号'),
  };
  const parsed = parseCatalogueRow(row, checklist ?? undefined);
  if (!domainName)
    errors.push(
      `无法确定所属领域：表格没有“所属领域”列，${table.kind === 'sheet' ? '工作表名称和' : ''}标题中也没有试点领域名称，请选择领域`,
    );
  // A missing domain, or an element marked twice, was already said in the words of the table.
  if (!parsed.ok)
    errors.push(...parsed.errors.filter((e) => !(domainName === '' && e === '缺少所属领域') && !doubled.some((d) => e.startsWith(d))));
  const content = parsed.ok && errors.length === 0 ? parsed.content : null;
  return {
    source: table.source,
    rowNumber: source.rowNumber,
    ok: content !== null,
    errors,
    firstLevel,
    secondLevel,
    level,
    domainCode: content?.domainCode ?? PILOT_DOMAINS.find((d) => d.name === domainName)?.code ?? null,
    elements: content
      ? elementsOf(content)
      : (Object.fromEntries(ELEMENT_CELLS.map(([name, column]) => [name, row[column] ?? ''])) as unknown as Elements),
    itemId: parsed.ok ? parsed.itemId : null,
    content,
  };
}

const ELEMENT_CELLS: [keyof Elements, CatalogueColumn][] = [
  ['名称', '二级事项'],
  ['内容', '公开内容（要素）'],
  ['依据', '公开依据'],
  ['时限', '公开时限'],
  ['主体', '公开主体'],
  ['方式', '公开方式'],
  ['渠道', '公开渠道和载体'],
  ['公开对象', '公开对象'],
];

/** The eight elements of an item as text, as the preview and the export show them. */
export function elementsOf(content: ItemContent): Elements {
  return {
    名称: content.secondLevel ?? '',
    内容: content.content ?? '',
    依据: formatLegalBases(content.legalBases),
    时限: content.timeLimit?.text ?? '',
    主体: content.subject ?? '',
    方式: content.method ?? '',
    渠道: formatChannels(content.channels),
    公开对象: content.audience ? audienceLabel(content.audience) : '',
  };
}

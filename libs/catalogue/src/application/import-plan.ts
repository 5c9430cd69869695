import type { DomainCode, GuidelineItem, ItemContent, UnitLevel } from '@gongkai/contracts';
import { DomainError } from '@gongkai/platform/domain';
import { GUIDELINE_COLUMNS, parseGuidelineRow } from '../domain/guideline-row';
import { findLayout, previewTable, type Layout, type RowPreview, type SourceTable, type TablePreview } from '../domain/published-table';
import { sameValue } from '../domain/same-value';
import type { ImportLimits } from './import-limits';
import { readOfficeTables } from './office-files';
import { readWorkbook } from './spreadsheet';

/**
 * What an uploaded catalogue file means, computed where the file is parsed (the import worker,
 * import-worker.ts): pure, no I/O, so that no step of a large file runs on the event loop.
 */
export interface RowProblem {
  row: number;
  messages: string[];
  /** The sheet or Word table, when the file has more than one. */
  source?: string;
}

/** What confirming the import would do with a row. */
export type RowAction = 'create' | 'update' | 'revise' | 'unchanged';

/** How every source row of an uploaded file maps to an item of the unit's catalogue; nothing recorded. */
export interface ImportPreview {
  format: 'xlsx' | 'docx';
  tables: Omit<TablePreview, 'rows'>[];
  rows: (RowPreview & { action: RowAction | null })[];
  /** Sheets or Word tables left out (an explanation sheet, a table of another kind), with why. */
  ignored: { source: string; reason: string }[];
  summary: { rows: number; valid: number; invalid: number } & Record<RowAction, number>;
}

/** An item of the unit as the plan needs it (from the items read model). */
export interface ExistingItem {
  itemId: string;
  status: 'draft' | 'published' | 'withdrawn';
  content: ItemContent;
}

/** A row an import records: every row valid, or the whole file refused. */
export interface PlannedRow {
  itemId: string | null;
  content: ItemContent;
  action: RowAction;
}

export interface PlanInput {
  file: Buffer;
  limits: Pick<ImportLimits, 'unpackedBytes' | 'rows'>;
  unitLevel: UnitLevel;
  domain?: DomainCode;
  existing: ExistingItem[];
}

/** Every table of a file that has a catalogue header, previewed; a file without one is refused, naming the missing columns. */
export function previewTables(
  tables: SourceTable[],
  options: { unitLevel: UnitLevel; domain?: DomainCode },
): { tables: Omit<TablePreview, 'rows'>[]; rows: RowPreview[]; ignored: ImportPreview['ignored'] } {
  const found = tables.map((table) => ({ table, layout: findLayout(table) }));
  const usable = found.filter((f): f is { table: SourceTable; layout: Layout } => f.layout !== null && f.layout.missing.length === 0);
  if (usable.length === 0) {
    const partial = found.find((f) => f.layout)?.layout;
    throw DomainError.validation(
      'SPREADSHEET_COLUMNS_MISSING',
      partial
        ? `电子表格缺少以下列：${partial.missing.join('、')}。`
        : '文件中没有找到公开事项目录的表头（应有“一级事项”或“公开事项”、“公开内容（要素）”、“公开依据”等列）。',
    );
  }
  const previews = usable.map(({ table, layout }) => previewTable(table, layout, options));
  const ignored = found
    .filter((f) => !usable.includes(f as (typeof usable)[number]))
    .map(({ table, layout }) => ({
      source: table.source,
      reason: layout ? `缺少以下列：${layout.missing.join('、')}` : '没有公开事项目录的表头',
    }));
  return { tables: previews.map(({ rows: _rows, ...table }) => table), rows: previews.flatMap((p) => p.rows), ignored };
}

/** The preview of an uploaded file against the unit's existing items: each row's action, or its problems. */
export async function planPreview(input: PlanInput): Promise<ImportPreview> {
  // The source tables are let go once previewed (a large file's rows are held once, not twice).
  const { format, read } = await readOfficeTables(input.file, input.limits).then(({ format, tables }) => ({
    format,
    read: previewTables(tables, { unitLevel: input.unitLevel, domain: input.domain }),
  }));
  const existing = new Map(input.existing.map((item) => [item.itemId, item]));
  const seen = new Set<string>();
  const rows = read.rows.map((row) => {
    if (row.itemId) {
      const item = existing.get(row.itemId);
      if (!item) row.errors.push(`事项编号“${row.itemId}”不是本单位的事项`);
      else if (item.status === 'withdrawn') row.errors.push(`事项编号“${row.itemId}”对应的事项已撤销`);
      if (seen.has(row.itemId)) row.errors.push(`事项编号“${row.itemId}”重复`);
      seen.add(row.itemId);
    }
    const ok = row.errors.length === 0 && row.content !== null;
    const item = row.itemId ? existing.get(row.itemId) : undefined;
    const action: RowAction | null = !ok
      ? null
      : !item
        ? 'create'
        : sameValue(item.content, row.content)
          ? 'unchanged'
          : item.status === 'draft'
            ? 'update'
            : 'revise';
    return { ...row, ok, content: ok ? row.content : null, action };
  });
  const count = (action: RowAction) => rows.filter((r) => r.action === action).length;
  return {
    format,
    tables: read.tables,
    rows,
    ignored: read.ignored,
    summary: {
      rows: rows.length,
      valid: rows.filter((r) => r.ok).length,
      invalid: rows.filter((r) => !r.ok).length,
      create: count('create'),
      update: count('update'),
      revise: count('revise'),
      unchanged: count('unchanged'),
    },
  };
}

/** The rows an import records, or the refusal naming every bad row (so only the small answer leaves the worker). */
export async function planImport(input: PlanInput): Promise<PlannedRow[]> {
  const preview = await planPreview(input);
  if (preview.rows.length === 0) throw DomainError.validation('SPREADSHEET_EMPTY', '电子表格中没有事项。');
  const several = preview.tables.length > 1;
  const problems: RowProblem[] = preview.rows
    .filter((r) => !r.ok)
    .map((r) => ({ row: r.rowNumber, messages: r.errors, ...(several ? { source: r.source } : {}) }));
  if (problems.length > 0) throw invalidRows(problems);
  return preview.rows.flatMap(({ itemId, content, action }) => (content && action ? [{ itemId, content, action }] : []));
}

/** The guideline items of a spreadsheet (所属领域, 指引事项编码, 公开层级, 一级事项, 二级事项); all rows valid or nothing. */
export async function readGuidelineWorkbook(file: Buffer, limits: Pick<ImportLimits, 'unpackedBytes' | 'rows'>): Promise<GuidelineItem[]> {
  const rows = await readWorkbook(file, GUIDELINE_COLUMNS, GUIDELINE_COLUMNS, limits);
  if (rows.length === 0) throw DomainError.validation('SPREADSHEET_EMPTY', '电子表格中没有事项。');
  const problems: RowProblem[] = [];
  const items: GuidelineItem[] = [];
  for (const { rowNumber, row } of rows) {
    const parsed = parseGuidelineRow(row);
    if (parsed.ok) items.push(parsed.item);
    else problems.push({ row: rowNumber, messages: parsed.errors });
  }
  if (problems.length > 0) throw invalidRows(problems);
  return items;
}

/** At most this many bad rows are spelled out in the message; all of them are in the field errors. */
const ROWS_IN_MESSAGE = 50;

function invalidRows(problems: RowProblem[]): DomainError {
  const where = (p: RowProblem) => `${p.source ? `${p.source} ` : ''}第 ${p.row} 行`;
  const listed = problems
    .slice(0, ROWS_IN_MESSAGE)
    .map((p) => `${where(p)}：${p.messages.join('；')}`)
    .join('。');
  const more = problems.length > ROWS_IN_MESSAGE ? `。另有 ${problems.length - ROWS_IN_MESSAGE} 行有问题，见逐行说明` : '';
  return new DomainError(
    'validation',
    'SPREADSHEET_INVALID',
    `电子表格有 ${problems.length} 行存在问题，未导入任何内容：${listed}${more}`,
    problems.map((p) => ({ field: `row.${p.source ? `${p.source}.` : ''}${p.row}`, code: 'invalid_row', message: p.messages.join('；') })),
    { rows: problems },
  );
}

import { v7 as uuidv7 } from 'uuid';
import { CommandHandler, DomainError, type CommandContext } from '@gongkai/platform';
import type { DomainCode, UnitLevel } from '@gongkai/contracts';
import { toCatalogueRow } from '../domain/catalogue-row';
import { findLayout, previewTable, type Layout, type RowPreview, type SourceTable, type TablePreview } from '../domain/published-table';
import { DEFAULT_MAX_UNPACKED_BYTES, readOfficeTables } from './office-files';
import { itemStreamId } from '../domain/item';
import { itemDecider, type ItemCommand } from '../domain/item.decide';
import { sameValue } from '../domain/same-value';
import type { CatalogueItemsProjection } from '../read-models/items.projection';
import { GUIDELINE_COLUMNS, parseGuidelineRow } from '../domain/guideline-row';
import type { GuidelineItem } from '@gongkai/contracts';
import { registeredUnit } from './items';
import { readWorkbook, writeCatalogueWorkbook, writePublishedWorkbook } from './spreadsheet';
import { publishedSheets } from '../domain/published-export';

export interface RowProblem {
  row: number;
  messages: string[];
  /** The sheet or Word table, when the file has more than one. */
  source?: string;
}
export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  revised: number;
  unchanged: number;
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

/**
 * Spreadsheet (and Word table) in and out of one unit's catalogue. The preview reads every row of
 * every table with a catalogue header — our own layout or the counties' published ones (two-row
 * headers, √ marks, checkbox channels, 三级事项, the domain in the sheet name or title) — and says
 * how it maps to the eight elements, with each row's problems in place. Import records only a clean
 * file (all or nothing). A row with the id of an existing item of the unit updates it (a draft in
 * place; a published item as a new version), a row without one creates a draft; an unchanged row
 * writes nothing, so an exported file re-imports without change.
 */
export class CatalogueSpreadsheets {
  constructor(
    private readonly commands: CommandHandler,
    private readonly items: CatalogueItemsProjection,
    private readonly maxUnpacked = DEFAULT_MAX_UNPACKED_BYTES,
  ) {}

  /**
   * The unit's catalogue (withdrawn items left out) as a workbook: under the standard columns (with
   * the item ids, so that it re-imports onto the same items), or in the layout counties publish
   * (one sheet per domain, √ columns), for the unit's site.
   */
  async export(unitId: string, layout: 'standard' | 'published' = 'standard'): Promise<Buffer> {
    const unit = await registeredUnit(this.commands, unitId);
    const items = (await this.items.ofUnit(unitId)).filter((item) => item.status !== 'withdrawn');
    if (layout === 'published') {
      return writePublishedWorkbook(
        `${unit.name}政务公开事项标准目录`,
        publishedSheets(
          unit.name,
          items.map((item) => item.content),
        ),
      );
    }
    return writeCatalogueWorkbook(
      `${unit.name}政务公开事项标准目录`,
      items.map((item, i) => toCatalogueRow(i + 1, item.itemId, item.content)),
    );
  }

  /** `upload` is read once the unit is known to be registered; `domain` is the user's choice for tables that do not name theirs. */
  async preview(unitId: string, upload: () => Promise<Buffer>, domain?: DomainCode): Promise<ImportPreview> {
    const unit = await registeredUnit(this.commands, unitId);
    const { format, tables } = await readOfficeTables(await upload(), this.maxUnpacked);
    const read = previewTables(tables, { unitLevel: unit.level, domain });
    const existing = new Map((await this.items.ofUnit(unitId)).map((item) => [item.itemId, item]));
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

  /** The preview, recorded: every row valid or nothing written. */
  async import(
    unitId: string,
    upload: () => Promise<Buffer>,
    context: CommandContext,
    options: { domain?: DomainCode; reason?: string } = {},
  ): Promise<ImportReport> {
    const preview = await this.preview(unitId, upload, options.domain);
    if (preview.rows.length === 0) throw DomainError.validation('SPREADSHEET_EMPTY', '电子表格中没有事项。');
    const several = preview.tables.length > 1;
    const problems: RowProblem[] = preview.rows
      .filter((r) => !r.ok)
      .map((r) => ({ row: r.rowNumber, messages: r.errors, ...(several ? { source: r.source } : {}) }));
    if (problems.length > 0) throw invalidRows(problems);
    const report: ImportReport = { rows: preview.rows.length, created: 0, updated: 0, revised: 0, unchanged: 0 };
    const counted = { create: 'created', update: 'updated', revise: 'revised', unchanged: 'unchanged' } as const;
    for (const { itemId, content, action } of preview.rows) {
      if (!content || !action) continue;
      report[counted[action]] += 1;
      if (action === 'unchanged') continue;
      const id = itemId ?? uuidv7();
      const command: ItemCommand =
        action === 'create'
          ? { type: 'DraftItem', itemId: id, unitId, content }
          : action === 'update'
            ? { type: 'UpdateDraft', unitId, content }
            : { type: 'ReviseItem', unitId, content, reason: options.reason ?? '按电子表格导入修订', at: context.now };
      await this.commands.handle(itemDecider, itemStreamId(id), command, context);
    }
    return report;
  }
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

export { toCatalogueRow };

function invalidRows(problems: RowProblem[]): DomainError {
  const where = (p: RowProblem) => `${p.source ? `${p.source} ` : ''}第 ${p.row} 行`;
  return new DomainError(
    'validation',
    'SPREADSHEET_INVALID',
    `电子表格有 ${problems.length} 行存在问题，未导入任何内容：${problems.map((p) => `${where(p)}：${p.messages.join('；')}`).join('。')}`,
    problems.map((p) => ({ field: `row.${p.source ? `${p.source}.` : ''}${p.row}`, code: 'invalid_row', message: p.messages.join('；') })),
    { rows: problems },
  );
}

/** The guideline items of a spreadsheet (所属领域, 指引事项编码, 公开层级, 一级事项, 二级事项); all rows valid or nothing. */
export async function readGuidelineWorkbook(file: Buffer): Promise<GuidelineItem[]> {
  const rows = await readWorkbook(file, GUIDELINE_COLUMNS, GUIDELINE_COLUMNS);
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

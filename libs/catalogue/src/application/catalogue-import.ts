import { v7 as uuidv7 } from 'uuid';
import type { ItemContent } from '@gongkai/contracts';
import { CommandHandler, DomainError, type CommandContext } from '@gongkai/platform';
import { parseCatalogueRow, toCatalogueRow } from '../domain/catalogue-row';
import { itemStreamId } from '../domain/item';
import { itemDecider } from '../domain/item.decide';
import { sameValue } from '../domain/same-value';
import type { CatalogueItemsProjection } from '../read-models/items.projection';
import { GUIDELINE_COLUMNS, parseGuidelineRow } from '../domain/guideline-row';
import type { GuidelineItem } from '@gongkai/contracts';
import { registeredUnit } from './items';
import { readCatalogueWorkbook, readWorkbook, writeCatalogueWorkbook } from './spreadsheet';

export interface RowProblem {
  row: number;
  messages: string[];
}
export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  revised: number;
  unchanged: number;
}

/**
 * Spreadsheet in and out of one unit's catalogue. Import checks every row first and reports all
 * invalid ones (row number + Chinese messages); only a clean file writes anything. A row with the
 * id of an existing item of the unit updates it (a draft in place; a published item as a new
 * version), a row without one creates a draft; an unchanged row writes nothing, so an exported file
 * re-imports without change.
 */
export class CatalogueSpreadsheets {
  constructor(
    private readonly commands: CommandHandler,
    private readonly items: CatalogueItemsProjection,
  ) {}

  /** The unit's catalogue (withdrawn items left out) as a workbook under the standard columns. */
  async export(unitId: string): Promise<Buffer> {
    const unit = await registeredUnit(this.commands, unitId);
    const items = (await this.items.ofUnit(unitId)).filter((item) => item.status !== 'withdrawn');
    return writeCatalogueWorkbook(
      `${unit.name}政务公开事项标准目录`,
      items.map((item, i) => toCatalogueRow(i + 1, item.itemId, item.content)),
    );
  }

  /** `upload` is read once the unit is known to be registered. */
  async import(
    unitId: string,
    upload: () => Promise<Buffer>,
    context: CommandContext,
    reason = '按电子表格导入修订',
  ): Promise<ImportReport> {
    await registeredUnit(this.commands, unitId);
    const rows = await readCatalogueWorkbook(await upload());
    if (rows.length === 0) throw DomainError.validation('SPREADSHEET_EMPTY', '电子表格中没有事项。');
    const existing = new Map((await this.items.ofUnit(unitId)).map((item) => [item.itemId, item]));
    const problems: RowProblem[] = [];
    const plan: { itemId: string | null; content: ItemContent }[] = [];
    const seen = new Set<string>();
    for (const { rowNumber, row } of rows) {
      const parsed = parseCatalogueRow(row);
      const messages = parsed.ok ? [] : [...parsed.errors];
      if (parsed.ok && parsed.itemId) {
        const item = existing.get(parsed.itemId);
        if (!item) messages.push(`事项编号“${parsed.itemId}”不是本单位的事项`);
        else if (item.status === 'withdrawn') messages.push(`事项编号“${parsed.itemId}”对应的事项已撤销`);
        if (seen.has(parsed.itemId)) messages.push(`事项编号“${parsed.itemId}”重复`);
        seen.add(parsed.itemId);
      }
      if (messages.length > 0) problems.push({ row: rowNumber, messages });
      else if (parsed.ok) plan.push({ itemId: parsed.itemId, content: parsed.content });
    }
    if (problems.length > 0) throw invalidRows(problems);
    const report: ImportReport = { rows: plan.length, created: 0, updated: 0, revised: 0, unchanged: 0 };
    for (const { itemId, content } of plan) {
      const item = itemId ? existing.get(itemId) : undefined;
      if (!item) {
        const id = uuidv7();
        await this.commands.handle(itemDecider, itemStreamId(id), { type: 'DraftItem', itemId: id, unitId, content }, context);
        report.created += 1;
      } else if (sameValue(item.content, content)) {
        report.unchanged += 1;
      } else if (item.status === 'draft') {
        await this.commands.handle(itemDecider, itemStreamId(item.itemId), { type: 'UpdateDraft', unitId, content }, context);
        report.updated += 1;
      } else {
        await this.commands.handle(
          itemDecider,
          itemStreamId(item.itemId),
          { type: 'ReviseItem', unitId, content, reason, at: context.now },
          context,
        );
        report.revised += 1;
      }
    }
    return report;
  }
}

export { toCatalogueRow };

function invalidRows(problems: RowProblem[]): DomainError {
  return new DomainError(
    'validation',
    'SPREADSHEET_INVALID',
    `电子表格有 ${problems.length} 行存在问题，未导入任何内容：${problems.map((p) => `第 ${p.row} 行：${p.messages.join('；')}`).join('。')}`,
    problems.map((p) => ({ field: `row.${p.row}`, code: 'invalid_row', message: p.messages.join('；') })),
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

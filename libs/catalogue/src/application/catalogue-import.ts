import { selectItems, type ItemRegisterFilter } from './item-register';
import { v7 as uuidv7 } from 'uuid';
import type { CommandHandler, CommandContext } from '@gongkai/platform';
import type { DomainCode, GuidelineItem } from '@gongkai/contracts';
import { toCatalogueRow } from '../domain/catalogue-row';
import { itemStreamId } from '../domain/item';
import { itemDecider, type ItemCommand } from '../domain/item.decide';
import { publishedSheets } from '../domain/published-export';
import type { CatalogueItemsProjection } from '../read-models/items.projection';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './import-limits';
import type { ImportPreview } from './import-plan';
import { guidelinesInWorker, planImportInWorker, previewInWorker } from './import-runner';
import { registeredUnit } from './items';
import { writeCatalogueWorkbook, writePublishedWorkbook } from './spreadsheet';

export type { ImportPreview, RowAction, RowProblem } from './import-plan';

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  revised: number;
  unchanged: number;
}

/**
 * Spreadsheet (and Word table) in and out of one unit's catalogue. The preview reads every row of
 * every table with a catalogue header — our own layout or the counties' published ones (two-row
 * headers, √ marks, checkbox channels, 三级事项, the domain in the sheet name or title) — and says
 * how it maps to the eight elements, with each row's problems in place; the file is read and
 * planned in the import worker (import-runner.ts), within the import limits, never on the event
 * loop. Import records only a clean
 * file (all or nothing). A row with the id of an existing item of the unit updates it (a draft in
 * place; a published item as a new version), a row without one creates a draft; an unchanged row
 * writes nothing, so an exported file re-imports without change.
 */
export class CatalogueSpreadsheets {
  constructor(
    private readonly commands: CommandHandler,
    private readonly items: CatalogueItemsProjection,
    private readonly limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  ) {}

  /**
   * The unit's catalogue (withdrawn items left out) as a workbook: under the standard columns (with
   * the item ids, so that it re-imports onto the same items), or in the layout counties publish
   * (one sheet per domain, √ columns), for the unit's site.
   */
  /** The unit's items the filters select (withdrawn ones only when the status filter asks for them), as .xlsx. */
  async export(
    unitId: string,
    layout: 'standard' | 'published' = 'standard',
    filter: ItemRegisterFilter = { sort: 'catalogue' },
  ): Promise<Buffer> {
    const unit = await registeredUnit(this.commands, unitId);
    const status = filter.status?.length ? filter.status : (['draft', 'published'] as const).slice();
    const items = selectItems(await this.items.ofUnit(unitId), { ...filter, status });
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
  async preview(unitId: string, upload: (maxBytes: number) => Promise<Buffer>, domain?: DomainCode): Promise<ImportPreview> {
    const { file, plan } = await this.planInput(unitId, upload, domain);
    return previewInWorker(file, this.limits, plan);
  }

  /** The preview, recorded: every row valid or nothing written (the refusal names every bad row). */
  async import(
    unitId: string,
    upload: (maxBytes: number) => Promise<Buffer>,
    context: CommandContext,
    options: { domain?: DomainCode; reason?: string } = {},
  ): Promise<ImportReport> {
    const { file, plan } = await this.planInput(unitId, upload, options.domain);
    const rows = await planImportInWorker(file, this.limits, plan);
    const report: ImportReport = { rows: rows.length, created: 0, updated: 0, revised: 0, unchanged: 0 };
    const counted = { create: 'created', update: 'updated', revise: 'revised', unchanged: 'unchanged' } as const;
    for (const { itemId, content, action } of rows) {
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

  /** The guideline items of an uploaded spreadsheet, read in the import worker under the same limits. */
  async guidelineItems(upload: (maxBytes: number) => Promise<Buffer>): Promise<GuidelineItem[]> {
    return guidelinesInWorker(await upload(this.limits.uploadBytes), this.limits);
  }

  private async planInput(unitId: string, upload: (maxBytes: number) => Promise<Buffer>, domain?: DomainCode) {
    const unit = await registeredUnit(this.commands, unitId);
    const file = await upload(this.limits.uploadBytes);
    const existing = (await this.items.ofUnit(unitId)).map(({ itemId, status, content }) => ({ itemId, status, content }));
    return { file, plan: { unitLevel: unit.level, domain, existing } };
  }
}

export { toCatalogueRow };

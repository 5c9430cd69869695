import { selectItems, type ItemRegisterFilter } from './item-register';
import { v7 as uuidv7 } from 'uuid';
import type { BlobRef, BlobStore, CommandHandler, CommandContext } from '@gongkai/platform';
import type { CatalogueImported, DomainCode, GuidelineItem } from '@gongkai/contracts';
import { DomainError } from '@gongkai/platform/domain';
import { toCatalogueRow } from '../domain/catalogue-row';
import { itemStreamId } from '../domain/item';
import { itemDecider, type ItemCommand } from '../domain/item.decide';
import { importRecordStreamId } from '../domain/import-record';
import { importRecordDecider } from '../domain/import-record.decide';
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
  /** The import's record (its original file is downloadable from it); null when the file changed nothing (nothing recorded, no file kept). */
  importId: string | null;
  /** The original file as kept in the blob store; null when nothing was recorded. */
  file: BlobRef | null;
}

/** What the uploader said of the file: its type (checked against the bytes) and its name. */
export interface UploadedAs {
  declaredMediaType: string;
  originalName: string;
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
    private readonly blobs: BlobStore,
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

  /**
   * The preview, recorded: every row valid or nothing written (the refusal names every bad row).
   * The original file is kept in the blob store (once the rows are known good) and the import is
   * recorded with its reference on the unit's imports stream, after the items it touched. A file
   * that changes nothing (every row as the catalogue has it) records nothing and keeps no file.
   */
  async import(
    unitId: string,
    upload: (maxBytes: number) => Promise<Buffer>,
    context: CommandContext,
    options: { file: UploadedAs; domain?: DomainCode; reason?: string },
  ): Promise<ImportReport> {
    const { file, plan } = await this.planInput(unitId, upload, options.domain);
    const rows = await planImportInWorker(file, this.limits, plan);
    const counts = { rows: rows.length, created: 0, updated: 0, revised: 0, unchanged: 0 };
    const counted = { create: 'created', update: 'updated', revise: 'revised', unchanged: 'unchanged' } as const;
    for (const { action } of rows) counts[counted[action]] += 1;
    if (counts.unchanged === rows.length) return { ...counts, importId: null, file: null };
    const stored = await this.blobs.put(file, options.file);
    const itemIds: string[] = [];
    for (const { itemId, content, action } of rows) {
      if (action === 'unchanged') continue;
      const id = itemId ?? uuidv7();
      const command: ItemCommand =
        action === 'create'
          ? { type: 'DraftItem', itemId: id, unitId, content }
          : action === 'update'
            ? { type: 'UpdateDraft', unitId, content }
            : { type: 'ReviseItem', unitId, content, reason: options.reason ?? '按电子表格导入修订', at: context.now };
      await this.commands.handle(itemDecider, itemStreamId(id), command, context);
      itemIds.push(id);
    }
    const record: CatalogueImported = {
      importId: uuidv7(),
      unitId,
      file: stored,
      ...(options.domain ? { domainCode: options.domain } : {}),
      ...counts,
      itemIds,
      importedAt: context.now,
    };
    await this.commands.handle(
      importRecordDecider,
      importRecordStreamId(unitId),
      { type: 'RecordImport', by: context.actor, record },
      context,
    );
    return { ...counts, importId: record.importId, file: stored };
  }

  /** The unit's imports, newest first, each with its original file's reference. */
  async imports(unitId: string): Promise<CatalogueImported[]> {
    await registeredUnit(this.commands, unitId);
    const { state } = await this.commands.load(importRecordDecider, importRecordStreamId(unitId));
    return [...state.imports].reverse();
  }

  /** One import's original file (its reference: the controller streams the bytes from the blob store). */
  async importedFile(unitId: string, importId: string): Promise<CatalogueImported['file']> {
    const found = (await this.imports(unitId)).find((i) => i.importId === importId);
    if (!found) throw DomainError.notFound('IMPORT_NOT_FOUND', `导入记录 ${importId} 不存在。`);
    return found.file;
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

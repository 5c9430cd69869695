import type { Actor, CatalogueImported } from '@gongkai/contracts';
import { DomainError, unitActionError, type Decider } from '@gongkai/platform/domain';
import { evolveImportRecord, initialImportRecordState, type ImportRecordEvent, type ImportRecordState } from './import-record';

/** Records an import once its rows are in the catalogue: the original file's reference and the counts. */
export type ImportRecordCommand = { type: 'RecordImport'; by: Actor; record: CatalogueImported };

/** One record per import (its id), by the unit's own staff or the district; a file with no row is no import. */
export function decideImportRecord(command: ImportRecordCommand, state: ImportRecordState): ImportRecordEvent[] | DomainError {
  const data = command.record;
  const refused = unitActionError(command.by, data.unitId);
  if (refused) return refused;
  if (state.imports.some((i) => i.importId === data.importId)) {
    return DomainError.conflict('IMPORT_ALREADY_RECORDED', `导入记录 ${data.importId} 已存在。`);
  }
  const touched = data.created + data.updated + data.revised;
  if (touched + data.unchanged !== data.rows || data.itemIds.length !== touched) {
    return DomainError.validation('IMPORT_COUNTS_INCONSISTENT', '导入记录的行数与新增、修改、修订、未变化的条数不一致。');
  }
  return [{ type: 'catalogue.CatalogueImported', data }];
}

export const importRecordDecider: Decider<ImportRecordCommand, ImportRecordEvent, ImportRecordState> = {
  initialState: initialImportRecordState,
  evolve: evolveImportRecord,
  decide: decideImportRecord,
};

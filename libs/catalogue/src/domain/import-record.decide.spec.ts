import type { CatalogueImported } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { importRecordDecider } from './import-record.decide';

const UNIT = 'TEZ-ZSZ';
const clerk = { userId: 'clerk-1', unitId: UNIT, role: 'clerk' as const };
const record: CatalogueImported = {
  importId: 'import-1',
  unitId: UNIT,
  file: {
    sha256: 'a'.repeat(64),
    size: 4096,
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    originalName: '社会救助领域基层政务公开标准目录.xlsx',
  },
  rows: 3,
  created: 2,
  updated: 0,
  revised: 0,
  unchanged: 1,
  itemIds: ['item-1', 'item-2'],
  importedAt: '2026-12-07T02:00:00.000Z',
};
const imported = (data: CatalogueImported = record) => ({ type: 'catalogue.CatalogueImported' as const, data });
const spec = deciderSpec(importRecordDecider);

describe('import record (the original file kept with the import)', () => {
  it('records the import with its file and counts', () => {
    spec.given().when({ type: 'RecordImport', by: clerk, record }).then([imported()]);
  });
  it('a second import of the unit is a second record; the same import id is refused', () => {
    const second = { ...record, importId: 'import-2' };
    spec
      .given(imported())
      .when({ type: 'RecordImport', by: clerk, record: second })
      .then([imported(second)]);
    spec.given(imported()).when({ type: 'RecordImport', by: clerk, record }).thenError('IMPORT_ALREADY_RECORDED');
  });
  it('refuses counts that do not add up to the rows or the items touched', () => {
    spec
      .given()
      .when({ type: 'RecordImport', by: clerk, record: { ...record, unchanged: 0 } })
      .thenError('IMPORT_COUNTS_INCONSISTENT');
    spec
      .given()
      .when({ type: 'RecordImport', by: clerk, record: { ...record, itemIds: ['item-1'] } })
      .thenError('IMPORT_COUNTS_INCONSISTENT');
  });
  it('another unit’s staff cannot record an import for the unit', () => {
    spec
      .given()
      .when({ type: 'RecordImport', by: { userId: 'x', unitId: 'TEZ-EDU', role: 'clerk' }, record })
      .thenError('OTHER_UNIT');
  });
});

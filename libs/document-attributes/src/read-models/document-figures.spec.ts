import { computeFigures } from './documents.projection';
import type { DocumentView } from './document-view';

const view = (overrides: Partial<DocumentView>): DocumentView =>
  ({
    documentType: '行政规范性文件',
    unitId: 'TEZ-EDU',
    issuedOn: '2025-03-03',
    validity: '现行有效',
    invalidatedOn: null,
    ...overrides,
  }) as DocumentView;

describe('annual report Table 2 figures', () => {
  const views = [
    view({ issuedOn: '2024-12-31' }),
    view({ issuedOn: '2025-01-01' }),
    view({ issuedOn: '2025-06-01', validity: '废止', invalidatedOn: '2025-12-31' }),
    view({ issuedOn: '2023-06-01', validity: '失效', invalidatedOn: '2026-01-01' }),
    view({ issuedOn: '2025-06-01', documentType: '其他' }),
    view({ issuedOn: '2025-06-01', unitId: 'TEZ-ZSZ' }),
    view({ issuedOn: '2026-01-05' }),
  ];

  it('counts issued, repealed, expired and in force at the year end, per unit', () => {
    expect(computeFigures(views, 2025, 'TEZ-EDU').rows).toEqual([
      { documentType: '规章', issued: 0, repealed: 0, expired: 0, inForce: 0 },
      // issued in 2025: 01-01 and 06-01; in force on 12-31: 2024-12-31, 2025-01-01, the 2023 one (expired in 2026)
      { documentType: '行政规范性文件', issued: 2, repealed: 1, expired: 0, inForce: 3 },
    ]);
    expect(computeFigures(views, 2026, 'TEZ-EDU').rows[1]).toEqual({
      documentType: '行政规范性文件',
      issued: 1,
      repealed: 0,
      expired: 1,
      inForce: 3,
    });
    expect(computeFigures(views, 2025, null).rows[1]).toMatchObject({ issued: 3, inForce: 4 });
  });
});

import type { CatalogueImported } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/**
 * The imports of one unit's catalogue (stream `catalogue.imports-<unitId>`): each the original file
 * as uploaded (kept in the blob store, for the audit) and what the import did. The items it drafted,
 * updated or revised carry their own events on their own streams.
 */
export type ImportRecordEvent = DomainEvent<'catalogue.CatalogueImported', CatalogueImported>;

export interface ImportRecordState {
  /** The unit's imports, oldest first. */
  imports: CatalogueImported[];
}

export const initialImportRecordState: ImportRecordState = { imports: [] };

export function evolveImportRecord(state: ImportRecordState, event: ImportRecordEvent): ImportRecordState {
  return { imports: [...state.imports, event.data] };
}

export const importRecordStreamId = (unitId: string) => `catalogue.imports-${unitId}`;

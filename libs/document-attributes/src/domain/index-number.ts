import type { IndexNumberAssigned } from '@gongkai/contracts';
import type { Decider, DomainEvent } from '@gongkai/platform/domain';

/**
 * 索引号 of the 政府信息公开目录: one sequence per unit and year, assigned at issue. The rule
 * (per unit): `<unit code>/<year>-<five-digit sequence>`, e.g. `TEZ-EDU/2026-00003`, the shape the
 * national catalogue uses (organisation code / year - serial number). One stream per unit and year,
 * so two documents issued at once cannot take the same number (the store's expected revision).
 */
export type IndexNumberEvent = DomainEvent<'document-attributes.IndexNumberAssigned', IndexNumberAssigned>;
export interface IndexNumberState {
  last: number;
  /** Numbers already given, by document: a retried issue gets the same one. */
  byDocument: Record<string, string>;
}
export type IndexNumberCommand = { type: 'AssignIndexNumber'; unitId: string; year: number; documentId: string };

export const indexNumberStreamId = (unitId: string, year: number) => `document-attributes.index-numbers-${unitId}-${year}`;

export const formatIndexNumber = (unitId: string, year: number, sequence: number) =>
  `${unitId}/${year}-${String(sequence).padStart(5, '0')}`;

export function decideIndexNumber(command: IndexNumberCommand, state: IndexNumberState): IndexNumberEvent[] {
  if (state.byDocument[command.documentId]) return [];
  const sequence = state.last + 1;
  const { unitId, year, documentId } = command;
  return [
    {
      type: 'document-attributes.IndexNumberAssigned',
      data: { unitId, year, sequence, indexNumber: formatIndexNumber(unitId, year, sequence), documentId },
    },
  ];
}

export const indexNumberDecider: Decider<IndexNumberCommand, IndexNumberEvent, IndexNumberState> = {
  initialState: { last: 0, byDocument: {} },
  evolve: (state, event) => ({
    last: Math.max(state.last, event.data.sequence),
    byDocument: { ...state.byDocument, [event.data.documentId]: event.data.indexNumber },
  }),
  decide: decideIndexNumber,
};

/** The number a document was given in this stream (after `AssignIndexNumber`). */
export const indexNumberOf = (state: IndexNumberState, documentId: string): string | null => state.byDocument[documentId] ?? null;

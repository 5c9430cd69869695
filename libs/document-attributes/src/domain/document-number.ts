import type { DocumentNumberReserved } from '@gongkai/contracts';
import { DomainError, type Decider, type DomainEvent } from '@gongkai/platform/domain';

/**
 * The reservation of one 文号 within one issuing unit: one stream per unit and number, so that two
 * documents cannot take the same number even when registered concurrently (the store's expected
 * revision makes the second append fail).
 */
export type DocumentNumberEvent = DomainEvent<'document-attributes.DocumentNumberReserved', DocumentNumberReserved>;
export type DocumentNumberState = { documentId: string | null };
export type DocumentNumberCommand = { type: 'ReserveDocumentNumber'; unitId: string; documentNumber: string; documentId: string };

export const documentNumberStreamId = (unitId: string, documentNumber: string) =>
  `document-attributes.document-number-${unitId}-${encodeURIComponent(documentNumber)}`;

export function decideDocumentNumber(command: DocumentNumberCommand, state: DocumentNumberState): DocumentNumberEvent[] | DomainError {
  if (state.documentId === command.documentId) return []; // a retry of the same registration
  if (state.documentId !== null) {
    return DomainError.conflict('DOCUMENT_NUMBER_TAKEN', `本单位已有文号为“${command.documentNumber}”的公文，文号不能重复。`);
  }
  const { type: _type, ...data } = command;
  return [{ type: 'document-attributes.DocumentNumberReserved', data }];
}

export const documentNumberDecider: Decider<DocumentNumberCommand, DocumentNumberEvent, DocumentNumberState> = {
  initialState: { documentId: null },
  evolve: (_state, event) => ({ documentId: event.data.documentId }),
  decide: decideDocumentNumber,
};

import { DomainError, type Decider } from '@gongkai/platform/domain';
import type { WorkingDayCalendar } from '@gongkai/working-days';
import { evolveDocument, initialDocumentState, type DocumentEvent, type DocumentState } from './document';
import type { DocumentCommand } from './document-commands';
import { proposeAttribute, registerDocument, reviewAttribute } from './document-drafting';
import { attachFile } from './document-files';
import {
  answerDisclosureSuggestion,
  decideYearlyReview,
  invalidateDocument,
  openYearlyReview,
  receiveDisclosureSuggestion,
} from './document-in-force';
import { issueDocument, recordPublication } from './document-publication';

export type { DocumentCommand, DocumentCommandOf, ForwardedAttribute } from './document-commands';
export { PUBLICATION_WORKING_DAYS, publicationDueDate } from './document-rules';

const notFound = () => DomainError.notFound('DOCUMENT_NOT_FOUND', '该公文不存在。');

/**
 * The document decider: one function per command, grouped by phase (document-drafting.ts,
 * document-publication.ts, document-in-force.ts). The calendar is data (the statutory working days),
 * not I/O: the edge passes it, and a date it does not cover is refused as a value.
 */
export function documentDecider(calendar: WorkingDayCalendar): Decider<DocumentCommand, DocumentEvent, DocumentState> {
  function decide(command: DocumentCommand, state: DocumentState): DocumentEvent[] | DomainError {
    if (command.type === 'RegisterDocument') return registerDocument(command, state);
    if (state.status !== 'registered') return notFound();
    switch (command.type) {
      // drafting and review
      case 'ProposeAttribute':
        return proposeAttribute(command, state);
      case 'ReviewAttribute':
        return reviewAttribute(command, state);
      case 'AttachFile':
        return attachFile(command, state);
      // issue and publication
      case 'IssueDocument':
        return issueDocument(command, state, calendar);
      case 'RecordPublication':
        return recordPublication(command, state, calendar);
      // in force: yearly review, suggestions, repeal
      case 'OpenYearlyReview':
        return openYearlyReview(command, state);
      case 'DecideYearlyReview':
        return decideYearlyReview(command, state, calendar);
      case 'ReceiveDisclosureSuggestion':
        return receiveDisclosureSuggestion(command, state);
      case 'AnswerDisclosureSuggestion':
        return answerDisclosureSuggestion(command, state, calendar);
      case 'InvalidateDocument':
        return invalidateDocument(command, state);
    }
  }
  return { initialState: initialDocumentState, evolve: evolveDocument, decide };
}

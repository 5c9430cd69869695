import { ATTRIBUTE_MARKINGS } from '@gongkai/contracts';
import { DomainError } from '@gongkai/platform/domain';
import type { WorkingDayCalendar } from '@gongkai/working-days';
import type { DocumentEvent, RegisteredDocument } from './document';
import type { DocumentCommandOf } from './document-commands';
import { publishedFilesOf } from './document-files';
import { checkDate, publicationDueDate } from './document-rules';

/** Issue and publication (印发与标注、公开发布): a 主动公开 document is due for publication 20 working days after it was formed (成文日期, Art. 26). */

export function issueDocument(
  command: DocumentCommandOf<'IssueDocument'>,
  state: RegisteredDocument,
  calendar: WorkingDayCalendar,
): DocumentEvent[] | DomainError {
  if (state.phase === 'issued') return DomainError.conflict('ALREADY_ISSUED', '该公文已印发。');
  if (state.phase !== 'confirmed' || !state.attribute) {
    return DomainError.rule('REVIEW_NOT_PASSED', '公文须经保密审查确认公开属性后方可印发。');
  }
  const badDate = checkDate(command.issuedOn, '印发日期') ?? (command.formedOn ? checkDate(command.formedOn, '成文日期') : null);
  if (badDate) return badDate;
  const formedOn = command.formedOn ?? command.issuedOn;
  if (formedOn > command.issuedOn) return DomainError.rule('FORMED_AFTER_ISSUE', '成文日期不能晚于印发日期。');
  const publicationDueOn = state.attribute === '主动公开' ? publicationDueDate(calendar, formedOn) : null;
  if (publicationDueOn instanceof DomainError) return publicationDueOn;
  return [
    {
      type: 'document-attributes.DocumentIssued',
      data: {
        documentId: state.documentId,
        unitId: state.unitId,
        title: state.title,
        documentNumber: state.documentNumber,
        documentType: state.documentType,
        attribute: state.attribute,
        marking: ATTRIBUTE_MARKINGS[state.attribute],
        needsInterpretation: state.needsInterpretation,
        approvedBy: command.by.userId,
        issuedOn: command.issuedOn,
        formedOn,
        publicationDueOn,
        ...(state.legalBasis ? { ground: state.legalBasis } : {}),
        ...(state.forwardsDocumentId ? { forwardsDocumentId: state.forwardsDocumentId } : {}),
        ...(command.indexNumber ? { indexNumber: command.indexNumber } : {}),
        // The published version is fixed here: what the portal serves and the audit checks.
        ...(state.attribute === '主动公开' && (state.body || state.annexes.length > 0) ? { publishedFiles: publishedFilesOf(state) } : {}),
      },
    },
  ];
}

export function recordPublication(
  command: DocumentCommandOf<'RecordPublication'>,
  state: RegisteredDocument,
  calendar: WorkingDayCalendar,
): DocumentEvent[] | DomainError {
  if (state.phase !== 'issued' || !state.issuedOn) return DomainError.rule('NOT_ISSUED', '公文尚未印发，不能登记公开发布。');
  if (state.attribute !== '主动公开') {
    return DomainError.rule('NOT_PROACTIVE', `该公文的公开属性为“${state.attribute}”，不能公开发布。`);
  }
  const badDate = checkDate(command.publishedOn, '发布日期');
  if (badDate) return badDate;
  if (command.publishedOn < state.issuedOn) return DomainError.rule('PUBLISHED_BEFORE_ISSUE', '发布日期不能早于印发日期。');
  if (state.publications.some((p) => p.channel === command.channel)) {
    return DomainError.conflict('ALREADY_PUBLISHED_ON_CHANNEL', `该公文已在“${command.channel}”发布。`);
  }
  // Lateness with the calendar of the publication day (ADR 0009); the stored due date when it cannot say.
  const recomputed = state.publicationDueFrom ? publicationDueDate(calendar, state.publicationDueFrom) : null;
  const dueOn = typeof recomputed === 'string' ? recomputed : state.publicationDueOn;
  const late = dueOn !== null && command.publishedOn > dueOn;
  return [
    {
      type: 'document-attributes.PublicationRecorded',
      data: {
        documentId: state.documentId,
        unitId: state.unitId,
        channel: command.channel,
        url: command.url,
        publishedOn: command.publishedOn,
        late,
      },
    },
  ];
}

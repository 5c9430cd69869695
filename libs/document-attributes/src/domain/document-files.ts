import type { DocumentIssued } from '@gongkai/contracts';
import { DomainError } from '@gongkai/platform/domain';
import type { DocumentEvent, RegisteredDocument } from './document';
import type { DocumentCommandOf } from './document-commands';

/** Files of a document (正文、附件、删除处理后的附件): attached while drafting, fixed at issue. */

/** What a body may be: a signed original people can read (images and spreadsheets are annexes). */
export const BODY_MEDIA_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/ofd',
  'text/plain',
] as const;

export const MAX_ANNEXES = 50;

function filesLocked(state: RegisteredDocument): DomainError | null {
  if (state.phase === 'issued') {
    return DomainError.rule('PUBLISHED_VERSION_FIXED', '公文已印发，发布版本已固定，正文和附件不能再更改。');
  }
  if (state.phase !== 'drafting') {
    return DomainError.rule('FILES_LOCKED_IN_REVIEW', '公文正在保密审查或已审查通过，正文和附件不能更改；如需修改，请由审查人员退回拟文。');
  }
  return null;
}

export function attachFile(command: DocumentCommandOf<'AttachFile'>, state: RegisteredDocument): DocumentEvent[] | DomainError {
  const locked = filesLocked(state);
  if (locked) return locked;
  const { documentId, unitId } = state;
  const data = {
    documentId,
    unitId,
    role: command.role,
    annexId: command.role === 'body' ? null : command.annexId,
    title: command.role === 'body' ? '正文' : command.title,
    file: command.file,
    redactions: command.role === 'redacted-annex' ? command.redactions : [],
    attachedBy: command.by.userId,
  };
  const event: DocumentEvent[] = [{ type: 'document-attributes.DocumentFileAttached', data }];
  if (command.role === 'body') {
    if (!(BODY_MEDIA_TYPES as readonly string[]).includes(command.file.mediaType)) {
      return DomainError.rule('BODY_TYPE_NOT_ALLOWED', '公文正文须为 Word（.docx）、PDF、OFD 或纯文本文件；图片和表格请作为附件上传。');
    }
    return state.body?.sha256 === command.file.sha256 ? [] : event;
  }
  if (!command.annexId) return DomainError.validation('ANNEX_ID_REQUIRED', '请指明附件。');
  const annex = state.annexes.find((a) => a.annexId === command.annexId);
  if (command.role === 'annex') {
    if (!annex && state.annexes.length >= MAX_ANNEXES) return DomainError.rule('TOO_MANY_ANNEXES', `一件公文最多 ${MAX_ANNEXES} 个附件。`);
    if (state.annexes.some((a) => a.annexId !== command.annexId && a.title === command.title)) {
      return DomainError.conflict('ANNEX_TITLE_TAKEN', `该公文已有名为“${command.title}”的附件。`);
    }
    return annex && annex.file.sha256 === command.file.sha256 && annex.title === command.title ? [] : event;
  }
  if (!annex) return DomainError.notFound('ANNEX_NOT_FOUND', '该附件不存在。');
  if (command.redactions.length === 0) {
    return DomainError.rule('REDACTION_GROUND_REQUIRED', '删除处理后的附件须逐项列明删除的内容及其依据（条例第十四条至第十六条）。');
  }
  if (command.file.sha256 === annex.file.sha256) {
    return DomainError.rule('REDACTED_SAME_AS_ORIGINAL', '删除处理后的文件与原件相同，请上传已作删除处理的文件。');
  }
  return event;
}

/** The published version of a 主动公开 document, fixed at issue: the body, and per annex the redacted file where there is one. */
export function publishedFilesOf(state: RegisteredDocument): NonNullable<DocumentIssued['publishedFiles']> {
  return {
    body: state.body,
    annexes: state.annexes.map((a) => ({
      annexId: a.annexId,
      title: a.title,
      file: a.redacted ? a.redacted.file : a.file,
      redacted: a.redacted !== null,
    })),
  };
}

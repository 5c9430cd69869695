import type { ReplyCategory } from '@gongkai/contracts';
import { DomainError, unitActionError } from '@gongkai/platform/domain';
import type { OpenRequest, ReplyFileState } from './request';
import { ids, wrongStatus, type CommandOf, type Decision } from './request.commands';
import { SUPPLIES_INFORMATION } from './request.handling';

/**
 * The files a reply supplies (the information itself): attached to the reply draft, redacted for
 * 部分公开 (Art. 37, each redaction with its Arts. 14–16 ground), removed; fixed once the reply is
 * approved, published with the reply (ReplyIssued lists them) and downloaded by the applicant with the
 * tracking code. The original of a redacted file never leaves the staff side.
 */

export const MAX_REPLY_FILES = 50;

/** The statuses in which the reply is a draft: drafted and awaiting review, or sent back by the reviewer. */
const DRAFT_STATUSES: readonly OpenRequest['status'][] = ['under_review', 'in_progress'];

/** The reply as a draft the actor may change, or the refusal: another unit, no draft, approved, a category that supplies nothing. */
export function changeableDraft(
  command: { by: CommandOf<'AttachReplyFile'>['by'] },
  s: OpenRequest,
): DomainError | NonNullable<OpenRequest['draft']> {
  const otherUnit = unitActionError(command.by, s.unitId);
  if (otherUnit) return otherUnit;
  if (!s.draft || !DRAFT_STATUSES.includes(s.status)) {
    if (s.status === 'approved')
      return DomainError.rule('REPLY_FILES_FIXED', '答复已审核通过，所附文件不能再更改；如需修改，请先由审核人员退回。');
    return wrongStatus(s, '更改答复所附文件（须先起草答复）');
  }
  if (!SUPPLIES_INFORMATION.has(s.draft.category)) {
    return DomainError.rule('REPLY_SUPPLIES_NO_INFORMATION', '只有“予以公开”“部分公开”的答复才提供信息文件。');
  }
  return s.draft;
}

/**
 * What the reply's files allow now, sent with the case view (the server offers the actions): attach and
 * remove while the reply is a draft that supplies information; redact when it is 部分公开.
 */
export function replyFileActions(v: { status: OpenRequest['status']; draft: { category: string } | null }): {
  attach: boolean;
  redact: boolean;
} {
  const attach = DRAFT_STATUSES.includes(v.status) && v.draft !== null && SUPPLIES_INFORMATION.has(v.draft.category);
  return { attach, redact: attach && v.draft?.category === 'partial' };
}

const fileOf = (s: OpenRequest, fileId: string): ReplyFileState | undefined => (s.replyFiles ?? []).find((f) => f.fileId === fileId);
const fileNotFound = () => DomainError.notFound('REPLY_FILE_NOT_FOUND', '答复中没有这个文件。');

export function attachReplyFile(command: CommandOf<'AttachReplyFile'>, s: OpenRequest): Decision {
  const draft = changeableDraft(command, s);
  if (draft instanceof DomainError) return draft;
  const files = s.replyFiles ?? [];
  const existing = fileOf(s, command.fileId);
  if (existing) {
    return existing.file.sha256 === command.file.sha256 ? [] : DomainError.conflict('REPLY_FILE_ID_TAKEN', '该文件编号已被使用。');
  }
  const same = files.find((f) => f.file.sha256 === command.file.sha256 || f.redacted?.file.sha256 === command.file.sha256);
  if (same) return DomainError.conflict('REPLY_FILE_DUPLICATE', `答复中已有相同内容的文件“${same.file.originalName}”。`);
  if (files.length >= MAX_REPLY_FILES) return DomainError.rule('TOO_MANY_REPLY_FILES', `一份答复最多附 ${MAX_REPLY_FILES} 个文件。`);
  const { fileId, file } = command;
  return [{ type: 'requests.ReplyFileAttached', data: { ...ids(s), fileId, file, attachedBy: command.by.userId } }];
}

export function redactReplyFile(command: CommandOf<'RedactReplyFile'>, s: OpenRequest): Decision {
  const draft = changeableDraft(command, s);
  if (draft instanceof DomainError) return draft;
  if (draft.category !== 'partial') {
    return DomainError.rule('REDACTION_ONLY_FOR_PARTIAL', '只有“部分公开”的答复才对文件作删除处理；请先将答复类型改为“部分公开”。');
  }
  const original = fileOf(s, command.fileId);
  if (!original) return fileNotFound();
  if (command.redactions.length === 0) {
    return DomainError.rule('REDACTION_GROUND_REQUIRED', '删除处理后的文件须逐项列明删除的内容及其依据（条例第十四条至第十六条）。');
  }
  if (command.file.sha256 === original.file.sha256) {
    return DomainError.rule('REDACTED_SAME_AS_ORIGINAL', '删除处理后的文件与原件相同，请上传已作删除处理的文件。');
  }
  const same = original.redacted;
  if (same && same.file.sha256 === command.file.sha256 && JSON.stringify(same.redactions) === JSON.stringify(command.redactions)) return [];
  const { fileId, file, redactions } = command;
  return [{ type: 'requests.ReplyFileRedacted', data: { ...ids(s), fileId, file, redactions, attachedBy: command.by.userId } }];
}

export function removeReplyFile(command: CommandOf<'RemoveReplyFile'>, s: OpenRequest): Decision {
  const draft = changeableDraft(command, s);
  if (draft instanceof DomainError) return draft;
  if (!fileOf(s, command.fileId)) return fileNotFound();
  return [{ type: 'requests.ReplyFileRemoved', data: { ...ids(s), fileId: command.fileId, removedBy: command.by.userId } }];
}

/** The files as the applicant receives them: the redacted version where there is one, never the original of a redacted file. */
export const publishedReplyFiles = (s: Pick<OpenRequest, 'replyFiles'>) =>
  (s.replyFiles ?? []).map((f) => ({
    fileId: f.fileId,
    file: f.redacted ? f.redacted.file : f.file,
    redactions: f.redacted ? f.redacted.redactions : [],
  }));

/**
 * What a (re)drafted reply needs of the files already attached: files only with a category that
 * supplies information, redacted files only with 部分公开. Null when the files fit.
 */
export function filesFitCategory(s: OpenRequest, category: ReplyCategory): DomainError | null {
  const files = s.replyFiles ?? [];
  if (files.length > 0 && !SUPPLIES_INFORMATION.has(category)) {
    return DomainError.rule('REPLY_FILES_ATTACHED', '答复已附信息文件：改为不提供信息的答复类型前，请先移除这些文件。');
  }
  if (category !== 'partial' && files.some((f) => f.redacted)) {
    return DomainError.rule('REDACTED_FILES_ATTACHED', '答复中有删除处理的文件，只能按“部分公开”答复；请先移除这些文件。');
  }
  return null;
}

/**
 * The applicant downloaded a published file (网上获取): recorded on the first download of each file
 * only, so that a public route cannot flood the request's stream; later downloads are not recorded.
 */
export function recordReplyFileDownload(command: CommandOf<'RecordReplyFileDownload'>, s: OpenRequest): Decision {
  if (!['replied', 'delivered', 'archived'].includes(s.status) || !s.reply) return wrongStatus(s, '下载答复文件');
  const found = fileOf(s, command.fileId);
  if (!found) return fileNotFound();
  if (found.downloaded) return [];
  const file = found.redacted ? found.redacted.file : found.file;
  return [{ type: 'requests.ReplyFileDownloaded', data: { ...ids(s), fileId: found.fileId, file, downloadedAt: command.at } }];
}

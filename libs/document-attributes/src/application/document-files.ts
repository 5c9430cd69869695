import { v7 as uuidv7 } from 'uuid';
import type { FileRef, Redaction } from '@gongkai/contracts';
import { DomainError, unitActionError, type BlobStore, type CommandContext, type CommandHandler, type Upload } from '@gongkai/platform';
import { documentStreamId, type RegisteredDocument } from '../domain/document';
import { statutoryDocumentDecider, type DocumentCommandResult } from './document-commands';

/**
 * Uploads of a document's files: the bytes go to the blob store (size limit, type recognised from
 * the bytes and matching the declared one, a zh-CN refusal otherwise), then one event records the
 * file's hash, size, type and name. The document and the actor's unit are checked before any byte
 * is stored; a refused upload records nothing.
 */

export type { Upload };

export type AttachedFileResult = DocumentCommandResult & { file: FileRef; annexId: string | null };

/** The document as the actor may change it, or the refusal (404 before 403, as the commands answer). */
async function documentToChange(commands: CommandHandler, documentId: string, context: CommandContext): Promise<RegisteredDocument> {
  const { state } = await commands.load(statutoryDocumentDecider(), documentStreamId(documentId));
  if (state.status !== 'registered') throw DomainError.notFound('DOCUMENT_NOT_FOUND', '该公文不存在。');
  const refused = unitActionError(context.actor, state.unitId);
  if (refused) throw refused;
  return state;
}

async function attach(
  commands: CommandHandler,
  blobs: BlobStore,
  documentId: string,
  target: { role: 'body' | 'annex' | 'redacted-annex'; annexId: string | null; title: string; redactions: Redaction[] },
  upload: Upload,
  context: CommandContext,
): Promise<AttachedFileResult> {
  try {
    await documentToChange(commands, documentId, context);
  } catch (refusal) {
    upload.content.resume(); // the request's bytes are drained, not stored
    throw refusal;
  }
  const stored = await blobs.put(upload.content, { declaredMediaType: upload.declaredMediaType, originalName: upload.originalName });
  const file: FileRef = { sha256: stored.sha256, size: stored.size, mediaType: stored.mediaType, originalName: stored.originalName };
  const result = await commands.handle(
    statutoryDocumentDecider(),
    documentStreamId(documentId),
    { type: 'AttachFile', ...target, file, by: context.actor },
    context,
    {
      authorize: (state) =>
        state.status !== 'registered'
          ? DomainError.notFound('DOCUMENT_NOT_FOUND', '该公文不存在。')
          : unitActionError(context.actor, state.unitId),
    },
  );
  return { documentId, revision: result.revision, file, annexId: target.annexId };
}

/** 上传正文 (replaces an earlier body while drafting). */
export const attachBody = (commands: CommandHandler, blobs: BlobStore, documentId: string, upload: Upload, context: CommandContext) =>
  attach(commands, blobs, documentId, { role: 'body', annexId: null, title: '正文', redactions: [] }, upload, context);

/** 上传附件: a new annex, or a new file for an existing one (`annexId`). */
export const attachAnnex = (
  commands: CommandHandler,
  blobs: BlobStore,
  documentId: string,
  input: { title: string; annexId?: string },
  upload: Upload,
  context: CommandContext,
) =>
  attach(
    commands,
    blobs,
    documentId,
    { role: 'annex', annexId: input.annexId ?? uuidv7(), title: input.title, redactions: [] },
    upload,
    context,
  );

/** 上传删除处理后的附件, with the ground of each redaction: published in place of the original. */
export async function attachRedactedAnnex(
  commands: CommandHandler,
  blobs: BlobStore,
  documentId: string,
  input: { annexId: string; redactions: Redaction[] },
  upload: Upload,
  context: CommandContext,
): Promise<AttachedFileResult> {
  const title = (await documentToChange(commands, documentId, context)).annexes.find((a) => a.annexId === input.annexId)?.title ?? '附件';
  return attach(
    commands,
    blobs,
    documentId,
    { role: 'redacted-annex', annexId: input.annexId, title, redactions: input.redactions },
    upload,
    context,
  );
}

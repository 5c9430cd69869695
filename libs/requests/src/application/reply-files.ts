import { v7 as uuidv7 } from 'uuid';
import type { FileRef, Redaction } from '@gongkai/contracts';
import { DomainError, type BlobContent, type BlobStore, type CommandContext, type CommandHandler, type Upload } from '@gongkai/platform';
import { toShanghaiDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { requestStreamId, type RequestState } from '../domain/request';
import { requestDecider, type RequestCommand } from '../domain/request.decide';
import { changeableDraft } from '../domain/request.files';
import type { RequestsProjection, RequestView } from '../read-models/requests.projection';
import { trackingCodeHash } from './settings';

export interface ReplyFileResult {
  requestId: string;
  revision: number;
  fileId: string;
  file: FileRef;
}

/**
 * One answer for every file the applicant may not have: an unknown or another request's code, a file
 * not published with the reply (the original of a redacted file included), a reply not yet issued.
 * The same code and words whatever the reason, so that a probe learns nothing.
 */
export const replyFileNotFound = () => DomainError.notFound('REPLY_FILE_NOT_FOUND', '查询码不正确或文件不存在，请核对后重试。');

/** The files a request's reply published to the applicant (the redacted version where redacted), empty before the reply. */
export const publishedFilesOf = (view: Pick<RequestView, 'reply'>) => view.reply?.files ?? [];

/**
 * The reply's files: the handler uploads them to the reply draft (the bytes to the blob store, the
 * event records hash, size, type, name), a redacted version for 部分公开, removes them; the applicant
 * downloads the published ones with the tracking code, the first download of each recorded.
 * The request, the unit and the draft are checked before any byte is stored; a refused upload records nothing.
 */
export class ReplyFiles {
  constructor(
    private readonly commands: CommandHandler,
    private readonly blobs: BlobStore,
    private readonly requests: Pick<RequestsProjection, 'byTrackingHash'>,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  async attach(requestId: string, upload: Upload, context: CommandContext): Promise<ReplyFileResult> {
    const fileId = uuidv7();
    const file = await this.store(requestId, upload, context);
    const result = await this.handle(requestId, { type: 'AttachReplyFile', fileId, file }, context);
    return { requestId, revision: result.revision, fileId, file };
  }

  async redact(
    requestId: string,
    fileId: string,
    redactions: Redaction[],
    upload: Upload,
    context: CommandContext,
  ): Promise<ReplyFileResult> {
    const file = await this.store(requestId, upload, context);
    const result = await this.handle(requestId, { type: 'RedactReplyFile', fileId, file, redactions }, context);
    return { requestId, revision: result.revision, fileId, file };
  }

  async remove(requestId: string, fileId: string, context: CommandContext): Promise<{ requestId: string; revision: number }> {
    const result = await this.handle(requestId, { type: 'RemoveReplyFile', fileId }, context);
    return { requestId, revision: result.revision };
  }

  /**
   * A published file by the tracking code and the file's hash: its bytes, after recording the first
   * download of that file. Anything else is `replyFileNotFound`.
   */
  async download(code: string, sha256: string, context: CommandContext): Promise<{ file: FileRef; content: BlobContent }> {
    const found = code.length <= 64 ? await this.requests.byTrackingHash(trackingCodeHash(code)) : null;
    const published = found ? publishedFilesOf(found).find((f) => f.file.sha256 === sha256) : undefined;
    const content = found && published ? await this.blobs.get(published.file.sha256) : null;
    if (!found || !published || !content) throw replyFileNotFound();
    try {
      await this.handle(found.requestId, { type: 'RecordReplyFileDownload', fileId: published.fileId, at: context.now }, context);
    } catch (error) {
      content.stream.destroy();
      throw error;
    }
    return { file: published.file, content };
  }

  /** The upload in the blob store, once the request is there, the actor's unit's, and its reply a draft that takes files. */
  private async store(requestId: string, upload: Upload, context: CommandContext): Promise<FileRef> {
    const { state } = await this.commands.load(requestDecider(this.calendar), requestStreamId(requestId));
    const refused = state.status === 'none' ? notFound() : changeableDraft({ by: context.actor }, state);
    if (refused instanceof DomainError) {
      upload.content.resume(); // the request's bytes are drained, not stored
      throw refused;
    }
    const stored = await this.blobs.put(upload.content, { declaredMediaType: upload.declaredMediaType, originalName: upload.originalName });
    return { sha256: stored.sha256, size: stored.size, mediaType: stored.mediaType, originalName: stored.originalName };
  }

  private handle(requestId: string, step: Given, context: CommandContext) {
    const today = toShanghaiDate(context.now);
    const command = (
      step.type === 'RecordReplyFileDownload' ? { ...step, today } : { ...step, today, by: context.actor }
    ) as RequestCommand;
    return this.commands.handle(requestDecider(this.calendar), requestStreamId(requestId), command, context, {
      authorize: (state: RequestState) => (state.status === 'none' ? notFound() : null),
    });
  }
}

type FileCommand = Extract<RequestCommand, { type: 'AttachReplyFile' | 'RedactReplyFile' | 'RemoveReplyFile' | 'RecordReplyFileDownload' }>;
type Given = FileCommand extends infer C ? (C extends unknown ? Omit<C, 'today' | 'by'> : never) : never;

const notFound = () => DomainError.notFound('REQUEST_NOT_FOUND', '该政府信息公开申请不存在。');

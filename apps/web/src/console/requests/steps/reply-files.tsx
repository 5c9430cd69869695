import { useState } from 'react';
import type { ReplyFileRefView } from '@gongkai/contracts/vocabulary';
import { ApiError, download, upload } from '../../../api';
import {
  ActionForm,
  CASE_CONFLICT,
  declaredType,
  FileInput,
  formatDateTime,
  formatFileSize,
  GROUNDS,
  RedactedUpload,
  useForm,
} from '../../../ui';
import { actionPath, type StepProps } from './common';

// ── 答复提供的信息文件：起草后、审核通过前附上、删除处理（部分公开）、移除；申请人凭查询码下载 ──────────

const groundLabel = (ground: string) => GROUNDS.find(([code]) => code === ground)?.[1] ?? ground;

function FileName({ requestId, file }: { requestId: string; file: ReplyFileRefView }) {
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => void download(`/api/requests/${encodeURIComponent(requestId)}/reply-files/${file.sha256}`)}
    >
      {file.originalName}（{formatFileSize(file.size)}）
    </button>
  );
}

/**
 * The files the reply supplies, on the case page: each with its redacted version (部分公开) and the
 * applicant's first download; while the reply is a draft that supplies information (the server says
 * so in `replyFileActions`), the handler attaches, redacts and removes them.
 */
export function ReplyFilesSection({ v, reload, handles }: StepProps & { handles: boolean }) {
  const files = v.replyFiles ?? [];
  const actions = v.replyFileActions ?? { attach: false, redact: false };
  const editable = handles && actions.attach;
  const remove = useForm(null, {}, { onDone: reload, revision: v.revision, conflict: CASE_CONFLICT });
  if (files.length === 0 && !editable) return null;
  return (
    <section aria-labelledby="reply-files-heading" className="card" data-testid="reply-files">
      <h2 id="reply-files-heading">答复提供的信息文件</h2>
      {files.length === 0 ? <p className="muted">尚未附上文件。</p> : null}
      <ol>
        {files.map((f) => (
          <li key={f.fileId}>
            {f.redacted ? '原件：' : null}
            <FileName requestId={v.requestId} file={f.file} />
            {f.redacted ? (
              <>
                <br />
                提供给申请人的版本（删除处理）：
                <FileName requestId={v.requestId} file={f.redacted.file} />
                <br />
                删除处理：{f.redacted.redactions.map((r) => `${r.description}（${groundLabel(r.ground)}）`).join('；')}
              </>
            ) : null}
            {f.downloadedAt ? <p className="meta">申请人已于 {formatDateTime(f.downloadedAt)} 凭查询码下载。</p> : null}
            {editable && actions.redact ? (
              <RedactedUpload
                id={`reply-redacted-${f.fileId}`}
                title={f.file.originalName}
                path={`${actionPath(v, 'reply-files')}/${encodeURIComponent(f.fileId)}/redacted`}
                onDone={reload}
              />
            ) : null}
            {editable ? (
              <button
                type="button"
                onClick={() =>
                  void remove.run(
                    `${actionPath(v, 'reply-files')}/${encodeURIComponent(f.fileId)}`,
                    'DELETE',
                    undefined,
                    `已移除“${f.file.originalName}”。`,
                  )
                }
              >
                移除
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {remove.feedback('文件未移除')}
      {editable ? <AttachForm v={v} reload={reload} /> : null}
      {editable && !actions.redact ? (
        <p className="hint">“部分公开”的答复可对文件作删除处理：申请人只能下载删除处理后的版本，原件不对外提供。</p>
      ) : null}
    </section>
  );
}

function AttachForm({ v, reload }: StepProps) {
  const [file, setFile] = useState<File | null>(null);
  const form = useForm(null, {}, { onDone: reload });
  return (
    <ActionForm
      action={form}
      failure="文件未上传"
      submitLabel="附上文件"
      onSubmit={() =>
        void form.submit(async () => {
          if (!file) throw new ApiError(0, 'FILE_REQUIRED', '请选择要提供的文件。');
          const result = await upload(`${actionPath(v, 'reply-files')}?name=${encodeURIComponent(file.name)}`, file, declaredType(file));
          await reload(result);
        })
      }
    >
      <FileInput id="reply-file" label="提供的信息文件（PDF、Word、Excel、OFD、纯文本或图片）" onPick={setFile} />
    </ActionForm>
  );
}

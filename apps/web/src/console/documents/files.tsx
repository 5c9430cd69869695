import { useState } from 'react';
import type { DocumentStaffView, FileView } from '@gongkai/contracts/vocabulary';
import { ApiError, download, upload, type Session } from '../../api';
import { ActionForm, declaredType, Field, FileInput, formatFileSize, GROUNDS, isUnitStaff, RedactedUpload, useForm } from '../../ui';

const base = (documentId: string) => `/api/document-attributes/documents/${encodeURIComponent(documentId)}`;

function FileName({ documentId, file }: { documentId: string; file: FileView }) {
  return (
    <button type="button" className="link-button" onClick={() => void download(`${base(documentId)}/files/${file.sha256}`)}>
      {file.originalName}（{formatFileSize(file.size)}）
    </button>
  );
}

/**
 * The document's files on the staff side: the body and annexes, each redacted annex with its
 * redacted version and grounds. While drafting, the unit's staff upload them; from the review on
 * they are locked, and at issue the published version is fixed.
 */
export function DocumentFiles({
  session,
  document,
  onDone,
}: {
  session: Session;
  document: DocumentStaffView;
  onDone: (result?: unknown) => unknown;
}) {
  const editable =
    document.phase === 'drafting' && isUnitStaff(session) && session.unitId === document.unitId && session.role !== 'reviewer';
  const d = document;
  return (
    <section aria-labelledby="files-heading" className="card">
      <h2 id="files-heading">正文与附件</h2>
      <dl className="kv-list">
        <dt>正文</dt>
        <dd data-testid="document-body">{d.body ? <FileName documentId={d.documentId} file={d.body} /> : '未上传'}</dd>
        {(d.annexes ?? []).map((a) => (
          <div key={a.annexId} className="kv-row">
            <dt>{a.title}</dt>
            <dd>
              原件：
              <FileName documentId={d.documentId} file={a.file} />
              {a.redacted ? (
                <>
                  <br />
                  公开版本（删除处理）：
                  <FileName documentId={d.documentId} file={a.redacted.file} />
                  <br />
                  删除处理：
                  {a.redacted.redactions
                    .map((r) => `${r.description}（${GROUNDS.find(([c]) => c === r.ground)?.[1] ?? r.ground}）`)
                    .join('；')}
                </>
              ) : null}
              {editable ? (
                <RedactedUpload
                  id={`redacted-${a.annexId}`}
                  title={a.title}
                  path={`${base(d.documentId)}/annexes/${encodeURIComponent(a.annexId)}/redacted`}
                  onDone={onDone}
                />
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
      {editable ? (
        <>
          <BodyUpload document={d} onDone={onDone} />
          <AnnexUpload document={d} onDone={onDone} />
        </>
      ) : d.phase !== 'drafting' ? (
        <p className="muted">{d.phase === 'issued' ? '公文已印发，发布版本已固定。' : '保密审查期间文件不能更改。'}</p>
      ) : null}
    </section>
  );
}

function BodyUpload({ document, onDone }: { document: DocumentStaffView; onDone: (result?: unknown) => unknown }) {
  const [file, setFile] = useState<File | null>(null);
  const form = useForm(null, {}, { onDone });
  return (
    <ActionForm
      action={form}
      failure="正文未上传"
      submitLabel="上传正文"
      onSubmit={() =>
        void form.submit(async () => {
          if (!file) throw new ApiError(0, 'FILE_REQUIRED', '请选择正文文件。');
          const result = await upload(`${base(document.documentId)}/body?name=${encodeURIComponent(file.name)}`, file, declaredType(file), {
            method: 'PUT',
          });
          await onDone(result);
        })
      }
    >
      <FileInput id="body-file" label="正文（.docx、PDF、OFD 或纯文本）" onPick={setFile} />
    </ActionForm>
  );
}

function AnnexUpload({ document, onDone }: { document: DocumentStaffView; onDone: (result?: unknown) => unknown }) {
  const [file, setFile] = useState<File | null>(null);
  const form = useForm(null, { title: '' }, { onDone });
  return (
    <ActionForm
      action={form}
      failure="附件未上传"
      submitLabel="上传附件"
      onSubmit={() =>
        void form.submit(async (values) => {
          if (!file) throw new ApiError(0, 'FILE_REQUIRED', '请选择附件文件。');
          const query = `title=${encodeURIComponent(values.title)}&name=${encodeURIComponent(file.name)}`;
          const result = await upload(`${base(document.documentId)}/annexes?${query}`, file, declaredType(file));
          form.clear();
          await onDone(result);
        })
      }
    >
      <Field label="附件名称" name="title" error={form.error} required>
        {(p) => <input {...p} value={form.values.title} onChange={(e) => form.update({ title: e.target.value })} />}
      </Field>
      <FileInput id="annex-file" label="附件文件" onPick={setFile} />
    </ActionForm>
  );
}

import { useState } from 'react';
import type { DocumentStaffView, FileView } from '@gongkai/contracts/vocabulary';
import { ApiError, download, upload, type Session } from '../../api';
import { ActionForm, Field, formatFileSize, GROUNDS, isUnitStaff, SelectField, useForm } from '../../ui';

/** The type a browser gives a file, or the one its name says (browsers leave .docx/.ofd untyped on some systems). */
export function declaredType(file: File): string {
  if (file.type) return file.type;
  const name = file.name.toLowerCase();
  if (name.endsWith('.docx')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (name.endsWith('.pdf')) return 'application/pdf';
  if (name.endsWith('.ofd')) return 'application/ofd';
  if (name.endsWith('.txt')) return 'text/plain';
  return 'application/octet-stream';
}

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
              {editable ? <RedactedUpload document={d} annexId={a.annexId} title={a.title} onDone={onDone} /> : null}
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

function FileInput({ id, label, onPick }: { id: string; label: string; onPick: (file: File | null) => void }) {
  return (
    <Field label={label} name={id} error={null} required>
      {(p) => <input {...p} type="file" onChange={(e) => onPick(e.target.files?.[0] ?? null)} />}
    </Field>
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

/** The redacted version of an annex (删除处理), with what was removed and the ground: published in place of the original. */
function RedactedUpload({
  document,
  annexId,
  title,
  onDone,
}: {
  document: DocumentStaffView;
  annexId: string;
  title: string;
  onDone: (result?: unknown) => unknown;
}) {
  const [file, setFile] = useState<File | null>(null);
  const form = useForm(null, { ground: '', description: '' }, { onDone });
  return (
    <details className="redacted-upload">
      <summary>上传“{title}”的删除处理版本</summary>
      <ActionForm
        action={form}
        failure="删除处理版本未上传"
        submitLabel="上传删除处理版本"
        onSubmit={() =>
          void form.submit(async (values) => {
            if (!file) throw new ApiError(0, 'FILE_REQUIRED', '请选择删除处理后的文件。');
            const redactions = JSON.stringify([{ ground: values.ground, description: values.description }]);
            const query = `name=${encodeURIComponent(file.name)}&redactions=${encodeURIComponent(redactions)}`;
            const result = await upload(
              `${base(document.documentId)}/annexes/${encodeURIComponent(annexId)}/redacted?${query}`,
              file,
              declaredType(file),
              { method: 'PUT' },
            );
            await onDone(result);
          })
        }
      >
        <FileInput id={`redacted-${annexId}`} label="删除处理后的文件" onPick={setFile} />
        <SelectField
          label="删除依据（条例第十四至十六条）"
          name="ground"
          error={form.error}
          required
          placeholder="请选择"
          options={GROUNDS}
          value={form.values.ground}
          onChange={(ground) => form.update({ ground })}
        />
        <Field label="删除的内容" name="description" error={form.error} required>
          {(p) => <input {...p} value={form.values.description} onChange={(e) => form.update({ description: e.target.value })} />}
        </Field>
      </ActionForm>
    </details>
  );
}

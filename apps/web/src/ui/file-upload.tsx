import { useState } from 'react';
import { ApiError, upload } from '../api';
import { Field, SelectField } from './fields';
import { ActionForm, useForm } from './form';
import { GROUNDS } from './labels';

/** The type a browser gives a file, or the one its name says (browsers leave .docx/.ofd untyped on some systems). */
export function declaredType(file: File): string {
  if (file.type) return file.type;
  const name = file.name.toLowerCase();
  if (name.endsWith('.docx')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (name.endsWith('.pdf')) return 'application/pdf';
  if (name.endsWith('.ofd')) return 'application/ofd';
  if (name.endsWith('.txt')) return 'text/plain';
  return 'application/octet-stream';
}

/** A required file picker in a form (the upload sends the file as the request body, its name as `?name=`). */
export function FileInput({ id, label, onPick }: { id: string; label: string; onPick: (file: File | null) => void }) {
  return (
    <Field label={label} name={id} error={null} required>
      {(p) => <input {...p} type="file" onChange={(e) => onPick(e.target.files?.[0] ?? null)} />}
    </Field>
  );
}

/**
 * The redacted version of a file (删除处理), with what was removed and its ground (Arts. 14–16): what the
 * public or the applicant receives in place of the original. `path` is the upload route (PUT, `?name=&redactions=`).
 */
export function RedactedUpload({
  id,
  title,
  path,
  onDone,
}: {
  id: string;
  title: string;
  path: string;
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
            const result = await upload(`${path}?${query}`, file, declaredType(file), { method: 'PUT' });
            await onDone(result);
          })
        }
      >
        <FileInput id={id} label="删除处理后的文件" onPick={setFile} />
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
        <Field label="删除的内容及理由" name="description" error={form.error} required>
          {(p) => <input {...p} value={form.values.description} onChange={(e) => form.update({ description: e.target.value })} />}
        </Field>
      </ActionForm>
    </details>
  );
}

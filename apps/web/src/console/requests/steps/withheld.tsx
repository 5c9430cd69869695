import type { WithheldItemView } from '@gongkai/contracts/vocabulary';
import { ApiError } from '../../../api';
import { Field, REPLY_CATEGORY_LABELS, SelectField, WITHHOLD_GROUND_OPTIONS } from '../../../ui';

// ── 部分公开：不予公开的部分（内容、依据、理由） ─────────────────────────────────────

/** One withheld part as typed: what is withheld, the Arts. 14–16 ground (a 不予公开 reply category), and why. */
export interface WithheldPart {
  item: string;
  ground: string;
  reason: string;
}

export const emptyPart = (): WithheldPart => ({ item: '', ground: WITHHOLD_GROUND_OPTIONS[0][0], reason: '' });

/** The parts as the API takes them (`withheld[]`), trimmed. */
export const withheldBody = (parts: readonly WithheldPart[]) =>
  parts.map((p) => ({ item: p.item.trim(), ground: p.ground, reason: p.reason.trim() }));

/**
 * What the editor refuses before sending, with a zh-CN message at each field (the API checks the same
 * and more: lengths, markup, the ground's group): 部分公开 needs at least one part; each part names what
 * is withheld and why. Null when there is nothing to say.
 */
export function withheldProblems(parts: readonly WithheldPart[]): ApiError | null {
  const errors: { field: string; code: string; message: string }[] = [];
  if (parts.length === 0)
    errors.push({ field: 'withheld', code: 'PARTIAL_NEEDS_WITHHELD', message: '部分公开须至少列明一项不予公开的内容。' });
  parts.forEach((p, i) => {
    if (!p.item.trim()) errors.push({ field: `withheld.${i}.item`, code: 'REQUIRED', message: `请填写第 ${i + 1} 项不予公开的内容。` });
    if (!p.ground) errors.push({ field: `withheld.${i}.ground`, code: 'REQUIRED', message: `请选择第 ${i + 1} 项不予公开的依据。` });
    if (p.reason.trim().length < 2)
      errors.push({ field: `withheld.${i}.reason`, code: 'REQUIRED', message: `请说明第 ${i + 1} 项不予公开的理由（至少 2 个字）。` });
  });
  return errors.length === 0 ? null : new ApiError(400, 'WITHHELD_INCOMPLETE', '不予公开的部分填写不完整，请按提示补充。', errors);
}

/**
 * The editor of the withheld parts of a 部分公开 reply (条例第三十六条第（三）项、第三十七条): one fieldset
 * per part, added and removed by the handler; the API's errors (`withheld.1.reason` …) shown at their fields.
 */
export function WithheldEditor({
  parts,
  onChange,
  error,
}: {
  parts: readonly WithheldPart[];
  onChange: (parts: WithheldPart[]) => void;
  error: ApiError | null;
}) {
  const change = (index: number, patch: Partial<WithheldPart>) => onChange(parts.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  const listError = error?.errors.find((e) => e.field === 'withheld')?.message;
  return (
    <fieldset className="withheld-parts" data-testid="withheld-editor">
      <legend>不予公开的部分</legend>
      <p className="hint">逐项列明不予公开的内容、依据（条例第十四条至第十六条）和理由；答复书逐项载明。</p>
      {listError ? (
        <p className="field-error" role="alert">
          {listError}
        </p>
      ) : null}
      {parts.map((part, i) => (
        <fieldset key={i} className="card withheld-part" aria-label={`第 ${i + 1} 项`}>
          <legend>第 {i + 1} 项</legend>
          <Field label="不予公开的内容" name={`withheld-${i}-item`} apiField={`withheld.${i}.item`} error={error} required>
            {(p) => <input {...p} value={part.item} onChange={(e) => change(i, { item: e.target.value })} />}
          </Field>
          <SelectField
            label="不予公开的依据"
            name={`withheld-${i}-ground`}
            apiField={`withheld.${i}.ground`}
            error={error}
            required
            options={WITHHOLD_GROUND_OPTIONS}
            value={part.ground}
            onChange={(ground) => change(i, { ground })}
          />
          <Field label="不予公开的理由" name={`withheld-${i}-reason`} apiField={`withheld.${i}.reason`} error={error} required>
            {(p) => <textarea {...p} rows={2} value={part.reason} onChange={(e) => change(i, { reason: e.target.value })} />}
          </Field>
          <button type="button" className="secondary" onClick={() => onChange(parts.filter((_, n) => n !== i))}>
            删除第 {i + 1} 项
          </button>
        </fieldset>
      ))}
      <button type="button" className="secondary" onClick={() => onChange([...parts, emptyPart()])}>
        增加一项不予公开的内容
      </button>
    </fieldset>
  );
}

/** The withheld parts of a drafted or issued 部分公开 reply, as the letter prints them. */
export function WithheldList({ parts, testId }: { parts: readonly WithheldItemView[]; testId?: string }) {
  if (parts.length === 0) return null;
  return (
    <div data-testid={testId}>
      <h3 className="step-heading">不予公开的部分</h3>
      <ol className="withheld-list">
        {parts.map((w, i) => (
          <li key={i}>
            <strong>{w.item}</strong>：{w.reason}（{REPLY_CATEGORY_LABELS[w.ground] ?? w.ground}）
          </li>
        ))}
      </ol>
    </div>
  );
}

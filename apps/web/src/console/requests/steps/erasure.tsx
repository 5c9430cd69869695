import { ApiError } from '../../../api';
import { ActionForm, Field, Notice, useForm } from '../../../ui';
import { actionPath, type Case, type StepProps } from './common';

// ── 删除申请人个人信息（个人信息保护法第四十七条） ─────────────────────────────

const REASON_LABELS: Record<string, string> = {
  request_by_person: '本人申请删除',
  court_order: '法院裁判要求',
  retention: '保存期限届满',
};

/** The case after erasure: the facts stay, the applicant reads 已删除. */
export function ErasureNotice({ v }: { v: Case }) {
  const erased = v.personalDataErased;
  if (!erased) return null;
  return (
    <Notice>
      申请人个人信息已于 {erased.erasedOn} 删除（{REASON_LABELS[erased.reason] ?? erased.reason}
      ）。办理过程、日期、答复类型和法律依据仍保留，年度报告统计不受影响。
    </Notice>
  );
}

/**
 * The office head erases the applicant's personal data, on the person's request or by court order,
 * with the reason recorded. The key of the applicant is deleted: the erasure covers every request of
 * the same applicant and cannot be undone, so it asks for an explicit confirmation first.
 */
export function ErasureForm({ v, reload }: StepProps) {
  const erase = useForm(`request.erasure.${v.requestId}`, { reason: 'request_by_person', note: '', confirmed: false }, { onDone: reload });
  const { values: form, update, clear } = erase;
  return (
    <ActionForm
      action={erase}
      failure="未删除"
      submitLabel="确认删除申请人个人信息"
      onSubmit={() => {
        if (!form.confirmed) {
          erase.setError(new ApiError(422, 'NOT_CONFIRMED', '请先勾选确认：删除后无法恢复。'));
          return;
        }
        void erase.run(
          actionPath(v, 'erase-personal-data'),
          'POST',
          { reason: form.reason, note: form.note },
          '已删除申请人个人信息。',
          clear,
        );
      }}
    >
      <p className="muted">
        删除后，申请人的姓名、联系方式、通信地址和证件信息在所有记录中均无法恢复（包括该申请人的其他申请）；办理过程、日期、答复类型和法律依据保留，年度报告统计不受影响。
      </p>
      <Field label="删除理由" name="reason" error={erase.error} required>
        {(p) => (
          <select {...p} value={form.reason} onChange={(e) => update({ reason: e.target.value })}>
            <option value="request_by_person">本人申请删除</option>
            <option value="court_order">法院裁判要求</option>
          </select>
        )}
      </Field>
      <Field label="说明（申请或裁判文书的日期、文号）" name="note" error={erase.error} required>
        {(p) => <textarea {...p} rows={2} value={form.note} onChange={(e) => update({ note: e.target.value })} />}
      </Field>
      <label className="choice">
        <input type="checkbox" name="confirmed" checked={form.confirmed} onChange={(e) => update({ confirmed: e.target.checked })} />{' '}
        我已核实删除理由，确认删除（删除后无法恢复）
      </label>
    </ActionForm>
  );
}

import { ActionForm, CASE_CONFLICT, Field, onField, shanghaiToday, useForm } from '../../../ui';
import { actionPath, type Case, dateInput, Fact, Facts, numberInput, numberOrBlank, type StepProps } from './common';

// ── 延长答复期限（条例第三十三条） ─────────────────────────────────────────────

export function ExtensionForm({ v, reload }: StepProps) {
  const extend = useForm(
    `request.extension.${v.requestId}`,
    {
      workingDays: '',
      reason: '',
      noticeSentOn: shanghaiToday(),
    },
    {
      onDone: reload,
      toForm: onField({ EXTENSION_TOO_LONG: 'workingDays', INVALID_NOTICE_DATE: 'noticeSentOn' }),
      revision: v.revision,
      conflict: CASE_CONFLICT,
    },
  );
  const { values: form, update, clear } = extend;
  return (
    <ActionForm
      action={extend}
      failure="未延长，您填写的内容已保留"
      submitLabel="同意延长"
      onSubmit={() =>
        void extend.run(
          actionPath(v, 'extension'),
          'POST',
          { workingDays: numberOrBlank(form.workingDays), reason: form.reason, noticeSentOn: form.noticeSentOn },
          '已延长答复期限。',
          clear,
        )
      }
    >
      <p className="muted">需要延长答复期限的，应经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过 20 个工作日。</p>
      <div className="row">
        <Field label="延长工作日数" name="workingDays" error={extend.error} required>
          {(p) => numberInput(p, form.workingDays, (workingDays) => update({ workingDays }), 1, 20)}
        </Field>
        <Field label="告知申请人日期" name="noticeSentOn" error={extend.error} required>
          {(p) => dateInput(p, form.noticeSentOn, (noticeSentOn) => update({ noticeSentOn }))}
        </Field>
      </div>
      <Field label="延期理由" name="reason" error={extend.error} required>
        {(p) => <textarea {...p} rows={2} value={form.reason} onChange={(e) => update({ reason: e.target.value })} />}
      </Field>
    </ActionForm>
  );
}

export function ExtensionSection({ v }: { v: Case }) {
  const x = v.extension;
  if (!x) return null;
  return (
    <section aria-labelledby="extension-heading" className="card">
      <h2 id="extension-heading">延长答复期限</h2>
      <Facts testId="extension-facts">
        <Fact term="延长">
          {x.workingDays} 个工作日，{x.newDueOn} 前答复
        </Fact>
        <Fact term="理由">{x.reason}</Fact>
        <Fact term="批准人 / 告知申请人">
          {x.approvedBy} / {x.noticeSentOn}
        </Fact>
      </Facts>
    </section>
  );
}

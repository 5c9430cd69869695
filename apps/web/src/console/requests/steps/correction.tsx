import { ApiError } from '../../../api';
import { ActionForm, CASE_CONFLICT, Field, onField, shanghaiToday, useForm } from '../../../ui';
import { actionPath, dateInput, Fact, Facts, numberInput, numberOrBlank, optionalText, type StepProps } from './common';

// ── 补正（条例第三十条） ────────────────────────────────────────────────────────

/** The items are one textarea, a line each: the API's `items.2` errors are shown on it as 第 3 行. */
const itemsAsOneField = (error: ApiError) =>
  new ApiError(
    error.status,
    error.code,
    error.detail,
    error.errors.map((e) => {
      const line = /^items\.(\d+)$/.exec(e.field);
      return line ? { ...e, field: 'items', message: `第 ${Number(line[1]) + 1} 行：${e.message}` } : e;
    }),
    error.extensions,
  );

export function CorrectionNoticeForm({ v, reload }: StepProps) {
  const notify = useForm(
    `request.correction.${v.requestId}`,
    { items: '', periodWorkingDays: '10' },
    { onDone: reload, toForm: itemsAsOneField, revision: v.revision, conflict: CASE_CONFLICT },
  );
  const { values: form, update, clear } = notify;
  const items = form.items
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (
    <ActionForm
      action={notify}
      failure="未发出补正通知，您填写的内容已保留"
      submitLabel="发出补正通知"
      onSubmit={() =>
        void notify.run(
          actionPath(v, 'correction-notice'),
          'POST',
          { items, periodWorkingDays: numberOrBlank(form.periodWorkingDays) },
          '已发出补正通知，答复期限自收到补正之日起重新计算。',
          clear,
        )
      }
    >
      <p className="muted">申请内容不明确的，应自收到申请之日起 7 个工作日内一次性告知需要补正的事项。</p>
      <Field label="需补正的事项" name="items" error={notify.error} required hint="每行一项">
        {(p) => <textarea {...p} rows={3} value={form.items} onChange={(e) => update({ items: e.target.value })} />}
      </Field>
      <Field label="补正期限（工作日）" name="periodWorkingDays" error={notify.error} required>
        {(p) => numberInput(p, form.periodWorkingDays, (periodWorkingDays) => update({ periodWorkingDays }), 1, 30)}
      </Field>
    </ActionForm>
  );
}

export function CorrectionSection({ v, reload, handles }: StepProps & { handles: boolean }) {
  const c = v.correction;
  const receive = useForm(
    `request.correction-received.${v.requestId}`,
    {
      receivedOn: shanghaiToday(),
      note: '',
      lateReason: '',
    },
    {
      onDone: reload,
      toForm: onField({
        DATE_IN_FUTURE: 'receivedOn',
        DATE_BEFORE_NOTICE: 'receivedOn',
        CORRECTION_OVERDUE: 'lateReason',
        LATE_CORRECTION_NEEDS_OFFICE_HEAD: 'lateReason',
      }),
      revision: v.revision,
      conflict: CASE_CONFLICT,
    },
  );
  const { values: received, update: updateReceived, clear: clearReceived } = receive;
  const abandon = useForm(null, {}, { onDone: reload, revision: v.revision, conflict: CASE_CONFLICT });
  if (!c) return null;
  const awaiting = v.status === 'awaiting_correction';
  // The server says when the period has run out (the case's `stepsDue`), not the browser's clock.
  const expired = v.stepsDue.includes('correction_lapsed');
  // A correction received after its period: accepted only by the office head, with the good reason recorded (Art. 30).
  const late = received.receivedOn > c.correctionDueOn;
  return (
    <section aria-labelledby="correction-heading" className="card">
      <h2 id="correction-heading">补正</h2>
      <Facts testId="correction-facts">
        <Fact term="补正通知">
          {c.noticeOn} 通知，补正期限至 {c.correctionDueOn}
        </Fact>
        <Fact term="需补正的事项">
          <ol className="facts">
            {c.items.map((item, n) => (
              <li key={n}>{item}</li>
            ))}
          </ol>
        </Fact>
        <Fact term="收到补正">
          {c.receivedOn ? `${c.receivedOn}（答复期限自该日起重新计算）` : '尚未收到（收到补正之日起重新计算答复期限）'}
        </Fact>
        {c.lateAccepted ? (
          <Fact term="逾期补正" testId="late-correction">
            经 {c.lateAccepted.by} 同意受理：{c.lateAccepted.reason}
          </Fact>
        ) : null}
      </Facts>
      {handles && awaiting ? (
        <>
          <h3 className="step-heading">登记收到补正</h3>
          <ActionForm
            action={receive}
            failure="未登记，您填写的内容已保留"
            submitLabel="登记收到补正"
            onSubmit={() =>
              void receive.run(
                actionPath(v, 'correction-received'),
                'POST',
                {
                  receivedOn: received.receivedOn,
                  note: optionalText(received.note),
                  lateReason: late ? optionalText(received.lateReason) : undefined,
                },
                '已登记收到补正，答复期限自收到之日起重新计算。',
                clearReceived,
              )
            }
          >
            <div className="row">
              <Field label="收到补正日期" name="receivedOn" error={receive.error} required>
                {(p) => dateInput(p, received.receivedOn, (receivedOn) => updateReceived({ receivedOn }))}
              </Field>
              <Field label="补正情况说明" name="note" error={receive.error}>
                {(p) => <input {...p} value={received.note} onChange={(e) => updateReceived({ note: e.target.value })} />}
              </Field>
            </div>
            {late ? (
              <Field
                label="逾期补正的正当理由"
                name="lateReason"
                error={receive.error}
                required
                hint={`补正期限已于 ${c.correctionDueOn} 届满：有正当理由的，须由政府信息公开工作机构负责人同意受理并填写理由（条例第三十条）`}
              >
                {(p) => (
                  <textarea {...p} rows={2} value={received.lateReason} onChange={(e) => updateReceived({ lateReason: e.target.value })} />
                )}
              </Field>
            ) : null}
          </ActionForm>
          {expired ? (
            <>
              <h3 className="step-heading">逾期不补正</h3>
              <ActionForm
                action={abandon}
                failure="未终止"
                submitLabel="终止办理（逾期不补正）"
                onSubmit={() =>
                  void abandon.run(actionPath(v, 'abandon-no-correction'), 'POST', {}, '已终止办理：申请人逾期不补正，视为放弃申请。')
                }
              >
                <p className="muted">补正期限已于 {c.correctionDueOn} 届满。申请人无正当理由逾期不补正的，视为放弃申请，本机关不再处理。</p>
              </ActionForm>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

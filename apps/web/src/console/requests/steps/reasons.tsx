import type { Session } from '../../../api';
import { ActionForm, CASE_CONFLICT, Field, onField, REASONS_OUTCOME_LABELS, SelectField, shanghaiToday, useForm } from '../../../ui';
import { actionPath, dateInput, Fact, Facts, numberInput, numberOrBlank, optionalText, type StepProps } from './common';

// ── 条例第三十五条：要求说明理由；理由合理的，确定延迟答复的合理期限 ─────────────────

/** Asks the applicant to state reasons before its requests can be treated as 大量、频繁 (Art. 35). */
export function ReasonsRequestForm({ v, reload }: StepProps) {
  const ask = useForm(
    `request.reasons.${v.requestId}`,
    { periodWorkingDays: '10' },
    { onDone: reload, revision: v.revision, conflict: CASE_CONFLICT },
  );
  const { values: form, update, clear } = ask;
  return (
    <ActionForm
      action={ask}
      failure="未发出，您填写的内容已保留"
      submitLabel="要求申请人说明理由"
      onSubmit={() =>
        void ask.run(
          actionPath(v, 'reasons-request'),
          'POST',
          { periodWorkingDays: numberOrBlank(form.periodWorkingDays) },
          '已要求申请人说明理由。',
          clear,
        )
      }
    >
      <p className="muted">
        申请人申请公开政府信息的数量、频次明显超过合理范围的，可以要求其说明理由；未经此步骤，不能按“无正当理由大量反复申请”答复。
      </p>
      <Field label="说明理由期限（工作日）" name="periodWorkingDays" error={ask.error} required>
        {(p) => numberInput(p, form.periodWorkingDays, (periodWorkingDays) => update({ periodWorkingDays }), 1, 20)}
      </Field>
    </ActionForm>
  );
}

function ReasonsAnswerForm({ v, reload, periodOver }: StepProps & { periodOver: boolean }) {
  const record = useForm(
    `request.reasons-answer.${v.requestId}`,
    { outcome: '', note: '' },
    { onDone: reload, toForm: onField({ REASONS_PERIOD_RUNNING: 'outcome' }), revision: v.revision, conflict: CASE_CONFLICT },
  );
  const { values: form, update, clear } = record;
  // 逾期未说明 only once the server says the period has run out (the case's stepsDue).
  const options = Object.entries(REASONS_OUTCOME_LABELS).filter(([code]) => code !== 'no_answer' || periodOver);
  return (
    <ActionForm
      action={record}
      failure="未登记，您填写的内容已保留"
      submitLabel="登记说明理由的结果"
      onSubmit={() =>
        void record.run(
          actionPath(v, 'reasons-answer'),
          'POST',
          { outcome: form.outcome || undefined, note: optionalText(form.note) },
          '已登记申请人说明理由的结果。',
          clear,
        )
      }
    >
      <SelectField
        label="结果"
        name="outcome"
        error={record.error}
        required
        placeholder="请选择"
        options={options}
        value={form.outcome}
        onChange={(outcome) => update({ outcome })}
      />
      <Field label="说明" name="note" error={record.error} hint="选填：申请人说明的理由、审查意见">
        {(p) => <textarea {...p} rows={3} value={form.note} onChange={(e) => update({ note: e.target.value })} />}
      </Field>
    </ActionForm>
  );
}

function DeferReplyForm({ v, reload }: StepProps) {
  const defer = useForm(
    `request.defer.${v.requestId}`,
    { replyByOn: '', reason: '', noticeSentOn: shanghaiToday() },
    {
      onDone: reload,
      toForm: onField({ DEFERRAL_NOT_LATER: 'replyByOn', INVALID_NOTICE_DATE: 'noticeSentOn' }),
      revision: v.revision,
      conflict: CASE_CONFLICT,
    },
  );
  const { values: form, update, clear } = defer;
  return (
    <ActionForm
      action={defer}
      failure="未确定延迟答复期限，您填写的内容已保留"
      submitLabel="确定延迟答复期限"
      onSubmit={() =>
        void defer.run(
          actionPath(v, 'defer-reply'),
          'POST',
          { replyByOn: form.replyByOn, reason: form.reason, noticeSentOn: form.noticeSentOn },
          '已确定延迟答复的期限并告知申请人。',
          clear,
        )
      }
    >
      <p className="muted">申请理由合理，但无法在规定期限内答复的，可以确定延迟答复的合理期限并告知申请人（条例第三十五条）。</p>
      <div className="row">
        <Field
          label="延迟答复期限"
          name="replyByOn"
          error={defer.error}
          required
          hint={v.clock?.dueOn ? `须晚于现有答复期限 ${v.clock.dueOn}` : undefined}
        >
          {(p) => dateInput(p, form.replyByOn, (replyByOn) => update({ replyByOn }))}
        </Field>
        <Field label="告知申请人日期" name="noticeSentOn" error={defer.error} required>
          {(p) => dateInput(p, form.noticeSentOn, (noticeSentOn) => update({ noticeSentOn }))}
        </Field>
      </div>
      <Field label="延迟答复理由" name="reason" error={defer.error} required>
        {(p) => <textarea {...p} rows={3} value={form.reason} onChange={(e) => update({ reason: e.target.value })} />}
      </Field>
    </ActionForm>
  );
}

/** The Art. 35 facts (the request for reasons, the answer, the later reply date) and the next step of the branch. */
export function ReasonsSection({ v, reload, handles, role }: StepProps & { handles: boolean; role: Session['role'] }) {
  const reasons = v.reasons;
  if (!reasons) return null;
  const open = !v.closedOn;
  return (
    <section aria-labelledby="reasons-heading" className="card">
      <h2 id="reasons-heading">说明理由（条例第三十五条）</h2>
      <Facts testId="reasons-facts">
        <Fact term="要求说明理由">
          {reasons.noticeOn} 通知，期限至 {reasons.answerDueOn}
        </Fact>
        <Fact term="结果" testId="reasons-outcome">
          {reasons.outcome ? `${REASONS_OUTCOME_LABELS[reasons.outcome] ?? reasons.outcome}（${reasons.answeredOn ?? ''}）` : '尚未登记'}
        </Fact>
        {v.deferral ? (
          <Fact term="延迟答复" testId="deferral">
            {v.deferral.replyByOn} 前答复（{v.deferral.noticeSentOn} 告知申请人）：{v.deferral.reason}
          </Fact>
        ) : null}
      </Facts>
      {handles && open && !reasons.outcome ? (
        <>
          <h3 className="step-heading">登记说明理由的结果</h3>
          <ReasonsAnswerForm v={v} reload={reload} periodOver={v.stepsDue.includes('reasons_period_over')} />
        </>
      ) : null}
      {open && reasons.outcome === 'accepted' && !v.deferral && role === 'office_head' ? (
        <>
          <h3 className="step-heading">确定延迟答复的合理期限</h3>
          <DeferReplyForm v={v} reload={reload} />
        </>
      ) : null}
    </section>
  );
}

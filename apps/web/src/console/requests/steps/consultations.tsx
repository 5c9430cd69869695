import {
  ActionForm,
  CASE_CONFLICT,
  CONSULTATION_ANSWER_LABELS,
  Field,
  onField,
  REQUEST_CONSULTATION_KIND_LABELS,
  SelectField,
  shanghaiToday,
  useForm,
} from '../../../ui';
import { actionPath, type Case, dateInput, keptId, type StepProps } from './common';

// ── 征求意见（条例第三十二条、第三十四条） ─────────────────────────────────────

const KIND_OPTIONS = Object.entries(REQUEST_CONSULTATION_KIND_LABELS);

export function ConsultationStartForm({ v, reload }: StepProps) {
  const start = useForm(
    `request.consultation.${v.requestId}`,
    {
      consultationId: '',
      kind: 'third_party',
      party: '',
      subject: '',
    },
    { onDone: reload, revision: v.revision, conflict: CASE_CONFLICT },
  );
  const { values: form, update, clear } = start;
  return (
    <ActionForm
      action={start}
      failure="未发起征求意见，您填写的内容已保留"
      submitLabel="开始征求意见"
      onSubmit={() => {
        const consultationId = keptId(form.consultationId, 'C', (id) => update({ consultationId: id }));
        void start.run(
          actionPath(v, 'consultations'),
          'POST',
          { consultationId, kind: form.kind, party: form.party, subject: form.subject },
          '已开始征求意见，征求意见所需时间不计算在答复期限内。',
          clear,
        );
      }}
    >
      <SelectField
        label="被征求意见方类别"
        name="kind"
        error={start.error}
        required
        options={KIND_OPTIONS}
        value={form.kind}
        onChange={(kind) => update({ kind })}
      />
      <Field label="被征求意见方" name="party" error={start.error} required hint="第三方的姓名或名称，或机关名称">
        {(p) => <input {...p} value={form.party} onChange={(e) => update({ party: e.target.value })} />}
      </Field>
      <Field label="征求意见事项" name="subject" error={start.error} required>
        {(p) => <textarea {...p} rows={2} value={form.subject} onChange={(e) => update({ subject: e.target.value })} />}
      </Field>
    </ActionForm>
  );
}

function ConsultationEndForm({ v, reload, open }: StepProps & { open: Case['consultations'] }) {
  const end = useForm(
    `request.consultation-end.${v.requestId}`,
    {
      consultationId: '',
      answer: '',
      outcome: '',
      endedOn: shanghaiToday(),
    },
    {
      onDone: reload,
      toForm: onField({
        DATE_IN_FUTURE: 'endedOn',
        DATE_BEFORE_START: 'endedOn',
        LETTER_RECEIPT_UNKNOWN: 'answer',
        ANSWER_PERIOD_RUNNING: 'answer',
      }),
      revision: v.revision,
      conflict: CASE_CONFLICT,
    },
  );
  const { values: form, update, clear } = end;
  const chosen = open.some((c) => c.consultationId === form.consultationId) ? form.consultationId : open[0].consultationId;
  return (
    <ActionForm
      action={end}
      failure="未结束征求意见，您填写的内容已保留"
      submitLabel="结束征求意见"
      onSubmit={() =>
        void end.run(
          actionPath(v, 'consultation-end'),
          'POST',
          { consultationId: chosen, answer: form.answer || undefined, outcome: form.outcome, endedOn: form.endedOn || undefined },
          '已结束征求意见，答复期限恢复计算。',
          clear,
        )
      }
    >
      {open.length > 1 ? (
        <SelectField
          label="征求意见"
          name="consultationId"
          error={end.error}
          required
          options={open.map(
            (c) => [c.consultationId, `${REQUEST_CONSULTATION_KIND_LABELS[c.kind] ?? c.kind}：${c.party}（${c.startedOn} 开始）`] as const,
          )}
          value={chosen}
          onChange={(consultationId) => update({ consultationId })}
        />
      ) : null}
      <SelectField
        label="对方意见"
        name="answer"
        error={end.error}
        placeholder="请选择"
        options={Object.entries(CONSULTATION_ANSWER_LABELS).map(([code, label]) => [code, label] as const)}
        value={form.answer}
        onChange={(answer) => update({ answer })}
      />
      <Field label="征求意见结果" name="outcome" error={end.error} required hint="对方意见的要点；逾期未提出意见的，须在答复期限届满后结束">
        {(p) => <textarea {...p} rows={2} value={form.outcome} onChange={(e) => update({ outcome: e.target.value })} />}
      </Field>
      <Field label="结束日期" name="endedOn" error={end.error} required>
        {(p) => dateInput(p, form.endedOn, (endedOn) => update({ endedOn }))}
      </Field>
    </ActionForm>
  );
}

/** Art. 32, 34: the addressee's 15 working days run from its receipt of the letter, recorded when known. */
function LetterReceiptForm({ v, reload, consultationId }: StepProps & { consultationId: string }) {
  const record = useForm(
    `request.letter-receipt.${v.requestId}.${consultationId}`,
    { receivedOn: shanghaiToday() },
    {
      onDone: reload,
      toForm: onField({ DATE_IN_FUTURE: 'receivedOn', DATE_BEFORE_START: 'receivedOn' }),
      revision: v.revision,
      conflict: CASE_CONFLICT,
    },
  );
  const { values: form, update, clear } = record;
  return (
    <ActionForm
      action={record}
      failure="未登记，您填写的内容已保留"
      submitLabel="登记收到征询函日期"
      onSubmit={() =>
        void record.run(
          actionPath(v, 'consultation-letter-received'),
          'POST',
          { consultationId, receivedOn: form.receivedOn },
          '已登记，答复期限自对方收到征询函之日起计算。',
          clear,
        )
      }
    >
      <Field label="对方收到征询函日期" name="receivedOn" error={record.error} required hint="以邮件签收、送达回证等为准">
        {(p) => dateInput(p, form.receivedOn, (receivedOn) => update({ receivedOn }))}
      </Field>
    </ActionForm>
  );
}

/** Art. 32: a third party objected and the unit still decides to disclose: the written notice, before disclosing. */
function ThirdPartyNoticeForm({ v, reload, consultationId }: StepProps & { consultationId: string }) {
  const notify = useForm(
    `request.third-party-notice.${v.requestId}.${consultationId}`,
    { reason: '' },
    { onDone: reload, revision: v.revision, conflict: CASE_CONFLICT },
  );
  const { values: form, update, clear } = notify;
  return (
    <ActionForm
      action={notify}
      failure="未登记，您填写的内容已保留"
      submitLabel="书面告知第三方"
      onSubmit={() =>
        void notify.run(
          actionPath(v, 'third-party-notice'),
          'POST',
          { consultationId, reason: form.reason },
          '已书面告知第三方决定公开的内容和理由。',
          clear,
        )
      }
    >
      <Field
        label="决定公开的内容和理由"
        name="reason"
        error={notify.error}
        required
        hint="第三方不同意公开，但不公开可能对公共利益造成重大影响的，决定予以公开前须书面告知第三方（条例第三十二条）"
      >
        {(p) => <textarea {...p} rows={3} value={form.reason} onChange={(e) => update({ reason: e.target.value })} />}
      </Field>
    </ActionForm>
  );
}

export function ConsultationsSection({ v, reload, handles }: StepProps & { handles: boolean }) {
  if (v.consultations.length === 0) return null;
  const open = v.consultations.filter((c) => !c.endedOn);
  return (
    <section aria-labelledby="consultations-heading" className="card">
      <h2 id="consultations-heading">征求意见（{open.length ? `进行中 ${open.length} 项` : '已结束'}）</h2>
      <ul className="facts-list" data-testid="consultations">
        {v.consultations.map((c) => (
          <li key={c.consultationId}>
            <strong>
              {REQUEST_CONSULTATION_KIND_LABELS[c.kind] ?? c.kind}：{c.party}
            </strong>{' '}
            <span className={`badge ${c.endedOn ? '' : 'badge-warn'}`}>{c.endedOn ? `${c.endedOn} 结束` : '进行中'}</span>
            <p className="meta">
              {c.consultationId} · {c.startedOn} 发函
              {c.letterReceivedOn
                ? ` · 对方 ${c.letterReceivedOn} 收到 · 答复期限 ${c.answerDueOn}`
                : c.answerDueOn
                  ? ` · 答复期限 ${c.answerDueOn}（按发函当日收到计，法定期限自收到之日起算）`
                  : ''}{' '}
              · 事项：{c.subject}
            </p>
            {c.outcome ? (
              <p className="meta">
                结果：{c.answer ? `${CONSULTATION_ANSWER_LABELS[c.answer] ?? c.answer}；` : ''}
                {c.outcome}
              </p>
            ) : null}
            {c.disclosureNotice ? (
              <p className="meta" data-testid="third-party-notice">
                {c.disclosureNotice.noticeOn} 已书面告知第三方决定公开：{c.disclosureNotice.reason}
              </p>
            ) : null}
            {handles && !c.endedOn && !c.letterReceivedOn && c.kind !== 'agency' ? (
              <LetterReceiptForm v={v} reload={reload} consultationId={c.consultationId} />
            ) : null}
            {handles && !v.closedOn && c.endedOn && c.kind === 'third_party' && c.answer === 'objected' && !c.disclosureNotice ? (
              <ThirdPartyNoticeForm v={v} reload={reload} consultationId={c.consultationId} />
            ) : null}
          </li>
        ))}
      </ul>
      {handles && open.length && !v.closedOn ? (
        <>
          <h3 className="step-heading">结束征求意见</h3>
          <ConsultationEndForm v={v} reload={reload} open={open} />
        </>
      ) : null}
    </section>
  );
}

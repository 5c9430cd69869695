/**
 * The handling steps of a disclosure request (依申请公开) on the staff case page: each step's form
 * (`POST /api/requests/:requestId/<action>`), offered only in the statuses and to the roles the
 * decider accepts it from (libs/requests/src/domain/request.decide.ts), next to the facts it creates.
 */
import { useState, type ReactNode } from 'react';
import { ApiError, download, type Session } from './api';
import {
  CONSULTATION_ANSWER_LABELS,
  DELIVERY_METHODS,
  FEE_METHOD_LABELS,
  REPLY_CATEGORY_LABELS,
  REPLY_CATEGORY_OPTIONS,
  REQUEST_CONSULTATION_KIND_LABELS,
} from './labels';
import type { RequestDetail, Unit } from './types';
import { ActionForm, ErrorNotice, Field, Notice, SelectField, asError, onField, shanghaiToday, unitName, useAction, useDraft } from './ui';

type Case = RequestDetail;
interface StepProps {
  v: Case;
  reload: (result?: unknown) => unknown;
}

/** Roles that handle requests; the reply is reviewed by a reviewer or the office head, the extension needs the office head (条例第三十三条). */
const HANDLERS = ['clerk', 'office_head', 'district_office', 'admin'];
const REVIEWERS = ['reviewer', 'office_head'];

const actionPath = (v: Case, action: string) => `/api/requests/${encodeURIComponent(v.requestId)}/${action}`;
/** A number field's value for the API: blank is left out (the API says it is required), anything else sent as typed. */
const numberOrBlank = (value: string) => (value.trim() === '' ? undefined : Number(value));
const optionalText = (value: string) => value.trim() || undefined;
/**
 * The id of a new consultation or task: made on the first submission and kept with the typing, so
 * sending again after an error cannot open a second one.
 */
const keptId = (current: string, prefix: string, keep: (id: string) => void) => {
  if (current) return current;
  const id = `${prefix}${Date.now().toString(36).toUpperCase()}`;
  keep(id);
  return id;
};
/** An optional step folded behind its name, so the page stays short; it stays mounted (typing and errors kept) while folded. */
function Step({ title, initiallyOpen = false, children }: { title: string; initiallyOpen?: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details className="step" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{title}</summary>
      {children}
    </details>
  );
}

function Facts({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <dl className="kv-list" data-testid={testId}>
      {children}
    </dl>
  );
}

function Fact({ term, children, testId }: { term: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

// ── 分办与移交 ────────────────────────────────────────────────────────────────

function AssignForm({ v, reload, session }: StepProps & { session: Session }) {
  const [form, update, clear] = useDraft(`request.assign.${v.requestId}`, {
    handlerId: session.userId,
    handlerName: session.name === session.userId ? '' : session.name,
  });
  const assign = useAction(reload);
  return (
    <ActionForm
      action={assign}
      failure="未分配，您填写的内容已保留"
      submitLabel="分配"
      onSubmit={() =>
        void assign.run(
          actionPath(v, 'assign'),
          'POST',
          { handlerId: form.handlerId, handlerName: optionalText(form.handlerName) },
          `已分配承办人：${form.handlerName.trim() || form.handlerId.trim()}。`,
          clear,
        )
      }
    >
      <div className="row">
        <Field label="承办人工号" name="handlerId" error={assign.error} required>
          {(p) => <input {...p} value={form.handlerId} onChange={(e) => update({ handlerId: e.target.value })} autoComplete="off" />}
        </Field>
        <Field label="承办人姓名" name="handlerName" error={assign.error}>
          {(p) => <input {...p} value={form.handlerName} onChange={(e) => update({ handlerName: e.target.value })} autoComplete="off" />}
        </Field>
      </div>
    </ActionForm>
  );
}

function TransferForm({
  v,
  reload,
  units,
  onTransferred,
}: StepProps & { units: Unit[] | null; onTransferred: (unitName: string) => void }) {
  const [form, update, clear] = useDraft(`request.transfer.${v.requestId}`, { toUnitId: '', reason: '' });
  const transfer = useAction(reload, onField({ TRANSFER_TO_SAME_UNIT: 'toUnitId' }));
  const to = unitName(units, form.toUnitId);
  return (
    <ActionForm
      action={transfer}
      failure="未移交，您填写的内容已保留"
      submitLabel="移交"
      onSubmit={() =>
        void transfer.run(actionPath(v, 'transfer'), 'POST', { toUnitId: form.toUnitId, reason: form.reason }, `已移交至${to}。`, () => {
          clear();
          onTransferred(to);
        })
      }
    >
      <SelectField
        label="移交至单位"
        name="toUnitId"
        error={transfer.error}
        required
        placeholder="请选择"
        options={(units ?? []).filter((u) => u.unitId !== v.unitId).map((u) => [u.unitId, u.name] as const)}
        value={form.toUnitId}
        onChange={(toUnitId) => update({ toUnitId })}
      />
      <Field label="移交理由" name="reason" error={transfer.error} required hint="移交后由接收单位办理，本单位不能再查看或办理此申请。">
        {(p) => <textarea {...p} rows={2} value={form.reason} onChange={(e) => update({ reason: e.target.value })} />}
      </Field>
    </ActionForm>
  );
}

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

function CorrectionNoticeForm({ v, reload }: StepProps) {
  const [form, update, clear] = useDraft(`request.correction.${v.requestId}`, { items: '', periodWorkingDays: '10' });
  const notify = useAction(reload, itemsAsOneField);
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
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="numeric"
            min={1}
            max={30}
            value={form.periodWorkingDays}
            onChange={(e) => update({ periodWorkingDays: e.target.value })}
          />
        )}
      </Field>
    </ActionForm>
  );
}

function CorrectionSection({ v, reload, handles }: StepProps & { handles: boolean }) {
  const c = v.correction;
  const [received, updateReceived, clearReceived] = useDraft(`request.correction-received.${v.requestId}`, {
    receivedOn: shanghaiToday(),
    note: '',
  });
  const receive = useAction(
    reload,
    onField({ DATE_IN_FUTURE: 'receivedOn', DATE_BEFORE_NOTICE: 'receivedOn', CORRECTION_OVERDUE: 'receivedOn' }),
  );
  const abandon = useAction(reload);
  if (!c) return null;
  const awaiting = v.status === 'awaiting_correction';
  const expired = shanghaiToday() > c.correctionDueOn;
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
                { receivedOn: received.receivedOn, note: optionalText(received.note) },
                '已登记收到补正，答复期限自收到之日起重新计算。',
                clearReceived,
              )
            }
          >
            <div className="row">
              <Field label="收到补正日期" name="receivedOn" error={receive.error} required>
                {(p) => (
                  <input {...p} type="date" value={received.receivedOn} onChange={(e) => updateReceived({ receivedOn: e.target.value })} />
                )}
              </Field>
              <Field label="补正情况说明" name="note" error={receive.error}>
                {(p) => <input {...p} value={received.note} onChange={(e) => updateReceived({ note: e.target.value })} />}
              </Field>
            </div>
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

// ── 征求意见（条例第三十二条、第三十四条） ─────────────────────────────────────

const KIND_OPTIONS = Object.entries(REQUEST_CONSULTATION_KIND_LABELS);

function ConsultationStartForm({ v, reload }: StepProps) {
  const [form, update, clear] = useDraft(`request.consultation.${v.requestId}`, {
    consultationId: '',
    kind: 'third_party',
    party: '',
    subject: '',
  });
  const start = useAction(reload);
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
  const [form, update, clear] = useDraft(`request.consultation-end.${v.requestId}`, {
    consultationId: '',
    answer: '',
    outcome: '',
    endedOn: shanghaiToday(),
  });
  const end = useAction(
    reload,
    onField({ DATE_IN_FUTURE: 'endedOn', DATE_BEFORE_START: 'endedOn', LETTER_RECEIPT_UNKNOWN: 'answer', ANSWER_PERIOD_RUNNING: 'answer' }),
  );
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
        {(p) => <input {...p} type="date" value={form.endedOn} onChange={(e) => update({ endedOn: e.target.value })} />}
      </Field>
    </ActionForm>
  );
}

/** Art. 32, 34: the addressee's 15 working days run from its receipt of the letter, recorded when known. */
function LetterReceiptForm({ v, reload, consultationId }: StepProps & { consultationId: string }) {
  const [form, update, clear] = useDraft(`request.letter-receipt.${v.requestId}.${consultationId}`, { receivedOn: shanghaiToday() });
  const record = useAction(reload, onField({ DATE_IN_FUTURE: 'receivedOn', DATE_BEFORE_START: 'receivedOn' }));
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
        {(p) => <input {...p} type="date" value={form.receivedOn} onChange={(e) => update({ receivedOn: e.target.value })} />}
      </Field>
    </ActionForm>
  );
}

function ConsultationsSection({ v, reload, handles }: StepProps & { handles: boolean }) {
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
            {handles && !c.endedOn && !c.letterReceivedOn && c.kind !== 'agency' ? (
              <LetterReceiptForm v={v} reload={reload} consultationId={c.consultationId} />
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

// ── 延长答复期限（条例第三十三条） ─────────────────────────────────────────────

function ExtensionForm({ v, reload }: StepProps) {
  const [form, update, clear] = useDraft(`request.extension.${v.requestId}`, {
    workingDays: '',
    reason: '',
    noticeSentOn: shanghaiToday(),
  });
  const extend = useAction(reload, onField({ EXTENSION_TOO_LONG: 'workingDays', INVALID_NOTICE_DATE: 'noticeSentOn' }));
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
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              min={1}
              max={20}
              value={form.workingDays}
              onChange={(e) => update({ workingDays: e.target.value })}
            />
          )}
        </Field>
        <Field label="告知申请人日期" name="noticeSentOn" error={extend.error} required>
          {(p) => <input {...p} type="date" value={form.noticeSentOn} onChange={(e) => update({ noticeSentOn: e.target.value })} />}
        </Field>
      </div>
      <Field label="延期理由" name="reason" error={extend.error} required>
        {(p) => <textarea {...p} rows={2} value={form.reason} onChange={(e) => update({ reason: e.target.value })} />}
      </Field>
    </ActionForm>
  );
}

function ExtensionSection({ v }: { v: Case }) {
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

// ── 信息处理费（国办函〔2020〕109号） ──────────────────────────────────────────

function FeeNoticeForm({ v, reload }: StepProps) {
  const [form, update, clear] = useDraft(`request.fee.${v.requestId}`, { method: '', pages: '' });
  const notify = useAction(reload, (e) =>
    onField({ FEE_NOT_DUE: form.method === 'per_page' ? 'pages' : 'method', FEE_ONLY_ONCE: 'method' })(e),
  );
  return (
    <ActionForm
      action={notify}
      failure="未发出收费通知，您填写的内容已保留"
      submitLabel="发出收费通知"
      onSubmit={() =>
        void notify.run(
          actionPath(v, 'fee-notice'),
          'POST',
          { method: form.method || undefined, pages: form.method === 'per_page' ? numberOrBlank(form.pages) : undefined },
          '已发出收费通知，金额已计算。',
          clear,
        )
      }
    >
      <SelectField
        label="计费方式"
        name="method"
        error={notify.error}
        required
        placeholder="请选择"
        hint="每件申请只能选择一种计费方式、发出一次收费通知；金额由系统按标准计算。"
        options={Object.entries(FEE_METHOD_LABELS)}
        value={form.method}
        onChange={(method) => update({ method })}
      />
      {form.method === 'per_page' ? (
        <Field label="页数" name="pages" error={notify.error} required>
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              min={1}
              value={form.pages}
              onChange={(e) => update({ pages: e.target.value })}
            />
          )}
        </Field>
      ) : null}
    </ActionForm>
  );
}

function FeeSection({ v, reload, handles }: StepProps & { handles: boolean }) {
  const fee = v.fee;
  const [receipt, updateReceipt, clearReceipt] = useDraft(`request.fee-received.${v.requestId}`, { receivedOn: shanghaiToday() });
  const [payment, updatePayment, clearPayment] = useDraft(`request.fee-paid.${v.requestId}`, { amountYuan: '' });
  const receive = useAction(reload, onField({ DATE_IN_FUTURE: 'receivedOn', DATE_BEFORE_NOTICE: 'receivedOn' }));
  const pay = useAction(reload, onField({ FEE_AMOUNT_MISMATCH: 'amountYuan' }));
  const abandon = useAction(reload);
  if (!fee) return null;
  const unpaid = !fee.paidOn && !v.closedOn;
  const expired = shanghaiToday() > fee.payByOn;
  return (
    <section aria-labelledby="fee-heading" className="card">
      <h2 id="fee-heading">信息处理费</h2>
      <Facts testId="fee-facts">
        <Fact term="计费方式">
          {FEE_METHOD_LABELS[fee.method] ?? fee.method}（
          {fee.method === 'per_page' ? `${fee.quantity} 页` : `本月第 ${fee.quantity} 件申请`}）
        </Fact>
        <Fact term="应缴金额" testId="fee-amount">
          {fee.amountYuan} 元
        </Fact>
        <Fact term="收费通知">
          {fee.noticeOn} 发出{fee.noticeReceivedOn ? `，申请人 ${fee.noticeReceivedOn} 收到` : '，申请人收到日期未登记'}
        </Fact>
        <Fact term="缴费期限" testId="fee-pay-by">
          {fee.payByOn}
          {fee.noticeReceivedOn ? '（自申请人收到收费通知之日起计算）' : '（暂自发出通知之日起计算，登记申请人收到日期后重新计算）'}
        </Fact>
        <Fact term="缴费" testId="fee-paid">
          {fee.paidOn ? `${fee.paidOn} 已缴纳` : '尚未缴纳'}
        </Fact>
      </Facts>
      {handles && unpaid ? (
        <>
          {!fee.noticeReceivedOn ? (
            <>
              <h3 className="step-heading">登记申请人收到收费通知的日期</h3>
              <ActionForm
                action={receive}
                failure="未登记，您填写的内容已保留"
                submitLabel="登记收到日期"
                onSubmit={() =>
                  void receive.run(
                    actionPath(v, 'fee-notice-received'),
                    'POST',
                    { receivedOn: receipt.receivedOn },
                    '已登记申请人收到收费通知的日期，缴费期限已重新计算。',
                    clearReceipt,
                  )
                }
              >
                <Field label="申请人收到收费通知日期" name="receivedOn" error={receive.error} required>
                  {(p) => (
                    <input {...p} type="date" value={receipt.receivedOn} onChange={(e) => updateReceipt({ receivedOn: e.target.value })} />
                  )}
                </Field>
              </ActionForm>
            </>
          ) : null}
          {expired ? (
            <>
              <h3 className="step-heading">逾期未缴费</h3>
              <ActionForm
                action={abandon}
                failure="未终止"
                submitLabel="终止办理（逾期未缴费）"
                onSubmit={() =>
                  void abandon.run(actionPath(v, 'abandon-unpaid'), 'POST', {}, '已终止办理：申请人逾期未缴纳信息处理费，视为放弃申请。')
                }
              >
                <p className="muted">
                  缴费期限已于 {fee.payByOn} 届满。申请人逾期未按收费通知要求缴纳费用的，视为放弃申请，本机关不再处理。
                </p>
              </ActionForm>
            </>
          ) : (
            <>
              <h3 className="step-heading">登记缴费</h3>
              <ActionForm
                action={pay}
                failure="未登记缴费，您填写的内容已保留"
                submitLabel="登记缴费"
                onSubmit={() =>
                  void pay.run(
                    actionPath(v, 'fee-paid'),
                    'POST',
                    { amountYuan: numberOrBlank(payment.amountYuan) },
                    '已登记缴费。',
                    clearPayment,
                  )
                }
              >
                <Field label="缴纳金额（元）" name="amountYuan" error={pay.error} required hint={`应缴 ${fee.amountYuan} 元`}>
                  {(p) => (
                    <input
                      {...p}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      value={payment.amountYuan}
                      onChange={(e) => updatePayment({ amountYuan: e.target.value })}
                    />
                  )}
                </Field>
              </ActionForm>
            </>
          )}
        </>
      ) : null}
    </section>
  );
}

// ── 答复：起草、审核、出具 ──────────────────────────────────────────────────────

function DraftReplyForm({ v, reload }: StepProps) {
  const [draft, update, clear] = useDraft(`reply.${v.requestId}`, { category: 'disclose', content: '' });
  const submit = useAction(reload);
  return (
    <ActionForm
      action={submit}
      failure="未提交，您填写的内容已保留"
      submitLabel="提交审核"
      onSubmit={() =>
        void submit.run(
          actionPath(v, 'draft-reply'),
          'POST',
          { category: draft.category, content: draft.content, withheld: [] },
          '答复已起草，等待审核。',
          clear,
        )
      }
    >
      <SelectField
        label="答复类型"
        name="category"
        error={submit.error}
        required
        options={REPLY_CATEGORY_OPTIONS.map((o) => [o.code, o.label] as const)}
        value={draft.category}
        onChange={(category) => update({ category })}
      />
      <Field label="答复内容" name="content" error={submit.error} required>
        {(p) => <textarea {...p} rows={6} value={draft.content} onChange={(e) => update({ content: e.target.value })} />}
      </Field>
    </ActionForm>
  );
}

function ReviewForm({ v, reload }: StepProps) {
  const [review, update, clear] = useDraft(`review.${v.requestId}`, { comment: '' });
  const decide = useAction(reload);
  const send = (approved: boolean) =>
    void decide.run(
      actionPath(v, 'review'),
      'POST',
      { approved, comment: optionalText(review.comment) },
      approved ? '审核通过。' : '已退回修改。',
      clear,
    );
  return (
    <form className="form" noValidate onSubmit={(e) => e.preventDefault()}>
      {v.draft ? <p className="prewrap">{v.draft.content}</p> : null}
      <Field label="审核意见" name="comment" error={decide.error}>
        {(p) => <textarea {...p} rows={3} value={review.comment} onChange={(e) => update({ comment: e.target.value })} />}
      </Field>
      {decide.feedback('审核未成功，您填写的内容已保留')}
      <div className="actions">
        <button type="button" className="primary" onClick={() => send(true)}>
          审核通过
        </button>
        <button type="button" onClick={() => send(false)}>
          退回修改
        </button>
      </div>
    </form>
  );
}

function ReplySection({ v, reload, role }: StepProps & { role: Session['role'] }) {
  const issue = useAction(reload);
  const handles = HANDLERS.includes(role);
  const openConsultation = v.consultations.some((c) => !c.endedOn);
  const unpaidFee = v.fee && !v.fee.paidOn;
  if (['registered', 'in_progress'].includes(v.status) && handles) {
    return (
      <section aria-labelledby="draft-heading" className="card">
        <h2 id="draft-heading">起草答复</h2>
        {openConsultation ? (
          <Notice>征求意见尚未结束，结束后方可起草答复。</Notice>
        ) : unpaidFee ? (
          <Notice>信息处理费缴纳后方可起草答复。</Notice>
        ) : (
          <DraftReplyForm v={v} reload={reload} />
        )}
      </section>
    );
  }
  if (v.status === 'under_review') {
    return REVIEWERS.includes(role) ? (
      <section aria-labelledby="review-heading" className="card">
        <h2 id="review-heading">审核答复</h2>
        <ReviewForm v={v} reload={reload} />
      </section>
    ) : (
      <Notice>答复已起草，等待审核人员或政府信息公开工作机构负责人审核。</Notice>
    );
  }
  if (v.status === 'approved' && handles) {
    return (
      <section aria-labelledby="issue-heading" className="card">
        <h2 id="issue-heading">出具答复</h2>
        <ActionForm
          action={issue}
          failure="未答复"
          submitLabel="出具答复"
          onSubmit={() => void issue.run(actionPath(v, 'reply'), 'POST', {}, '已答复申请人。')}
        >
          {v.draft ? <p className="prewrap">{v.draft.content}</p> : null}
        </ActionForm>
      </section>
    );
  }
  return null;
}

// ── 答复结果、送达与归档 ──────────────────────────────────────────────────────

function DeliveryForm({ v, reload }: StepProps) {
  const [form, update, clear] = useDraft(`request.delivery.${v.requestId}`, {
    method: DELIVERY_METHODS.includes(v.delivery) ? v.delivery : DELIVERY_METHODS[0],
    reference: '',
  });
  const deliver = useAction(reload);
  return (
    <ActionForm
      action={deliver}
      failure="未登记送达，您填写的内容已保留"
      submitLabel="登记送达"
      onSubmit={() =>
        void deliver.run(
          actionPath(v, 'delivery'),
          'POST',
          { method: form.method, reference: optionalText(form.reference) },
          '已登记送达。',
          clear,
        )
      }
    >
      <div className="row">
        <SelectField
          label="送达方式"
          name="method"
          error={deliver.error}
          required
          options={DELIVERY_METHODS}
          value={form.method}
          onChange={(method) => update({ method })}
        />
        <Field label="送达凭证" name="reference" error={deliver.error} hint="选填：如邮件号、签收人">
          {(p) => <input {...p} value={form.reference} onChange={(e) => update({ reference: e.target.value })} />}
        </Field>
      </div>
    </ActionForm>
  );
}

function ArchiveForm({ v, reload }: StepProps) {
  const [form, update, clear] = useDraft(`request.archive.${v.requestId}`, { archiveNo: '' });
  const archive = useAction(reload);
  return (
    <ActionForm
      action={archive}
      failure="未归档，您填写的内容已保留"
      submitLabel="归档"
      onSubmit={() => void archive.run(actionPath(v, 'archive'), 'POST', { archiveNo: form.archiveNo }, '已归档。', clear)}
    >
      <Field label="档案号" name="archiveNo" error={archive.error} required>
        {(p) => <input {...p} value={form.archiveNo} onChange={(e) => update({ archiveNo: e.target.value })} />}
      </Field>
    </ActionForm>
  );
}

function OutcomeSection({ v, reload, handles }: StepProps & { handles: boolean }) {
  if (!v.closedOn) return null;
  const delivered = v.deliveryRecord;
  const archived = v.archive;
  return (
    <section aria-labelledby="outcome-heading" className="card">
      <h2 id="outcome-heading">办理结果、送达与归档</h2>
      <Facts testId="outcome-facts">
        <Fact term={v.reply ? '答复' : '终止办理'}>
          {v.category ? (REPLY_CATEGORY_LABELS[v.category] ?? v.category) : ''}（{v.closedOn}）
          {v.reply ? `，用时 ${v.reply.workingDaysUsed} 个工作日，${v.reply.onTime ? '按期答复' : '逾期答复'}` : ''}
        </Fact>
        {v.reply ? (
          <Fact term="送达">
            {delivered
              ? `${delivered.deliveredOn} ${delivered.method}送达${delivered.reference ? `（${delivered.reference}）` : ''}`
              : '尚未登记送达'}
          </Fact>
        ) : null}
        <Fact term="归档" testId="archived">
          {archived ? `${archived.archivedOn} 已归档，档号 ${archived.archiveNo}` : '尚未归档'}
        </Fact>
      </Facts>
      {handles && v.status === 'replied' ? (
        <>
          <h3 className="step-heading">登记送达</h3>
          <DeliveryForm v={v} reload={reload} />
        </>
      ) : null}
      {handles && (v.status === 'delivered' || v.status === 'abandoned') ? (
        <>
          <h3 className="step-heading">归档</h3>
          <ArchiveForm v={v} reload={reload} />
        </>
      ) : null}
    </section>
  );
}

function InvestigationRequestForm({ v, reload, units }: StepProps & { units: Unit[] | null }) {
  const [form, update, clear] = useDraft(`request.investigation.${v.requestId}`, {
    taskId: '',
    assistingUnitId: '',
    question: '',
    internalWorkingDays: '5',
  });
  const ask = useAction(reload);
  return (
    <ActionForm
      action={ask}
      failure="未发出协助调查，您填写的内容已保留"
      submitLabel="请求协助调查"
      onSubmit={() => {
        const taskId = keptId(form.taskId, 'T', (id) => update({ taskId: id }));
        void ask.run(
          actionPath(v, 'investigations'),
          'POST',
          {
            taskId,
            assistingUnitId: form.assistingUnitId,
            question: form.question,
            internalWorkingDays: numberOrBlank(form.internalWorkingDays),
          },
          '已请求协助调查。',
          clear,
        );
      }}
    >
      <SelectField
        label="协助单位"
        name="assistingUnitId"
        error={ask.error}
        required
        placeholder="请选择"
        options={(units ?? []).filter((u) => u.unitId !== v.unitId).map((u) => [u.unitId, u.name] as const)}
        value={form.assistingUnitId}
        onChange={(assistingUnitId) => update({ assistingUnitId })}
      />
      <Field label="需协助查明的事项" name="question" error={ask.error} required>
        {(p) => <textarea {...p} rows={2} value={form.question} onChange={(e) => update({ question: e.target.value })} />}
      </Field>
      <Field label="内部办理时限（工作日）" name="internalWorkingDays" error={ask.error} required hint="本区内部时限，1至20个工作日">
        {(p) => (
          <input
            {...p}
            type="number"
            min={1}
            max={20}
            inputMode="numeric"
            value={form.internalWorkingDays}
            onChange={(e) => update({ internalWorkingDays: e.target.value })}
          />
        )}
      </Field>
    </ActionForm>
  );
}

function InvestigationAnswerForm({ v, reload, task }: StepProps & { task: Case['investigations'][number] }) {
  const [form, update, clear] = useDraft(`request.investigation-answer.${v.requestId}.${task.taskId}`, { answer: '' });
  const record = useAction(reload);
  return (
    <ActionForm
      action={record}
      failure="未登记协助答复，您填写的内容已保留"
      submitLabel="登记协助答复"
      onSubmit={() =>
        void record.run(
          actionPath(v, 'investigation-answer'),
          'POST',
          { taskId: task.taskId, answer: form.answer },
          '已登记协助单位的答复。',
          clear,
        )
      }
    >
      <Field label="协助单位的答复" name="answer" error={record.error} required>
        {(p) => <textarea {...p} rows={2} value={form.answer} onChange={(e) => update({ answer: e.target.value })} />}
      </Field>
    </ActionForm>
  );
}

function InvestigationsSection({ v, units, reload, handles }: StepProps & { units: Unit[] | null; handles: boolean }) {
  if (v.investigations.length === 0) return null;
  return (
    <section aria-labelledby="investigations-heading" className="card">
      <h2 id="investigations-heading">协助调查</h2>
      <ul className="facts-list" data-testid="investigations">
        {v.investigations.map((t) => (
          <li key={t.taskId}>
            <strong>{unitName(units, t.assistingUnitId)}</strong>：{t.question}
            <p className="meta">
              {t.requestedOn} 请求，内部期限 {t.internalDueOn} · {t.answeredOn ? `${t.answeredOn} 答复：${t.answer ?? ''}` : '尚未答复'}
            </p>
            {handles && !t.answeredOn && !v.closedOn ? <InvestigationAnswerForm v={v} reload={reload} task={t} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The handling of one request: the facts its steps created (补正、征求意见、延期、收费、答复、送达、归档)
 * with the form of each step the case is ready for, and the optional steps folded in 办理事项.
 */
export function RequestActions({
  request: v,
  session,
  units,
  reload,
  onTransferred,
}: {
  request: Case;
  session: Session;
  units: Unit[] | null;
  reload: (result?: unknown) => unknown;
  onTransferred: (unitName: string) => void;
}) {
  const handles = HANDLERS.includes(session.role);
  const open = !v.closedOn;
  const ready = open && v.status !== 'awaiting_correction';
  const handler = v.handler;
  const steps = handles && open;
  return (
    <>
      <CorrectionSection v={v} reload={reload} handles={handles} />
      <InvestigationsSection v={v} units={units} reload={reload} handles={handles} />
      <ConsultationsSection v={v} reload={reload} handles={handles} />
      <ExtensionSection v={v} />
      <FeeSection v={v} reload={reload} handles={handles} />
      {steps ? (
        <section aria-labelledby="steps-heading" className="card">
          <h2 id="steps-heading">办理事项</h2>
          {handler ? (
            <p className="meta">
              承办人：{handler.handlerName ? `${handler.handlerName}（${handler.handlerId}）` : handler.handlerId}，{handler.assignedOn}{' '}
              分配。
            </p>
          ) : null}
          {ready ? (
            <Step title={handler ? '更换承办人' : '分配承办人'} initiallyOpen={v.status === 'registered'}>
              <AssignForm v={v} reload={reload} session={session} />
            </Step>
          ) : null}
          {!v.correction && ['registered', 'in_progress'].includes(v.status) ? (
            <Step title="通知补正">
              <CorrectionNoticeForm v={v} reload={reload} />
            </Step>
          ) : null}
          {ready ? (
            <Step title="征求第三方或其他机关意见">
              <ConsultationStartForm v={v} reload={reload} />
            </Step>
          ) : null}
          {ready ? (
            <Step title="请求其他单位协助调查">
              <InvestigationRequestForm v={v} reload={reload} units={units} />
            </Step>
          ) : null}
          {ready && session.role === 'office_head' && !v.clock?.overdue ? (
            <Step title="延长答复期限">
              <ExtensionForm v={v} reload={reload} />
            </Step>
          ) : null}
          {ready && !v.fee ? (
            <Step title="收取信息处理费">
              <FeeNoticeForm v={v} reload={reload} />
            </Step>
          ) : null}
          <Step title="移交其他单位">
            <TransferForm v={v} reload={reload} units={units} onTransferred={onTransferred} />
          </Step>
        </section>
      ) : null}
      <ReplySection v={v} reload={reload} role={session.role} />
      <OutcomeSection v={v} reload={reload} handles={handles} />
    </>
  );
}

const LETTERS: [kind: string, label: string, applies: (v: Case) => boolean][] = [
  ['reply', '政府信息公开申请答复书', (v) => v.reply !== null],
  ['correction', '补正申请告知书', (v) => v.correction !== null],
  ['extension', '延期答复告知书', (v) => v.extension !== null],
  ['consultation', '意见征询函（第三方或共同制作机关）', (v) => v.consultations.some((c) => c.kind !== 'agency')],
  ['fee', '收费通知', (v) => v.fee !== null],
];

/** The .docx letters of the steps the case has been through. */
export function CaseLetters({ request: v }: { request: Case }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const letters = LETTERS.filter(([, , applies]) => applies(v));
  const fetchLetter = async (kind: string) => {
    setError(null);
    setMessage(null);
    try {
      setMessage(`已下载：${await download(`/api/requests/${encodeURIComponent(v.requestId)}/letters/${kind}`)}`);
    } catch (e) {
      setError(asError(e));
    }
  };
  if (letters.length === 0) return null;
  return (
    <section aria-labelledby="letters-heading" className="card">
      <h2 id="letters-heading">文书下载（.docx）</h2>
      <ul className="letters">
        {letters.map(([kind, label]) => (
          <li key={kind}>
            <button type="button" onClick={() => void fetchLetter(kind)}>
              下载{label}
            </button>
          </li>
        ))}
      </ul>
      {message ? <Notice kind="success">{message}</Notice> : null}
      <ErrorNotice error={error} title="未能下载" />
    </section>
  );
}

import type { ApiError } from '../../../api';
import { ActionForm, CASE_CONFLICT, FEE_METHOD_LABELS, Field, onField, SelectField, shanghaiToday, useForm } from '../../../ui';
import { actionPath, dateInput, Fact, Facts, numberInput, numberOrBlank, type StepProps } from './common';

// ── 信息处理费（国办函〔2020〕109号） ──────────────────────────────────────────

export function FeeNoticeForm({ v, reload }: StepProps) {
  const notify = useForm(
    `request.fee.${v.requestId}`,
    { method: '', pages: '' },
    {
      onDone: reload,
      toForm: (e: ApiError): ApiError =>
        onField({ FEE_NOT_DUE: form.method === 'per_page' ? 'pages' : 'method', FEE_ONLY_ONCE: 'method' })(e),
      revision: v.revision,
      conflict: CASE_CONFLICT,
    },
  );
  const { values: form, update, clear } = notify;
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
          {(p) => numberInput(p, form.pages, (pages) => update({ pages }), 1)}
        </Field>
      ) : null}
    </ActionForm>
  );
}

/** 一事一申请 (109号 Art. 4): one application with several items counted as several requests, before any fee notice. */
export function CountItemsForm({ v, reload }: StepProps) {
  const count = useForm(
    `request.count-items.${v.requestId}`,
    { items: v.items && v.items > 1 ? String(v.items) : '', reason: '' },
    { onDone: reload, revision: v.revision, conflict: CASE_CONFLICT },
  );
  const { values: form, update } = count;
  return (
    <ActionForm
      action={count}
      failure="未保存，您填写的内容已保留"
      submitLabel="保存计件数"
      onSubmit={() =>
        void count.run(
          actionPath(v, 'count-items'),
          'POST',
          { items: numberOrBlank(form.items), reason: form.reason },
          '已按一事一申请分项计件，按件计收时逐件计数。',
        )
      }
    >
      <p className="muted">
        {v.items && v.items > 1 ? `本申请现计为 ${v.items} 件。` : '本申请现计为 1 件。'}
        一份申请包含多项内容的，可按“一事一申请”拆分计件；按件计收时，同一申请人当月向本机关提出的申请逐件累计。
      </p>
      <div className="row">
        <Field label="计件数" name="items" error={count.error} required>
          {(p) => numberInput(p, form.items, (items) => update({ items }), 2)}
        </Field>
        <Field label="拆分理由" name="reason" error={count.error} required>
          {(p) => <input {...p} value={form.reason} onChange={(e) => update({ reason: e.target.value })} />}
        </Field>
      </div>
    </ActionForm>
  );
}

export function FeeSection({ v, reload, handles }: StepProps & { handles: boolean }) {
  const fee = v.fee;
  const receive = useForm(
    `request.fee-received.${v.requestId}`,
    { receivedOn: shanghaiToday() },
    {
      onDone: reload,
      toForm: onField({ DATE_IN_FUTURE: 'receivedOn', DATE_BEFORE_NOTICE: 'receivedOn' }),
      revision: v.revision,
      conflict: CASE_CONFLICT,
    },
  );
  const { values: receipt, update: updateReceipt, clear: clearReceipt } = receive;
  const pay = useForm(
    `request.fee-paid.${v.requestId}`,
    { amountYuan: '' },
    { onDone: reload, toForm: onField({ FEE_AMOUNT_MISMATCH: 'amountYuan' }), revision: v.revision, conflict: CASE_CONFLICT },
  );
  const { values: payment, update: updatePayment, clear: clearPayment } = pay;
  const abandon = useForm(null, {}, { onDone: reload, revision: v.revision, conflict: CASE_CONFLICT });
  if (!fee) return null;
  const unpaid = !fee.paidOn && !v.closedOn;
  // The server says when the period has run out (the case's `stepsDue`), not the browser's clock.
  const expired = v.stepsDue.includes('fee_lapsed');
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
                  {(p) => dateInput(p, receipt.receivedOn, (receivedOn) => updateReceipt({ receivedOn }))}
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
                  {(p) => numberInput(p, payment.amountYuan, (amountYuan) => updatePayment({ amountYuan }), 0)}
                </Field>
              </ActionForm>
            </>
          )}
        </>
      ) : null}
    </section>
  );
}

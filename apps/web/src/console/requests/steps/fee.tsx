import type { ApiError } from '../../../api';
import { ActionForm, CASE_CONFLICT, FEE_METHOD_LABELS, Field, onField, SelectField, shanghaiToday, useForm } from '../../../ui';
import { actionPath, Fact, Facts, numberOrBlank, type StepProps } from './common';

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

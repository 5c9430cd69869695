import { ActionForm, CASE_CONFLICT, DELIVERY_METHODS, Field, REPLY_CATEGORY_LABELS, SelectField, useForm } from '../../../ui';
import { actionPath, Fact, Facts, optionalText, type StepProps } from './common';
import { WithheldList } from './withheld';

// ── 答复结果、送达与归档 ──────────────────────────────────────────────────────

function DeliveryForm({ v, reload }: StepProps) {
  const deliver = useForm(
    `request.delivery.${v.requestId}`,
    {
      method: DELIVERY_METHODS.includes(v.delivery) ? v.delivery : DELIVERY_METHODS[0],
      reference: '',
    },
    { onDone: reload, revision: v.revision, conflict: CASE_CONFLICT },
  );
  const { values: form, update, clear } = deliver;
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
  const archive = useForm(
    `request.archive.${v.requestId}`,
    { archiveNo: '' },
    { onDone: reload, revision: v.revision, conflict: CASE_CONFLICT },
  );
  const { values: form, update, clear } = archive;
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

export function OutcomeSection({ v, reload, handles }: StepProps & { handles: boolean }) {
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
      {v.reply ? <WithheldList parts={v.reply.withheld} testId="reply-withheld" /> : null}
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

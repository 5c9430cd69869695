import type { UnitListView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../../api';
import { ActionForm, CASE_CONFLICT, Field, onField, SelectField, unitName, useForm } from '../../../ui';
import { actionPath, type Case, keptId, numberOrBlank, optionalText, type StepProps } from './common';

// ── 分办与移交 ────────────────────────────────────────────────────────────────

export function AssignForm({ v, reload, session }: StepProps & { session: Session }) {
  const assign = useForm(
    `request.assign.${v.requestId}`,
    {
      handlerId: session.userId,
      handlerName: session.name === session.userId ? '' : session.name,
    },
    { onDone: reload, revision: v.revision, conflict: CASE_CONFLICT },
  );
  const { values: form, update, clear } = assign;
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

export function TransferForm({
  v,
  reload,
  units,
  onTransferred,
}: StepProps & { units: UnitListView[] | null; onTransferred: (unitName: string) => void }) {
  const transfer = useForm(
    `request.transfer.${v.requestId}`,
    { toUnitId: '', reason: '' },
    { onDone: reload, toForm: onField({ TRANSFER_TO_SAME_UNIT: 'toUnitId' }), revision: v.revision, conflict: CASE_CONFLICT },
  );
  const { values: form, update, clear } = transfer;
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

export function InvestigationRequestForm({ v, reload, units }: StepProps & { units: UnitListView[] | null }) {
  const ask = useForm(
    `request.investigation.${v.requestId}`,
    {
      taskId: '',
      assistingUnitId: '',
      question: '',
      internalWorkingDays: '5',
    },
    { onDone: reload, revision: v.revision, conflict: CASE_CONFLICT },
  );
  const { values: form, update, clear } = ask;
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
  const record = useForm(
    `request.investigation-answer.${v.requestId}.${task.taskId}`,
    { answer: '' },
    { onDone: reload, revision: v.revision, conflict: CASE_CONFLICT },
  );
  const { values: form, update, clear } = record;
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

export function InvestigationsSection({ v, units, reload, handles }: StepProps & { units: UnitListView[] | null; handles: boolean }) {
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

import { hasRole } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../../api';
import {
  ActionForm,
  CASE_CONFLICT,
  Field,
  HANDLER_ROLES,
  Notice,
  onField,
  REPLY_CATEGORY_OPTIONS,
  REPLY_REVIEWER_ROLES,
  SelectField,
  useForm,
} from '../../../ui';
import { actionPath, optionalText, type StepProps } from './common';
import { emptyPart, WithheldEditor, withheldBody, WithheldList, withheldProblems, type WithheldPart } from './withheld';

// ── 答复：起草、审核、出具 ──────────────────────────────────────────────────────

function DraftReplyForm({ v, reload }: StepProps) {
  const submit = useForm(
    `reply.${v.requestId}`,
    { category: 'disclose', content: '', access: '', agencyName: '', agencyContact: '', withheld: [emptyPart()] as WithheldPart[] },
    {
      onDone: reload,
      revision: v.revision,
      conflict: CASE_CONFLICT,
      toForm: onField({ PARTIAL_NEEDS_WITHHELD: 'withheld', INVALID_WITHHOLD_GROUND: 'withheld' }),
    },
  );
  const { values: draft, update, clear } = submit;
  const partial = draft.category === 'partial';
  // Only the categories the decider accepts now: 大量反复 after reasons were asked and not accepted (Art. 35),
  // 补正后仍不明确 after a correction was received.
  const allowed = REPLY_CATEGORY_OPTIONS.filter(
    (o) =>
      (o.code !== 'reject.mass_repeat' || (v.reasons?.outcome !== undefined && v.reasons.outcome !== 'accepted')) &&
      (o.code !== 'unable.still_unclear' || Boolean(v.correction?.receivedOn)),
  );
  return (
    <ActionForm
      action={submit}
      failure="未提交，您填写的内容已保留"
      submitLabel="提交审核"
      onSubmit={() => {
        const incomplete = partial ? withheldProblems(draft.withheld) : null;
        if (incomplete) return submit.setError(incomplete);
        void submit.run(
          actionPath(v, 'draft-reply'),
          'POST',
          {
            category: draft.category,
            content: draft.content,
            withheld: partial ? withheldBody(draft.withheld) : [],
            // Art. 36(1)(2)(3): where, how and when the information (or its disclosed part) is obtained; Art. 36(5): the agency that holds it.
            access: draft.category === 'disclose' || partial ? optionalText(draft.access) : undefined,
            holdingAgency:
              draft.category === 'unable.not_held' && draft.agencyName.trim()
                ? { name: draft.agencyName.trim(), contact: optionalText(draft.agencyContact) }
                : undefined,
          },
          '答复已起草，等待审核。',
          clear,
        );
      }}
    >
      <SelectField
        label="答复类型"
        name="category"
        error={submit.error}
        required
        options={allowed.map((o) => [o.code, o.label] as const)}
        value={draft.category}
        onChange={(category) => update({ category })}
      />
      <Field label="答复内容" name="content" error={submit.error} required hint="打印在答复书“答复如下”之后">
        {(p) => <textarea {...p} rows={6} value={draft.content} onChange={(e) => update({ content: e.target.value })} />}
      </Field>
      {partial ? <WithheldEditor parts={draft.withheld} onChange={(withheld) => update({ withheld })} error={submit.error} /> : null}
      {draft.category === 'disclose' || partial ? (
        <Field
          label="获取信息的方式、途径和时间"
          name="access"
          error={submit.error}
          hint={
            partial
              ? '条例第三十六条第（三）项：可以公开部分的获取方式和途径，如“以电子邮件方式于某日前发送至申请人邮箱”'
              : '条例第三十六条第（一）（二）项：如“以电子邮件方式于某日前发送至申请人邮箱”'
          }
        >
          {(p) => <textarea {...p} rows={2} value={draft.access} onChange={(e) => update({ access: e.target.value })} />}
        </Field>
      ) : null}
      {draft.category === 'unable.not_held' ? (
        <div className="row">
          <Field
            label="负责公开该信息的机关"
            name="agencyName"
            apiField="holdingAgency.name"
            error={submit.error}
            hint="条例第三十六条第（五）项：能够确定的，告知申请人该机关的名称"
          >
            {(p) => <input {...p} value={draft.agencyName} onChange={(e) => update({ agencyName: e.target.value })} />}
          </Field>
          <Field label="该机关的联系方式" name="agencyContact" apiField="holdingAgency.contact" error={submit.error}>
            {(p) => <input {...p} value={draft.agencyContact} onChange={(e) => update({ agencyContact: e.target.value })} />}
          </Field>
        </div>
      ) : null}
    </ActionForm>
  );
}

function ReviewForm({ v, reload }: StepProps) {
  const decide = useForm(`review.${v.requestId}`, { comment: '' }, { onDone: reload, revision: v.revision, conflict: CASE_CONFLICT });
  const { values: review, update, clear } = decide;
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
      {v.draft ? <WithheldList parts={v.draft.withheld} testId="draft-withheld" /> : null}
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

export function ReplySection({ v, reload, role }: StepProps & { role: Session['role'] }) {
  const issue = useForm(null, {}, { onDone: reload, revision: v.revision, conflict: CASE_CONFLICT });
  const handles = hasRole(role, HANDLER_ROLES);
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
    return hasRole(role, REPLY_REVIEWER_ROLES) ? (
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
          {v.draft ? <WithheldList parts={v.draft.withheld} testId="draft-withheld" /> : null}
        </ActionForm>
      </section>
    );
  }
  return null;
}

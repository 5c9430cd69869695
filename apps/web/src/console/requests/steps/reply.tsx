import { hasRole } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../../api';
import {
  ActionForm,
  CASE_CONFLICT,
  Field,
  HANDLER_ROLES,
  Notice,
  REPLY_CATEGORY_OPTIONS,
  REPLY_REVIEWER_ROLES,
  SelectField,
  useForm,
} from '../../../ui';
import { actionPath, optionalText, type StepProps } from './common';

// ── 答复：起草、审核、出具 ──────────────────────────────────────────────────────

function DraftReplyForm({ v, reload }: StepProps) {
  const submit = useForm(
    `reply.${v.requestId}`,
    { category: 'disclose', content: '' },
    { onDone: reload, revision: v.revision, conflict: CASE_CONFLICT },
  );
  const { values: draft, update, clear } = submit;
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
        </ActionForm>
      </section>
    );
  }
  return null;
}

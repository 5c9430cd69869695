import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  type PublicConsultationView,
  type PublicOpenDayView,
  type StaffCommentView,
  type UnitListView,
} from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import {
  ActionForm,
  Breadcrumb,
  ErrorNotice,
  Field,
  isStaff,
  Loading,
  OPEN_DAY_STATUS_LABELS,
  PageTitle,
  PUBLIC_CONSULTATION_KIND_LABELS,
  RadioOptions,
  shanghaiToday,
  unitName,
  Pager,
  useApi,
  useForm,
  usePagedApi,
  useReadYourWrites,
} from '../../ui';
import { CommenterData } from './personal-data';
import { ConsultationRegister } from './consultation-register';

const MODERATION_LABELS: Record<StaffCommentView['status'], string> = { pending: '待审核', approved: '已公开', rejected: '不予公开' };

/** Consultations and open days of the signed-in unit (the district office sees every unit's). */
export function ParticipationConsole({ session }: { session: Session }) {
  const mine = <T extends { unitId: string }>(rows: T[] | null) =>
    (rows ?? []).filter((r) => !session.unitId || r.unitId === session.unitId);
  const openDays = usePagedApi<PublicOpenDayView>(`/api/interpretation/open-days${session.unitId ? `?unitId=${session.unitId}` : ''}`, 20);
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  return (
    <>
      <PageTitle lead="向社会公开征求意见的审核与采纳反馈；政府开放日的报名与总结。">公众参与</PageTitle>
      <section aria-labelledby="consultations-heading">
        <h2 id="consultations-heading">征求意见</h2>
        <ConsultationRegister session={session} units={units.data} />
      </section>
      <section aria-labelledby="open-days-heading">
        <h2 id="open-days-heading">政府开放日</h2>
        {openDays.loading && !openDays.data ? <Loading what="开放日" /> : null}
        <ErrorNotice error={openDays.error} />
        {openDays.data && mine(openDays.data).length === 0 ? <p className="muted">暂无。</p> : null}
        <ul className="cards">
          {mine(openDays.data).map((d) => (
            <li key={d.openDayId} className="card">
              <h3>
                <Link to={`/console/open-days/${encodeURIComponent(d.openDayId)}`}>{d.title}</Link>
              </h3>
              <p className="meta">
                {unitName(units.data, d.unitId)} · {d.heldOn} · 已报名 {d.registered}/{d.capacity} · {OPEN_DAY_STATUS_LABELS[d.status]}
              </p>
            </li>
          ))}
        </ul>
        <Pager page={openDays.page} total={openDays.total} pageSize={openDays.pageSize} onPage={openDays.setPage} />
      </section>
    </>
  );
}

function ModerationForm({ base, comment, onDone }: { base: string; comment: StaffCommentView; onDone: (result?: unknown) => unknown }) {
  const [reason, setReason] = useState('');
  const moderate = useForm(null, {}, { onDone });
  const decide = (decision: 'approved' | 'rejected') =>
    void moderate.run(
      `${base}/comments/${encodeURIComponent(comment.commentId)}/moderation`,
      'POST',
      { decision, reason: reason.trim() || undefined },
      decision === 'approved' ? '已审核公开。' : '已决定不予公开。',
    );
  return (
    <form className="form" noValidate onSubmit={(e) => e.preventDefault()}>
      <Field label="审核意见" name="reason" error={moderate.error} hint="不予公开的，须说明理由（如含有辱骂、广告或与草案无关）">
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {moderate.feedback('审核未成功')}
      <div className="actions">
        <button type="button" className="primary" onClick={() => decide('approved')}>
          审核通过并公开
        </button>
        <button type="button" onClick={() => decide('rejected')}>
          不予公开
        </button>
      </div>
    </form>
  );
}

function AdoptionForm({
  base,
  consultationId,
  approved,
  onDone,
}: {
  base: string;
  consultationId: string;
  approved: StaffCommentView[];
  onDone: (result?: unknown) => unknown;
}) {
  const publish = useForm(
    `adoption.${consultationId}`,
    {
      summary: '',
      outcomes: {} as Record<string, { outcome: string; reason: string }>,
    },
    { onDone: onDone },
  );
  const { values: draft, update, clear } = publish;
  const outcomeOf = (commentId: string) => draft.outcomes[commentId] ?? { outcome: '采纳', reason: '' };
  const setOutcome = (commentId: string, patch: Partial<{ outcome: string; reason: string }>) =>
    update({ outcomes: { ...draft.outcomes, [commentId]: { ...outcomeOf(commentId), ...patch } } });
  return (
    <ActionForm
      action={publish}
      failure="未公布，您填写的内容已保留"
      submitLabel="公布采纳情况"
      onSubmit={() => {
        const outcomes = approved.map((c) => ({
          commentId: c.commentId,
          outcome: outcomeOf(c.commentId).outcome,
          reason: outcomeOf(c.commentId).reason.trim() || undefined,
        }));
        void publish.run(`${base}/adoption`, 'POST', { summary: draft.summary, outcomes }, '采纳情况已公布。', clear);
      }}
    >
      <Field label="采纳情况说明" name="summary" error={publish.error} required>
        {(p) => <textarea {...p} rows={4} value={draft.summary} onChange={(e) => update({ summary: e.target.value })} />}
      </Field>
      {approved.map((c) => (
        <fieldset key={c.commentId} className="choice-group">
          <legend>
            {c.commenter}：{c.content.length > 30 ? `${c.content.slice(0, 30)}…` : c.content}
          </legend>
          <div className="choices">
            <RadioOptions
              name={`outcome-${c.commentId}`}
              options={['采纳', '部分采纳', '未采纳']}
              value={outcomeOf(c.commentId).outcome}
              onChange={(outcome) => setOutcome(c.commentId, { outcome })}
            />
          </div>
          {outcomeOf(c.commentId).outcome !== '采纳' ? (
            <Field label="未采纳或部分采纳的理由" name={`reason-${c.commentId}`} error={null} required>
              {(p) => (
                <input {...p} value={outcomeOf(c.commentId).reason} onChange={(e) => setOutcome(c.commentId, { reason: e.target.value })} />
              )}
            </Field>
          ) : null}
        </fieldset>
      ))}
    </ActionForm>
  );
}

export function ConsultationModeration({ session }: { session: Session }) {
  const { consultationId = '' } = useParams();
  const base = `/api/interpretation/consultations/${encodeURIComponent(consultationId)}`;
  const consultation = useApi<PublicConsultationView>(base);
  const comments = usePagedApi<StaffCommentView>(`${base}/comments`, 200);
  const settle = useReadYourWrites(consultation);
  // The comments come from the same read-model document as the consultation: once it shows the write, so do they.
  const reload = async (result?: unknown) => {
    await settle(result);
    comments.reload();
  };
  const c = consultation.data;
  const all = comments.data ?? [];
  const pending = all.filter((x) => x.status === 'pending');
  const staff = isStaff(session);
  const closed = c ? shanghaiToday() > c.closesOn : false;
  return (
    <>
      <Breadcrumb
        trail={[
          ['工作台', '/console'],
          ['公众参与', '/console/participation'],
          ['意见审核', null],
        ]}
      />
      {consultation.loading && !c ? <Loading what="征求意见" /> : null}
      <ErrorNotice error={consultation.error ?? comments.error} />
      {c ? (
        <>
          <PageTitle lead={`${PUBLIC_CONSULTATION_KIND_LABELS[c.kind] ?? c.kind} · ${c.opensOn} 至 ${c.closesOn} · ${c.legalBasis}`}>
            {c.title}
          </PageTitle>
          <p>
            <Link to={`/consultations/${encodeURIComponent(c.consultationId)}`}>在门户网站查看</Link>
          </p>
          <h2>待审核（{pending.length}）</h2>
          {pending.length === 0 ? <p className="muted">暂无。</p> : null}
          <ul className="cards" data-testid="comments-pending">
            {pending.map((x) => (
              <li key={x.commentId} className="card">
                <h3>
                  {x.commenter} <span className="meta">{x.submittedOn}</span>
                </h3>
                <p className="prewrap">{x.content}</p>
                {staff && x.personalDataRef ? <CommenterData refId={x.personalDataRef} onErased={reload} /> : null}
                {staff ? <ModerationForm base={base} comment={x} onDone={reload} /> : null}
              </li>
            ))}
          </ul>
          <h2>已审核（{all.length - pending.length}）</h2>
          <ul className="cards" data-testid="comments-moderated">
            {all
              .filter((x) => x.status !== 'pending')
              .map((x) => (
                <li key={x.commentId} className="card">
                  <h3>
                    {x.commenter}{' '}
                    <span className={`badge ${x.status === 'approved' ? 'badge-ok' : ''}`}>{MODERATION_LABELS[x.status]}</span>
                  </h3>
                  <p className="prewrap">{x.content}</p>
                  {x.moderationReason ? <p className="meta">审核意见：{x.moderationReason}</p> : null}
                  {staff && x.personalDataRef ? <CommenterData refId={x.personalDataRef} onErased={reload} /> : null}
                </li>
              ))}
          </ul>
          <Pager page={comments.page} total={comments.total} pageSize={comments.pageSize} onPage={comments.setPage} />
          <section aria-labelledby="adoption-heading" className="card">
            <h2 id="adoption-heading">意见采纳情况</h2>
            {c.adoption ? (
              <p className="prewrap" data-testid="adoption">
                {c.adoption.summary}（采纳 {c.adoption.adopted} 条，部分采纳 {c.adoption.partlyAdopted} 条，未采纳 {c.adoption.notAdopted}{' '}
                条；{c.adoption.publishedOn} 公布）
              </p>
            ) : !closed ? (
              <p className="muted">征求意见 {c.closesOn} 截止后，审核全部意见，逐条说明采纳情况并公布。</p>
            ) : staff ? (
              <AdoptionForm
                base={base}
                consultationId={c.consultationId}
                approved={all.filter((x) => x.status === 'approved')}
                onDone={reload}
              />
            ) : (
              <p className="muted">尚未公布。</p>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}

/** Console home: public comments of the unit's consultations still waiting for moderation. */
export function ModerationDue({ session }: { session: Session }) {
  const due = useApi<{ consultationId: string; title: string; closesOn: string; pending: number }[]>(
    session.unitId ? '/api/interpretation/consultations/moderation-due' : null,
  );
  const pending = due.data ?? [];
  const error = due.error;
  if (!error && pending.length === 0) return null;
  return (
    <section aria-labelledby="moderation-due-heading">
      <h2 id="moderation-due-heading">公众意见：待审核（{pending.reduce((n, c) => n + c.pending, 0)}）</h2>
      <ErrorNotice error={error} />
      <ul className="cards">
        {pending.map((consultation) => (
          <li key={consultation.consultationId} className="card">
            <h3>
              <Link to={`/console/consultations/${encodeURIComponent(consultation.consultationId)}`}>{consultation.title}</Link>
            </h3>
            <p className="meta">
              待审核 {consultation.pending} 条 · {consultation.closesOn} 截止
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

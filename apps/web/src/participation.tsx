import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api, type Session } from './api';
import {
  CONCERN_RESPONSE_KIND_LABELS,
  CONCERN_SEVERITY_LABELS,
  CONCERN_SOURCES,
  INTERPRETATION_CHANNELS,
  OPEN_DAY_STATUS_LABELS,
  PUBLIC_CONSULTATION_KIND_LABELS,
} from './labels';
import { Breadcrumb } from './portal';
import type { Consultation, Unit } from './types';
import {
  CardList,
  ActionForm,
  ErrorNotice,
  Field,
  Loading,
  Notice,
  PageTitle,
  RadioOptions,
  SelectField,
  asError,
  formatDateTime,
  shanghaiToday,
  unitName,
  useAction,
  useApi,
  useDraft,
  useReadYourWrites,
} from './ui';

/** `GET /api/interpretation/concerns[/:id]` (ConcernView of the interpretation service). */
interface ConcernView {
  concernId: string;
  source: string;
  topic: string;
  summary: string;
  severity: string;
  registeredAt: string;
  unitId: string | null;
  dueBy: { kind: string; hours: number | null; dueAt: string | null }[];
  responses: {
    kind: string;
    content: string;
    channel: string;
    publishedAt: string;
    dueAt: string | null;
    hoursTaken: number;
    onTime: boolean;
  }[];
  /** The revision of the concern's stream this view reflects (detail only; compared with a command's answer). */
  revision?: number;
}

/** `GET /api/interpretation/consultations/:id/comments` (staff view: masked name, personal-data reference). */
interface StaffComment {
  commentId: string;
  content: string;
  commenter: string;
  personalDataRef: string | null;
  submittedOn: string;
  status: 'pending' | 'approved' | 'rejected';
  moderationReason: string | null;
}

interface PersonalDataRecord {
  refId: string;
  kind: string;
  name: string | null;
  contact: string | null;
  originalContent?: string;
  createdAt: string;
}

interface OpenDay {
  openDayId: string;
  unitId: string;
  title: string;
  description: string;
  heldOn: string;
  capacity: number;
  registered: number;
  remaining: number;
  status: 'upcoming' | 'held' | 'summarised';
  summary: { summary: string; attendance: number } | null;
  /** The revision of the open day's stream this view reflects (detail only; compared with a command's answer). */
  revision?: number;
}

const DISTRICT_ROLES = ['district_office', 'admin'];
const MODERATION_LABELS: Record<StaffComment['status'], string> = { pending: '待审核', approved: '已公开', rejected: '不予公开' };

/** The current time, refreshed every 30 seconds, so countdowns stay true while the page is open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function hoursAndMinutes(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return days > 0 ? `${days} 天 ${hours} 小时` : `${hours} 小时 ${rest} 分钟`;
}

/** One required response of a concern: answered (on time or late), running, or overdue. */
function DueLine({ due, concern, now }: { due: ConcernView['dueBy'][number]; concern: ConcernView; now: number }) {
  const label = CONCERN_RESPONSE_KIND_LABELS[due.kind] ?? due.kind;
  const answer = concern.responses.find((r) => r.kind === due.kind);
  if (answer) {
    return (
      <span className={`badge ${answer.onTime ? 'badge-ok' : 'badge-danger'}`}>
        {label}：{answer.onTime ? '已按时' : '已逾时'}（{formatDateTime(answer.publishedAt)}，用时 {answer.hoursTaken} 小时）
      </span>
    );
  }
  if (!due.dueAt) return <span className="badge">{label}：无固定时限</span>;
  const left = Date.parse(due.dueAt) - now;
  if (left < 0)
    return (
      <span className="badge badge-danger">
        {label}：已超时 {hoursAndMinutes(-left)}（时限 {due.hours} 小时）
      </span>
    );
  return (
    <span className={`badge ${left < 2 * 3_600_000 ? 'badge-danger' : 'badge-warn'}`}>
      {label}：剩余 {hoursAndMinutes(left)}（{formatDateTime(due.dueAt)} 前）
    </span>
  );
}

function DueLines({ concern, now }: { concern: ConcernView; now: number }) {
  return (
    <p className="actions" data-testid="concern-due">
      {concern.dueBy.map((due) => (
        <DueLine key={due.kind} due={due} concern={concern} now={now} />
      ))}
    </p>
  );
}

const concernOpen = (c: ConcernView) => c.dueBy.some((d) => !c.responses.some((r) => r.kind === d.kind));

export function ConcernsConsole({ session }: { session: Session }) {
  const district = DISTRICT_ROLES.includes(session.role) || session.role === 'auditor';
  const rows = useApi<ConcernView[]>(`/api/interpretation/concerns${!district && session.unitId ? `?unitId=${session.unitId}` : ''}`);
  const units = useApi<Unit[]>('/api/catalogue/units');
  const now = useNow();
  const [form, update, clear] = useDraft('concern.new', { source: CONCERN_SOURCES[0], topic: '', summary: '', severity: 'hot_issue' });
  const register = useAction(rows.reload);
  const list = rows.data ?? [];
  const open = list.filter(concernOpen);
  const card = (c: ConcernView) => (
    <li key={c.concernId} className="card">
      <h3>
        <Link to={`/console/concerns/${encodeURIComponent(c.concernId)}`}>{c.topic}</Link>
      </h3>
      <p className="meta">
        {CONCERN_SEVERITY_LABELS[c.severity] ?? c.severity} · 来源：{c.source} · 登记 {formatDateTime(c.registeredAt)} · 责任单位：
        {c.unitId ? unitName(units.data, c.unitId) : '未交办'}
      </p>
      <DueLines concern={c} now={now} />
    </li>
  );
  return (
    <>
      <PageTitle lead="重大突发事件、社会热点和群众关切：按时限发布权威信息、召开新闻发布会或作出回应。">回应关切</PageTitle>
      {rows.loading && !rows.data ? <Loading what="关切" /> : null}
      <ErrorNotice error={rows.error} />
      {rows.data ? (
        <>
          <CardList heading="待回应" items={open} render={card} testId="concerns-open" />
          <CardList heading="已回应" items={list.filter((c) => !concernOpen(c))} render={card} />
        </>
      ) : null}
      {DISTRICT_ROLES.includes(session.role) ? (
        <section aria-labelledby="register-heading" className="card">
          <h2 id="register-heading">登记社会关切</h2>
          <ActionForm
            action={register}
            failure="未登记，您填写的内容已保留"
            submitLabel="登记"
            onSubmit={() => {
              const concernId = `C-${shanghaiToday().replaceAll('-', '')}-${Date.now().toString(36).slice(-5)}`;
              void register.run('/api/interpretation/concerns', 'POST', { concernId, ...form }, '已登记，时限自登记时起计算。', clear);
            }}
          >
            <Field label="关切事项" name="topic" error={register.error} required>
              {(p) => <input {...p} value={form.topic} onChange={(e) => update({ topic: e.target.value })} />}
            </Field>
            <Field label="情况摘要" name="summary" error={register.error} required>
              {(p) => <textarea {...p} rows={3} value={form.summary} onChange={(e) => update({ summary: e.target.value })} />}
            </Field>
            <div className="row">
              <SelectField
                label="类别"
                name="severity"
                error={register.error}
                required
                hint="决定回应时限"
                options={Object.entries(CONCERN_SEVERITY_LABELS)}
                value={form.severity}
                onChange={(severity) => update({ severity })}
              />
              <SelectField
                label="来源"
                name="source"
                error={register.error}
                required
                options={CONCERN_SOURCES}
                value={form.source}
                onChange={(source) => update({ source })}
              />
            </div>
          </ActionForm>
        </section>
      ) : null}
    </>
  );
}

export function ConcernPage({ session }: { session: Session }) {
  const { concernId = '' } = useParams();
  const base = `/api/interpretation/concerns/${encodeURIComponent(concernId)}`;
  const concern = useApi<ConcernView>(base);
  const units = useApi<Unit[]>('/api/catalogue/units');
  const now = useNow();
  const [assignment, updateAssignment] = useDraft(`concern.assign.${concernId}`, { unitId: '', note: '' });
  const [reply, updateReply, clearReply] = useDraft(`concern.reply.${concernId}`, {
    kind: '',
    content: '',
    channel: INTERPRETATION_CHANNELS[0],
  });
  const settle = useReadYourWrites(concern);
  const assign = useAction(settle);
  const respond = useAction(settle);
  const c = concern.data;
  const pendingKinds = c ? c.dueBy.filter((d) => !c.responses.some((r) => r.kind === d.kind)).map((d) => d.kind) : [];
  const mayRespond = c?.unitId && session.role !== 'auditor' && (session.unitId === c.unitId || DISTRICT_ROLES.includes(session.role));
  return (
    <>
      <Breadcrumb
        trail={[
          ['工作台', '/console'],
          ['回应关切', '/console/concerns'],
          ['关切详情', null],
        ]}
      />
      {concern.loading && !c ? <Loading what="关切" /> : null}
      <ErrorNotice error={concern.error} />
      {c ? (
        <>
          <PageTitle
            lead={`${CONCERN_SEVERITY_LABELS[c.severity] ?? c.severity} · 来源：${c.source} · 登记 ${formatDateTime(c.registeredAt)}`}
          >
            {c.topic}
          </PageTitle>
          <div className="sticky-clock" aria-live="polite">
            <DueLines concern={c} now={now} />
          </div>
          <dl className="kv-list card">
            <dt>情况摘要</dt>
            <dd className="prewrap">{c.summary}</dd>
            <dt>责任单位</dt>
            <dd data-testid="concern-unit">{c.unitId ? unitName(units.data, c.unitId) : '未交办'}</dd>
          </dl>
          <section aria-labelledby="responses-heading">
            <h2 id="responses-heading">已发布的回应（{c.responses.length}）</h2>
            {c.responses.length ? (
              <ul className="cards" data-testid="concern-responses">
                {c.responses.map((r) => (
                  <li key={`${r.kind}-${r.publishedAt}`} className="card">
                    <h3>
                      {CONCERN_RESPONSE_KIND_LABELS[r.kind] ?? r.kind}{' '}
                      <span className={`badge ${r.onTime ? 'badge-ok' : 'badge-danger'}`}>{r.onTime ? '按时' : '逾时'}</span>
                    </h3>
                    <p className="prewrap">{r.content}</p>
                    <p className="meta">
                      {formatDateTime(r.publishedAt)} · {r.channel} · 用时 {r.hoursTaken} 小时
                    </p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">尚未发布回应。</p>
            )}
          </section>
          {DISTRICT_ROLES.includes(session.role) ? (
            <section aria-labelledby="assign-heading" className="card">
              <h2 id="assign-heading">{c.unitId ? '改交责任单位' : '交办责任单位'}</h2>
              <ActionForm
                action={assign}
                failure="未交办"
                submitLabel="交办"
                onSubmit={() => {
                  void assign.run(
                    `${base}/assign`,
                    'POST',
                    { unitId: assignment.unitId, note: assignment.note.trim() || undefined },
                    '已交办。',
                  );
                }}
              >
                <SelectField
                  label="责任单位"
                  name="unitId"
                  error={assign.error}
                  required
                  placeholder="请选择"
                  options={(units.data ?? []).map((u) => [u.unitId, u.name] as const)}
                  value={assignment.unitId}
                  onChange={(unitId) => updateAssignment({ unitId })}
                />
                <Field label="交办说明" name="note" error={assign.error}>
                  {(p) => <input {...p} value={assignment.note} onChange={(e) => updateAssignment({ note: e.target.value })} />}
                </Field>
              </ActionForm>
            </section>
          ) : null}
          {mayRespond && pendingKinds.length ? (
            <section aria-labelledby="respond-heading" className="card">
              <h2 id="respond-heading">发布回应</h2>
              <ActionForm
                action={respond}
                failure="回应未发布，您填写的内容已保留"
                submitLabel="发布回应"
                onSubmit={() => {
                  void respond.run(
                    `${base}/responses`,
                    'POST',
                    { kind: reply.kind || pendingKinds[0], content: reply.content, channel: reply.channel },
                    '回应已发布。',
                    clearReply,
                  );
                }}
              >
                <SelectField
                  label="回应方式"
                  name="kind"
                  error={respond.error}
                  required
                  options={pendingKinds.map((k) => [k, CONCERN_RESPONSE_KIND_LABELS[k] ?? k] as const)}
                  value={reply.kind || pendingKinds[0]}
                  onChange={(kind) => updateReply({ kind })}
                />
                <Field label="回应内容" name="content" error={respond.error} required>
                  {(p) => <textarea {...p} rows={5} value={reply.content} onChange={(e) => updateReply({ content: e.target.value })} />}
                </Field>
                <SelectField
                  label="发布渠道"
                  name="channel"
                  error={respond.error}
                  required
                  options={INTERPRETATION_CHANNELS}
                  value={reply.channel}
                  onChange={(channel) => updateReply({ channel })}
                />
              </ActionForm>
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** Consultations and open days of the signed-in unit (the district office sees every unit's). */
export function ParticipationConsole({ session }: { session: Session }) {
  const mine = <T extends { unitId: string }>(rows: T[] | null) =>
    (rows ?? []).filter((r) => !session.unitId || r.unitId === session.unitId);
  const consultations = useApi<Consultation[]>('/api/interpretation/consultations');
  const openDays = useApi<OpenDay[]>(`/api/interpretation/open-days${session.unitId ? `?unitId=${session.unitId}` : ''}`);
  const units = useApi<Unit[]>('/api/catalogue/units');
  return (
    <>
      <PageTitle lead="向社会公开征求意见的审核与采纳反馈；政府开放日的报名与总结。">公众参与</PageTitle>
      <section aria-labelledby="consultations-heading">
        <h2 id="consultations-heading">征求意见</h2>
        {consultations.loading && !consultations.data ? <Loading what="征求意见" /> : null}
        <ErrorNotice error={consultations.error} />
        {consultations.data && mine(consultations.data).length === 0 ? <p className="muted">暂无。</p> : null}
        <ul className="cards">
          {mine(consultations.data).map((c) => (
            <li key={c.consultationId} className="card">
              <h3>
                <Link to={`/console/consultations/${encodeURIComponent(c.consultationId)}`}>{c.title}</Link>
              </h3>
              <p className="meta">
                {unitName(units.data, c.unitId)} · {PUBLIC_CONSULTATION_KIND_LABELS[c.kind] ?? c.kind} · {c.opensOn} 至 {c.closesOn} ·
                收到意见 {c.commentCount} 条 ·{' '}
                {c.adoption ? '已公布采纳情况' : shanghaiToday() > c.closesOn ? '已截止，待公布采纳情况' : '征求中'}
              </p>
            </li>
          ))}
        </ul>
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
      </section>
    </>
  );
}

/** Erases one citizen's personal data, with the reason the audit trail records. */
function ErasePersonalData({ refId, onErased }: { refId: string; onErased: (result?: unknown) => unknown }) {
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const erase = useAction(onErased);
  if (!asking) {
    return (
      <>
        {erase.feedback('未删除')}
        <button type="button" onClick={() => setAsking(true)}>
          删除个人信息
        </button>
      </>
    );
  }
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void erase.run(`/api/interpretation/personal-data/${encodeURIComponent(refId)}`, 'DELETE', { reason }, '个人信息已删除。', () =>
          setAsking(false),
        );
      }}
    >
      <Field label="删除理由" name="reason" error={erase.error} required hint="例如：本人申请删除；活动已结束，不再需要联系">
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {erase.feedback('未删除')}
      <div className="actions">
        <button type="submit" className="danger">
          确认删除
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          取消
        </button>
      </div>
    </form>
  );
}

/** A commenter's name and contact, fetched only when asked for (each reading is logged), and erasable. */
function CommenterData({ refId, onErased }: { refId: string; onErased: (result?: unknown) => unknown }) {
  const [record, setRecord] = useState<PersonalDataRecord | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const show = async () => {
    setError(null);
    try {
      setRecord(await api<PersonalDataRecord>(`/api/interpretation/personal-data/${encodeURIComponent(refId)}`));
    } catch (e) {
      setError(asError(e));
    }
  };
  return (
    <div className="actions">
      {record ? (
        <p data-testid="personal-data">
          姓名：{record.name ?? '未填写'} · 联系方式：{record.contact ?? '未填写'}
        </p>
      ) : (
        <button type="button" onClick={() => void show()}>
          查看提出人信息
        </button>
      )}
      <ErrorNotice error={error} title="无法查看" />
      <ErasePersonalData
        refId={refId}
        onErased={(result) => {
          setRecord(null);
          return onErased(result);
        }}
      />
    </div>
  );
}

function ModerationForm({ base, comment, onDone }: { base: string; comment: StaffComment; onDone: (result?: unknown) => unknown }) {
  const [reason, setReason] = useState('');
  const moderate = useAction(onDone);
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
  approved: StaffComment[];
  onDone: (result?: unknown) => unknown;
}) {
  const [draft, update, clear] = useDraft(`adoption.${consultationId}`, {
    summary: '',
    outcomes: {} as Record<string, { outcome: string; reason: string }>,
  });
  const publish = useAction(onDone);
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
  const consultation = useApi<Consultation>(base);
  const comments = useApi<StaffComment[]>(`${base}/comments`);
  const settle = useReadYourWrites(consultation);
  // The comments come from the same read-model document as the consultation: once it shows the write, so do they.
  const reload = async (result?: unknown) => {
    await settle(result);
    comments.reload();
  };
  const c = consultation.data;
  const all = comments.data ?? [];
  const pending = all.filter((x) => x.status === 'pending');
  const staff = session.role !== 'auditor';
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

export function OpenDayConsole({ session }: { session: Session }) {
  const { openDayId = '' } = useParams();
  const base = `/api/interpretation/open-days/${encodeURIComponent(openDayId)}`;
  const day = useApi<OpenDay>(base);
  const ownUnit = Boolean(day.data && session.unitId === day.data.unitId && session.role !== 'auditor');
  const registrants = useApi<PersonalDataRecord[]>(ownUnit ? `${base}/registrants` : null);
  const [summary, updateSummary, clearSummary] = useDraft(`openday.summary.${openDayId}`, { summary: '', attendance: '' });
  const settle = useReadYourWrites(day);
  const publish = useAction(settle);
  const d = day.data;
  return (
    <>
      <Breadcrumb
        trail={[
          ['工作台', '/console'],
          ['公众参与', '/console/participation'],
          ['开放日', null],
        ]}
      />
      {day.loading && !d ? <Loading what="开放日" /> : null}
      <ErrorNotice error={day.error} />
      {d ? (
        <>
          <PageTitle lead={`${d.heldOn} · 已报名 ${d.registered}/${d.capacity} · ${OPEN_DAY_STATUS_LABELS[d.status]}`}>{d.title}</PageTitle>
          <section aria-labelledby="registrants-heading">
            <h2 id="registrants-heading">报名者名单</h2>
            {!ownUnit ? <Notice>报名者的个人信息仅限主办单位工作人员查阅。</Notice> : null}
            <ErrorNotice error={registrants.error} />
            {registrants.data ? (
              registrants.data.length ? (
                <ul className="cards" data-testid="registrants">
                  {registrants.data.map((r) => (
                    <li key={r.refId} className="card">
                      <h3>{r.name}</h3>
                      <p className="meta">
                        联系方式：{r.contact} · 报名时间 {formatDateTime(r.createdAt)}
                      </p>
                      <ErasePersonalData refId={r.refId} onErased={registrants.reload} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">暂无报名者（或个人信息已删除）。</p>
              )
            ) : null}
          </section>
          <section aria-labelledby="summary-heading" className="card">
            <h2 id="summary-heading">活动总结</h2>
            {d.summary ? (
              <p className="prewrap">
                {d.summary.summary}（参加 {d.summary.attendance} 人）
              </p>
            ) : ownUnit && d.status === 'held' ? (
              <ActionForm
                action={publish}
                failure="未发布，您填写的内容已保留"
                submitLabel="发布活动总结"
                onSubmit={() => {
                  void publish.run(
                    `${base}/summary`,
                    'POST',
                    { summary: summary.summary, attendance: summary.attendance === '' ? undefined : Number(summary.attendance) },
                    '活动总结已发布。',
                    clearSummary,
                  );
                }}
              >
                <Field label="总结" name="summary" error={publish.error} required>
                  {(p) => <textarea {...p} rows={4} value={summary.summary} onChange={(e) => updateSummary({ summary: e.target.value })} />}
                </Field>
                <Field label="实际参加人数" name="attendance" error={publish.error} required>
                  {(p) => (
                    <input
                      {...p}
                      inputMode="numeric"
                      value={summary.attendance}
                      onChange={(e) => updateSummary({ attendance: e.target.value })}
                    />
                  )}
                </Field>
              </ActionForm>
            ) : (
              <p className="muted">活动举行后发布总结。</p>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}

/** Console home: concerns of the unit (or, for the district office, all) still waiting for a response. */
export function ConcernsDue({ session }: { session: Session }) {
  const district = DISTRICT_ROLES.includes(session.role);
  const rows = useApi<ConcernView[]>(
    district || session.unitId ? `/api/interpretation/concerns${district ? '' : `?unitId=${session.unitId}`}` : null,
  );
  const now = useNow();
  const open = (rows.data ?? []).filter(concernOpen);
  if (!rows.error && open.length === 0) return null;
  return (
    <section aria-labelledby="concerns-due-heading">
      <h2 id="concerns-due-heading">回应关切：待回应（{open.length}）</h2>
      <ErrorNotice error={rows.error} />
      <ul className="cards">
        {open.map((c) => (
          <li key={c.concernId} className="card">
            <h3>
              <Link to={`/console/concerns/${encodeURIComponent(c.concernId)}`}>{c.topic}</Link>
            </h3>
            <DueLines concern={c} now={now} />
          </li>
        ))}
      </ul>
    </section>
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

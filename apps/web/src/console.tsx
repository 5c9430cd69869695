import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, ROLE_LABELS, api, loadSession, saveSession, type Role, type Session } from './api';
import { DueBadge, type ObligationView } from './interpretation';
import { seesDistrict } from './assessment';
import { ConcernsDue, ModerationDue } from './participation';
import { GROUNDS, PHASE_LABELS, PROVISIONAL_DUE_NOTE, STEP_DUE_LABELS } from './labels';
import { CaseLetters, RequestActions } from './request-actions';
import { Breadcrumb } from './portal';
import type { DocumentView, PublicItem, RequestDetail, RequestSummary, Unit } from './types';
import {
  ActionForm,
  ErrorNotice,
  Field,
  Loading,
  Notice,
  PageTitle,
  RadioOptions,
  SelectField,
  asError,
  formatDate,
  formatDateTime,
  unitName,
  useAction,
  useApi,
  useDraft,
  useReadYourWrites,
  shanghaiToday,
} from './ui';

export function RequireLogin({ children }: { children: (session: Session) => ReactNode }) {
  const session = loadSession();
  if (!session) return <Navigate to={`/console/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children(session)}</>;
}

export function LoginPage({ onLogin }: { onLogin: (s: Session) => void }) {
  const units = useApi<Unit[]>('/api/catalogue/units');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form, update] = useDraft('login', { userId: '', name: '', role: 'clerk' as Role, unitId: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const districtWide = form.role === 'district_office' || form.role === 'auditor' || form.role === 'admin';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const unitId = districtWide && form.role !== 'district_office' ? undefined : form.unitId || undefined;
      const { token } = await api<{ token: string }>('/api/auth/dev-token', {
        method: 'POST',
        token: null,
        body: { userId: form.userId, name: form.name || undefined, role: form.role, unitId },
      });
      const session: Session = { token, userId: form.userId, name: form.name || form.userId, role: form.role, unitId: unitId ?? null };
      saveSession(session);
      onLogin(session);
      navigate(params.get('next') ?? '/console');
    } catch (e) {
      setError(asError(e));
    }
  };
  return (
    <>
      <PageTitle lead="演示环境登录（AUTH_DEV_LOGIN）；生产环境通过统一身份认证登录。">工作人员登录</PageTitle>
      <ErrorNotice error={error} title="登录未成功" />
      <form onSubmit={submit} noValidate className="form narrow">
        <Field label="工号" name="userId" error={error} required>
          {(p) => <input {...p} value={form.userId} onChange={(e) => update({ userId: e.target.value })} autoComplete="username" />}
        </Field>
        <Field label="姓名" name="name" error={error}>
          {(p) => <input {...p} value={form.name} onChange={(e) => update({ name: e.target.value })} autoComplete="name" />}
        </Field>
        <Field label="岗位角色" name="role" error={error} required>
          {(p) => (
            <select {...p} value={form.role} onChange={(e) => update({ role: e.target.value as Role })}>
              {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {form.role === 'auditor' || form.role === 'admin' ? null : (
          <SelectField
            label="所在单位"
            name="unitId"
            error={error}
            required={!districtWide}
            placeholder="请选择"
            options={(units.data ?? []).map((u) => [u.unitId, u.name] as const)}
            value={form.unitId}
            onChange={(unitId) => update({ unitId })}
          />
        )}
        <button type="submit" className="primary">
          登录
        </button>
      </form>
    </>
  );
}

function Remaining({ clock }: { clock: RequestSummary['clock'] }) {
  if (!clock) return <span className="badge">已办结</span>;
  if (clock.dueOn === null) {
    return (
      <span className="badge badge-warn" data-testid="remaining-days">
        补正期间停止计时
      </span>
    );
  }
  const kind = clock.overdue ? 'badge-danger' : clock.nearDue ? 'badge-warn' : 'badge-ok';
  return (
    <span className={`badge ${kind}`} data-testid="remaining-days">
      {clock.overdue ? `已逾期（期限 ${clock.dueOn}）` : `剩余 ${clock.remainingWorkingDays} 个工作日（${clock.dueOn} 前答复）`}
      {clock.paused ? '，计时暂停' : ''}
      {clock.provisional ? <abbr title={PROVISIONAL_DUE_NOTE}>（预计）</abbr> : null}
    </span>
  );
}

function RequestTable({ rows, units, showSteps = false }: { rows: RequestSummary[]; units: Unit[] | null; showSteps?: boolean }) {
  if (rows.length === 0) return <p className="muted">暂无。</p>;
  return (
    <ul className="cards">
      {rows.map((r) => (
        <li key={r.requestId} className="card">
          <h3>
            <Link to={`/console/requests/${r.requestId}`}>
              {r.description.length > 40 ? `${r.description.slice(0, 40)}…` : r.description}
            </Link>
          </h3>
          <p className="meta">
            {unitName(units, r.unitId)} · {r.channel} · 收到 {r.receivedOn} · {r.statusLabel}
          </p>
          <Remaining clock={r.clock} />
          {showSteps ? (
            <ul className="meta" data-testid="steps-due">
              {(r.stepsDue ?? []).map((code) => (
                <li key={code}>{STEP_DUE_LABELS[code] ?? code}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function ConsoleHome({ session }: { session: Session }) {
  const units = useApi<Unit[]>('/api/catalogue/units');
  const unit = session.unitId;
  const handles = ['clerk', 'office_head', 'reviewer', 'district_office', 'admin'].includes(session.role);
  const requests = useApi<RequestSummary[]>(
    handles && (unit || session.role !== 'reviewer') ? `/api/requests?flag=open${unit ? `&unitId=${unit}` : ''}` : null,
  );
  const todo = useApi<unknown>(
    unit && ['clerk', 'office_head', 'district_office', 'admin'].includes(session.role) ? `/api/catalogue/units/${unit}/items/todo` : null,
  );
  const reviews = useApi<DocumentView[]>(
    ['reviewer', 'office_head', 'district_office'].includes(session.role)
      ? `/api/document-attributes/documents?phase=proposed${unit && session.role !== 'district_office' ? `&unitId=${unit}` : ''}`
      : null,
  );
  const obligations = useApi<ObligationView[]>(session.role !== 'auditor' ? '/api/interpretation/obligations' : null);
  const unitDocuments = useApi<DocumentView[]>(
    unit && ['clerk', 'office_head', 'reviewer'].includes(session.role) ? `/api/document-attributes/documents?unitId=${unit}` : null,
  );
  const yearlyReviews = (unitDocuments.data ?? []).filter((d) => openReviewYear(d) !== null);
  const todoRows = (
    Array.isArray(todo.data)
      ? todo.data
      : [
          ...(((todo.data as { returned?: PublicItem[] } | null)?.returned ?? []) as PublicItem[]),
          ...(((todo.data as { drafts?: PublicItem[] } | null)?.drafts ?? []) as PublicItem[]),
        ]
  ) as (PublicItem & { correction?: { note: string } | null })[];
  const obligationRows = (Array.isArray(obligations.data) ? obligations.data : ([] as ObligationView[])).filter(
    (o) => o.obligation && o.obligation.status !== 'published',
  );
  const urgent = (requests.data ?? []).filter((r) => r.clock && (r.clock.nearDue || r.clock.overdue));
  const stepsDue = (requests.data ?? []).filter((r) => r.stepsDue?.length);
  return (
    <>
      <PageTitle lead={`${session.name} · ${ROLE_LABELS[session.role]} · ${unitName(units.data, session.unitId)}`}>待办事项</PageTitle>
      {handles ? (
        <section aria-labelledby="req-heading">
          <h2 id="req-heading">依申请公开：临近期限或已逾期（{urgent.length}）</h2>
          {requests.loading ? <Loading /> : null}
          <ErrorNotice error={requests.error} />
          {requests.data ? <RequestTable rows={urgent} units={units.data} /> : null}
          {stepsDue.length ? (
            <>
              <h2>依申请公开：期限届满、可以办理的事项（{stepsDue.length}）</h2>
              <RequestTable rows={stepsDue} units={units.data} showSteps />
            </>
          ) : null}
          <h2>在办申请（{requests.data?.length ?? 0}）</h2>
          {requests.data ? <RequestTable rows={requests.data} units={units.data} /> : null}
        </section>
      ) : null}
      {reviews.data || reviews.error ? (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">待保密审查的公文（{reviews.data?.length ?? 0}）</h2>
          <ErrorNotice error={reviews.error} />
          <DocumentTable rows={reviews.data ?? []} units={units.data} />
        </section>
      ) : null}
      {yearlyReviews.length || unitDocuments.error ? (
        <section aria-labelledby="yearly-heading">
          <h2 id="yearly-heading">公文年度评估：待评估（{yearlyReviews.length}）</h2>
          <ErrorNotice error={unitDocuments.error} />
          <DocumentTable rows={yearlyReviews} units={units.data} />
        </section>
      ) : null}
      <ConcernsDue session={session} />
      <ModerationDue session={session} />
      {todo.data || todo.error ? (
        <section aria-labelledby="todo-heading">
          <h2 id="todo-heading">目录：被退回修改和未发布的事项（{todoRows.length}）</h2>
          <ErrorNotice error={todo.error} />
          <ul className="cards">
            {todoRows.map((i) => (
              <li key={i.itemId} className="card">
                <h3>
                  <Link to={`/console/catalogue/items/${i.itemId}`}>{i.content?.secondLevel ?? i.content?.firstLevel ?? i.itemId}</Link>
                </h3>
                <p className="meta">{i.status === 'returned' || i.correction ? `退回修改：${i.correction?.note ?? ''}` : '草稿未发布'}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {obligationRows.length ? (
        <section aria-labelledby="interp-heading">
          <h2 id="interp-heading">政策解读任务（{obligationRows.length}）</h2>
          <ul className="cards">
            {obligationRows.map((o) => (
              <li key={o.documentId} className="card">
                <h3>
                  <Link to={`/console/interpretation/${encodeURIComponent(o.documentId)}`}>{o.title ?? o.documentId}</Link>
                </h3>
                <DueBadge view={o} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {seesDistrict(session) ? (
        <p>
          <Link to="/console/ranking">查看政务公开考核排名</Link>
        </p>
      ) : session.unitId ? (
        <p>
          <Link to="/console/score">查看本单位考核得分和失分项</Link>
        </p>
      ) : null}
      {session.role === 'auditor' ? (
        <p>
          <Link to="/console/audit">查询决定记录（时间线）</Link> · <Link to="/console/audit/as-of">时间回溯</Link>
        </p>
      ) : null}
    </>
  );
}

/** The year of a document's yearly review still waiting for a decision, if any. */
const openReviewYear = (d: DocumentView): number | null => {
  const year = Object.entries(d.reviews ?? {}).find(([, r]) => r.status === 'open')?.[0];
  return year ? Number(year) : null;
};

function DocumentTable({ rows, units }: { rows: DocumentView[]; units: Unit[] | null }) {
  if (rows.length === 0) return <p className="muted">暂无。</p>;
  return (
    <ul className="cards">
      {rows.map((d) => (
        <li key={d.documentId} className="card">
          <h3>
            <Link to={`/console/documents/${d.documentId}`}>{d.title}</Link>
          </h3>
          <p className="meta">
            {d.documentNumber} · {unitName(units, d.unitId)} · {PHASE_LABELS[d.phase] ?? d.phase} · 建议属性：{d.attribute ?? '未提出'}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function RequestsList({ session }: { session: Session }) {
  const units = useApi<Unit[]>('/api/catalogue/units');
  const rows = useApi<RequestSummary[]>(`/api/requests${session.unitId ? `?unitId=${session.unitId}` : ''}`);
  return (
    <>
      <PageTitle>依申请公开办理</PageTitle>
      {rows.loading ? <Loading /> : null}
      <ErrorNotice error={rows.error} />
      {rows.data ? <RequestTable rows={rows.data} units={units.data} /> : null}
    </>
  );
}

export function RequestCase({ session }: { session: Session }) {
  const { requestId = '' } = useParams();
  const r = useApi<RequestDetail>(`/api/requests/${encodeURIComponent(requestId)}`);
  const settle = useReadYourWrites(r);
  const units = useApi<Unit[]>('/api/catalogue/units');
  // A request moved to another unit is that unit's: a unit's staff can no longer read it (the district office still can).
  const [transferred, setTransferred] = useState<{ requestId: string; to: string } | null>(null);
  const v = r.data;
  if (transferred?.requestId === requestId && !seesDistrict(session)) {
    return (
      <>
        <Breadcrumb
          trail={[
            ['工作台', '/console'],
            ['依申请公开', '/console/requests'],
            ['办理', null],
          ]}
        />
        <PageTitle>政府信息公开申请办理</PageTitle>
        <Notice>本申请已移交至{transferred.to}，由其办理。</Notice>
        <p>
          <Link to="/console/requests">返回依申请公开办理</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <Breadcrumb
        trail={[
          ['工作台', '/console'],
          ['依申请公开', '/console/requests'],
          ['办理', null],
        ]}
      />
      {r.loading && !v ? <Loading what="申请" /> : null}
      <ErrorNotice error={r.error} />
      {v ? (
        <>
          <PageTitle lead={`${unitName(units.data, v.unitId)} · ${v.channel} · 收到 ${v.receivedOn}`}>政府信息公开申请办理</PageTitle>
          <div className="sticky-clock" aria-live="polite">
            状态：<strong data-testid="case-status">{v.statusLabel}</strong> <Remaining clock={v.clock} />
          </div>
          <section aria-labelledby="applicant-heading" className="card">
            <h2 id="applicant-heading">申请内容</h2>
            <dl className="kv-list">
              <dt>申请人</dt>
              <dd>
                {v.applicant.name}（{v.applicant.type}）
                {v.applicant.idDocument ? ` ${v.applicant.idDocument.kind} ${v.applicant.idDocument.masked}` : ''}
              </dd>
              <dt>联系方式</dt>
              <dd>{[v.applicant.phone, v.applicant.email, v.applicant.address].filter(Boolean).join('；')}</dd>
              <dt>所需信息</dt>
              <dd className="prewrap">{v.description}</dd>
              {v.purpose ? (
                <>
                  <dt>用途</dt>
                  <dd>{v.purpose}</dd>
                </>
              ) : null}
              <dt>提供形式 / 获取方式</dt>
              <dd>
                {v.preferredForm} / {v.delivery}
              </dd>
              {v.receiptBasis ? (
                <>
                  <dt>收到日期依据</dt>
                  <dd>{v.receiptBasis}</dd>
                </>
              ) : null}
            </dl>
            {v.possibleRepeatOf.length ? (
              <Notice kind="warn">该申请人曾提出相似申请（可能为重复申请）：{v.possibleRepeatOf.join('、')}</Notice>
            ) : null}
          </section>
          <RequestActions
            request={v}
            session={session}
            units={units.data}
            reload={settle}
            onTransferred={(to) => setTransferred({ requestId, to })}
          />
          <CaseLetters request={v} />
          <p>
            <Link to={`/console/audit?target=${encodeURIComponent(v.requestId)}`}>查看本申请的决定记录</Link>
          </p>
        </>
      ) : null}
    </>
  );
}

export function DocumentsQueue({ session }: { session: Session }) {
  const units = useApi<Unit[]>('/api/catalogue/units');
  const docs = useApi<DocumentView[]>(
    `/api/document-attributes/documents${session.unitId && session.role !== 'district_office' ? `?unitId=${session.unitId}` : ''}`,
  );
  const proposed = (docs.data ?? []).filter((d) => d.phase === 'proposed');
  return (
    <>
      <PageTitle>公文登记与保密审查</PageTitle>
      {docs.loading ? <Loading /> : null}
      <ErrorNotice error={docs.error} />
      <h2>待保密审查（{proposed.length}）</h2>
      <DocumentTable rows={proposed} units={units.data} />
      {['district_office', 'admin'].includes(session.role) ? <ReviewCycle units={units.data} /> : null}
      <h2>全部公文（{docs.data?.length ?? 0}）</h2>
      <DocumentTable rows={docs.data ?? []} units={units.data} />
    </>
  );
}

interface ReviewProgress {
  year: number;
  units: { unitId: string; tasks: number; open: number; kept: number; released: number; complete: boolean }[];
}

/** The district office starts the yearly review (年度评估) of documents not proactively disclosed, and follows it per unit. */
function ReviewCycle({ units }: { units: Unit[] | null }) {
  const year = Number(shanghaiToday().slice(0, 4));
  const progress = useApi<ReviewProgress>(`/api/document-attributes/review-cycles/${year}/progress`);
  const [form, update] = useDraft(`review-cycle.${year}`, { dueOn: `${year}-12-31` });
  const open = useAction(progress.reload);
  const started = progress.data !== null;
  return (
    <section aria-labelledby="review-cycle-heading" className="card">
      <h2 id="review-cycle-heading">{year} 年度评估</h2>
      {progress.loading && !progress.data ? <Loading what="评估进度" /> : null}
      {progress.error && progress.error.code !== 'REVIEW_CYCLE_NOT_FOUND' ? <ErrorNotice error={progress.error} /> : null}
      {started ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="年度评估进度">
          <table data-testid="review-progress">
            <thead>
              <tr>
                <th scope="col">单位</th>
                <th scope="col">评估任务</th>
                <th scope="col">待评估</th>
                <th scope="col">继续不公开</th>
                <th scope="col">转为主动公开</th>
              </tr>
            </thead>
            <tbody>
              {(progress.data?.units ?? []).map((u) => (
                <tr key={u.unitId}>
                  <th scope="row">{unitName(units, u.unitId)}</th>
                  <td>{u.tasks}</td>
                  <td>{u.complete ? '已完成' : u.open}</td>
                  <td>{u.kept}</td>
                  <td>{u.released}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <ActionForm
          action={open}
          failure="未启动"
          submitLabel="启动年度评估"
          onSubmit={() =>
            void open.run(
              '/api/document-attributes/review-cycles',
              'POST',
              { year, dueOn: form.dueOn },
              `已启动 ${year} 年度评估，各单位的评估任务已生成。`,
            )
          }
        >
          <p className="muted">为各单位的依申请公开、不予公开公文生成评估任务：经评估可以公开的，转为主动公开。</p>
          <Field label="完成期限" name="dueOn" error={open.error} required>
            {(p) => <input {...p} type="date" value={form.dueOn} onChange={(e) => update({ dueOn: e.target.value })} />}
          </Field>
        </ActionForm>
      )}
    </section>
  );
}

export function DocumentReview({ session }: { session: Session }) {
  const { documentId = '' } = useParams();
  const doc = useApi<DocumentView>(`/api/document-attributes/documents/${encodeURIComponent(documentId)}`);
  const settle = useReadYourWrites(doc);
  const units = useApi<Unit[]>('/api/catalogue/units');
  const [form, update] = useDraft(`attr.${documentId}`, { outcome: 'approve', attribute: '依申请公开', legalBasis: '', reason: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setMessage(null);
    const body =
      form.outcome === 'approve'
        ? { outcome: 'approve' }
        : form.outcome === 'return'
          ? { outcome: 'return', reason: form.reason || null }
          : {
              outcome: 'change',
              attribute: form.attribute,
              legalBasis: form.attribute === '主动公开' ? null : form.legalBasis || null,
              reason: form.reason || null,
            };
    try {
      const result = await api(`/api/document-attributes/documents/${encodeURIComponent(documentId)}/confidentiality-review`, {
        method: 'POST',
        body,
      });
      setMessage(form.outcome === 'approve' ? '已确认公开属性。' : form.outcome === 'return' ? '已退回。' : '已变更公开属性。');
      await settle(result);
    } catch (e) {
      setError(asError(e));
    }
  };
  const d = doc.data;
  return (
    <>
      <Breadcrumb
        trail={[
          ['工作台', '/console'],
          ['公文', '/console/documents'],
          ['保密审查', null],
        ]}
      />
      {doc.loading && !d ? <Loading /> : null}
      <ErrorNotice error={doc.error} />
      {d ? (
        <>
          <PageTitle lead={`${d.documentNumber} · ${d.documentType} · ${unitName(units.data, d.unitId)}`}>{d.title}</PageTitle>
          <dl className="kv-list card">
            <dt>环节</dt>
            <dd data-testid="document-phase">{PHASE_LABELS[d.phase] ?? d.phase}</dd>
            <dt>公开属性</dt>
            <dd data-testid="document-attribute">{d.attribute ?? '未提出'}</dd>
            {d.legalBasis ? (
              <>
                <dt>依据</dt>
                <dd>{GROUNDS.find(([c]) => c === d.legalBasis)?.[1] ?? d.legalBasis}</dd>
              </>
            ) : null}
            {d.reason ? (
              <>
                <dt>理由</dt>
                <dd>{d.reason}</dd>
              </>
            ) : null}
            <dt>是否需要解读</dt>
            <dd>{d.needsInterpretation ? '是' : '否'}</dd>
          </dl>
          {message ? <Notice kind="success">{message}</Notice> : null}
          <ErrorNotice error={error} title="操作未成功，您填写的内容已保留" />
          {d.phase === 'proposed' && session.role === 'reviewer' ? (
            <form className="form card" onSubmit={submit} noValidate>
              <h2>保密审查</h2>
              <fieldset>
                <legend>审查结论</legend>
                <RadioOptions
                  name="outcome"
                  options={[
                    ['approve', '通过（确认建议的公开属性）'],
                    ['change', '变更公开属性'],
                    ['return', '退回起草单位'],
                  ]}
                  value={form.outcome}
                  onChange={(outcome) => update({ outcome })}
                />
              </fieldset>
              {form.outcome === 'change' ? (
                <>
                  <Field label="变更为" name="attribute" error={error} required>
                    {(p) => (
                      <select {...p} value={form.attribute} onChange={(e) => update({ attribute: e.target.value })}>
                        <option>主动公开</option>
                        <option>依申请公开</option>
                        <option>不予公开</option>
                      </select>
                    )}
                  </Field>
                  {form.attribute !== '主动公开' ? (
                    <SelectField
                      label="依据（条例第十四至十六条）"
                      name="legalBasis"
                      error={error}
                      required
                      placeholder="请选择"
                      options={GROUNDS}
                      value={form.legalBasis}
                      onChange={(legalBasis) => update({ legalBasis })}
                    />
                  ) : null}
                </>
              ) : null}
              {form.outcome !== 'approve' ? (
                <Field label="理由" name="reason" error={error} required>
                  {(p) => <textarea {...p} rows={3} value={form.reason} onChange={(e) => update({ reason: e.target.value })} />}
                </Field>
              ) : null}
              <button type="submit" className="primary">
                提交审查结论
              </button>
            </form>
          ) : null}
          {openReviewYear(d) !== null && session.unitId === d.unitId && ['clerk', 'office_head', 'reviewer'].includes(session.role) ? (
            <YearlyReviewForm document={d} year={openReviewYear(d) as number} onDone={settle} />
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** The yearly review (年度评估) of a document not proactively disclosed: keep it (with the ground) or release it. */
function YearlyReviewForm({ document, year, onDone }: { document: DocumentView; year: number; onDone: (result?: unknown) => unknown }) {
  const [form, update, clear] = useDraft(`yearly.${document.documentId}.${year}`, {
    decision: 'keep',
    legalBasis: document.legalBasis ?? '',
    reason: '',
  });
  const decide = useAction(onDone);
  return (
    <ActionForm
      className="form card"
      action={decide}
      failure="评估结论未保存，您填写的内容已保留"
      submitLabel="提交评估结论"
      onSubmit={() => {
        const body = {
          decision: form.decision,
          legalBasis: form.decision === 'keep' ? form.legalBasis || null : null,
          reason: form.reason,
        };
        void decide.run(
          `/api/document-attributes/documents/${encodeURIComponent(document.documentId)}/yearly-reviews/${year}/decision`,
          'POST',
          body,
          form.decision === 'keep' ? '已决定继续维持原公开属性。' : '已决定转为主动公开，须在20个工作日内公开。',
          clear,
        );
      }}
    >
      <h2>{year} 年度评估</h2>
      <p className="muted">当前属性：{document.attribute}。经评估可以公开的，应转为主动公开。</p>
      <fieldset>
        <legend>评估结论</legend>
        <RadioOptions
          name="decision"
          options={[
            ['keep', `继续${document.attribute}`],
            ['release', '转为主动公开'],
          ]}
          value={form.decision}
          onChange={(decision) => update({ decision })}
        />
      </fieldset>
      {form.decision === 'keep' ? (
        <SelectField
          label="依据（条例第十四至十六条）"
          name="legalBasis"
          error={decide.error}
          required
          placeholder="请选择"
          options={GROUNDS}
          value={form.legalBasis}
          onChange={(legalBasis) => update({ legalBasis })}
        />
      ) : null}
      <Field label="理由" name="reason" error={decide.error} required>
        {(p) => <textarea {...p} rows={3} value={form.reason} onChange={(e) => update({ reason: e.target.value })} />}
      </Field>
    </ActionForm>
  );
}

interface TimelineEntry {
  position: number;
  streamId: string;
  revision: number;
  recordedAt: string;
  actor: { userId: string; unitId: string | null; roleLabel: string };
  typeLabel: string;
  ground: string | null;
  reason: string | null;
  fields: { name: string; label: string; value: unknown }[];
  hash: string;
}

export function AuditTimeline() {
  const [params, setParams] = useSearchParams();
  const target = params.get('target') ?? '';
  const [input, setInput] = useState(target);
  const history = useApi<{ target: string; streams: string[]; entries: TimelineEntry[] }>(
    target ? `/api/audit/history/${encodeURIComponent(target)}` : null,
  );
  const verify = useApi<{ ok?: boolean; valid?: boolean; [k: string]: unknown }>('/api/audit/verify');
  const show = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return (
    <>
      <PageTitle lead="每一项公开决定：谁、在哪个单位、依据什么、何时作出；直接读自防篡改的事件存储">决定记录时间线</PageTitle>
      <section className="card" aria-labelledby="verify-heading">
        <h2 id="verify-heading">完整性校验</h2>
        {verify.loading ? <Loading what="校验结果" /> : null}
        <ErrorNotice error={verify.error} />
        {verify.data ? (
          <p data-testid="verify-result">
            {verify.data.ok === false || verify.data.valid === false ? '发现哈希链断裂，请查看详情。' : '哈希链完整，未发现篡改。'}
          </p>
        ) : null}
      </section>
      <form
        className="form inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (input.trim()) setParams({ target: input.trim() });
        }}
      >
        <Field label="申请编号、单位代码或事件流" name="target" error={null}>
          {(p) => <input {...p} value={input} onChange={(e) => setInput(e.target.value)} />}
        </Field>
        <button type="submit" className="primary">
          查询
        </button>
      </form>
      {history.loading ? <Loading what="决定记录" /> : null}
      <ErrorNotice error={history.error} />
      {history.data ? (
        <ol className="timeline" data-testid="timeline">
          {history.data.entries.map((e) => (
            <li key={`${e.streamId}-${e.revision}`}>
              <p className="timeline-head">
                <strong>{e.typeLabel}</strong> <time dateTime={e.recordedAt}>{formatDateTime(e.recordedAt)}</time>
              </p>
              <p className="meta">
                {e.actor.roleLabel} {e.actor.userId}
                {e.actor.unitId ? `（${e.actor.unitId}）` : ''} · 第 {e.revision} 号事件
              </p>
              {e.ground ? <p>依据：{e.ground}</p> : null}
              {e.reason ? <p>理由：{e.reason}</p> : null}
              <details>
                <summary>全部内容与哈希</summary>
                <dl className="kv-list">
                  {e.fields.map((f) => (
                    <div key={f.name}>
                      <dt>{f.label}</dt>
                      <dd>{show(f.value)}</dd>
                    </div>
                  ))}
                  <dt>哈希</dt>
                  <dd className="hash">{e.hash}</dd>
                </dl>
              </details>
            </li>
          ))}
        </ol>
      ) : null}
      <p className="muted">生成日期：{formatDate(new Date().toISOString())}</p>
    </>
  );
}

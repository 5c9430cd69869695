import { Link } from 'react-router-dom';
import {
  type DocumentStaffView,
  type ItemTodoView,
  type ObligationStaffView,
  type RequestSummaryView,
  ROLE_LABELS,
  type UnitListView,
} from '@gongkai/contracts/vocabulary';
import { ReportDeadlines } from './annual-reports/deadlines';
import { ChecklistGaps } from './checklist/checklist';
import { DocumentTable, openReviewYear } from './documents/list';
import { ConcernsDue } from './participation/concerns';
import { ModerationDue } from './participation/consultations';
import { RequestTable } from './requests/list';
import type { Session } from '../api';
import {
  DueBadge,
  ErrorNotice,
  HANDLER_ROLES,
  hasAnyRole,
  isStaff,
  isUnitStaff,
  Loading,
  PageTitle,
  REVIEW_QUEUE_ROLES,
  seesDistrict,
  unitName,
  useApi,
} from '../ui';

export function ConsoleHome({ session }: { session: Session }) {
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const unit = session.unitId;
  const handles = isStaff(session);
  const requests = useApi<RequestSummaryView[]>(
    handles && (unit || session.role !== 'reviewer')
      ? `/api/requests?flag=open&sort=dueOn&pageSize=200${unit ? `&unitId=${unit}` : ''}`
      : null,
  );
  const todo = useApi<ItemTodoView>(unit && hasAnyRole(session, HANDLER_ROLES) ? `/api/catalogue/units/${unit}/items/todo` : null);
  const reviews = useApi<DocumentStaffView[]>(
    hasAnyRole(session, REVIEW_QUEUE_ROLES)
      ? `/api/document-attributes/documents?phase=proposed&sort=registeredAt&pageSize=200${unit && session.role !== 'district_office' ? `&unitId=${unit}` : ''}`
      : null,
  );
  const obligations = useApi<ObligationStaffView[]>(isStaff(session) ? '/api/interpretation/obligations?pageSize=200' : null);
  const unitDocuments = useApi<DocumentStaffView[]>(
    unit && isUnitStaff(session) ? `/api/document-attributes/documents?unitId=${unit}&flag=review_open&pageSize=200` : null,
  );
  const yearlyReviews = (unitDocuments.data ?? []).filter((d) => openReviewYear(d) !== null);
  const todoRows = [...(todo.data?.returned ?? []), ...(todo.data?.drafts ?? [])];
  const obligationRows = (Array.isArray(obligations.data) ? obligations.data : ([] as ObligationStaffView[])).filter(
    (o) => o.obligation && o.obligation.status !== 'published',
  );
  const urgent = (requests.data ?? []).filter((r) => r.clock && (r.clock.nearDue || r.clock.overdue));
  const stepsDue = (requests.data ?? []).filter((r) => r.stepsDue.length);
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
      <ReportDeadlines session={session} />
      {unit && isUnitStaff(session) ? <ChecklistGaps unitId={unit} /> : null}
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
                  <Link to={`/console/catalogue/items/${i.itemId}`}>{i.content.secondLevel ?? i.content.firstLevel}</Link>
                </h3>
                <p className="meta">{i.correction ? `退回修改：${i.correction.note}` : '草稿未发布'}</p>
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
          <Link to="/console/ranking">查看政务公开考核排名</Link> · <Link to="/console/checklist">各单位主动公开清单缺项</Link>
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

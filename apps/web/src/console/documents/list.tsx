import { Link } from 'react-router-dom';
import type { DocumentStaffView, ReviewProgressView, UnitListView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import {
  ActionForm,
  actsDistrictWide,
  ErrorNotice,
  Field,
  Loading,
  PageTitle,
  Pager,
  PHASE_LABELS,
  shanghaiToday,
  unitName,
  useApi,
  useForm,
  usePagedApi,
} from '../../ui';
import { DocumentRegister } from './register';
import { RegisterDocumentForm } from './drafting';

/** The year of a document's yearly review still waiting for a decision, if any. */
export const openReviewYear = (d: DocumentStaffView): number | null => {
  const year = Object.entries(d.reviews ?? {}).find(([, r]) => r.status === 'open')?.[0];
  return year ? Number(year) : null;
};

export function DocumentTable({ rows, units }: { rows: DocumentStaffView[]; units: UnitListView[] | null }) {
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

export function DocumentsQueue({ session }: { session: Session }) {
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const proposed = usePagedApi<DocumentStaffView>(
    `/api/document-attributes/documents?phase=proposed&sort=registeredAt${session.unitId && session.role !== 'district_office' ? `&unitId=${session.unitId}` : ''}`,
    20,
  );
  return (
    <>
      <PageTitle>公文登记与保密审查</PageTitle>
      {proposed.loading ? <Loading /> : null}
      <ErrorNotice error={proposed.error} />
      {session.role === 'clerk' || session.role === 'office_head' ? <RegisterDocumentForm /> : null}
      <h2>待保密审查（{proposed.total}）</h2>
      <DocumentTable rows={proposed.rows ?? []} units={units.data} />
      <Pager page={proposed.page} total={proposed.total} pageSize={proposed.pageSize} onPage={proposed.setPage} />
      {actsDistrictWide(session) ? <ReviewCycle units={units.data} /> : null}
      <DocumentRegister session={session} units={units.data} />
    </>
  );
}

/** The district office starts the yearly review (年度评估) of documents not proactively disclosed, and follows it per unit. */
function ReviewCycle({ units }: { units: UnitListView[] | null }) {
  const year = Number(shanghaiToday().slice(0, 4));
  const progress = useApi<ReviewProgressView>(`/api/document-attributes/review-cycles/${year}/progress`);
  const open = useForm(`review-cycle.${year}`, { dueOn: `${year}-12-31` }, { onDone: progress.reload });
  const { values: form, update } = open;
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

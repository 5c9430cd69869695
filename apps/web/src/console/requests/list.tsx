import { Link } from 'react-router-dom';
import type { RequestSummaryView, UnitListView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import { ErrorNotice, Loading, PageTitle, Remaining, STEP_DUE_LABELS, unitName, useApi } from '../../ui';

export function RequestTable({
  rows,
  units,
  showSteps = false,
}: {
  rows: RequestSummaryView[];
  units: UnitListView[] | null;
  showSteps?: boolean;
}) {
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
              {r.stepsDue.map((code) => (
                <li key={code}>{STEP_DUE_LABELS[code] ?? code}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function RequestsList({ session }: { session: Session }) {
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const rows = useApi<RequestSummaryView[]>(`/api/requests${session.unitId ? `?unitId=${session.unitId}` : ''}`);
  return (
    <>
      <PageTitle>依申请公开办理</PageTitle>
      {session.unitId ? (
        <p>
          <Link to="/console/letter-settings">答复书设置（署名、行政复议机关、联系方式、文号前缀）</Link>
        </p>
      ) : null}
      {rows.loading ? <Loading /> : null}
      <ErrorNotice error={rows.error} />
      {rows.data ? <RequestTable rows={rows.data} units={units.data} /> : null}
    </>
  );
}

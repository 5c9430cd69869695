import { Link } from 'react-router-dom';
import { REPORT_DEADLINE_STATUS_LABELS, type ReportDeadlineView, type ReportDeadlinesView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import { ErrorNotice, hasAnyRole, REPORT_FINALISER_ROLES, seesDistrict, useApi } from '../../ui';

const BADGE: Record<ReportDeadlineView['status'], string> = {
  not_started: 'badge-warn',
  draft: 'badge-warn',
  finalised: 'badge-ok',
  published: 'badge-ok',
  overdue: 'badge-danger',
};

/** 剩余天数 while the report is open; nothing once finalised. */
function daysNote(d: ReportDeadlineView): string {
  if (d.status === 'finalised' || d.status === 'published') return d.correctedOn ? `（${d.correctedOn} 已更正）` : '';
  return d.daysLeft < 0 ? `（已超过 ${-d.daysLeft} 天）` : `（还剩 ${d.daysLeft} 天）`;
}

/**
 * The annual reports the user is responsible for against their deadlines (条例第四十九条), on the
 * console's home page: an office head's own unit; the district office every unit and the government's
 * own report. What is due and where each stands comes from the API (`/deadlines`), not derived here.
 */
export function ReportDeadlines({ session }: { session: Session }) {
  const shown = hasAnyRole(session, REPORT_FINALISER_ROLES);
  const due = useApi<ReportDeadlinesView>(shown ? '/api/requests/reports/annual/deadlines' : null);
  if (!shown) return null;
  const rows = due.data?.deadlines ?? [];
  const open = rows.filter((d) => d.status !== 'published' && d.status !== 'finalised').length;
  return (
    <section aria-labelledby="report-deadlines-heading">
      <h2 id="report-deadlines-heading">政府信息公开工作年度报告报送期限（未完成 {open}）</h2>
      <p className="muted">部门和镇（街道）的年度报告于次年 1 月 31 日前、区人民政府的年度报告于次年 3 月 31 日前向社会公布。</p>
      <ErrorNotice error={due.error} />
      {due.data ? (
        <div className="table-scroll" role="region" aria-label="年度报告报送期限表（可横向滚动）" tabIndex={0}>
          <table data-testid="report-deadlines">
            <thead>
              <tr>
                <th scope="col">单位</th>
                <th scope="col">报告年度</th>
                <th scope="col">报送期限</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={`${d.unitId}-${d.year}`}>
                  <td>
                    {d.unitId === session.unitId || seesDistrict(session) ? (
                      <Link to={`/console/annual-report?unit=${encodeURIComponent(d.unitId)}&year=${d.year}`}>{d.unitName}</Link>
                    ) : (
                      d.unitName
                    )}
                  </td>
                  <td>{d.year} 年度</td>
                  <td>{d.dueOn}</td>
                  <td>
                    <span className={`badge ${BADGE[d.status]}`} data-testid="report-status">
                      {REPORT_DEADLINE_STATUS_LABELS[d.status]}
                    </span>
                    {daysNote(d)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

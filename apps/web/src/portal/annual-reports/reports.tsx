import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, download } from '../../api';
import {
  asError,
  Breadcrumb,
  ErrorNotice,
  formatDate,
  formatDateTime,
  Loading,
  Notice,
  PageTitle,
  Pager,
  useApi,
  usePagedApi,
} from '../../ui';

/** `GET /api/requests/reports/annual/published` */
interface PublishedReportRow {
  unitId: string;
  unitName: string;
  year: number;
  finalisedAt: string;
  /** Present once the report was corrected (the current version is shown). */
  corrected?: boolean;
}

/** `GET /api/requests/reports/annual/published/:unitId/:year`: the report as finalised, with presentation-ready tables. */
interface PublishedReport extends PublishedReportRow {
  tables: { title: string; rows: (string | number)[][] }[];
  narrative?: { overview?: string; problemsAndImprovements?: string; otherMatters?: string } | null;
  /** The current version once corrected: its number, the reason and when (null as finalised). */
  correction?: { version: number; reason: string; correctedAt: string } | null;
}

/** The reason of a correction as the portal summarises it (the whole text stays in the record). */
const summary = (reason: string) => (reason.length > 120 ? `${reason.slice(0, 120)}…` : reason);

const BASE = '/api/requests/reports/annual/published';

/** The six sections of the annual report (国办公开办函〔2021〕30号): narrative sections around the three tables. */
const NARRATIVE_BEFORE: [keyof NonNullable<PublishedReport['narrative']>, string][] = [['overview', '一、总体情况']];
const TABLE_SECTIONS = ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况'];
const NARRATIVE_AFTER: [keyof NonNullable<PublishedReport['narrative']>, string][] = [
  ['problemsAndImprovements', '五、存在的主要问题及改进情况'],
  ['otherMatters', '六、其他需要报告的事项'],
];

export function AnnualReportsPage() {
  const reports = usePagedApi<PublishedReportRow>(BASE, 60);
  const years = [...new Set((reports.data ?? []).map((r) => r.year))];
  return (
    <>
      <PageTitle lead="各单位每年1月31日前公布上一年度政府信息公开工作年度报告（《中华人民共和国政府信息公开条例》第四十九条）">
        政府信息公开工作年度报告
      </PageTitle>
      {reports.loading ? <Loading what="年度报告" /> : null}
      <ErrorNotice error={reports.error} />
      {reports.data && reports.data.length === 0 ? <p className="muted">暂无已公布的年度报告。</p> : null}
      {years.map((year) => (
        <section key={year} aria-labelledby={`reports-${year}`}>
          <h2 id={`reports-${year}`}>{year} 年度</h2>
          <ul className="cards">
            {(reports.data ?? [])
              .filter((r) => r.year === year)
              .map((r) => (
                <li key={`${r.unitId}-${r.year}`} className="card">
                  <h3>
                    <Link to={`/annual-reports/${encodeURIComponent(r.unitId)}/${r.year}`}>
                      {r.unitName}
                      {r.year}年政府信息公开工作年度报告
                    </Link>
                  </h3>
                  <p className="meta">
                    公布时间：{formatDateTime(r.finalisedAt)}
                    {r.corrected ? '（已更正）' : ''}
                  </p>
                </li>
              ))}
          </ul>
        </section>
      ))}
      <Pager page={reports.page} total={reports.total} pageSize={reports.pageSize} onPage={reports.setPage} />
    </>
  );
}

export function ReportTable({ title, rows }: { title: string; rows: (string | number)[][] }) {
  const [header, ...body] = rows;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            {header.map((cell, n) => (
              <th key={n} scope="col">
                {cell === '' ? <span className="visually-hidden">项目</span> : cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((row, r) => (
            <tr key={r}>
              {row.map((cell, n) =>
                n === 0 ? (
                  <th key={n} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={n}>{cell === '' ? '—' : cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The report as a .docx (six sections) and its tables as an .xlsx. */
export function ReportDownloads({ path }: { path: string }) {
  const [error, setError] = useState<ApiError | null>(null);
  const save = async (format: 'docx' | 'xlsx') => {
    setError(null);
    try {
      await download(`${path}?format=${format}`);
    } catch (e) {
      setError(asError(e));
    }
  };
  return (
    <>
      <div className="actions">
        <button type="button" onClick={() => void save('docx')}>
          下载年度报告（Word）
        </button>
        <button type="button" onClick={() => void save('xlsx')}>
          下载统计表（Excel）
        </button>
      </div>
      <ErrorNotice error={error} title="下载未成功" />
    </>
  );
}

export function AnnualReportPage() {
  const { unitId = '', year = '' } = useParams();
  const path = `${BASE}/${encodeURIComponent(unitId)}/${encodeURIComponent(year)}`;
  const report = useApi<PublishedReport>(path);
  const r = report.data;
  const narrative = (key: keyof NonNullable<PublishedReport['narrative']>, heading: string) => (
    <section key={key} aria-labelledby={`section-${key}`}>
      <h2 id={`section-${key}`}>{heading}</h2>
      <p className="prewrap">{r?.narrative?.[key] || '（本部分未填写）'}</p>
    </section>
  );
  return (
    <>
      <Breadcrumb
        trail={[
          ['年度报告', '/annual-reports'],
          [`${year} 年度`, null],
        ]}
      />
      {report.loading ? <Loading what="年度报告" /> : null}
      <ErrorNotice error={report.error} />
      {r ? (
        <>
          <PageTitle lead={`公布时间：${formatDateTime(r.finalisedAt)}`}>{`${r.unitName}${r.year}年政府信息公开工作年度报告`}</PageTitle>
          {r.correction ? (
            <Notice>
              <span data-testid="report-corrected">
                本报告已于 {formatDate(r.correction.correctedAt)} 更正，现为第 {r.correction.version} 版。更正理由：
                {summary(r.correction.reason)}
              </span>
            </Notice>
          ) : null}
          <ReportDownloads path={path} />
          {NARRATIVE_BEFORE.map(([key, heading]) => narrative(key, heading))}
          {r.tables.map((table, n) => (
            <section key={table.title} aria-labelledby={`table-${n}`} data-testid="report-table">
              <h2 id={`table-${n}`}>{TABLE_SECTIONS[n] ?? table.title}</h2>
              <ReportTable title={table.title} rows={table.rows} />
            </section>
          ))}
          {NARRATIVE_AFTER.map(([key, heading]) => narrative(key, heading))}
        </>
      ) : null}
    </>
  );
}

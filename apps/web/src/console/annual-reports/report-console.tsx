import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ReportDownloads, ReportTable } from '../../portal/annual-reports/reports';
import type { Session } from '../../api';
import {
  ErrorNotice,
  hasAnyRole,
  Loading,
  Notice,
  PageTitle,
  REPORT_FINALISER_ROLES,
  seesDistrict,
  SelectField,
  shanghaiToday,
  useApi,
} from '../../ui';
import { CorrectionForm, FinaliseForm, type LiveReport } from './report-forms';

/**
 * The unit's annual report: live tables, then the office head enters the rest, saves drafts and
 * finalises (which publishes it); a published report is corrected with a reason. `?unit=&year=` open
 * another year (and, for the district office, another unit), as the home page's deadlines link.
 */
export function AnnualReportConsole({ session }: { session: Session }) {
  const [query] = useSearchParams();
  const unitId = (seesDistrict(session) && query.get('unit')) || session.unitId || 'district';
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const [year, setYear] = useState(Number(query.get('year')) || thisYear - 1);
  const base = `/api/requests/reports/annual/${encodeURIComponent(unitId)}/${year}`;
  const report = useApi<LiveReport>(base);
  const mayFinalise = hasAnyRole(session, REPORT_FINALISER_ROLES);
  const r = report.data;
  const years = Array.from({ length: 5 }, (_, n) => String(thisYear - n));
  return (
    <>
      <PageTitle lead="表三、表四由依申请公开办理记录自动统计，表二规章和行政规范性文件由公文登记自动统计；定稿即在门户网站公布。">
        政府信息公开工作年度报告
      </PageTitle>
      <div className="form narrow">
        <SelectField
          label="报告年度"
          name="year"
          options={years.includes(String(year)) ? years : [String(year), ...years]}
          value={String(year)}
          onChange={(y) => setYear(Number(y))}
        />
      </div>
      {report.loading && !r ? <Loading what="年度报告" /> : null}
      <ErrorNotice error={report.error} />
      {r && r.year === year && r.unitId === unitId ? (
        <>
          {r.unitName !== unitId ? <p className="meta">{r.unitName}</p> : null}
          {r.finalised ? (
            <Notice kind="success">
              已定稿并公布{r.version && r.version > 1 ? `（已更正，现为第 ${r.version} 版）` : ''}。
              <Link to={`/annual-reports/${encodeURIComponent(r.unitId)}/${r.year}`}>在门户网站查看</Link>
            </Notice>
          ) : r.draft ? (
            <Notice>已保存草稿，尚未定稿公布。</Notice>
          ) : null}
          {!r.balanced ? <Notice kind="warn">表三不平衡：办理结果总计与收到的申请数量不一致，请核对办理记录后再定稿。</Notice> : null}
          <ReportDownloads path={base} />
          {r.tables.map((table) => (
            <ReportTable key={table.title} title={table.title} rows={table.rows} />
          ))}
          {mayFinalise && !r.finalised ? <FinaliseForm key={`${unitId}.${year}`} base={base} report={r} onDone={report.reload} /> : null}
          {mayFinalise && r.finalised ? (
            <CorrectionForm key={`${unitId}.${year}.${r.version ?? 1}`} base={base} report={r} onDone={report.reload} />
          ) : null}
        </>
      ) : null}
    </>
  );
}

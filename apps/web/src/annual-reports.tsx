import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, download, type Session } from './api';
import { TABLE2_FIELDS, TABLE2_HAND_ENTERED_FIELDS } from './labels';
import { Breadcrumb } from './portal';
import {
  ActionForm,
  ErrorNotice,
  Field,
  Loading,
  Notice,
  PageTitle,
  SelectField,
  asError,
  shanghaiToday,
  formatDateTime,
  useAction,
  useApi,
  useDraft,
} from './ui';

/** `GET /api/requests/reports/annual/published` */
interface PublishedReportRow {
  unitId: string;
  unitName: string;
  year: number;
  finalisedAt: string;
}

/** `GET /api/requests/reports/annual/published/:unitId/:year`: the report as finalised, with presentation-ready tables. */
interface PublishedReport extends PublishedReportRow {
  tables: { title: string; rows: (string | number)[][] }[];
  narrative?: { overview?: string; problemsAndImprovements?: string; otherMatters?: string } | null;
}

const BASE = '/api/requests/reports/annual/published';

/** The six sections of the annual report (国办公开办函〔2021〕30号): narrative sections around the three tables. */
const NARRATIVE_BEFORE: [keyof NonNullable<PublishedReport['narrative']>, string][] = [['overview', '一、总体情况']];
const TABLE_SECTIONS = ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况'];
const NARRATIVE_AFTER: [keyof NonNullable<PublishedReport['narrative']>, string][] = [
  ['problemsAndImprovements', '五、存在的主要问题及改进情况'],
  ['otherMatters', '六、其他需要报告的事项'],
];

export function AnnualReportsPage() {
  const reports = useApi<PublishedReportRow[]>(BASE);
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
                  <p className="meta">公布时间：{formatDateTime(r.finalisedAt)}</p>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function ReportTable({ title, rows }: { title: string; rows: (string | number)[][] }) {
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
function ReportDownloads({ path }: { path: string }) {
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

/** `GET /api/requests/reports/annual/:unitId/:year` (staff): the live figures, and whether the report was finalised. */
interface LiveReport {
  unitId: string;
  unitName: string;
  year: number;
  tables: { title: string; rows: (string | number)[][] }[];
  balanced: boolean;
  finalised: boolean;
}

/** Table 2 rows the unit enters itself (the document rows are counted from the document register). */
const HAND_ENTERED: [string, string][] = TABLE2_HAND_ENTERED_FIELDS.map((key) => [key, TABLE2_FIELDS[key]]);

/** The unit's annual report: live tables, then the office head enters the rest and finalises (which publishes it). */
export function AnnualReportConsole({ session }: { session: Session }) {
  const unitId = session.unitId ?? 'district';
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const [year, setYear] = useState(thisYear - 1);
  const base = `/api/requests/reports/annual/${encodeURIComponent(unitId)}/${year}`;
  const report = useApi<LiveReport>(base);
  const [form, update, clear] = useDraft(`annual.${unitId}.${year}`, {
    licensing_decisions: '',
    penalty_decisions: '',
    enforcement_decisions: '',
    fees_amount_10k_yuan: '',
    overview: '',
    problemsAndImprovements: '',
    otherMatters: '',
  });
  const finalise = useAction(report.reload);
  const mayFinalise = ['office_head', 'district_office', 'admin'].includes(session.role);
  const r = report.data;
  return (
    <>
      <PageTitle lead="表三、表四由依申请公开办理记录自动统计，表二规章和行政规范性文件由公文登记自动统计；定稿即在门户网站公布。">
        政府信息公开工作年度报告
      </PageTitle>
      <div className="form narrow">
        <SelectField
          label="报告年度"
          name="year"
          options={Array.from({ length: 5 }, (_, n) => String(thisYear - n))}
          value={String(year)}
          onChange={(y) => setYear(Number(y))}
        />
      </div>
      {report.loading && !r ? <Loading what="年度报告" /> : null}
      <ErrorNotice error={report.error} />
      {r ? (
        <>
          {r.finalised ? (
            <Notice kind="success">
              已定稿并公布。<Link to={`/annual-reports/${encodeURIComponent(r.unitId)}/${r.year}`}>在门户网站查看</Link>
            </Notice>
          ) : null}
          {!r.balanced ? <Notice kind="warn">表三不平衡：办理结果总计与收到的申请数量不一致，请核对办理记录后再定稿。</Notice> : null}
          <ReportDownloads path={base} />
          {r.tables.map((table) => (
            <ReportTable key={table.title} title={table.title} rows={table.rows} />
          ))}
          {mayFinalise && !r.finalised ? (
            <ActionForm
              className="form card"
              action={finalise}
              failure="未定稿，您填写的内容已保留"
              submitLabel="定稿并公布"
              onSubmit={() => {
                const numbers = Object.fromEntries(
                  HAND_ENTERED.filter(([key]) => form[key as keyof typeof form] !== '').map(([key]) => [
                    key,
                    Number(form[key as keyof typeof form]),
                  ]),
                );
                const narrative = {
                  overview: form.overview,
                  problemsAndImprovements: form.problemsAndImprovements,
                  otherMatters: form.otherMatters,
                };
                void finalise.run(`${base}/finalise`, 'POST', { ...numbers, narrative }, '年度报告已定稿，并已在门户网站公布。', clear);
              }}
            >
              <h2>定稿并公布</h2>
              {HAND_ENTERED.map(([key, label]) => (
                <Field key={key} label={label} name={key} error={finalise.error}>
                  {(p) => (
                    <input
                      {...p}
                      inputMode="decimal"
                      value={form[key as keyof typeof form]}
                      onChange={(e) => update({ [key]: e.target.value })}
                    />
                  )}
                </Field>
              ))}
              <Field label="一、总体情况" name="overview" apiField="narrative.overview" error={finalise.error}>
                {(p) => <textarea {...p} rows={4} value={form.overview} onChange={(e) => update({ overview: e.target.value })} />}
              </Field>
              <Field
                label="五、存在的主要问题及改进情况"
                name="problemsAndImprovements"
                apiField="narrative.problemsAndImprovements"
                error={finalise.error}
              >
                {(p) => (
                  <textarea
                    {...p}
                    rows={4}
                    value={form.problemsAndImprovements}
                    onChange={(e) => update({ problemsAndImprovements: e.target.value })}
                  />
                )}
              </Field>
              <Field label="六、其他需要报告的事项" name="otherMatters" apiField="narrative.otherMatters" error={finalise.error}>
                {(p) => <textarea {...p} rows={3} value={form.otherMatters} onChange={(e) => update({ otherMatters: e.target.value })} />}
              </Field>
            </ActionForm>
          ) : null}
        </>
      ) : null}
    </>
  );
}

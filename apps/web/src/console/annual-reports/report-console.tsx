import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ReportDownloads, ReportTable } from '../../portal/annual-reports/reports';
import type { Session } from '../../api';
import {
  ActionForm,
  ErrorNotice,
  Field,
  hasAnyRole,
  Loading,
  Notice,
  PageTitle,
  REPORT_FINALISER_ROLES,
  SelectField,
  shanghaiToday,
  TABLE2_FIELDS,
  TABLE2_HAND_ENTERED_FIELDS,
  useApi,
  useForm,
} from '../../ui';

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
  const finalise = useForm(
    `annual.${unitId}.${year}`,
    {
      licensing_decisions: '',
      penalty_decisions: '',
      enforcement_decisions: '',
      fees_amount_10k_yuan: '',
      overview: '',
      problemsAndImprovements: '',
      otherMatters: '',
    },
    { onDone: report.reload },
  );
  const { values: form, update, clear } = finalise;
  const mayFinalise = hasAnyRole(session, REPORT_FINALISER_ROLES);
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

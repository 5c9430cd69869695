import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import type { SchemeSummaryView } from '@gongkai/contracts/vocabulary';
import { api, ApiError, type Session } from '../../api';
import { actsDistrictWide, ErrorNotice, Field, formatDate, Loading, Notice, onField, PageTitle, useApi, useForm } from '../../ui';
import { fmt, schemeLabel, thisYear } from './common';

interface SchemeDetail {
  schemeId: string;
  year: number;
  current: {
    version: number;
    title: string;
    opennessWeightPercent: number;
    indicators: unknown[];
    rules: unknown;
    assessedUnitKinds: string[];
  };
}

/** Schemes, and (district office) publishing one: indicators and rules are taken from an existing scheme. */
export function SchemesPage({ session }: { session: Session }) {
  const schemes = useApi<SchemeSummaryView[]>('/api/assessment/schemes');
  const canPublish = actsDistrictWide(session);
  const year = thisYear();
  const publish = useForm(
    'scheme',
    {
      schemeId: `KH-${year + 1}`,
      year: String(year + 1),
      title: `${year + 1}年度政务公开工作考核方案`,
      opennessWeightPercent: '5',
      basedOn: '',
      reason: '',
    },
    {
      // The 4% rule is the decider's, not a field check: show it next to the weight field too.
      toForm: onField({ OPENNESS_WEIGHT_BELOW_MINIMUM: 'opennessWeightPercent' }),
    },
  );
  const { values: form, update, clear, error, submitting: busy } = publish;
  const [message, setMessage] = useState<string | null>(null);
  const list = schemes.data ?? [];
  const basedOn = form.basedOn || list[0]?.schemeId || '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    void publish.submit(async () => {
      if (!basedOn)
        throw new ApiError(0, 'NO_BASE', '请先选择沿用哪个方案的指标和评分规则。', [
          { field: 'basedOn', code: 'required', message: '请选择。' },
        ]);
      const base = await api<SchemeDetail>(`/api/assessment/schemes/${encodeURIComponent(basedOn)}`);
      const weight = form.opennessWeightPercent.trim() === '' ? Number.NaN : Number(form.opennessWeightPercent);
      const result = await api<{ schemeId: string; version: number }>('/api/assessment/schemes', {
        method: 'POST',
        body: {
          schemeId: form.schemeId.trim(),
          year: Number(form.year),
          title: form.title.trim(),
          opennessWeightPercent: Number.isNaN(weight) ? form.opennessWeightPercent : weight,
          indicators: base.current.indicators,
          rules: base.current.rules,
          assessedUnitKinds: base.current.assessedUnitKinds,
          reason: form.reason.trim() || undefined,
        },
      });
      setMessage(`已发布考核方案 ${result.schemeId}（第${result.version}版）。`);
      clear();
      schemes.reload();
    });
  };
  return (
    <>
      <PageTitle lead="政务公开工作纳入绩效考核体系，分值权重不低于4%（台政办发〔2020〕10号 三（六））。">考核方案</PageTitle>
      {schemes.loading ? <Loading what="考核方案" /> : null}
      <ErrorNotice error={schemes.error} />
      {schemes.data ? (
        list.length === 0 ? (
          <p className="muted">尚未发布考核方案。</p>
        ) : (
          <div className="table-scroll" role="region" aria-label="考核方案表（可横向滚动）" tabIndex={0}>
            <table data-testid="schemes" className="wide">
              <caption>已发布的考核方案</caption>
              <thead>
                <tr>
                  <th scope="col">方案</th>
                  <th scope="col">年度</th>
                  <th scope="col">版本</th>
                  <th scope="col">政务公开权重</th>
                  <th scope="col">满分</th>
                  <th scope="col">结果</th>
                </tr>
              </thead>
              <tbody>
                {list.map((s) => (
                  <tr key={s.schemeId}>
                    <th scope="row">
                      <Link to={`/console/ranking?scheme=${encodeURIComponent(s.schemeId)}`}>{s.title}</Link>
                      <span className="meta block">{s.schemeId}</span>
                    </th>
                    <td>{s.year}</td>
                    <td>
                      第{s.currentVersion}版<span className="meta block">发布于 {formatDate(s.versions.at(-1)?.publishedAt)}</span>
                    </td>
                    <td>{fmt(s.opennessWeightPercent)}%</td>
                    <td>{fmt(s.totalPoints)}</td>
                    <td>{s.frozen ? `已固化（截至 ${formatDate(s.frozen.asOf)}）` : '实时计算'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {canPublish ? (
        <section aria-labelledby="publish-heading" className="card publish">
          <h2 id="publish-heading">发布考核方案</h2>
          <p className="hint">指标体系和表扬、整改、批评规则沿用所选方案；同一编号再次发布即为新版本（须说明理由）。</p>
          {message ? <Notice kind="success">{message}</Notice> : null}
          <ErrorNotice error={error} title="发布未成功，您填写的内容已保留" />
          <form className="form" onSubmit={submit} noValidate>
            <div className="row align-end">
              <Field label="方案编号" name="schemeId" error={error} required hint="字母、数字和连字符，如 KH-2027">
                {(p) => <input {...p} value={form.schemeId} onChange={(e) => update({ schemeId: e.target.value })} />}
              </Field>
              <Field label="考核年度" name="year" error={error} required>
                {(p) => <input {...p} inputMode="numeric" value={form.year} onChange={(e) => update({ year: e.target.value })} />}
              </Field>
            </div>
            <Field label="方案名称" name="title" error={error} required>
              {(p) => <input {...p} value={form.title} onChange={(e) => update({ title: e.target.value })} />}
            </Field>
            <Field label="政务公开工作占绩效考核的权重（%）" name="opennessWeightPercent" error={error} required hint="不得低于4%">
              {(p) => (
                <input
                  {...p}
                  inputMode="decimal"
                  value={form.opennessWeightPercent}
                  onChange={(e) => update({ opennessWeightPercent: e.target.value })}
                />
              )}
            </Field>
            <Field label="沿用指标体系和评分规则" name="basedOn" error={error} required>
              {(p) => (
                <select {...p} value={basedOn} onChange={(e) => update({ basedOn: e.target.value })}>
                  {list.length === 0 ? <option value="">（暂无可沿用的方案）</option> : null}
                  {list.map((s) => (
                    <option key={s.schemeId} value={s.schemeId}>
                      {schemeLabel(s)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="修订理由（发布新版本时填写）" name="reason" error={error}>
              {(p) => <textarea {...p} rows={2} value={form.reason} onChange={(e) => update({ reason: e.target.value })} />}
            </Field>
            <button type="submit" className="primary" disabled={busy}>
              发布方案
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}

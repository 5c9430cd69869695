import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, download, type Session } from '../../api';
import { asError, ErrorNotice, formatDate, formatDateTime, isStaff, Loading, Notice, PageTitle, UNIT_KIND_LABELS, useApi } from '../../ui';
import { breakdownPath, fmt, OutcomeBadges, type RankingSheet, SchemePicker, useChosenScheme } from './common';

function ResultList({ id, title, ids, sheet, empty }: { id: string; title: string; ids: string[]; sheet: RankingSheet; empty: string }) {
  const byId = new Map(sheet.units.map((u) => [u.unitId, u]));
  return (
    <section className="card result-list" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {title}（{ids.length}）
      </h2>
      {ids.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul data-testid={id}>
          {ids.map((unitId) => {
            const unit = byId.get(unitId);
            return (
              <li key={unitId}>
                <Link to={breakdownPath(sheet.schemeId, unitId)}>{unit?.name ?? unitId}</Link>{' '}
                {unit ? `${fmt(unit.total)}分，第${unit.rank}名` : ''}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Totals as CSS bars, each with its unit and score as text (the table below carries the same numbers). */
function TotalsChart({ sheet }: { sheet: RankingSheet }) {
  return (
    <figure className="chart">
      <figcaption>各单位考核得分（满分{fmt(sheet.maxTotal)}分）</figcaption>
      <ol className="bars">
        {sheet.units.map((u) => (
          <li key={u.unitId}>
            <span className="bar-label">
              {u.rank}. {u.name}
            </span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(100, (u.total / (u.maxTotal || 1)) * 100))}%` }} />
            </span>
            <span className="bar-value">{fmt(u.total)}分</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}

export function RankingPage({ session }: { session: Session }) {
  const { schemes, list, chosen, choose } = useChosenScheme();
  const sheet = useApi<RankingSheet>(chosen ? `/api/assessment/schemes/${encodeURIComponent(chosen.schemeId)}/scores` : null);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // While another scheme's scores load, the previous scheme's are not shown.
  const s = sheet.data && sheet.data.schemeId === chosen?.schemeId ? sheet.data : null;
  const exportXlsx = async () => {
    if (!chosen) return;
    setError(null);
    setMessage(null);
    try {
      setMessage(`已下载：${await download(`/api/assessment/schemes/${encodeURIComponent(chosen.schemeId)}/export.xlsx`)}`);
    } catch (e) {
      setError(asError(e));
    }
  };
  return (
    <>
      <PageTitle lead="按考核方案由各单位的实际办理情况（事件）实时计算；每一分都可追溯到所依据的事实。">政务公开考核排名</PageTitle>
      {schemes.loading ? <Loading what="考核方案" /> : null}
      <ErrorNotice error={schemes.error} />
      {schemes.data && list.length === 0 ? (
        <Notice>尚未发布考核方案。{isStaff(session) ? <Link to="/console/schemes">发布考核方案</Link> : null}</Notice>
      ) : null}
      <SchemePicker list={list} chosen={chosen} choose={choose} />
      {sheet.loading && !s ? <Loading what="考核得分" /> : null}
      <ErrorNotice error={sheet.error} />
      {s && chosen ? (
        <>
          <p className="meta" data-testid="ranking-summary">
            {s.year}年度 · 第{s.schemeVersion}版 · 满分{fmt(s.maxTotal)}分 · 政务公开工作占绩效考核权重{fmt(s.opennessWeightPercent)}% ·
            计算截至 {formatDateTime(s.asOf)} · 依据{s.inputEvents}个事件
            {chosen.frozen ? ` · 已于 ${formatDate(chosen.frozen.frozenAt)} 固化` : ''}
          </p>
          {s.district.warnings.map((w) => (
            <Notice key={w} kind="warn">
              {w}
            </Notice>
          ))}
          {message ? <Notice kind="success">{message}</Notice> : null}
          <ErrorNotice error={error} title="导出未成功" />
          <div className="actions">
            <button type="button" className="primary" onClick={() => void exportXlsx()}>
              导出考核结果（.xlsx）
            </button>
          </div>
          {s.units.length === 0 ? (
            <p className="muted">截至目前没有被考核单位。</p>
          ) : (
            <>
              <div className="result-lists">
                <ResultList id="commended" title="通报表扬" ids={s.commended} sheet={s} empty="无。" />
                <ResultList
                  id="rectify"
                  title="督促整改"
                  ids={s.rectify.filter((id) => !s.criticised.includes(id))}
                  sheet={s}
                  empty="无。"
                />
                <ResultList id="criticised" title="通报批评" ids={s.criticised} sheet={s} empty="无。" />
              </div>
              <TotalsChart sheet={s} />
              <div className="table-scroll" role="region" aria-label="考核排名表（可横向滚动）" tabIndex={0}>
                <table data-testid="ranking" className="wide">
                  <caption>考核排名（得分相同者名次并列）</caption>
                  <thead>
                    <tr>
                      <th scope="col">名次</th>
                      <th scope="col">单位</th>
                      <th scope="col">得分</th>
                      <th scope="col">折合绩效考核分（权重{fmt(s.opennessWeightPercent)}%）</th>
                      <th scope="col">考核结果</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.units.map((u) => (
                      <tr key={u.unitId}>
                        <td data-testid="rank">{u.rank}</td>
                        <th scope="row">
                          <Link to={breakdownPath(s.schemeId, u.unitId)}>{u.name}</Link>
                          <span className="meta"> {UNIT_KIND_LABELS[u.kind] ?? u.kind}</span>
                        </th>
                        <td data-testid="total" className="num">
                          {fmt(u.total)} / {fmt(u.maxTotal)}
                        </td>
                        <td>{fmt(u.weightedPoints)}</td>
                        <td>
                          <OutcomeBadges unitId={u.unitId} sheet={s} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      ) : null}
    </>
  );
}

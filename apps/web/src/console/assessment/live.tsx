import { Link } from 'react-router-dom';
import type { Session } from '../../api';
import { ErrorNotice, formatDate, formatDateTime, Loading, Notice, PageTitle, useApi } from '../../ui';
import { breakdownPath, explainPath, fmt, type LiveView, SchemePicker, thisYear, useChosenScheme } from './common';

/** A unit's own running score this year and where it is losing points. */
export function LiveScorePage({ session }: { session: Session }) {
  const unitId = session.unitId ?? '';
  const { schemes, list, chosen, choose } = useChosenScheme(thisYear());
  const live = useApi<LiveView>(
    unitId && schemes.data
      ? `/api/assessment/live/${encodeURIComponent(unitId)}${chosen ? `?schemeId=${encodeURIComponent(chosen.schemeId)}` : ''}`
      : null,
  );
  const v = live.data && (!chosen || live.data.schemeId === chosen.schemeId) ? live.data : null;
  return (
    <>
      <PageTitle lead="按本年度考核方案实时计算；下列失分项可在年内整改。">本单位考核得分</PageTitle>
      {!unitId ? <Notice kind="warn">您的账号未关联单位，无法查看单位得分。</Notice> : null}
      <ErrorNotice error={schemes.error} />
      <SchemePicker list={list} chosen={chosen} choose={choose} />
      {live.loading && !v ? <Loading what="实时得分" /> : null}
      <ErrorNotice error={live.error} />
      {v ? (
        <>
          <dl className="score-summary" aria-live="polite">
            <div>
              <dt>当前得分</dt>
              <dd data-testid="live-total">
                {fmt(v.total)}
                <small> / {fmt(v.maxTotal)}</small>
              </dd>
            </div>
            <div>
              <dt>当前名次</dt>
              <dd>
                第{v.rank}名<small className="block">共{v.of}个单位</small>
              </dd>
            </div>
            <div>
              <dt>失分</dt>
              <dd>{fmt(v.maxTotal - v.total)}</dd>
            </div>
          </dl>
          <p className="meta">
            {v.name} · {v.year}年度方案 {v.schemeId}（第{v.schemeVersion}版）· 计算截至 {formatDateTime(v.asOf)}
          </p>
          <section aria-labelledby="losing-heading">
            <h2 id="losing-heading">失分项（{v.losing.length}）</h2>
            {v.losing.length === 0 ? <p className="muted">目前没有失分项。</p> : null}
            <ol className="cards" data-testid="losing">
              {v.losing.map((l) => (
                <li key={l.indicatorId} className="card">
                  <h3>
                    {l.name} <span className="lost">−{fmt(l.lost)}分</span>
                    {l.pending ? (
                      <>
                        {' '}
                        <span className="badge badge-warn">待评分</span>
                      </>
                    ) : null}
                  </h3>
                  <p className="meta">
                    得分 {fmt(l.points)} / {fmt(l.maxPoints)}
                  </p>
                  <p>{l.explanation}</p>
                  {l.shortfalls.length ? (
                    <details>
                      <summary>造成失分的事实（{l.shortfalls.length}）</summary>
                      <ul>
                        {l.shortfalls.map((f) => (
                          <li key={f.eventId}>
                            {f.on ?? formatDate(f.recordedAt)} {f.summary} <span className="hash">（事件 {f.eventId}）</span>
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                  <p>
                    <Link to={explainPath(v.schemeId, v.unitId, l.indicatorId)}>查看“{l.name}”的得分依据</Link>
                  </p>
                </li>
              ))}
            </ol>
          </section>
          <p>
            <Link to={breakdownPath(v.schemeId, v.unitId)}>查看全部指标得分明细</Link>
          </p>
        </>
      ) : null}
    </>
  );
}

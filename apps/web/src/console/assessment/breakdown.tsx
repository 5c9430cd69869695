import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, download, type Session } from '../../api';
import { asError, Breadcrumb, ErrorNotice, formatDate, formatDateTime, Loading, Notice, PageTitle, seesDistrict, useApi } from '../../ui';
import { breakdownPath, type Explained, explainPath, type FactRef, fmt, type IndicatorRow, type UnitBreakdown } from './common';

function IndicatorTable({
  schemeId,
  unitId,
  rows,
}: {
  schemeId: string;
  unitId: string;
  rows: (IndicatorRow & { facts: FactRef[] | number; shortfalls: FactRef[] | number })[];
}) {
  const count = (x: FactRef[] | number) => (typeof x === 'number' ? x : x.length);
  return (
    <div className="table-scroll" role="region" aria-label="各项指标得分表（可横向滚动）" tabIndex={0}>
      <table className="indicators wide" data-testid="indicators">
        <caption>各项指标得分</caption>
        <thead>
          <tr>
            <th scope="col">指标</th>
            <th scope="col">得分 / 满分</th>
            <th scope="col">失分</th>
            <th scope="col">计分说明</th>
            <th scope="col">依据</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i.indicatorId} className={i.kind === 'group' ? 'group-row' : undefined}>
              <th scope="row" className={i.parentId ? 'indent' : undefined}>
                {i.name}
              </th>
              <td className="num">
                {fmt(i.points)} / {fmt(i.maxPoints)}
              </td>
              <td>{i.lost > 0 ? <span className="lost">−{fmt(i.lost)}</span> : '0'}</td>
              <td>
                {i.pending ? <span className="badge badge-warn">待评分</span> : null} {i.explanation}
              </td>
              <td>
                {i.kind === 'group' ? (
                  '—'
                ) : (
                  <Link to={explainPath(schemeId, unitId, i.indicatorId)}>
                    查看依据（{count(i.facts)}）<span className="visually-hidden">：{i.name}</span>
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UnitBreakdownPage({ session }: { session: Session }) {
  const { schemeId = '', unitId = '' } = useParams();
  const unit = useApi<UnitBreakdown>(`/api/assessment/schemes/${encodeURIComponent(schemeId)}/scores/${encodeURIComponent(unitId)}`);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const u = unit.data;
  const notice = async () => {
    setError(null);
    setMessage(null);
    try {
      setMessage(
        `已下载：${await download(`/api/assessment/schemes/${encodeURIComponent(schemeId)}/notices/${encodeURIComponent(unitId)}?format=docx`)}`,
      );
    } catch (e) {
      setError(asError(e));
    }
  };
  const trail: [string, string | null][] = seesDistrict(session)
    ? [
        ['工作台', '/console'],
        ['考核排名', `/console/ranking?scheme=${encodeURIComponent(schemeId)}`],
        ['得分明细', null],
      ]
    : [
        ['工作台', '/console'],
        ['本单位考核得分', `/console/score?scheme=${encodeURIComponent(schemeId)}`],
        ['得分明细', null],
      ];
  return (
    <>
      <Breadcrumb trail={trail} />
      {unit.loading && !u ? <Loading what="得分明细" /> : null}
      <ErrorNotice error={unit.error} />
      {u ? (
        <>
          <PageTitle
            lead={`${u.year}年度考核方案 ${u.schemeId}（第${u.schemeVersion}版）· 计算截至 ${formatDateTime(u.asOf)}`}
          >{`${u.name}考核得分明细`}</PageTitle>
          <dl className="score-summary">
            <div>
              <dt>得分</dt>
              <dd data-testid="unit-total">
                {fmt(u.total)}
                <small> / {fmt(u.maxTotal)}</small>
              </dd>
            </div>
            <div>
              <dt>名次</dt>
              <dd>第{u.rank}名</dd>
            </div>
            <div>
              <dt>折合绩效考核分</dt>
              <dd>{fmt(u.weightedPoints)}</dd>
            </div>
          </dl>
          <IndicatorTable schemeId={u.schemeId} unitId={u.unitId} rows={u.indicators} />
          {message ? <Notice kind="success">{message}</Notice> : null}
          <ErrorNotice error={error} title="下载未成功" />
          <div className="actions">
            <button type="button" onClick={() => void notice()}>
              下载考核结果通知（.docx）
            </button>
          </div>
          <p className="meta hash">输入哈希（SHA-256）：{u.inputsHash}</p>
        </>
      ) : null}
    </>
  );
}

function FactTable({ facts, shortfalls, auditLinks }: { facts: FactRef[]; shortfalls: Set<string>; auditLinks: boolean }) {
  if (facts.length === 0) return <p className="muted">没有依据的事实（按方案规则计分）。</p>;
  return (
    <div className="table-scroll" role="region" aria-label="依据的事实表（可横向滚动）" tabIndex={0}>
      <table data-testid="facts" className="wide">
        <caption>依据的事实（{facts.length}项）</caption>
        <thead>
          <tr>
            <th scope="col">日期</th>
            <th scope="col">事实</th>
            <th scope="col">影响</th>
            <th scope="col">事件编号</th>
          </tr>
        </thead>
        <tbody>
          {facts.map((f) => (
            <tr key={f.eventId}>
              <td>{f.on ?? formatDate(f.recordedAt)}</td>
              <td>
                {f.summary}
                <span className="meta block">
                  {f.type} ·{' '}
                  {auditLinks ? <Link to={`/console/audit?target=${encodeURIComponent(f.streamId)}`}>{f.streamId}</Link> : f.streamId}
                </span>
              </td>
              <td>
                {shortfalls.has(f.eventId) ? (
                  <span className="badge badge-danger">失分</span>
                ) : (
                  <span className="badge badge-ok">计入</span>
                )}
              </td>
              <td className="hash" data-testid="event-id">
                {f.eventId}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ExplainPage({ session }: { session: Session }) {
  const { schemeId = '', unitId = '', indicatorId = '' } = useParams();
  const explained = useApi<Explained>(
    `/api/assessment/schemes/${encodeURIComponent(schemeId)}/scores/${encodeURIComponent(unitId)}/indicators/${encodeURIComponent(indicatorId)}`,
  );
  const unit = useApi<UnitBreakdown>(`/api/assessment/schemes/${encodeURIComponent(schemeId)}/scores/${encodeURIComponent(unitId)}`);
  const x = explained.data;
  const shortfalls = new Set((x?.shortfalls ?? []).map((f) => f.eventId));
  const facts = x ? [...x.facts, ...x.shortfalls.filter((s) => !x.facts.some((f) => f.eventId === s.eventId))] : [];
  return (
    <>
      <Breadcrumb
        trail={[
          ['工作台', '/console'],
          seesDistrict(session)
            ? ['考核排名', `/console/ranking?scheme=${encodeURIComponent(schemeId)}`]
            : ['本单位考核得分', `/console/score?scheme=${encodeURIComponent(schemeId)}`],
          [unit.data ? `${unit.data.name}得分明细` : '得分明细', breakdownPath(schemeId, unitId)],
          ['得分说明', null],
        ]}
      />
      {explained.loading && !x ? <Loading what="得分说明" /> : null}
      <ErrorNotice error={explained.error} />
      {x ? (
        <>
          <PageTitle
            lead={`${unit.data?.name ?? unitId} · 方案 ${x.schemeId}（第${x.schemeVersion}版）· 计算截至 ${formatDateTime(x.asOf)}`}
          >{`得分说明：${x.name}`}</PageTitle>
          <dl className="kv-list card" data-testid="explain">
            <dt>得分</dt>
            <dd>
              <strong>
                {fmt(x.points)} / {fmt(x.maxPoints)}
              </strong>
              {x.lost > 0 ? `（失${fmt(x.lost)}分）` : ''}
            </dd>
            {x.metricLabel ? (
              <>
                <dt>指标值</dt>
                <dd>
                  {x.metricLabel}：{x.value === null ? '无可计数事项' : fmt(x.value)}
                  {x.numerator !== null && x.denominator !== null ? `（${fmt(x.numerator)} / ${fmt(x.denominator)}）` : ''}
                </dd>
              </>
            ) : null}
            {x.rule ? (
              <>
                <dt>评分规则</dt>
                <dd>{x.rule}</dd>
              </>
            ) : null}
            <dt>说明</dt>
            <dd>{x.explanation}</dd>
          </dl>
          <FactTable facts={facts} shortfalls={shortfalls} auditLinks={seesDistrict(session)} />
        </>
      ) : null}
    </>
  );
}

/** The assessment (考核) screens: ranking, a unit's breakdown, one indicator's explanation, a unit's live score, schemes. */
import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, api, download, type Session } from './api';
import { UNIT_KIND_LABELS } from './labels';
import { Breadcrumb } from './portal';
import { ErrorNotice, Field, Loading, Notice, PageTitle, formatDate, formatDateTime, useApi, useDraft, asError } from './ui';

const DISTRICT_ROLES = ['district_office', 'admin', 'auditor'];
export const seesDistrict = (session: Session) => DISTRICT_ROLES.includes(session.role);
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, ''));

interface SchemeSummary {
  schemeId: string;
  year: number;
  title: string;
  currentVersion: number;
  opennessWeightPercent: number;
  totalPoints: number;
  versions: { version: number; title: string; publishedAt: string; eventId: string; reason: string | null }[];
  frozen: { asOf: string; schemeVersion: number; inputsHash: string; eventId: string; frozenAt: string } | null;
}

interface IndicatorRow {
  indicatorId: string;
  name: string;
  parentId: string | null;
  kind: 'group' | 'computed' | 'manual';
  maxPoints: number;
  points: number;
  lost: number;
  metric: string | null;
  metricLabel: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  rule: string | null;
  explanation: string;
  pending: boolean;
}

interface FactRef {
  eventId: string;
  type: string;
  streamId: string;
  on: string | null;
  recordedAt: string;
  summary: string;
}

interface RankedUnit {
  unitId: string;
  name: string;
  kind: string;
  total: number;
  maxTotal: number;
  weightedPoints: number;
  rank: number;
  indicators: (IndicatorRow & { facts: number; shortfalls: number })[];
}

interface RankingSheet {
  schemeId: string;
  year: number;
  schemeVersion: number;
  asOf: string;
  opennessWeightPercent: number;
  maxTotal: number;
  units: RankedUnit[];
  commended: string[];
  rectify: string[];
  criticised: string[];
  district: { concentratedTrainings: number; warnings: string[] };
  inputsHash: string;
  inputEvents: number;
}

type UnitBreakdown = Omit<RankedUnit, 'indicators'> & {
  schemeId: string;
  schemeVersion: number;
  year: number;
  asOf: string;
  inputsHash: string;
  indicators: (IndicatorRow & { facts: FactRef[]; shortfalls: FactRef[] })[];
};

type Explained = IndicatorRow & {
  schemeId: string;
  schemeVersion: number;
  unitId: string;
  asOf: string;
  facts: FactRef[];
  shortfalls: FactRef[];
};

interface LiveView {
  schemeId: string;
  schemeVersion: number;
  year: number;
  asOf: string;
  unitId: string;
  name: string;
  total: number;
  maxTotal: number;
  rank: number;
  of: number;
  losing: {
    indicatorId: string;
    name: string;
    lost: number;
    points: number;
    maxPoints: number;
    pending: boolean;
    explanation: string;
    shortfalls: FactRef[];
  }[];
  indicators: (IndicatorRow & { facts: number; shortfalls: FactRef[] })[];
}

const thisYear = () => Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));

const schemeLabel = (s: SchemeSummary) => `${s.title}（第${s.currentVersion}版，${s.schemeId}）`;

/** The scheme chosen in the URL (?scheme=), else this year's first, else the newest. */
function useChosenScheme(year?: number) {
  const [params, setParams] = useSearchParams();
  const schemes = useApi<SchemeSummary[]>(`/api/assessment/schemes${year ? `?year=${year}` : ''}`);
  const list = schemes.data ?? [];
  const wanted = params.get('scheme');
  const chosen = list.find((s) => s.schemeId === wanted) ?? list.find((s) => s.year === thisYear()) ?? list[0] ?? null;
  const choose = (schemeId: string) => {
    const next = new URLSearchParams(params);
    next.set('scheme', schemeId);
    setParams(next, { replace: true });
  };
  return { schemes, list, chosen, choose };
}

function SchemePicker({ list, chosen, choose }: { list: SchemeSummary[]; chosen: SchemeSummary | null; choose: (id: string) => void }) {
  if (list.length === 0) return null;
  return (
    <div className="form narrow scheme-picker">
      <Field label="考核方案" name="scheme" error={null}>
        {(p) => (
          <select {...p} value={chosen?.schemeId ?? ''} onChange={(e) => choose(e.target.value)}>
            {list.map((s) => (
              <option key={s.schemeId} value={s.schemeId}>
                {schemeLabel(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

function OutcomeBadges({ unitId, sheet }: { unitId: string; sheet: Pick<RankingSheet, 'commended' | 'rectify' | 'criticised'> }) {
  const badges: [string, string][] = [];
  if (sheet.commended.includes(unitId)) badges.push(['通报表扬', 'badge-ok']);
  if (sheet.criticised.includes(unitId)) badges.push(['通报批评', 'badge-danger']);
  else if (sheet.rectify.includes(unitId)) badges.push(['督促整改', 'badge-warn']);
  if (badges.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {badges.map(([label, kind]) => (
        <span key={label} className={`badge ${kind}`}>
          {label}
        </span>
      ))}
    </>
  );
}

const breakdownPath = (schemeId: string, unitId: string) =>
  `/console/assessment/${encodeURIComponent(schemeId)}/units/${encodeURIComponent(unitId)}`;
const explainPath = (schemeId: string, unitId: string, indicatorId: string) =>
  `${breakdownPath(schemeId, unitId)}/indicators/${encodeURIComponent(indicatorId)}`;

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
        <Notice>尚未发布考核方案。{session.role !== 'auditor' ? <Link to="/console/schemes">发布考核方案</Link> : null}</Notice>
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
  const schemes = useApi<SchemeSummary[]>('/api/assessment/schemes');
  const canPublish = session.role === 'district_office' || session.role === 'admin';
  const year = thisYear();
  const [form, update, clear] = useDraft('scheme', {
    schemeId: `KH-${year + 1}`,
    year: String(year + 1),
    title: `${year + 1}年度政务公开工作考核方案`,
    opennessWeightPercent: '5',
    basedOn: '',
    reason: '',
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = schemes.data ?? [];
  const basedOn = form.basedOn || list[0]?.schemeId || '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setMessage(null);
    setBusy(true);
    try {
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
    } catch (e) {
      const err = asError(e);
      // The 4% rule is the decider's, not a field check: show it next to the weight field too.
      setError(
        err.code === 'OPENNESS_WEIGHT_BELOW_MINIMUM'
          ? new ApiError(err.status, err.code, err.detail, [{ field: 'opennessWeightPercent', code: err.code, message: err.detail }])
          : err,
      );
    } finally {
      setBusy(false);
    }
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

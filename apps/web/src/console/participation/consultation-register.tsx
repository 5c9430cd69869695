import { Link } from 'react-router-dom';
import type { PublicConsultationView, UnitListView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../../api';
import { ErrorNotice, Loading, Pager, PUBLIC_CONSULTATION_KIND_LABELS, SelectField, seesDistrict, unitName, useServerList } from '../../ui';

const STAGE_LABELS: [string, string][] = [
  ['upcoming', '未开始'],
  ['open', '征求意见中'],
  ['adoption_due', '已截止，采纳情况待公布'],
  ['adoption_published', '已公布采纳情况'],
];
const SORT_OPTIONS: [string, string][] = [
  ['-opensOn', '开始日期（新→旧）'],
  ['opensOn', '开始日期（旧→新）'],
  ['closesOn', '截止日期（近→远）'],
  ['-closesOn', '截止日期（远→近）'],
];
const DATES: [string, string][] = [
  ['opensFrom', '开始日期自'],
  ['opensTo', '开始日期至'],
  ['closesFrom', '截止日期自'],
  ['closesTo', '截止日期至'],
];
const PAGE_SIZE = 20;

/** The consultations of the unit (the district's for its readers): filters, text, sorting, server pages, export (征求意见台账). */
export function ConsultationRegister({ session, units }: { session: Session; units: UnitListView[] | null }) {
  const list = useServerList<PublicConsultationView>({
    endpoint: '/api/interpretation/consultations',
    exportEndpoint: '/api/interpretation/consultations/export.xlsx',
    keys: ['unitId', 'stage', 'kind', 'opensFrom', 'opensTo', 'closesFrom', 'closesTo', 'q', 'sort'],
    multi: ['flag'],
    defaults: { sort: '-opensOn', ...(session.unitId && !seesDistrict(session) ? { unitId: session.unitId } : {}) },
    pageSize: PAGE_SIZE,
  });
  const { draft, set, chosen, toggle, result } = list;
  return (
    <>
      <form onSubmit={list.apply} className="form filters" role="search" aria-label="筛选征求意见">
        <div className="row">
          <div className="field">
            <label htmlFor="consultations-q">全文检索</label>
            <input
              id="consultations-q"
              type="search"
              value={draft.q}
              onChange={(e) => set('q')(e.target.value)}
              placeholder="标题或草案内容"
            />
          </div>
          {seesDistrict(session) ? (
            <SelectField
              label="单位"
              name="unitId"
              value={draft.unitId ?? ''}
              onChange={set('unitId')}
              placeholder="全区"
              options={(units ?? []).map((u) => [u.unitId, u.name] as const)}
            />
          ) : null}
          <SelectField
            label="状态"
            name="stage"
            value={draft.stage ?? ''}
            onChange={set('stage')}
            placeholder="全部"
            options={STAGE_LABELS}
          />
          <SelectField
            label="类别"
            name="kind"
            value={draft.kind ?? ''}
            onChange={set('kind')}
            placeholder="全部"
            options={Object.entries(PUBLIC_CONSULTATION_KIND_LABELS) as [string, string][]}
          />
        </div>
        <label className="choice">
          <input
            type="checkbox"
            name="flag"
            value="moderation_pending"
            checked={(chosen.flag ?? []).includes('moderation_pending')}
            onChange={(e) => toggle('flag', 'moderation_pending', e.target.checked)}
          />{' '}
          有待审核的意见
        </label>
        <div className="row">
          {DATES.map(([key, label]) => (
            <div className="field" key={key}>
              <label htmlFor={`consultations-${key}`}>{label}</label>
              <input id={`consultations-${key}`} type="date" value={draft[key]} onChange={(e) => set(key)(e.target.value)} />
            </div>
          ))}
          <SelectField label="排序" name="sort" value={draft.sort || '-opensOn'} onChange={set('sort')} options={SORT_OPTIONS} />
        </div>
        <p className="actions">
          <button type="submit" className="primary">
            筛选
          </button>{' '}
          <button type="button" onClick={list.reset}>
            清除条件
          </button>{' '}
          <button type="button" onClick={() => void list.exportRows()} disabled={!result || result.total === 0}>
            导出征求意见台账（Excel）
          </button>
        </p>
      </form>
      {list.exported ? (
        <p role="status" className="muted">
          已导出：{list.exported}
        </p>
      ) : null}
      <ErrorNotice error={list.error} />
      {list.loading && !result ? <Loading what="征求意见" /> : null}
      {result ? (
        <>
          <p role="status">共 {result.total} 件</p>
          {result.rows.length === 0 ? <p className="muted">没有符合条件的征求意见。</p> : null}
          <ul className="cards">
            {result.rows.map((c) => (
              <li key={c.consultationId} className="card">
                <h3>
                  <Link to={`/console/consultations/${encodeURIComponent(c.consultationId)}`}>{c.title}</Link>
                </h3>
                <p className="meta">
                  {unitName(units, c.unitId)} · {PUBLIC_CONSULTATION_KIND_LABELS[c.kind] ?? c.kind} · {c.opensOn} 至 {c.closesOn} · 收到意见{' '}
                  {c.commentCount} 条
                </p>
              </li>
            ))}
          </ul>
          <Pager page={list.page} total={result.total} pageSize={PAGE_SIZE} onPage={list.goTo} />
        </>
      ) : null}
    </>
  );
}

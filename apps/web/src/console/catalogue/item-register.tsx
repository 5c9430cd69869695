import { Link } from 'react-router-dom';
import type { DomainView, StaffItemView } from '@gongkai/contracts/vocabulary';
import { ErrorNotice, formatDateTime, Loading, Pager, SelectField, useServerList } from '../../ui';

const STATUS_OPTIONS: [string, string][] = [
  ['draft', '草稿'],
  ['published', '已发布'],
  ['withdrawn', '已撤回'],
];
const FLAG_LABELS: [string, string][] = [
  ['returned', '被退回修改'],
  ['legal_basis_missing', '未写明依据'],
];
const SORT_OPTIONS: [string, string][] = [
  ['catalogue', '目录顺序'],
  ['-updatedAt', '更新时间（新→旧）'],
  ['updatedAt', '更新时间（旧→新）'],
  ['firstLevel', '一级事项名称'],
];
export function StatusBadge({ item }: { item: Pick<StaffItemView, 'status' | 'correction'> }) {
  if (item.status === 'withdrawn') return <span className="badge">已撤回</span>;
  if (item.correction) return <span className="badge badge-danger">退回修改</span>;
  if (item.status === 'published') return <span className="badge badge-ok">已发布</span>;
  return <span className="badge badge-warn">草稿</span>;
}

const PAGE_SIZE = 20;

/** A unit's catalogue items for its staff: filters, text, sorting, server pages and the export (.xlsx) of exactly the filtered items. */
export function ItemRegister({ base, domains }: { base: string; domains: DomainView[] | null }) {
  const list = useServerList<StaffItemView>({
    endpoint: `${base}/items`,
    exportEndpoint: `${base}/items/export`,
    keys: ['status', 'domainCode', 'updatedFrom', 'updatedTo', 'q', 'sort'],
    multi: ['flag'],
    defaults: { sort: 'catalogue' },
    pageSize: PAGE_SIZE,
  });
  const { draft, set, chosen, toggle, result } = list;
  const domainName = (code: string) => domains?.find((d) => d.code === code)?.name ?? code;
  return (
    <>
      <form onSubmit={list.apply} className="form filters" role="search" aria-label="筛选事项">
        <div className="row">
          <div className="field">
            <label htmlFor="items-q">全文检索</label>
            <input
              id="items-q"
              type="search"
              value={draft.q}
              onChange={(e) => set('q')(e.target.value)}
              placeholder="事项名称、内容或主体"
            />
          </div>
          <SelectField
            label="状态"
            name="status"
            value={draft.status ?? ''}
            onChange={set('status')}
            placeholder="全部"
            options={STATUS_OPTIONS}
          />
          <SelectField
            label="领域"
            name="domainCode"
            value={draft.domainCode ?? ''}
            onChange={set('domainCode')}
            placeholder="全部"
            options={(domains ?? []).map((d) => [d.code, d.name] as const)}
          />
        </div>
        <fieldset>
          <legend>需关注</legend>
          {FLAG_LABELS.map(([flag, label]) => (
            <label key={flag} className="choice">
              <input
                type="checkbox"
                name="flag"
                value={flag}
                checked={(chosen.flag ?? []).includes(flag)}
                onChange={(e) => toggle('flag', flag, e.target.checked)}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <div className="row">
          <div className="field">
            <label htmlFor="items-updatedFrom">更新日期自</label>
            <input id="items-updatedFrom" type="date" value={draft.updatedFrom} onChange={(e) => set('updatedFrom')(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="items-updatedTo">更新日期至</label>
            <input id="items-updatedTo" type="date" value={draft.updatedTo} onChange={(e) => set('updatedTo')(e.target.value)} />
          </div>
          <SelectField label="排序" name="sort" value={draft.sort || 'catalogue'} onChange={set('sort')} options={SORT_OPTIONS} />
        </div>
        <p className="actions">
          <button type="submit" className="primary">
            筛选
          </button>{' '}
          <button type="button" onClick={list.reset}>
            清除条件
          </button>{' '}
          <button type="button" onClick={() => void list.exportRows()} disabled={!result || result.total === 0}>
            导出筛选结果（Excel）
          </button>
        </p>
      </form>
      {list.exported ? (
        <p role="status" className="muted">
          已导出：{list.exported}
        </p>
      ) : null}
      <ErrorNotice error={list.error} />
      {list.loading && !result ? <Loading what="事项" /> : null}
      {result ? (
        <>
          <p role="status" data-testid="items-total">
            共 {result.total} 项
          </p>
          {result.total === 0 ? (
            <p className="muted">
              没有符合条件的事项：可以新增，或<Link to="/console/catalogue?view=import">通过电子表格导入</Link>。
            </p>
          ) : null}
          <ul className="cards" data-testid="catalogue-items">
            {result.rows.map((i) => (
              <li key={i.itemId} className="card">
                <h3>
                  <Link to={`/console/catalogue/items/${i.itemId}`}>
                    {i.content.secondLevel || i.content.firstLevel || '（未命名事项）'}
                  </Link>
                </h3>
                <p className="meta">
                  {domainName(i.content.domainCode)} · {i.content.firstLevel} · {i.content.level}
                  {i.version > 0 ? ` · 第 ${i.version} 版` : ' · 未发布'} · 更新于 {formatDateTime(i.updatedAt)}
                </p>
                <StatusBadge item={i} />
                {i.correction ? <p className="meta">退回意见：{i.correction.note}</p> : null}
              </li>
            ))}
          </ul>
          <Pager page={list.page} total={result.total} pageSize={PAGE_SIZE} onPage={list.goTo} />
        </>
      ) : null}
    </>
  );
}

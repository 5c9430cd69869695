import { Link, useSearchParams } from 'react-router-dom';
import {
  DOCUMENT_TYPES,
  PILOT_DOMAINS,
  TOPIC_CATEGORIES,
  type DocumentSearchHitView,
  type ItemSearchHit,
  type PublicPolicyView,
  type UnitListView,
} from '@gongkai/contracts/vocabulary';
import { ErrorNotice, formatDate, Loading, PageTitle, Pager, unitName, useApi, usePagedApi } from '../../ui';
import { Marked } from '../documents/document';
import { SearchBox } from '../home';

/** The filters of a search, kept in the address (so a filtered result can be linked). */
type Filter = 'unitId' | 'domainCode' | 'documentType' | 'topic' | 'year';

function SearchFilters({ units }: { units: UnitListView[] | null }) {
  const [params, setParams] = useSearchParams();
  const set = (name: Filter, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const thisYear = new Date().getFullYear();
  const select = (name: Filter, label: string, options: [string, string][]) => (
    <label>
      {label}
      <select name={name} value={params.get(name) ?? ''} onChange={(e) => set(name, e.target.value)}>
        <option value="">全部</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <fieldset className="search-filters">
      <legend>筛选</legend>
      {select(
        'unitId',
        '单位',
        (units ?? []).map((u) => [u.unitId, u.name]),
      )}
      {select(
        'domainCode',
        '领域（公开事项）',
        PILOT_DOMAINS.map((d) => [d.code, d.name]),
      )}
      {select(
        'documentType',
        '文件类型',
        DOCUMENT_TYPES.map((t) => [t, t]),
      )}
      {select(
        'topic',
        '主题分类',
        TOPIC_CATEGORIES.map((t) => [t, t]),
      )}
      {select(
        'year',
        '发布年份',
        Array.from({ length: 8 }, (_, i) => String(thisYear - i)).map((y) => [y, `${y} 年`]),
      )}
    </fieldset>
  );
}

export function SearchPage() {
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const only = (names: readonly string[]) =>
    names.flatMap((name) => (params.get(name) ? [`&${name}=${encodeURIComponent(params.get(name) ?? '')}`] : [])).join('');
  const path = q ? `/api/catalogue/portal/search?q=${encodeURIComponent(q)}${only(['unitId', 'domainCode'])}` : null;
  const items = useApi<{ hits: ItemSearchHit[] }>(path);
  const documents = useApi<{ hits: DocumentSearchHitView[] }>(
    q ? `/api/document-attributes/public/search?q=${encodeURIComponent(q)}${only(['unitId', 'documentType', 'topic', 'year'])}` : null,
  );
  const policies = useApi<PublicPolicyView[]>(q ? `/api/interpretation/portal/policies?q=${encodeURIComponent(q)}&pageSize=50` : null);
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const docs = documents.data?.hits ?? [];
  const matchedPolicies = policies.data ?? [];
  return (
    <>
      <PageTitle lead="在公开事项、主动公开文件（含正文）和政策解读中检索；常用简称（如“低保”“医保”“公积金”）按全称一并检索">
        检索
      </PageTitle>
      <SearchBox initial={q} />
      {q ? <SearchFilters units={units.data} /> : null}
      {!q ? <p className="muted">请输入检索词。</p> : null}
      {q ? (
        <>
          <section aria-labelledby="hits-items">
            <h2 id="hits-items">公开事项{items.data ? `（${items.data.hits.length}）` : ''}</h2>
            {items.loading ? <Loading what="检索结果" /> : null}
            <ErrorNotice error={items.error} />
            {items.data && items.data.hits.length === 0 ? <p className="muted">没有找到与“{q}”相关的公开事项。</p> : null}
            <ul className="cards">
              {(items.data?.hits ?? []).map((h) => (
                <li key={h.itemId} className="card">
                  <h3>
                    <Link to={`/items/${h.itemId}`}>{h.name}</Link>
                  </h3>
                  <p className="meta">
                    {unitName(units.data, h.unitId)} · 一级事项：{h.firstLevel} · 命中：{h.matched.join('、')}
                  </p>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="hits-docs">
            <h2 id="hits-docs">主动公开文件{documents.data ? `（${docs.length}）` : ''}</h2>
            {documents.loading ? <Loading what="检索结果" /> : null}
            <ErrorNotice error={documents.error} />
            {documents.data && docs.length === 0 ? <p className="muted">没有找到与“{q}”相关的主动公开文件。</p> : null}
            <ul className="cards" data-testid="document-hits">
              {docs.map((h) => (
                <li key={h.documentId} className="card">
                  <h3>
                    <Link to={`/documents/${h.documentId}`}>
                      <Marked pieces={h.title} />
                    </Link>
                  </h3>
                  <p className="meta">
                    {h.documentNumber} · {h.documentType} · {unitName(units.data, h.unitId)} · 发布 {formatDate(h.publishedOn)}
                  </p>
                  {h.snippet ? (
                    <p className="snippet">
                      <Marked pieces={h.snippet} />
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="hits-policies">
            <h2 id="hits-policies">政策解读（{matchedPolicies.length}）</h2>
            <ErrorNotice error={policies.error} />
            <ul className="cards">
              {matchedPolicies.map((p) => (
                <li key={p.documentId} className="card">
                  <h3>
                    <Link to={`/policies/${p.documentId}`}>{p.title}</Link>
                  </h3>
                  <p className="meta">{p.documentNumber}</p>
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </>
  );
}

export function NegativeListPage() {
  const list = usePagedApi<unknown>('/api/catalogue/portal/negative-list', 100);
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const rows = (Array.isArray(list.data) ? list.data : ((list.data as { entries?: unknown[] } | null)?.entries ?? [])) as {
    entryId: string;
    ownerUnitId?: string;
    matter: string;
    scope: string;
    regulationArticle: number;
    specificBasis?: { law: string; article?: string };
    lastReviewedOn?: string;
    reviewOverdue?: boolean;
  }[];
  return (
    <>
      <PageTitle lead="不予公开的事项，每项列明具体法律依据（条例第十四至十六条）">负面清单</PageTitle>
      {list.loading ? <Loading /> : null}
      <ErrorNotice error={list.error} />
      {list.data && rows.length === 0 ? <p className="muted">暂无已发布的负面清单事项。</p> : null}
      {rows.length ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">负面清单</caption>
            <thead>
              <tr>
                <th scope="col">事项</th>
                <th scope="col">范围</th>
                <th scope="col">依据</th>
                <th scope="col">单位</th>
                <th scope="col">最近评估</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.entryId}>
                  <td>{r.matter}</td>
                  <td>{r.scope}</td>
                  <td>
                    条例第{['十四', '十五', '十六'][r.regulationArticle - 14]}条
                    {r.specificBasis ? `；《${r.specificBasis.law}》${r.specificBasis.article ?? ''}` : ''}
                  </td>
                  <td>{r.ownerUnitId ? unitName(units.data, r.ownerUnitId) : ''}</td>
                  <td>
                    {formatDate(r.lastReviewedOn)}
                    {r.reviewOverdue ? '（超过12个月未评估）' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager page={list.page} total={list.total} pageSize={list.pageSize} onPage={list.setPage} />
    </>
  );
}

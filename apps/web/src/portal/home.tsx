import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { DomainView, UnitListView } from '@gongkai/contracts/vocabulary';
import { ErrorNotice, Loading, useApi } from '../ui';

export function SearchBox({ initial = '', big = false }: { initial?: string; big?: boolean }) {
  const [q, setQ] = useState(initial);
  const navigate = useNavigate();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <form role="search" className={big ? 'search search-big' : 'search'} onSubmit={submit} aria-label="站内检索">
      <label htmlFor="site-search" className="visually-hidden">
        检索公开事项、公文和政策解读
      </label>
      <input
        id="site-search"
        name="q"
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="输入关键词，如：低保、招生入学"
        maxLength={100}
      />
      <button type="submit">检索</button>
    </form>
  );
}

export function PortalHome() {
  const domains = useApi<DomainView[]>('/api/catalogue/portal/domains');
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const groups: [string, UnitListView[]][] = [
    ['区直部门', (units.data ?? []).filter((u) => u.level === '县级')],
    ['镇、街道', (units.data ?? []).filter((u) => u.level === '乡级')],
  ];
  return (
    <>
      <section className="hero" aria-labelledby="page-heading">
        <h1 id="page-heading" tabIndex={-1}>
          台儿庄区政务公开
        </h1>
        <p className="lead">指尖上的网上政府：查目录、看政策、申请公开、参与决策</p>
        <SearchBox big />
      </section>
      <nav className="quick" aria-label="常用服务">
        <Link to="/apply">申请政府信息公开</Link>
        <Link to="/track">查询申请进度</Link>
        <Link to="/policies">政策文件与解读</Link>
        <Link to="/consultations">意见征集</Link>
        <Link to="/documents">主动公开文件</Link>
        <Link to="/negative-list">负面清单</Link>
        <Link to="/open-days">政府开放日</Link>
        <Link to="/annual-reports">政府信息公开年度报告</Link>
      </nav>
      <section aria-labelledby="domains-heading">
        <h2 id="domains-heading">26个试点领域标准目录</h2>
        {domains.loading ? <Loading what="试点领域" /> : null}
        <ErrorNotice error={domains.error} title="试点领域加载失败" />
        <ul className="tiles">
          {(domains.data ?? []).map((d) => (
            <li key={d.code}>
              <Link to={`/domains/${d.code}`}>{d.name}</Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="units-heading">
        <h2 id="units-heading">各单位政务公开目录</h2>
        {units.loading ? <Loading what="单位" /> : null}
        <ErrorNotice error={units.error} title="单位列表加载失败" />
        {groups.map(([label, list]) =>
          list.length ? (
            <div key={label}>
              <h3>{label}</h3>
              <ul className="tiles tiles-wide">
                {list.map((u) => (
                  <li key={u.unitId}>
                    <Link to={`/units/${u.unitId}`}>{u.name}</Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null,
        )}
      </section>
    </>
  );
}

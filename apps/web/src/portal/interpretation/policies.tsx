import { Link, useParams } from 'react-router-dom';
import type { PublicPolicyView, UnitListView } from '@gongkai/contracts/vocabulary';
import { Breadcrumb, ErrorNotice, formatDate, Loading, PageTitle, Pager, unitName, useApi, usePagedApi } from '../../ui';

export function PoliciesPage() {
  const policies = usePagedApi<PublicPolicyView>('/api/interpretation/portal/policies', 20);
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  return (
    <>
      <PageTitle lead="谁起草、谁解读：政策文件与解读同步发布">政策文件与解读</PageTitle>
      {policies.loading ? <Loading /> : null}
      <ErrorNotice error={policies.error} />
      {policies.data && policies.data.length === 0 ? <p className="muted">暂无政策文件。</p> : null}
      <ul className="cards">
        {(policies.data ?? []).map((p) => (
          <li key={p.documentId} className="card">
            <h2 className="h3">
              <Link to={`/policies/${p.documentId}`}>{p.title}</Link>
            </h2>
            <p className="meta">
              {p.documentNumber} · {unitName(units.data, p.unitId)} · 印发 {formatDate(p.issuedOn)} ·{' '}
              {p.interpretations.length ? '已解读' : '解读待发布'}
            </p>
          </li>
        ))}
      </ul>
      <Pager page={policies.page} total={policies.total} pageSize={policies.pageSize} onPage={policies.setPage} />
    </>
  );
}

export function PolicyPage() {
  const { documentId = '' } = useParams();
  const policy = useApi<PublicPolicyView>(`/api/interpretation/portal/policies/${encodeURIComponent(documentId)}`);
  const p = policy.data;
  return (
    <>
      <Breadcrumb
        trail={[
          ['政策文件与解读', '/policies'],
          [p?.title ?? '政策', null],
        ]}
      />
      {policy.loading ? <Loading /> : null}
      <ErrorNotice error={policy.error} />
      {p ? (
        <>
          <PageTitle lead={`${p.documentNumber} · ${p.documentType} · 印发 ${formatDate(p.issuedOn)}`}>{p.title}</PageTitle>
          {p.interpretations.length === 0 ? <p className="muted">本政策的解读尚未发布。</p> : null}
          {p.interpretations.map((i) => (
            <section key={i.publishedOn} aria-label={`解读（${i.publishedOn}）`}>
              <h2>政策解读（{formatDate(i.publishedOn)} 发布）</h2>
              {i.materials.map((m) => (
                <article key={m.materialId} className="card">
                  <h3>
                    {m.form}：{m.title}
                  </h3>
                  {m.body ? <p className="prewrap">{m.body}</p> : null}
                  {m.reference ? (
                    <p>
                      <a href={m.reference}>查看{m.form}材料</a>
                    </p>
                  ) : null}
                </article>
              ))}
            </section>
          ))}
        </>
      ) : null}
    </>
  );
}

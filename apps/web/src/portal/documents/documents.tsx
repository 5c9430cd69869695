import { Link } from 'react-router-dom';
import type { PublicDocumentView, UnitListView } from '@gongkai/contracts/vocabulary';
import { ErrorNotice, formatDate, Loading, PageTitle, Pager, unitName, useApi, usePagedApi } from '../../ui';

export function DocumentList({ documents, units }: { documents: PublicDocumentView[]; units: UnitListView[] | null }) {
  if (documents.length === 0) return <p className="muted">暂无文件。</p>;
  return (
    <ul className="cards">
      {documents.map((d) => (
        <li key={d.documentId} className="card">
          <h3>
            <Link to={`/documents/${d.documentId}`}>{d.title}</Link>
          </h3>
          <p className="meta">
            {d.documentNumber} · {d.documentType} · {unitName(units, d.unitId)} · 印发 {formatDate(d.issuedOn)}
            {d.validity && d.validity !== '现行有效' ? ` · ${d.validity}` : ''}
          </p>
          {d.marking ? <p className="marking">{d.marking}</p> : null}
          {d.publications?.map((p) => (
            <p key={p.url} className="meta">
              {p.channel} {formatDate(p.publishedOn)}：<a href={p.url}>{p.url}</a>
            </p>
          ))}
        </li>
      ))}
    </ul>
  );
}

export function DocumentsPage() {
  const documents = useApi<PublicDocumentView[] | { documents: PublicDocumentView[] }>('/api/document-attributes/public/documents');
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const docs = Array.isArray(documents.data) ? documents.data : (documents.data?.documents ?? []);
  return (
    <>
      <PageTitle lead="已印发并主动公开的公文，标注“此件公开发布”">主动公开文件</PageTitle>
      {documents.loading ? <Loading what="文件" /> : null}
      <ErrorNotice error={documents.error} />
      {documents.data ? <DocumentList documents={docs} units={units.data} /> : null}
    </>
  );
}

export function CleanupResultsPage() {
  const results = usePagedApi<unknown>('/api/document-attributes/public/cleanup-results', 20);
  const rows = (Array.isArray(results.data) ? results.data : []) as {
    campaignId?: string;
    title?: string;
    unitId?: string;
    publishedOn?: string;
    entries?: { documentId: string; title?: string; documentNumber?: string; outcome: string; note?: string | null }[];
  }[];
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  return (
    <>
      <PageTitle lead="文件清理后公布的继续有效、失效、废止情况">文件清理结果</PageTitle>
      {results.loading ? <Loading /> : null}
      <ErrorNotice error={results.error} />
      {results.data && rows.length === 0 ? <p className="muted">暂无公布的清理结果。</p> : null}
      {rows.map((r, n) => (
        <section key={`${r.campaignId}-${r.unitId}-${n}`} className="card">
          <h2>
            {r.title ?? r.campaignId} · {r.unitId ? unitName(units.data, r.unitId) : ''}
          </h2>
          <p className="meta">公布日期：{formatDate(r.publishedOn)}</p>
          <ul>
            {(r.entries ?? []).map((e) => (
              <li key={e.documentId}>
                {e.title ?? e.documentId} {e.documentNumber ?? ''}：{e.outcome}
                {e.note ? `（${e.note}）` : ''}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <Pager page={results.page} total={results.total} pageSize={results.pageSize} onPage={results.setPage} />
    </>
  );
}

import { Link, useParams } from 'react-router-dom';
import type { FileView, MarkedText, PublicDocumentView, UnitListView } from '@gongkai/contracts/vocabulary';
import { Breadcrumb, ErrorNotice, formatDate, formatFileSize, Loading, Notice, PageTitle, unitName, useApi } from '../../ui';

/** Where the public downloads a published file of a public document. */
export const publicFileUrl = (documentId: string, file: FileView) =>
  `/api/document-attributes/public/documents/${encodeURIComponent(documentId)}/files/${file.sha256}`;

/** Text with its matched words marked: React escapes every piece, nothing is parsed as HTML. */
export function Marked({ pieces }: { pieces: MarkedText }) {
  return <>{pieces.map((piece, i) => (piece.hit ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}</>;
}

function FileLink({ documentId, file, label }: { documentId: string; file: FileView; label: string }) {
  return (
    <a href={publicFileUrl(documentId, file)} download={file.originalName}>
      {label}（{file.originalName}，{formatFileSize(file.size)}）
    </a>
  );
}

/** A public document as a 政府信息公开目录 entry: its metadata, its text, its files. */
export function DocumentPage() {
  const { documentId = '' } = useParams();
  const doc = useApi<PublicDocumentView>(`/api/document-attributes/public/documents/${encodeURIComponent(documentId)}`);
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const d = doc.data;
  const paragraphs = (d?.text ?? '').split(/\n+/).filter((line) => line.trim().length > 0);
  return (
    <>
      <Breadcrumb
        trail={[
          ['主动公开文件', '/documents'],
          [d?.title ?? '文件', null],
        ]}
      />
      {doc.loading && !d ? <Loading what="文件" /> : null}
      <ErrorNotice error={doc.error} />
      {d ? (
        <article aria-labelledby="document-title">
          {d.validity !== '现行有效' ? (
            <Notice kind="warn">
              <span data-testid="validity-banner">
                本文件已{d.validity}
                {d.invalidatedOn ? `（自 ${formatDate(d.invalidatedOn)} 起）` : ''}，仅供查阅。见
                <Link to="/cleanup-results">文件清理结果</Link>。
              </span>
            </Notice>
          ) : null}
          <PageTitle lead={d.marking}>
            <span id="document-title">{d.title}</span>
          </PageTitle>
          <dl className="kv-list card" aria-label="目录信息">
            <dt>索引号</dt>
            <dd data-testid="index-number">{d.indexNumber ?? '—'}</dd>
            <dt>发布机构</dt>
            <dd>{unitName(units.data, d.unitId)}</dd>
            <dt>成文日期</dt>
            <dd data-testid="written-on">{formatDate(d.writtenOn)}</dd>
            <dt>发布日期</dt>
            <dd>{formatDate(d.publishedOn ?? d.issuedOn)}</dd>
            <dt>文号</dt>
            <dd>{d.documentNumber}</dd>
            <dt>主题分类</dt>
            <dd>{d.topic ?? '—'}</dd>
            <dt>文件类型</dt>
            <dd>{d.documentType}</dd>
            <dt>有效性</dt>
            <dd>{d.validity}</dd>
          </dl>
          <section aria-labelledby="document-text" className="card document-text">
            <h2 id="document-text">正文</h2>
            {paragraphs.length > 0 ? (
              <div data-testid="document-text">
                {paragraphs.map((line, i) => (
                  <p key={i}>{line}</p>
                ))}
              </div>
            ) : (
              <p className="muted">{d.files?.body ? '正文为版式文件，请下载查看。' : '暂无正文。'}</p>
            )}
          </section>
          <section aria-labelledby="document-files" className="card">
            <h2 id="document-files">下载</h2>
            <ul>
              {d.files?.body ? (
                <li>
                  <FileLink documentId={d.documentId} file={d.files.body} label="正文" />
                </li>
              ) : null}
              {(d.files?.annexes ?? []).map((a) => (
                <li key={a.annexId}>
                  <FileLink documentId={d.documentId} file={a.file} label={a.title} />
                  {a.redactions.length > 0 ? <p className="meta">已作删除处理后公开：{[...new Set(a.redactions)].join('；')}</p> : null}
                </li>
              ))}
            </ul>
            {!d.files?.body && (d.files?.annexes ?? []).length === 0 ? <p className="muted">暂无可下载的文件。</p> : null}
            {d.redactedAnnexes.length > 0 ? (
              <p className="meta">不予公开的附件：{d.redactedAnnexes.map((a) => `${a.title}（${a.ground}）`).join('；')}</p>
            ) : null}
          </section>
        </article>
      ) : null}
    </>
  );
}

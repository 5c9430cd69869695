import { type ReactNode, useEffect } from 'react';
import { Link } from 'react-router-dom';

export function PageTitle({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  useEffect(() => {
    if (typeof children === 'string') document.title = `${children} - 台儿庄区政务公开`;
  }, [children]);
  return (
    <header className="page-title">
      <h1 tabIndex={-1} id="page-heading">
        {children}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
    </header>
  );
}

/** A headed list of cards with its count, or 暂无 when empty. */
export function CardList<T>({
  heading,
  items,
  render,
  testId,
}: {
  heading: string;
  items: T[];
  render: (item: T) => ReactNode;
  testId?: string;
}) {
  return (
    <>
      <h2>
        {heading}（{items.length}）
      </h2>
      {items.length ? (
        <ul className="cards" data-testid={testId}>
          {items.map(render)}
        </ul>
      ) : (
        <p className="muted">暂无。</p>
      )}
    </>
  );
}

export function Breadcrumb({ trail }: { trail: [string, string | null][] }) {
  return (
    <nav aria-label="当前位置" className="breadcrumb">
      <ol>
        <li>
          <Link to="/">首页</Link>
        </li>
        {trail.map(([label, to]) => (
          <li key={label}>{to ? <Link to={to}>{label}</Link> : <span aria-current="page">{label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

/** The pages of a server-paged list: previous, "第 n / m 页（共 t 条）", next; nothing when it fits one page. */
export function Pager({
  page,
  total,
  pageSize,
  onPage,
}: {
  page: number;
  total: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label="分页" className="pager">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        上一页
      </button>{' '}
      第 {page} / {pages} 页（共 {total} 条）{' '}
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        下一页
      </button>
    </nav>
  );
}

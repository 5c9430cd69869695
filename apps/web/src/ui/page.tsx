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

import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { ApiError } from '../api';

export function Loading({ what = '内容' }: { what?: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      正在加载{what}……
    </p>
  );
}

export function ErrorNotice({ error, title }: { error: ApiError | null; title?: string }) {
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      {title ? <strong>{title}：</strong> : null}
      {error.detail}
      {error.errors.length > 0 ? <span className="muted">（请按各栏下方的提示修改）</span> : null}
    </div>
  );
}

export function Notice({ children, kind = 'info' }: { children: ReactNode; kind?: 'info' | 'success' | 'warn' }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'success' ? 'status' : undefined}>
      {children}
    </div>
  );
}

/**
 * Success messages of actions, announced in one page-level live region: the form that ran the action
 * often disappears once the action is done (a comment leaves the pending list, a report is no longer
 * open), and its message must not disappear with it. Cleared when the user navigates.
 */
export const FlashContext = createContext<{ message: string | null; show: (message: string | null) => void }>({
  message: null,
  show: () => undefined,
});

export function FlashProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<string | null>(null);
  const { pathname } = useLocation();
  useEffect(() => setMessage(null), [pathname]);
  return <FlashContext.Provider value={{ message, show: setMessage }}>{children}</FlashContext.Provider>;
}

export function FlashMessage() {
  const { message, show } = useContext(FlashContext);
  return (
    <div className="flash" role="status" aria-live="polite">
      {message ? (
        <div className="notice notice-success">
          {message}{' '}
          <button type="button" className="link-button" onClick={() => show(null)}>
            关闭
          </button>
        </div>
      ) : null}
    </div>
  );
}

import { createContext, useCallback, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { ApiError, api } from './api';
import type { Unit } from './types';

/** Loads one API resource; `reload` fetches again. Errors are shown, never swallowed. */
export function useApi<T>(path: string | null, deps: unknown[] = []) {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    api<T>(path)
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch(
        (error: unknown) =>
          live &&
          setState({ data: null, error: error instanceof ApiError ? error : new ApiError(0, 'ERROR', String(error)), loading: false }),
      );
    return () => {
      live = false;
    };
  }, [path, tick, ...deps]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  /** Fetches now and resolves with what it got (errors rejected, the shown data kept). */
  const refetch = useCallback(async (): Promise<T | null> => {
    if (path === null) return null;
    const data = await api<T>(path);
    setState({ data, error: null, loading: false });
    return data;
  }, [path]);
  return { ...state, reload, refetch };
}

/**
 * A reload that waits for the read model to include the user's write. Read models follow the
 * event store asynchronously, so a plain reload right after a command may show the case as it
 * was. A command answers the stream `revision` it wrote; this refetches the resource until its
 * `revision` reaches that (or 10 s have passed, then shows what there is).
 */
export function useReadYourWrites<T extends { revision?: number }>(resource: { refetch: () => Promise<T | null>; reload: () => void }) {
  const { refetch, reload } = resource;
  return useCallback(
    async (result?: unknown) => {
      const written = (result as { revision?: unknown } | undefined)?.revision;
      if (typeof written !== 'number') return reload();
      for (let attempt = 0; attempt < 40; attempt += 1) {
        let data: T | null;
        try {
          data = await refetch();
        } catch {
          return reload(); // e.g. no longer readable after a transfer: show that
        }
        if (data && (data.revision ?? -1) >= written) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    [refetch, reload],
  );
}

/** Form values kept in sessionStorage, so a reload or a failed submission never loses typing. */
export function useDraft<T extends object>(key: string, initial: T): [T, (patch: Partial<T>) => void, () => void] {
  const storageKey = `gongkai.draft.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = sessionStorage.getItem(storageKey);
      return raw ? { ...initial, ...(JSON.parse(raw) as Partial<T>) } : initial;
    } catch {
      return initial;
    }
  });
  const update = useCallback(
    (patch: Partial<T>) =>
      setValue((old) => {
        const next = { ...old, ...patch };
        sessionStorage.setItem(storageKey, JSON.stringify(next));
        return next;
      }),
    [storageKey],
  );
  const clear = useCallback(() => {
    sessionStorage.removeItem(storageKey);
    setValue(initial);
  }, [storageKey]);
  return [value, update, clear];
}

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

interface FieldProps {
  label: string;
  name: string;
  error?: ApiError | null;
  /** API field path(s) whose errors belong to this field. */
  apiField?: string | string[];
  hint?: string;
  required?: boolean;
  children: (props: { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby'?: string; required?: boolean }) => ReactNode;
}

/** A labelled form control with its hint and, next to it, the API's error for that field. */
export function Field({ label, name, error, apiField, hint, required, children }: FieldProps) {
  const id = useId();
  const fields = apiField === undefined ? [name] : Array.isArray(apiField) ? apiField : [apiField];
  const message = error ? fields.map((f) => error.fieldMessage(f)).find(Boolean) : undefined;
  const describedBy = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${message ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({ id, name, 'aria-invalid': Boolean(message), 'aria-describedby': describedBy, required })}
      {message ? (
        <p className="field-error" id={`${id}-error`}>
          {message}
        </p>
      ) : null}
    </div>
  );
}

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

/** A date as people in the district read it: a timestamp becomes its Beijing date (a UTC slice is a day early before 08:00). */
export const formatDate = (iso: string | null | undefined) =>
  !iso ? '—' : iso.length === 10 ? iso : new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
export const formatDateTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

export const asError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'ERROR', String(e)));
/** A unit's name from the units list; no unit means the whole district. */
export const unitName = (units: Unit[] | null, unitId: string | null) =>
  unitId ? (units?.find((u) => u.unitId === unitId)?.name ?? unitId) : '全区';
export const shanghaiToday = () => formatDate(new Date().toISOString());

/**
 * Success messages of actions, announced in one page-level live region: the form that ran the action
 * often disappears once the action is done (a comment leaves the pending list, a report is no longer
 * open), and its message must not disappear with it. Cleared when the user navigates.
 */
const FlashContext = createContext<{ message: string | null; show: (message: string | null) => void }>({
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

/**
 * A refusal of the decider (no field of its own) shown next to the field it concerns as well: `fields`
 * maps the problem's code to this form's field, e.g. `{ FEE_AMOUNT_MISMATCH: 'amountYuan' }`.
 */
export const onField =
  (fields: Readonly<Record<string, string>>) =>
  (error: ApiError): ApiError =>
    fields[error.code] && error.errors.length === 0
      ? new ApiError(
          error.status,
          error.code,
          error.detail,
          [{ field: fields[error.code], code: error.code, message: error.detail }],
          error.extensions,
        )
      : error;

/**
 * One section's action: its error shown in place (the form stays), its success announced page-wide.
 * `toForm` may rewrite the API's error for the form (e.g. `onField`, or field paths the form shows as one).
 */
/** `reload` gets the command's answer: with `useReadYourWrites` it waits until the page shows the write. */
export function useAction(reload: (result?: unknown) => unknown, toForm?: (error: ApiError) => ApiError) {
  const [error, setError] = useState<ApiError | null>(null);
  const flash = useContext(FlashContext);
  const run = async (path: string, method: string, body: unknown, done: string, after?: () => void) => {
    setError(null);
    flash.show(null);
    try {
      const result = await api(path, { method, body });
      if (done) flash.show(done);
      after?.();
      await reload(result);
    } catch (e) {
      const err = asError(e);
      setError(toForm ? toForm(err) : err);
    }
  };
  const feedback = (title: string): ReactNode => <ErrorNotice error={error} title={title} />;
  return { error, run, feedback };
}

type Option = string | readonly [value: string, label: string];
const optionPair = (option: Option): readonly [string, string] => (typeof option === 'string' ? [option, option] : option);

/** Radio buttons for options (values, or [value, label] pairs); the caller gives the fieldset and its legend. */
export function RadioOptions({
  name,
  options,
  value,
  onChange,
}: {
  name: string;
  options: readonly Option[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      {options.map(optionPair).map(([optionValue, label]) => (
        <label key={optionValue} className="choice">
          <input type="radio" name={name} value={optionValue} checked={value === optionValue} onChange={() => onChange(optionValue)} />{' '}
          {label}
        </label>
      ))}
    </>
  );
}

/** A labelled select: options are values, or [value, label] pairs; `placeholder` adds an empty first choice. */
export function SelectField({
  options,
  value,
  onChange,
  placeholder,
  ...field
}: Omit<FieldProps, 'children'> & { options: readonly Option[]; value: string; onChange: (value: string) => void; placeholder?: string }) {
  return (
    <Field {...field}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map(optionPair).map(([optionValue, label]) => (
            <option key={optionValue} value={optionValue}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A form that runs one action: its fields, then the action's feedback in place, then its submit button. */
export function ActionForm({
  action,
  onSubmit,
  submitLabel,
  failure,
  className = 'form',
  children,
}: {
  action: ReturnType<typeof useAction>;
  onSubmit: () => void;
  submitLabel: string;
  /** Title of the error notice, e.g. 未保存，您填写的内容已保留. */
  failure: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form
      className={className}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      {action.feedback(failure)}
      <button type="submit" className="primary">
        {submitLabel}
      </button>
    </form>
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

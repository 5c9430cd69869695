/**
 * The one form hook of the web app: the values (kept in sessionStorage, so a reload or a failed
 * submission never loses typing), the API's problem+json field errors shown at their fields, the
 * submit state, and decisions sent with `If-Match` from the revision the view carried. A 409
 * WRONG_EXPECTED_REVISION (someone changed the record first) is shown with a reload action; the
 * typing stays.
 */
import { type ReactNode, useCallback, useContext, useState } from 'react';
import { api, ApiError } from '../api';
import { asError } from './format';
import { ErrorNotice, FlashContext } from './notices';

/** Shown when a request case changed since the page loaded it. */
export const CASE_CONFLICT = '该案件已被他人修改，请刷新后再操作。';
/** Shown when any other record (a document, a concern, a consultation …) changed since the page loaded it. */
export const RECORD_CONFLICT = '此记录已被他人修改，请刷新后再操作。';

/** Whether the API refused a decision because it was taken on a revision that is no longer current. */
export const isStaleRevision = (error: ApiError | null) => error?.status === 409 && error.code === 'WRONG_EXPECTED_REVISION';

/** Values kept in sessionStorage under `key` (none: kept in memory only). */
function useDraft<T extends object>(key: string | null, initial: T): [T, (patch: Partial<T>) => void, () => void] {
  const storageKey = key === null ? null : `gongkai.draft.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = storageKey ? sessionStorage.getItem(storageKey) : null;
      return raw ? { ...initial, ...(JSON.parse(raw) as Partial<T>) } : initial;
    } catch {
      return initial;
    }
  });
  const update = useCallback(
    (patch: Partial<T>) =>
      setValue((old) => {
        const next = { ...old, ...patch };
        if (storageKey) sessionStorage.setItem(storageKey, JSON.stringify(next));
        return next;
      }),
    [storageKey],
  );
  const clear = useCallback(() => {
    if (storageKey) sessionStorage.removeItem(storageKey);
    setValue(initial);
  }, [storageKey]);
  return [value, update, clear];
}

export interface FormOptions {
  /** After success, with the command's answer (with `useReadYourWrites` it waits until the page shows the write); also the conflict's reload. */
  onDone?: (result?: unknown) => unknown;
  /** Rewrites the API's error for this form (e.g. `onField`, or field paths the form shows as one). */
  toForm?: (error: ApiError) => ApiError;
  /** The revision of the view the decision is taken on: sent as `If-Match`, so a change by someone else is refused (409). */
  revision?: number;
  /** What a 409 WRONG_EXPECTED_REVISION says (CASE_CONFLICT or RECORD_CONFLICT). */
  conflict?: string;
}

/**
 * A form: `values`/`update`/`clear`, its `error` (field errors shown by `Field`), `submitting`, and
 * `run` (one API call: success announced page-wide, error shown in place) or `submit` (any async work).
 * `key` names the sessionStorage draft (null: not kept over a reload).
 */
export function useForm<T extends object>(key: string | null, initial: T, options: FormOptions = {}) {
  const [values, update, clear] = useDraft(key, initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const flash = useContext(FlashContext);
  const fail = (e: unknown) => {
    const err = asError(e);
    setError(options.toForm ? options.toForm(err) : err);
  };
  /** Runs `work`; its error is shown in place and the values stay. Resolves with its result (undefined on error). */
  const submit = async <R,>(work: (values: T) => Promise<R>): Promise<R | undefined> => {
    setError(null);
    setSubmitting(true);
    try {
      return await work(values);
    } catch (e) {
      fail(e);
      return undefined;
    } finally {
      setSubmitting(false);
    }
  };
  /** One command: `done` announced page-wide, then `after` (e.g. `clear`), then `onDone` with the answer. */
  const run = async (path: string, method: string, body: unknown, done: string, after?: () => void) => {
    flash.show(null);
    await submit(async () => {
      const result = await api(path, { method, body, ifMatch: options.revision });
      if (done) flash.show(done);
      after?.();
      await options.onDone?.(result);
    });
  };
  const reload = () => {
    setError(null);
    void options.onDone?.();
  };
  const feedback = (title: string): ReactNode =>
    isStaleRevision(error) ? (
      <div className="notice notice-error" role="alert" data-testid="stale-revision">
        <strong>{options.conflict ?? RECORD_CONFLICT}</strong> 您填写的内容已保留。{' '}
        <button type="button" className="link-button" onClick={reload}>
          刷新
        </button>
      </div>
    ) : (
      <ErrorNotice error={error} title={title} />
    );
  return { values, update, clear, error, setError, submitting, submit, run, feedback };
}

export type Form = ReturnType<typeof useForm>;

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

/** A form that runs one action: its fields, then the action's feedback in place, then its submit button. */
export function ActionForm({
  action,
  onSubmit,
  submitLabel,
  failure,
  className = 'form',
  children,
}: {
  action: Pick<Form, 'feedback' | 'submitting'>;
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

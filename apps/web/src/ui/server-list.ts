import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { apiPage, ApiError, download } from '../api';

/**
 * A register screen over a server-paged list (the request register is the model): the filters live
 * in the page's query string (a filtered list can be bookmarked), the server filters, sorts, pages
 * (`X-Total-Count`) and exports exactly the filtered rows as .xlsx.
 *
 * `keys` are the filters' names as the API takes them (text, selects, dates); `multi` the ones that
 * take a comma-separated list (flags); `defaults` what the query always carries (the user's unit,
 * the default sort) unless the user chose otherwise.
 */
export function useServerList<T>(options: {
  endpoint: string;
  exportEndpoint: string;
  keys: readonly string[];
  multi?: readonly string[];
  defaults?: Record<string, string>;
  pageSize: number;
}) {
  const { endpoint, exportEndpoint, keys, multi = [], defaults = {}, pageSize } = options;
  const [params, setParams] = useSearchParams();
  const blank = () => Object.fromEntries(keys.map((k) => [k, ''])) as Record<string, string>;
  const [draft, setDraft] = useState<Record<string, string>>(() => ({
    ...blank(),
    ...Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])),
  }));
  const [chosen, setChosen] = useState<Record<string, string[]>>(() =>
    Object.fromEntries(multi.map((k) => [k, (params.get(k) ?? '').split(',').filter(Boolean)])),
  );
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [result, setResult] = useState<{ rows: T[]; total: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [exported, setExported] = useState<string | null>(null);

  const query = (extra: Record<string, string> = {}) => {
    const q = new URLSearchParams();
    for (const [key, value] of params) if (value && key !== 'page') q.set(key, value);
    for (const [key, value] of Object.entries(defaults)) if (!q.get(key) && value) q.set(key, value);
    for (const [key, value] of Object.entries(extra)) q.set(key, value);
    return q.toString();
  };

  useEffect(() => {
    let live = true;
    setLoading(true);
    apiPage<T>(`${endpoint}?${query({ page: String(page), pageSize: String(pageSize) })}`)
      .then((r) => live && (setResult(r), setError(null)))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', String(e))))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [endpoint, params.toString()]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(draft)) if (value.trim()) next.set(key, value.trim());
    for (const [key, values] of Object.entries(chosen)) if (values.length) next.set(key, values.join(','));
    setExported(null);
    setParams(next);
  };
  const reset = () => {
    setDraft(blank());
    setChosen(Object.fromEntries(multi.map((k) => [k, []])));
    setParams(new URLSearchParams());
  };
  const exportRows = async () => {
    setExported(null);
    try {
      setExported(await download(`${exportEndpoint}?${query()}`));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', String(e)));
    }
  };
  const goTo = (n: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(n));
    setParams(next);
  };
  const set = (key: string) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const toggle = (key: string, value: string, on: boolean) =>
    setChosen((c) => ({ ...c, [key]: on ? [...(c[key] ?? []), value] : (c[key] ?? []).filter((x) => x !== value) }));

  return { draft, setDraft, set, chosen, toggle, page, result, error, loading, exported, apply, reset, exportRows, goTo, pageSize };
}

import { useCallback, useEffect, useState } from 'react';
import { api, apiPage, ApiError } from '../api';

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

/** The path with the page asked for (`page`, `pageSize` in its query string). */
export const pagePath = (path: string, page: number, pageSize: number) =>
  `${path}${path.includes('?') ? '&' : '?'}page=${page}&pageSize=${pageSize}`;

/**
 * One page of a paged list (the API answers the page's rows and `X-Total-Count`), with the page to
 * show; a new path starts again at page 1. `reload` fetches the page again.
 */
export function usePagedApi<T>(path: string | null, pageSize = 50) {
  const [page, setPage] = useState(1);
  const [state, setState] = useState<{ rows: T[] | null; total: number; error: ApiError | null; loading: boolean }>({
    rows: null,
    total: 0,
    error: null,
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => setPage(1), [path]);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    apiPage<T>(pagePath(path, page, pageSize))
      .then(({ rows, total }) => live && setState({ rows, total, error: null, loading: false }))
      .catch(
        (error: unknown) =>
          live &&
          setState({
            rows: null,
            total: 0,
            error: error instanceof ApiError ? error : new ApiError(0, 'ERROR', String(error)),
            loading: false,
          }),
      );
    return () => {
      live = false;
    };
  }, [path, page, pageSize, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, data: state.rows, page, pageSize, setPage, reload };
}

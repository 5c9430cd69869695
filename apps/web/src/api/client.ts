import { loadSession, recoverSession } from './session';

/** The one HTTP client of the web app: JSON in and out, RFC 9457 problems turned into ApiError. */

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    /** The problem's other members (e.g. `missing` of ITEM_ELEMENTS_MISSING, `rows` of SPREADSHEET_INVALID). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  /** The message for one form field; a dotted path (`applicant.name`) also matches its children (`applicant.name.0`). */
  fieldMessage(field: string): string | undefined {
    return (
      this.errors.find((e) => e.field === field) ??
      (field.includes('.') ? this.errors.find((e) => e.field.startsWith(`${field}.`)) : undefined)
    )?.message;
  }
}

async function toError(response: Response): Promise<ApiError> {
  try {
    const problem = (await response.json()) as { code?: string; detail?: string; title?: string; errors?: FieldError[] } & Record<
      string,
      unknown
    >;
    const { code, detail, title, errors, ...extensions } = problem;
    return new ApiError(response.status, code ?? 'ERROR', detail ?? title ?? `请求失败（${response.status}）`, errors ?? [], extensions);
  } catch {
    return new ApiError(response.status, 'ERROR', `请求失败（${response.status}），请稍后重试。`);
  }
}

/**
 * Sends a request with the session's token (or `explicit`: a given token, or null for none). When the
 * API refuses the session's token (401: expired, or ended at the provider), the session is renewed
 * once and the request sent again; if it cannot be renewed, the shell asks the user to sign in again.
 */
async function send(request: (authorization: Record<string, string>) => Promise<Response>, explicit?: string | null): Promise<Response> {
  const token = explicit === undefined ? loadSession()?.token : explicit;
  const response = await request(token ? { authorization: `Bearer ${token}` } : {});
  if (response.status !== 401 || explicit !== undefined || !token) return response;
  const renewed = await recoverSession();
  return renewed ? request({ authorization: `Bearer ${renewed}` }) : response;
}

export async function api<T>(
  path: string,
  options: { method?: string; body?: unknown; token?: string | null; ifMatch?: number } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  // A decision carries the revision of the view it was taken on (the server answers 409 if it is no longer current).
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  let response: Response;
  try {
    response = await send(
      (authorization) =>
        fetch(path, {
          method: options.method ?? 'GET',
          headers: { ...headers, ...authorization },
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
        }),
      options.token,
    );
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试。您填写的内容已保留。');
  }
  if (!response.ok) throw await toError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * Sends a file as the raw request body (an .xlsx import, a document's body with PUT, a scan) and
 * returns the JSON answer. The original file name, where the route takes one, travels in the path as
 * the percent-encoded `?name=` query parameter (the one upload convention).
 */
export async function upload<T>(path: string, file: Blob, contentType: string, options: { method?: 'POST' | 'PUT' } = {}): Promise<T> {
  const method = options.method ?? 'POST';
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'content-type': contentType,
  };
  let response: Response;
  try {
    response = await send((authorization) => fetch(path, { method, headers: { ...headers, ...authorization }, body: file }));
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试。');
  }
  if (!response.ok) throw await toError(response);
  return (await response.json()) as T;
}

/** One page of a paged list: its rows and how many there are in all (the `X-Total-Count` header). */
export async function apiPage<T>(path: string): Promise<{ rows: T[]; total: number }> {
  let response: Response;
  try {
    response = await send((authorization) =>
      fetch(path, { headers: { accept: 'application/json, application/problem+json', ...authorization } }),
    );
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试。');
  }
  if (!response.ok) throw await toError(response);
  const rows = (await response.json()) as T[];
  return { rows, total: Number(response.headers.get('x-total-count') ?? rows.length) };
}

/**
 * Downloads a file (e.g. a .docx letter) with the session's token and saves it under its name;
 * `body` sends a POST with that JSON body (e.g. the tracking code a receipt prints).
 */
export async function download(path: string, body?: unknown): Promise<string> {
  const response = await send((authorization) =>
    fetch(
      path,
      body === undefined
        ? { headers: authorization }
        : { method: 'POST', headers: { 'content-type': 'application/json', ...authorization }, body: JSON.stringify(body) },
    ),
  );
  if (!response.ok) throw await toError(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const filename = star ? decodeURIComponent(star[1]) : (plain?.[1] ?? 'download');
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return filename;
}

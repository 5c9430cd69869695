import { loadSession } from './session';

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

export async function api<T>(
  path: string,
  options: { method?: string; body?: unknown; token?: string | null; ifMatch?: number } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const token = options.token === undefined ? loadSession()?.token : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  // A decision carries the revision of the view it was taken on (the server answers 409 if it is no longer current).
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试。您填写的内容已保留。');
  }
  if (!response.ok) throw await toError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Sends a file as the raw request body (e.g. an .xlsx import) and returns the JSON answer. */
export async function upload<T>(path: string, file: Blob, contentType: string): Promise<T> {
  const token = loadSession()?.token;
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', 'content-type': contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, body: file });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试。');
  }
  if (!response.ok) throw await toError(response);
  return (await response.json()) as T;
}

/** Downloads a file (e.g. a .docx letter) with the session's token and saves it under its name. */
export async function download(path: string): Promise<string> {
  const token = loadSession()?.token;
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
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

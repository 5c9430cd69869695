import pino from 'pino';
import type { MessageFormatFunc, PrettyOptions } from 'pino-pretty';

export type Logger = pino.Logger;

/**
 * pino on stdout; the level comes from LOG_LEVEL. LOG_FORMAT=json (the default, and the production
 * format) writes JSON lines; LOG_FORMAT=pretty, set by the local start scripts (`npm start`,
 * `npm run start:services`), writes one readable line per entry.
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info', format = process.env.LOG_FORMAT ?? 'json'): Logger {
  const options = loggerOptions(name, level);
  const pretty = format === 'pretty' ? prettyStream() : undefined;
  if (!pretty) return pino(options);
  const verbose = level === 'debug' || level === 'trace';
  return pino(options, { write: (line: string) => (verbose || !isStartupNoise(line) ? pretty.write(line) : true) });
}

/** The pino options of every gongkai logger: secrets redacted (see `REDACTED_PATHS`). */
export const loggerOptions = (name: string, level: string): pino.LoggerOptions => ({
  name,
  level,
  base: { service: name },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: REDACTED_PATHS, censor: REDACTED },
});

export const REDACTED = '[REDACTED]';

/** Keys that hold a secret wherever they appear: tokens and cookies, tracking codes, identity numbers. */
const SECRET_KEYS = ['authorization', 'cookie', 'token', 'accessToken', 'password', 'trackingCode', 'idNumber'];
/** Objects whose `number` is an identity document's. */
const ID_DOCUMENT_KEYS = ['idDocument'];

/**
 * What pino's redaction hides, in every shape a log entry takes: the request line's headers, and the
 * same keys at the top of an entry or up to three objects deep (a logged body, an error's request).
 */
export const REDACTED_PATHS = [
  ...['', '*.', '*.*.', '*.*.*.'].flatMap((depth) => [
    ...SECRET_KEYS.map((key) => `${depth}${key}`),
    ...ID_DOCUMENT_KEYS.map((key) => `${depth}${key}.number`),
  ]),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-tracking-code"]',
  'res.headers["set-cookie"]',
  ...['code', 'token', 'access_token', 'id_token', 'trackingCode', 'idNumber'].map((key) => `req.query.${key}`),
];

/** An identity number of the mainland resident card: 17 digits and a digit or X. */
const RESIDENT_ID_NUMBER = /(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])/g;
/** Query parameters that carry a secret. */
const SECRET_QUERY = /([?&](?:code|token|access_token|id_token|trackingCode|idNumber)=)[^&#]*/gi;

/**
 * A URL as logs may show it: the tracking code of `/api/requests/track/:code`, secret query
 * parameters and anything shaped like a resident identity number replaced by `[REDACTED]`.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return url;
  return url
    .replace(/(\/track\/)[^/?#]+/gi, `$1${REDACTED}`)
    .replace(SECRET_QUERY, `$1${REDACTED}`)
    .replace(RESIDENT_ID_NUMBER, REDACTED);
}

/**
 * pino-http's `req` serializer on top of the standard one: the URL redacted as `redactUrl` does, and
 * no `params` (a catch-all middleware route puts every path segment there, the tracking code too;
 * the URL says the same).
 */
export const redactedRequest = ({ params: _params, ...request }: { url?: string; params?: unknown; [key: string]: unknown }) => ({
  ...request,
  url: redactUrl(request.url),
});

/**
 * Nest's start-up inventory (one line per module and per route, ~170 lines): in the readable local
 * format it hides unless LOG_LEVEL is debug or trace. JSON keeps every line.
 */
export const isStartupNoise = (line: string): boolean => /"context":"(InstanceLoader|RoutesResolver|RouterExplorer)"/.test(line);

/** `GET /api/catalogue/units 200 12ms` for an HTTP request, `[Context] message` for Nest's own lines. */
export const prettyMessage: MessageFormatFunc = (log, messageKey) => {
  const req = log['req'] as { method?: string; url?: string } | undefined;
  const res = log['res'] as { statusCode?: number } | undefined;
  const message = String(log[messageKey] ?? '');
  if (req && res) return `${req.method} ${req.url} ${res.statusCode} ${log['responseTime']}ms`;
  return typeof log['context'] === 'string' ? `[${log['context']}] ${message}` : message;
};

export const prettyOptions: PrettyOptions = {
  translateTime: 'SYS:HH:MM:ss',
  ignore: 'pid,hostname,service,context,req,res,responseTime',
  messageFormat: prettyMessage,
  singleLine: true,
  sync: true,
};

/** pino-pretty is a devDependency: an image without it keeps JSON and says so once. */
function prettyStream() {
  let build: (typeof import('pino-pretty'))['build'];
  try {
    ({ build } = require('pino-pretty') as typeof import('pino-pretty'));
  } catch {
    process.stderr.write('LOG_FORMAT=pretty needs the package pino-pretty (a devDependency); logging JSON\n');
    return undefined;
  }
  return build(prettyOptions);
}

import pino from 'pino';
import type { MessageFormatFunc, PrettyOptions } from 'pino-pretty';

export type Logger = pino.Logger;

/**
 * pino on stdout; the level comes from LOG_LEVEL. LOG_FORMAT=json (the default, and the production
 * format) writes JSON lines; LOG_FORMAT=pretty, set by the local start scripts (`npm start`,
 * `npm run start:services`), writes one readable line per entry.
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info', format = process.env.LOG_FORMAT ?? 'json'): Logger {
  const options: pino.LoggerOptions = { name, level, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime };
  const pretty = format === 'pretty' ? prettyStream() : undefined;
  if (!pretty) return pino(options);
  const verbose = level === 'debug' || level === 'trace';
  return pino(options, { write: (line: string) => (verbose || !isStartupNoise(line) ? pretty.write(line) : true) });
}

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

import pino from 'pino';

export type Logger = pino.Logger;

/** pino, JSON lines on stdout; the level comes from LOG_LEVEL. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime });
}

import { Writable } from 'node:stream';
import pino from 'pino';
import { prettyFactory } from 'pino-pretty';
import { loggerOptions, prettyOptions, redactedRequest, redactUrl } from './logger';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjbGVyayJ9.c2lnbmF0dXJl';
const TRACKING = 'Q7K2-M9XP-4HRT';
const ID_NUMBER = '37040519900101123X';

/** A logger with the production options, writing JSON lines to memory. */
function memoryLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino(loggerOptions('gongkai-test', 'info'), stream), lines };
}

describe('secrets never logged (issue 16.6)', () => {
  it('redacts the URL: the tracking code of /track/:code, secret query parameters, identity numbers', () => {
    expect(redactUrl(`/api/requests/track/${TRACKING}`)).toBe('/api/requests/track/[REDACTED]');
    expect(redactUrl(`/api/requests/track/${TRACKING}?x=1`)).toBe('/api/requests/track/[REDACTED]?x=1');
    expect(redactUrl(`/api/auth/callback?code=abc&state=s&token=${TOKEN}`)).toBe(
      '/api/auth/callback?code=[REDACTED]&state=s&token=[REDACTED]',
    );
    expect(redactUrl(`/api/requests?q=${ID_NUMBER}`)).toBe('/api/requests?q=[REDACTED]');
    expect(redactUrl('/api/catalogue/units/TEZ-EDU')).toBe('/api/catalogue/units/TEZ-EDU');
    expect(redactUrl('/api/requests/2026-000123')).toBe('/api/requests/2026-000123');
  });

  it('redacts headers, cookies, tracking codes and identity numbers in every shape of an entry', () => {
    const { logger, lines } = memoryLogger();
    const req = redactedRequest({
      id: 'c-1',
      method: 'GET',
      url: `/api/requests/track/${TRACKING}`,
      query: { code: TRACKING },
      params: { path: ['api', 'requests', 'track', TRACKING] },
      headers: { authorization: `Bearer ${TOKEN}`, cookie: `session=${TOKEN}`, host: 'localhost', 'x-tracking-code': TRACKING },
    });
    logger.info({ req, res: { statusCode: 200, headers: { 'set-cookie': `session=${TOKEN}` } } }, 'request completed');
    logger.info({ authorization: `Bearer ${TOKEN}`, trackingCode: TRACKING }, 'top level');
    logger.info(
      { body: { applicant: { name: '张三', idDocument: { kind: 'resident_id', number: ID_NUMBER } }, trackingCode: TRACKING } },
      'nested',
    );
    logger.warn({ err: { request: { headers: { authorization: `Bearer ${TOKEN}`, cookie: 'a=b' } } } }, 'error with its request');
    const text = lines.join('');
    expect(lines).toHaveLength(4);
    for (const secret of [TOKEN, TRACKING, ID_NUMBER]) expect(text).not.toContain(secret);
    expect(JSON.parse(lines[0]).req).toMatchObject({
      url: '/api/requests/track/[REDACTED]',
      headers: { authorization: '[REDACTED]', cookie: '[REDACTED]', host: 'localhost' },
    });
    expect(JSON.parse(lines[2]).body.applicant).toEqual({ name: '张三', idDocument: { kind: 'resident_id', number: '[REDACTED]' } });
  });

  it('the readable local format (LOG_FORMAT=pretty) shows the redacted URL', () => {
    const { logger, lines } = memoryLogger();
    logger.info(
      { req: redactedRequest({ method: 'GET', url: `/api/requests/track/${TRACKING}` }), res: { statusCode: 404 }, responseTime: 3 },
      'done',
    );
    const line = prettyFactory({ ...prettyOptions, colorize: false })(lines[0]);
    expect(line).toContain('GET /api/requests/track/[REDACTED] 404 3ms');
    expect(line).not.toContain(TRACKING);
  });
});

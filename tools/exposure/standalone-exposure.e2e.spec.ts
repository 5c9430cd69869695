import { readFileSync } from 'node:fs';
import { eventually, isolatedEnv, startNodeService, tokenFor, type ServiceProcess } from '@gongkai/platform/testing';

/**
 * Issue 16.6 and 16.7 on a real run: the standalone started as its own Node process (as `npm start`
 * does, JSON log lines as in production, LOG_LEVEL=info so every request is logged) with
 * METRICS_PORT set. Staff act with tokens and cookies, a citizen files a request with an identity
 * number and looks it up by its tracking code; then the log is read back.
 */
describe('the standalone as a process: secrets never logged, metrics off the public port, uniform public answers', () => {
  let service: ServiceProcess;
  let log = '';
  let metricsUrl: string;
  let district: string;
  const ID_NUMBER = '37040519900307432X';
  const COOKIE = 'gk_session=s3cr3t-cookie-value-9f8e7d';
  let trackingCode: string;

  const call = (path: string, init: RequestInit = {}) => fetch(`${service.url}${path}`, init);
  const json = (method: string, body: unknown, token?: string): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}`, cookie: COOKIE } : {}) },
    body: JSON.stringify(body),
  });

  beforeAll(async () => {
    service = await startNodeService({
      name: 'standalone-exposure',
      args: ['-r', '@swc-node/register', 'apps/standalone/src/main.ts'],
      env: isolatedEnv({ LOG_LEVEL: 'info', LOG_FORMAT: 'json', METRICS_PORT: '0', PUBLIC_SUBMISSIONS_PER_MINUTE: '100' }),
      readyTimeoutMs: 120000,
    });
    // The log is written asynchronously: the line may reach the file just after the process says it is ready.
    const announced = await eventually(
      async () =>
        readFileSync(service.logFile, 'utf8')
          .split('\n')
          .filter((line) => line.includes('"metrics listening"'))
          .map((line) => JSON.parse(line) as { url: string })[0],
      30000,
      'the metrics listener in the log',
    );
    metricsUrl = announced.url.replace(/\/metrics$/, '');
    district = await tokenFor('district_office', 'TEZ-GOV-OFFICE');

    expect(
      (
        await call(
          '/api/catalogue/units',
          json('POST', { unitId: 'TEZ-EXP', name: '曙光街道', level: '乡级', kind: 'subdistrict' }, district),
        )
      ).status,
    ).toBe(201);
    // The requests service learns the new unit from the catalogue's event (eventually): until then
    // a request to it is refused as UNIT_UNKNOWN (issue 16.1), so the filing is retried on that answer.
    const fileRequest = () =>
      call(
        '/api/requests/public',
        json('POST', {
          unitId: 'TEZ-EXP',
          applicant: {
            type: '自然人',
            name: '张三',
            idDocument: { kind: '居民身份证', number: ID_NUMBER },
            phone: '13800001111',
            email: 'zhang@example.com',
          },
          description: '请公开本街道2025年老旧小区改造项目的资金使用情况',
          preferredForm: '电子',
          delivery: '电子邮件',
        }),
      );
    let filed = await fileRequest();
    // At most 8 filings in ~12 s (this installation allows 100 public submissions a minute).
    for (let attempt = 0; filed.status === 422 && attempt < 7; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      filed = await fileRequest();
    }
    const receipt = (await filed.json()) as { trackingCode: string };
    expect(filed.status).toBe(201);
    trackingCode = receipt.trackingCode;
    expect(trackingCode).toEqual(expect.any(String));
  }, 180000);

  afterAll(async () => {
    await service?.stop();
  });

  it('a tracking lookup answers; a random code and a wrong one get the same 404 body', async () => {
    // The portal's tracking read model follows the store (eventually consistent).
    await eventually(
      async () => ((await call(`/api/requests/track/${trackingCode}`, { headers: { cookie: COOKIE } })).status === 200 ? true : undefined),
      20000,
      'the tracking lookup',
    );
    const wrong = trackingCode.slice(0, -1) + (trackingCode.endsWith('A') ? 'B' : 'A');
    const answers = [];
    for (const code of [wrong, 'ZZZZ-ZZZZ-ZZZZ', 'x', 'a'.repeat(200)]) {
      const response = await call(`/api/requests/track/${code}`);
      const body = (await response.json()) as Record<string, unknown>;
      // `instance` echoes the caller's own URL and `correlationId` is per request: the rest is one answer.
      expect(body.instance).toBe(`/api/requests/track/${code}`);
      const { instance: _i, correlationId: _c, ...rest } = body;
      answers.push({ status: response.status, type: response.headers.get('content-type'), rest });
    }
    expect(answers[0]).toMatchObject({ status: 404, rest: { code: 'TRACKING_CODE_UNKNOWN' } });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it('the public form refuses control and direction characters, recording nothing (issue 16.3)', async () => {
    const form = (description: string, name = '李四') =>
      json('POST', {
        unitId: 'TEZ-EXP',
        applicant: { type: '自然人', name, phone: '13800002222' },
        description,
        preferredForm: '电子',
        delivery: '网上获取',
      });
    for (const [init, field, code] of [
      [form('请公开\u0000本街道的预算'), 'description', 'control_character'],
      [form('请公开\u001b[31m本街道的预算'), 'description', 'control_character'],
      [form('请公开本街道的预算', '李\u202e四'), 'applicant.name', 'bidi_control'],
    ] as const) {
      const response = await call('/api/requests/public', init);
      const body = (await response.json()) as { code: string; errors: { field: string; code: string }[] };
      expect([response.status, body.code, body.errors.map((e) => [e.field, e.code])]).toEqual([400, 'VALIDATION_FAILED', [[field, code]]]);
    }
  });

  it('serves /metrics on METRICS_PORT only, not on the public port', async () => {
    const publicPort = await call('/metrics');
    expect(publicPort.status).toBe(404);
    expect(((await publicPort.json()) as { code: string }).code).toBe('ROUTE_NOT_FOUND');
    const scraped = await fetch(`${metricsUrl}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('gongkai_http_requests_total');
    expect((await fetch(`${metricsUrl}/api/catalogue/units`)).status).toBe(404);
  });

  it('logs every request without the token, the cookie, the tracking code or the identity number', async () => {
    await call('/api/requests?unitId=TEZ-EXP', { headers: { authorization: `Bearer ${district}`, cookie: COOKIE } });
    await call(`/api/requests/track/${trackingCode}?code=${trackingCode}`);
    await service.stop();
    log = readFileSync(service.logFile, 'utf8');
    const requestLines = log.split('\n').filter((line) => line.includes('"request completed"'));
    // Not vacuous: the requests above are in the log, with their headers.
    expect(requestLines.length).toBeGreaterThanOrEqual(8);
    expect(log).toContain('"url":"/api/requests/track/[REDACTED]"');
    expect(log).toContain('"authorization":"[REDACTED]"');
    expect(log).toContain('"cookie":"[REDACTED]"');
    for (const secret of [district, district.split('.')[1], 's3cr3t-cookie-value', trackingCode, ID_NUMBER]) {
      expect({ secret: secret.slice(0, 12), logged: log.includes(secret) }).toEqual({ secret: secret.slice(0, 12), logged: false });
    }
  });
});

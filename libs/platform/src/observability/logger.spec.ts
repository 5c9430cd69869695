import { prettyFactory } from 'pino-pretty';
import { isStartupNoise, prettyOptions } from './logger';

/** LOG_FORMAT=pretty (the local start scripts): one readable line per entry; JSON stays the default. */
describe('readable local log lines', () => {
  const line = (entry: Record<string, unknown>) =>
    prettyFactory({ ...prettyOptions, colorize: false })(
      JSON.stringify({
        level: 30,
        time: '2026-12-07T02:03:04.000Z',
        pid: 1,
        hostname: 'h',
        service: 'gongkai-standalone',
        name: 'gongkai-standalone',
        ...entry,
      }),
    );

  it('shows an HTTP request as method, path, status and duration', () => {
    const text = line({
      req: { id: 'c-1', method: 'GET', url: '/api/catalogue/units', headers: { host: 'localhost' } },
      res: { statusCode: 200, headers: {} },
      responseTime: 12,
      msg: 'request completed',
    });
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\] INFO \(gongkai-standalone\): GET \/api\/catalogue\/units 200 12ms\n$/);
  });

  it("shows Nest's context first, and other fields on the same line", () => {
    expect(line({ context: 'NestApplication', msg: 'Nest application successfully started' })).toMatch(
      /INFO \(gongkai-standalone\): \[NestApplication\] Nest application successfully started\n$/,
    );
    expect(line({ level: 40, topic: 'gongkai.catalogue', msg: 'kafka warning' })).toMatch(
      /WARN \(gongkai-standalone\): kafka warning \{"topic":"gongkai.catalogue"\}\n$/,
    );
  });
});

describe("Nest's start-up inventory", () => {
  it('is recognised by its context, and nothing else is', () => {
    expect(isStartupNoise('{"level":30,"context":"RouterExplorer","msg":"Mapped {/api/requests, POST} route"}')).toBe(true);
    expect(isStartupNoise('{"level":30,"context":"InstanceLoader","msg":"RootModule dependencies initialized"}')).toBe(true);
    expect(isStartupNoise('{"level":30,"context":"NestApplication","msg":"Nest application successfully started"}')).toBe(false);
    expect(isStartupNoise('{"level":30,"msg":"request completed","req":{"url":"/api/catalogue/RouterExplorer"}}')).toBe(false);
  });
});

import { isolatedEnv } from './infra';
import { startServiceProcess } from './processes';

describe('startServiceProcess', () => {
  it('reports a service that stops during start-up with the end of its log', async () => {
    const env = isolatedEnv({ AUTH_JWT_SECRET: 'too-short' });
    await expect(startServiceProcess('catalogue-service', env, 30000)).rejects.toThrow(
      /catalogue-service exited during start-up \(code 1, signal null\)[\s\S]*--- last lines of .*out\.log ---[\s\S]*AUTH_JWT_SECRET/,
    );
  }, 40000);

  it('starts a service on a port the kernel picked and stops it with SIGTERM', async () => {
    const service = await startServiceProcess('catalogue-service', isolatedEnv());
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
    const exit = await service.stop();
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
  }, 70000);
});

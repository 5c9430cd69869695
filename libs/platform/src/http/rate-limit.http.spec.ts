import { Controller, HttpCode, Module, Post, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../nest/bootstrap';
import { isolatedEnv } from '../testing/infra';
import { PublicSubmission, PublicSubmissionLimiter } from './rate-limit';

@Controller('api/test')
class SubmissionsController {
  @Post('submissions')
  @HttpCode(201)
  @PublicSubmission('TOO_MANY_TEST_SUBMISSIONS')
  submit() {
    return { accepted: true };
  }
}

@Module({ controllers: [SubmissionsController] })
class SubmissionsModule {}

async function appWith(trustProxy: string): Promise<INestApplication> {
  const { app } = await createApp(
    { shape: 'standalone', title: 'rate limit test', modules: () => [SubmissionsModule] },
    isolatedEnv({ HTTP_TRUST_PROXY: trustProxy, PUBLIC_SUBMISSIONS_PER_MINUTE: '2' }),
  );
  await app.init();
  return app;
}

const submit = (app: INestApplication, forwardedFor?: string) => {
  const call = request(app.getHttpServer()).post('/api/test/submissions').send({});
  return forwardedFor ? call.set('X-Forwarded-For', forwardedFor) : call;
};

describe('public submissions: rate limit per client address', () => {
  let direct: INestApplication;
  let behindIngress: INestApplication;

  beforeAll(async () => {
    [direct, behindIngress] = await Promise.all([appWith('false'), appWith('1')]);
  }, 60000);
  afterAll(() => Promise.all([direct.close(), behindIngress.close()]));
  beforeEach(() => [direct, behindIngress].forEach((app) => app.get(PublicSubmissionLimiter).reset()));

  it('lets the burst through, then answers 429 with the endpoint’s code, a zh-CN detail and Retry-After', async () => {
    await submit(direct).expect(201);
    await submit(direct).expect(201);
    const refused = await submit(direct).expect(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_TEST_SUBMISSIONS', detail: expect.stringContaining('提交过于频繁') });
    expect(refused.headers['retry-after']).toBe(String(refused.body.retryAfterSeconds));
    expect(refused.body.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('ignores X-Forwarded-For unless HTTP_TRUST_PROXY trusts the proxy: a client cannot claim a fresh address', async () => {
    await submit(direct, '203.0.113.1').expect(201);
    await submit(direct, '203.0.113.2').expect(201);
    await submit(direct, '203.0.113.3').expect(429);
  });

  it('behind one trusted proxy, tells clients apart by the address the proxy reports', async () => {
    for (const client of ['203.0.113.1', '203.0.113.1']) await submit(behindIngress, client).expect(201);
    await submit(behindIngress, '203.0.113.1').expect(429);
    // Another citizen behind the same ingress is not held up by the first one.
    await submit(behindIngress, '198.51.100.7').expect(201);
    // Only the hop the proxy added counts: a client-supplied first entry does not.
    await submit(behindIngress, '198.51.100.99, 203.0.113.1').expect(429);
  });
});

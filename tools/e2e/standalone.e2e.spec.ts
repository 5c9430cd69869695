import type { INestApplication } from '@nestjs/common';
import { createApp } from '@gongkai/platform';
import { isolatedEnv } from '@gongkai/platform/testing';
import { standaloneApp } from '@gongkai/shapes';
import { unitRegistrationScenario } from './unit-registration.scenario';

describe('end to end, standalone shape (one process, in-process bus)', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app } = await createApp(standaloneApp, isolatedEnv()));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app.close());

  it('registers units in catalogue and assessment sees them', () => unitRegistrationScenario({ catalogue: url, assessment: url }));
});

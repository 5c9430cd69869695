import { readFileSync } from 'node:fs';
import { isolatedEnv, startServiceProcess, type ServiceProcess } from '@gongkai/platform/testing';
import { unitRegistrationScenario } from './unit-registration.scenario';

describe('end to end, distributed shape (separate service processes over Kafka)', () => {
  const services: ServiceProcess[] = [];

  beforeAll(async () => {
    const env = isolatedEnv({ LOG_LEVEL: 'info' }); // one event store file, as one EventStoreDB cluster would be shared
    services.push(...(await Promise.all([startServiceProcess('catalogue-service', env), startServiceProcess('assessment-service', env)])));
  }, 120000);

  afterAll(async () => {
    const exits = await Promise.all(services.map((s) => s.stop()));
    // Graceful shutdown on SIGTERM: the hooks ran (relay stopped, consumers closed), then exit.
    expect(exits.map((e) => e.code ?? e.signal)).toEqual(['SIGTERM', 'SIGTERM']);
    services.forEach((s) => expect(readFileSync(s.logFile, 'utf8')).toContain('shutting down'));
  });

  it('registers units in the catalogue service and the assessment service sees them through Kafka', async () => {
    const [catalogue, assessment] = services;
    await unitRegistrationScenario({ catalogue: catalogue.url, assessment: assessment.url });
  }, 60000);
});

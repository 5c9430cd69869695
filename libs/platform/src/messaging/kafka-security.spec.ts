import { homedir } from 'node:os';
import { join } from 'node:path';
import { topicOf, type EventEnvelope } from '@gongkai/contracts';
import { configSchema } from '../config/config';
import { newEvent } from '../testing/event-store-contract';
import { eventually, isolatedEnv } from '../testing/infra';
import { KafkaEventBus, kafkaConnection } from './kafka-event-bus';

/**
 * The local broker's second listener (SASL_SSL: TLS with a local CA, SASL/PLAIN), started by
 * tools/local-infra: `npm test` exports its settings as KAFKA_TEST_*; a targeted run derives them
 * from the local-infra defaults.
 */
function secureListener() {
  const env = isolatedEnv();
  const [host, port] = env.KAFKA_BROKERS.split(',')[0].split(':');
  const cache = process.env.GONGKAI_CACHE_DIR ?? join(homedir(), '.cache/gongkai');
  return {
    env,
    brokers: process.env.KAFKA_TEST_SASL_SSL_BROKERS ?? `${host}:${Number(port) + 2}`,
    caFile: process.env.KAFKA_TEST_SSL_CA_FILE ?? join(cache, 'conf/kafka/tls/ca.pem'),
    username: process.env.KAFKA_TEST_SASL_USERNAME ?? 'gongkai',
    password: process.env.KAFKA_TEST_SASL_PASSWORD ?? 'gongkai-local-dev-only',
  };
}

const settings = (overrides: Record<string, string>) =>
  configSchema.safeParse({
    GONGKAI_SHAPE: 'catalogue',
    MONGODB_URL: 'mongodb://127.0.0.1:1/',
    AUTH_JWT_SECRET: 'x'.repeat(32),
    KAFKA_BROKERS: '127.0.0.1:9092',
    ...overrides,
  });
const problems = (overrides: Record<string, string>) => {
  const result = settings(overrides);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('Kafka over TLS with SASL against the real broker', () => {
  const listener = secureListener();
  const buses: KafkaEventBus[] = [];
  const busWith = (overrides: Record<string, string>) => {
    const parsed = settings({ KAFKA_BROKERS: listener.brokers, ...overrides });
    if (!parsed.success) throw new Error(parsed.error.message);
    const bus = new KafkaEventBus({ ...kafkaConnection(parsed.data), clientId: 'kafka-security-test' });
    buses.push(bus);
    return bus;
  };
  const secured = {
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: listener.caFile,
    KAFKA_SASL_MECHANISM: 'plain',
    KAFKA_SASL_USERNAME: listener.username,
    KAFKA_SASL_PASSWORD: listener.password,
  };

  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
  });

  it('publishes and consumes with the CA pinned and the SASL credentials', async () => {
    const bus = busWith(secured);
    const topic = topicOf('catalogue', listener.env.KAFKA_TOPIC_PREFIX);
    const received: string[] = [];
    await bus.subscribe({
      groupId: `${listener.env.KAFKA_TOPIC_PREFIX}.secure`,
      topics: [topic],
      onMessage: async (message) => void received.push((JSON.parse(String(message.value)) as EventEnvelope).streamId),
    });
    const event = {
      ...newEvent('catalogue.UnitRegistered', { unitId: 'TLS-1', name: '加密连接测试单位', level: '乡级', kind: 'town' }),
      streamId: 'catalogue.unit-TLS-1',
    } as unknown as EventEnvelope;
    await bus.publish([{ topic, key: 'catalogue.unit-TLS-1', value: event }]);
    await eventually(async () => (received.includes('catalogue.unit-TLS-1') ? true : undefined), 60000, 'the message over TLS');
  }, 90000);

  it('is refused with a wrong password', async () => {
    await expect(busWith({ ...secured, KAFKA_SASL_PASSWORD: 'not-the-password' }).ping()).rejects.toThrow(/SASL|[Aa]uthentication/);
  }, 90000);

  it('does not trust the broker without the CA that signed its certificate', async () => {
    const { KAFKA_SSL_CA_FILE: _pinned, ...systemCas } = secured;
    await expect(busWith(systemCas).ping()).rejects.toThrow(/certificate|self[- ]signed|verify/i);
  }, 90000);
});

describe('Kafka security settings', () => {
  it('accepts TLS alone, TLS with SASL, and SCRAM without TLS', () => {
    expect(problems({ KAFKA_SSL: 'true' })).toEqual([]);
    expect(
      problems({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'pw' }),
    ).toEqual([]);
    expect(problems({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'pw' })).toEqual([]);
  });

  it('names the setting that is missing or unsafe', () => {
    expect(problems({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'pw' })).toEqual([
      expect.stringMatching(/^KAFKA_SSL: must be true with KAFKA_SASL_MECHANISM=plain/),
    ]);
    expect(problems({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'svc' })).toEqual([
      'KAFKA_SASL_PASSWORD: is required with KAFKA_SASL_MECHANISM',
    ]);
    expect(problems({ KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'pw' })).toEqual([
      expect.stringMatching(/^KAFKA_SASL_MECHANISM: is required/),
    ]);
    expect(problems({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/nonexistent/ca.pem' })).toEqual([
      'KAFKA_SSL_CA_FILE: file not found: /nonexistent/ca.pem',
    ]);
    expect(problems({ KAFKA_SSL_CA_FILE: __filename })).toEqual(['KAFKA_SSL: must be true when KAFKA_SSL_CA_FILE is set']);
    expect(problems({ KAFKA_SSL: 'yes' })).toEqual([expect.stringMatching(/^KAFKA_SSL: /)]);
  });
});

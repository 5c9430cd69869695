import type { Connection } from 'mongoose';
import { personalDataKeysOf } from '../nest/platform.module';
import { MongoPersonalDataKeys } from '../personal-data/mongo-personal-data-keys';
import { loadConfig } from './config';

const base = {
  GONGKAI_SHAPE: 'catalogue',
  KAFKA_BROKERS: '127.0.0.1:29092',
  MONGODB_URL: 'mongodb://127.0.0.1:27027/',
  AUTH_JWT_SECRET: 'x'.repeat(32),
};

describe('loadConfig', () => {
  it('applies defaults to a valid environment', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({ HTTP_PORT: 3000, EVENT_STORE_URL: 'sqlite:./data/events.db', RELAY_ENABLED: true });
  });

  it('takes the relay election session timeout within the broker default bounds', () => {
    expect(loadConfig(base).RELAY_SESSION_TIMEOUT_MS).toBe(10000);
    expect(loadConfig({ ...base, RELAY_SESSION_TIMEOUT_MS: '6000' }).RELAY_SESSION_TIMEOUT_MS).toBe(6000);
    expect(() => loadConfig({ ...base, RELAY_SESSION_TIMEOUT_MS: '1000' })).toThrow(/RELAY_SESSION_TIMEOUT_MS/);
  });

  it('names a missing setting in one line', () => {
    const { MONGODB_URL: _omitted, ...rest } = base;
    expect(() => loadConfig(rest)).toThrow(/^Configuration error: MONGODB_URL is missing$/);
  });

  it('names an invalid setting and says what it must be', () => {
    expect(() => loadConfig({ ...base, KAFKA_BROKERS: 'kafka' })).toThrow(/KAFKA_BROKERS must be host:port/);
    expect(() => loadConfig({ ...base, HTTP_PORT: 'eighty' })).toThrow(/HTTP_PORT/);
  });

  it('requires Kafka for a service running alone but not for the standalone shape', () => {
    const { KAFKA_BROKERS: _omitted, ...rest } = base;
    expect(() => loadConfig(rest)).toThrow(/KAFKA_BROKERS is required when a service runs alone/);
    expect(loadConfig({ ...rest, GONGKAI_SHAPE: 'standalone' }).KAFKA_BROKERS).toBeUndefined();
  });

  it('validates service settings too, at start-up', () => {
    expect(loadConfig({ ...base, REQUESTS_STAGE_LIMITS: '{"in_progress": 8}' }).REQUESTS_STAGE_LIMITS).toBe('{"in_progress": 8}');
    expect(() => loadConfig({ ...base, REQUESTS_STAGE_LIMITS: '{"in_progress": -1}' })).toThrow(
      /REQUESTS_STAGE_LIMITS must be a JSON object/,
    );
    expect(() => loadConfig({ ...base, REQUESTS_NEAR_DUE_DAYS: 'soon' })).toThrow(/REQUESTS_NEAR_DUE_DAYS/);
    expect(loadConfig(base).CATALOGUE_IMPORT_MAX_UNPACKED_MB).toBe(20);
    expect(() => loadConfig({ ...base, CATALOGUE_IMPORT_MAX_UNPACKED_MB: '0' })).toThrow(/CATALOGUE_IMPORT_MAX_UNPACKED_MB/);
    expect(loadConfig(base)).toMatchObject({
      CATALOGUE_IMPORT_MAX_UPLOAD_MB: 5,
      CATALOGUE_IMPORT_MAX_ROWS: 20000,
      CATALOGUE_IMPORT_MAX_SECONDS: 30,
      CATALOGUE_IMPORT_WORKER_HEAP_MB: 256,
    });
    expect(() => loadConfig({ ...base, CATALOGUE_IMPORT_MAX_ROWS: '1.5' })).toThrow(/CATALOGUE_IMPORT_MAX_ROWS/);
    expect(() => loadConfig({ ...base, CATALOGUE_IMPORT_WORKER_HEAP_MB: '16' })).toThrow(/CATALOGUE_IMPORT_WORKER_HEAP_MB/);
  });

  it('takes the interpretation personal-data key, or requires it when there is no secret to derive it from', () => {
    expect(loadConfig(base).INTERPRETATION_PERSONAL_DATA_KEY).toBeUndefined();
    expect(loadConfig({ ...base, INTERPRETATION_PERSONAL_DATA_KEY: 'k'.repeat(32) }).INTERPRETATION_PERSONAL_DATA_KEY).toBe('k'.repeat(32));
    expect(() => loadConfig({ ...base, INTERPRETATION_PERSONAL_DATA_KEY: 'short' })).toThrow(
      /INTERPRETATION_PERSONAL_DATA_KEY must be at least 32 characters/,
    );
    const { AUTH_JWT_SECRET: _omitted, ...rest } = base;
    const jwks = {
      ...rest,
      AUTH_JWKS_URL: 'https://idp.example/jwks',
      REQUESTS_IDENTITY_KEY: 'r'.repeat(32),
      SUBSCRIPTIONS_LINK_KEY: 's'.repeat(32),
    };
    expect(() => loadConfig(jwks)).toThrow(/INTERPRETATION_PERSONAL_DATA_KEY is required when AUTH_JWT_SECRET is not set/);
    expect(loadConfig({ ...jwks, INTERPRETATION_PERSONAL_DATA_KEY: 'k'.repeat(32) }).INTERPRETATION_PERSONAL_DATA_KEY).toBe('k'.repeat(32));
  });

  it('requires a way to check tokens', () => {
    const { AUTH_JWT_SECRET: _omitted, ...rest } = base;
    expect(() => loadConfig(rest)).toThrow(/AUTH_JWT_SECRET or AUTH_JWKS_URL is required/);
    expect(() => loadConfig({ ...base, AUTH_JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });
});

describe('the personal-data key store of a process (crypto-shredding)', () => {
  const connections = { get: () => ({}) as Connection };

  it('exists where a service writes personal data, and is refused at start without the master key', () => {
    // Neither marked events nor sealed state (catalogue seals its subscribers' addresses).
    expect(personalDataKeysOf(loadConfig({ ...base, GONGKAI_SHAPE: 'assessment' }), connections)).toBeNull();
    for (const shape of ['requests', 'interpretation', 'catalogue', 'standalone']) {
      const config = loadConfig({ ...base, GONGKAI_SHAPE: shape, PERSONAL_DATA_MASTER_KEY: 'm'.repeat(32) });
      expect([shape, personalDataKeysOf(config, connections)]).toEqual([shape, expect.any(MongoPersonalDataKeys)]);
      expect(() => personalDataKeysOf(loadConfig({ ...base, GONGKAI_SHAPE: shape }), connections)).toThrow(
        /PERSONAL_DATA_MASTER_KEY is missing/,
      );
    }
    // The demo (AUTH_DEV_LOGIN=true) derives one from AUTH_JWT_SECRET.
    expect(personalDataKeysOf(loadConfig({ ...base, GONGKAI_SHAPE: 'requests', AUTH_DEV_LOGIN: 'true' }), connections)).toBeInstanceOf(
      MongoPersonalDataKeys,
    );
  });
});

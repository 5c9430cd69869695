import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MongoClient } from 'mongodb';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '@gongkai/contracts';
import { signDevToken } from '../auth/token-verifier';
import { SHAPE_SERVICES } from '../nest/platform-runtime';

export const TEST_JWT_SECRET = 'test-secret-for-gongkai-tests-only-000000';
/** The personal-data master key of the tests (crypto-shredding): a process writing personal data needs one. */
export const TEST_PERSONAL_DATA_MASTER_KEY = 'test-personal-data-master-key-for-gongkai-tests-only';

/**
 * The real servers the tests run against, started by `tools/test.sh` (tools/local-infra). A test
 * that needs them fails loudly when they are missing rather than pass against a mock.
 */
export function requireInfra(): { kafkaBrokers: string; mongodbUrl: string } {
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  const mongodbUrl = process.env.MONGODB_URL;
  if (!kafkaBrokers || !mongodbUrl) {
    throw new Error('KAFKA_BROKERS and MONGODB_URL must be set: run the tests with `npm test`, which starts Kafka and FerretDB');
  }
  return { kafkaBrokers, mongodbUrl };
}

/** A fresh, isolated installation: its own event store file, databases, topics and groups. */
export function isolatedEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const { kafkaBrokers, mongodbUrl } = requireInfra();
  const id = uuidv7().replace(/-/g, '').slice(-12);
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    KAFKA_BROKERS: kafkaBrokers,
    MONGODB_URL: mongodbUrl,
    MONGODB_DB_PREFIX: `t${id}`,
    KAFKA_TOPIC_PREFIX: `t${id}`,
    EVENT_STORE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'gk-')), 'events.db')}`,
    BLOB_STORE_URL: `file:${mkdtempSync(join(tmpdir(), 'gk-blobs-'))}`,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    PERSONAL_DATA_MASTER_KEY: TEST_PERSONAL_DATA_MASTER_KEY,
    HTTP_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    ...overrides,
  };
}

/**
 * Removes what an isolated installation left: its event store's temporary directory and, unless
 * `databases` is false (a private server that goes away anyway), the databases of its prefix and of
 * `otherPrefixes` (`<prefix>-<service>`, `<prefix>-platform`) on its MongoDB server.
 */
export async function removeIsolatedEnv(env: Record<string, string>, options: { databases?: boolean; otherPrefixes?: string[] } = {}) {
  if (env.EVENT_STORE_URL?.startsWith('sqlite:'))
    rmSync(dirname(env.EVENT_STORE_URL.slice('sqlite:'.length)), { recursive: true, force: true });
  if (options.databases === false) return;
  const mongo = await new MongoClient(env.MONGODB_URL, { serverSelectionTimeoutMS: 30000 }).connect();
  try {
    for (const prefix of [env.MONGODB_DB_PREFIX, ...(options.otherPrefixes ?? [])])
      for (const name of [...SHAPE_SERVICES, 'platform']) await mongo.db(`${prefix}-${name}`).dropDatabase();
  } finally {
    await mongo.close();
  }
}

export const tokenFor = (role: Role, unitId: string | null = null, expiresIn?: string) =>
  signDevToken(TEST_JWT_SECRET, { userId: `${role}-${unitId ?? 'district'}`, role, unitId, expiresIn });

/** Polls until `probe` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

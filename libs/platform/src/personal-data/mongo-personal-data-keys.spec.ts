import mongoose, { type Connection } from 'mongoose';
import { ConfigurationError, loadConfig } from '../config/config';
import { isolatedEnv, TEST_JWT_SECRET } from '../testing/infra';
import { masterKeyFrom, personalDataMasterKey, unwrapKey, wrapKey } from './master-key';
import { MongoPersonalDataKeys } from './mongo-personal-data-keys';

describe('personal-data master key', () => {
  it('comes from PERSONAL_DATA_MASTER_KEY, or from AUTH_JWT_SECRET in the demo only', () => {
    const explicit = personalDataMasterKey({
      PERSONAL_DATA_MASTER_KEY: 'm'.repeat(32),
      AUTH_DEV_LOGIN: false,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
    });
    expect(explicit.key).toHaveLength(32);
    expect(explicit.fingerprint).toBe(masterKeyFrom('m'.repeat(32)).fingerprint);
    const demo = personalDataMasterKey({ AUTH_DEV_LOGIN: true, AUTH_JWT_SECRET: TEST_JWT_SECRET });
    expect(demo.fingerprint).not.toBe(masterKeyFrom(TEST_JWT_SECRET).fingerprint); // its own label, not the secret's key
    expect(() => personalDataMasterKey({ AUTH_DEV_LOGIN: false, AUTH_JWT_SECRET: TEST_JWT_SECRET })).toThrow(ConfigurationError);
    expect(() => personalDataMasterKey({ AUTH_DEV_LOGIN: false, AUTH_JWT_SECRET: TEST_JWT_SECRET })).toThrow(
      /PERSONAL_DATA_MASTER_KEY is missing/,
    );
  });

  it('is a setting of at least 32 characters, read from the environment at start-up', () => {
    const environment = {
      GONGKAI_SHAPE: 'requests',
      KAFKA_BROKERS: '127.0.0.1:29092',
      MONGODB_URL: 'mongodb://127.0.0.1:27027/',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
    };
    expect(() => loadConfig({ ...environment, PERSONAL_DATA_MASTER_KEY: 'short' })).toThrow(
      /PERSONAL_DATA_MASTER_KEY must be at least 32 characters/,
    );
    const config = loadConfig({ ...environment, PERSONAL_DATA_MASTER_KEY: 'm'.repeat(32) });
    expect(personalDataMasterKey(config).fingerprint).toBe(masterKeyFrom('m'.repeat(32)).fingerprint);
    expect(() => personalDataMasterKey(loadConfig(environment))).toThrow(/PERSONAL_DATA_MASTER_KEY is missing/);
    expect(personalDataMasterKey(loadConfig({ ...environment, AUTH_DEV_LOGIN: 'true' })).key).toHaveLength(32);
  });

  it('wraps a key bound to its subject and key id', () => {
    const master = masterKeyFrom('m'.repeat(32));
    const key = Buffer.alloc(32, 7);
    const wrapped = wrapKey(master, 'test.person/P-1', 'K1', key);
    expect(unwrapKey(master, 'test.person/P-1', 'K1', wrapped)).toEqual(key);
    expect(() => unwrapKey(master, 'test.person/P-2', 'K1', wrapped)).toThrow();
    expect(() => unwrapKey(masterKeyFrom('n'.repeat(32)), 'test.person/P-1', 'K1', wrapped)).toThrow();
  });
});

describe('MongoPersonalDataKeys over FerretDB', () => {
  const env = isolatedEnv();
  const master = masterKeyFrom('master-key-for-the-key-store-test-only');
  let connection: Connection;
  let now = new Date('2026-03-02T01:00:00.000Z');
  let keys: MongoPersonalDataKeys;

  beforeAll(async () => {
    connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-platform` }).asPromise();
    keys = new MongoPersonalDataKeys(connection, master, () => now);
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('creates one key per subject, even when replicas race for it', async () => {
    const racing = await Promise.all([1, 2, 3, 4].map(() => keys.getOrCreate('requests.applicant/a1')));
    expect(new Set(racing.map((k) => k.keyId)).size).toBe(1);
    expect(new Set(racing.map((k) => k.key.toString('hex'))).size).toBe(1);
    expect(await keys.get('requests.applicant/a1')).toEqual(racing[0]);
    expect(await keys.get('requests.applicant/none')).toBeNull();
    // Another process with the same master key reads the same key.
    expect(await new MongoPersonalDataKeys(connection, master).get('requests.applicant/a1')).toEqual(racing[0]);
  });

  it('stores only wrapped keys: a dump of the collection does not contain the key', async () => {
    const key = await keys.getOrCreate('requests.applicant/a2');
    const dump = JSON.stringify(await connection.collection('personal_data_keys').find({}).toArray());
    expect(dump).not.toContain(key.key.toString('base64'));
    expect(dump).not.toContain(key.key.toString('base64url'));
    expect(dump).not.toContain(key.key.toString('hex'));
  });

  it('says so when started with another master key', async () => {
    await expect(new MongoPersonalDataKeys(connection, masterKeyFrom('x'.repeat(32))).get('requests.applicant/a1')).rejects.toThrow(
      /wrapped by master key .* not by the configured/,
    );
  });

  it('erases a key for good, keeps a tombstone, and lists subjects for retention', async () => {
    now = new Date('2026-03-03T01:00:00.000Z');
    await keys.getOrCreate('interpretation.commenter/c1');
    now = new Date('2026-03-04T01:00:00.000Z');
    const before = await keys.get('requests.applicant/a2');
    expect(await keys.shred('requests.applicant/a2')).toBe(true);
    expect(await keys.shred('requests.applicant/a2')).toBe(false);
    expect(await keys.shred('requests.applicant/never')).toBe(false);
    expect(await keys.get('requests.applicant/a2')).toBeNull();
    const raw = await connection.collection('personal_data_keys').findOne({ _id: 'requests.applicant/a2' as never });
    expect(raw).toMatchObject({ keyId: before?.keyId, shreddedAt: now });
    expect(raw).not.toHaveProperty('wrapped');

    expect((await keys.list()).map((r) => r.subjectId)).toEqual([
      'requests.applicant/a1',
      'requests.applicant/a2',
      'interpretation.commenter/c1',
    ]);
    expect((await keys.list({ scope: 'requests.applicant' })).map((r) => r.subjectId)).toEqual([
      'requests.applicant/a1',
      'requests.applicant/a2',
    ]);
    expect(await keys.list({ shredded: true })).toEqual([
      { subjectId: 'requests.applicant/a2', keyId: before?.keyId, createdAt: expect.any(Date), shreddedAt: now },
    ]);
    expect((await keys.list({ shredded: false, createdBefore: new Date('2026-03-03T00:00:00.000Z') })).map((r) => r.subjectId)).toEqual([
      'requests.applicant/a1',
    ]);

    // The same person files again: a new key with a new id.
    const renewed = await keys.getOrCreate('requests.applicant/a2');
    expect(renewed.keyId).not.toBe(before?.keyId);
    expect(renewed.key.equals(before!.key)).toBe(false);
    expect(await keys.list({ shredded: true })).toEqual([]);
  });
});

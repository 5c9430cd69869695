import { ERASED_PLACEHOLDER, WITHHELD_PLACEHOLDER, type EventEnvelope, type PersonalDataMarkings } from '@gongkai/contracts';
import { decryptField, encryptField } from './field-cipher';
import { InMemoryPersonalDataKeys } from './personal-data-keys';
import {
  NO_PERSONAL_DATA_ACCESS,
  redactPersonalData,
  revealEach,
  revealPersonalData,
  sealPersonalData,
  withholdSealed,
} from './personal-data';

const markings: PersonalDataMarkings = {
  'test.Registered': {
    1: {
      scope: 'test.person',
      subject: 'personKey',
      fields: ['name', 'contact.phone', { path: 'contact.address', type: 'object' }, { path: 'age', type: 'number' }, 'guests[].name'],
    },
  },
};

const data = () => ({
  personKey: 'P-1',
  name: '张三',
  contact: { phone: '13800000000', address: { city: '台州', street: '中山路 1 号' } },
  age: 42,
  guests: [{ name: '李四' }, { note: '无姓名' }],
  topic: '开放日',
});

const envelope = (payload: Record<string, unknown>, type = 'test.Registered', schemaVersion = 1): EventEnvelope => ({
  eventId: '0190f5a0-0000-7000-8000-000000000001',
  type,
  schemaVersion,
  streamId: 'test.person-P-1',
  streamRevision: 0,
  recordedAt: '2026-03-02T01:00:00.000Z',
  occurredAt: '2026-03-02T01:00:00.000Z',
  actor: { userId: 'u', unitId: null, role: 'system' },
  correlationId: 'c',
  causationId: null,
  data: payload,
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
});

describe('personal data: seal and reveal', () => {
  let keys: InMemoryPersonalDataKeys;
  beforeEach(() => (keys = new InMemoryPersonalDataKeys()));
  const seal = (payload = data()) => sealPersonalData('test.Registered', 1, payload, keys, markings);

  it('encrypts every marked value with its own IV and leaves the rest, the subject included, as it was', async () => {
    const sealed = await seal();
    const text = JSON.stringify(sealed);
    for (const plain of ['张三', '13800000000', '台州', '李四']) expect(text).not.toContain(plain);
    expect(sealed).toMatchObject({
      personKey: 'P-1',
      topic: '开放日',
      guests: [{ name: expect.stringMatching(/^enc:v1:/) }, { note: '无姓名' }],
    });
    expect(sealed.age).toMatch(/^enc:v1:/);
    expect(sealed.name).not.toEqual((await seal()).name); // a fresh IV every time
    const [keyRecord] = await keys.list();
    expect(keyRecord).toMatchObject({ subjectId: 'test.person/P-1' });
    expect(String(sealed.name).split(':')[2]).toBe(keyRecord.keyId);
  });

  it('gives a key holder the plaintext back with its JSON types', async () => {
    const stored = envelope(await seal());
    const revealed = await revealPersonalData(stored, { keys }, markings);
    expect(revealed.data).toEqual(data());
    expect(revealed.hash).toBe(stored.hash);
  });

  it('reads 已删除 once the key is erased, and 已脱敏 for a reader without the right', async () => {
    const stored = envelope(await seal());
    const withheld = {
      personKey: 'P-1',
      name: WITHHELD_PLACEHOLDER,
      contact: { phone: WITHHELD_PLACEHOLDER, address: null },
      age: null,
      guests: [{ name: WITHHELD_PLACEHOLDER }, { note: '无姓名' }],
      topic: '开放日',
    };
    expect((await revealPersonalData(stored, NO_PERSONAL_DATA_ACCESS, markings)).data).toEqual(withheld);
    expect((await revealPersonalData(stored, { keys, mayRead: (id) => id.startsWith('other/') }, markings)).data).toEqual(withheld);
    expect(redactPersonalData(stored, markings).data).toEqual(withheld);

    expect(await keys.shred('test.person/P-1')).toBe(true);
    expect(await keys.shred('test.person/P-1')).toBe(false);
    const erased = (await revealPersonalData(stored, { keys }, markings)).data;
    expect(erased).toEqual({
      ...withheld,
      name: ERASED_PLACEHOLDER,
      contact: { phone: ERASED_PLACEHOLDER, address: null },
      guests: [{ name: ERASED_PLACEHOLDER }, { note: '无姓名' }],
    });
    // The subject comes back (a new request): a new key, and the old data stays erased.
    const again = envelope(await seal());
    const [older, newer] = await revealEach([stored, again], { keys }, markings);
    expect(older.data.name).toBe(ERASED_PLACEHOLDER);
    expect(newer.data.name).toBe('张三');
    expect(await keys.list({ shredded: true })).toEqual([]); // the tombstone became the living key again
  });

  it('leaves events without a marking, or without personal values, as the same object', async () => {
    const unmarked = envelope({ name: '张三' }, 'test.Other');
    expect(await revealPersonalData(unmarked, NO_PERSONAL_DATA_ACCESS, markings)).toBe(unmarked);
    expect(await sealPersonalData('test.Other', 1, unmarked.data, null, markings)).toBe(unmarked.data);
    const empty = { personKey: 'P-1', topic: 'x' };
    expect(await sealPersonalData('test.Registered', 1, empty, null, markings)).toBe(empty);
    expect(redactPersonalData(envelope(empty), markings).data).toBe(empty);
    // Another version of the same type is not marked.
    expect(await sealPersonalData('test.Registered', 2, data(), null, markings)).toEqual(data());
  });

  it('keeps plaintext recorded before the field was marked for key holders, and withholds it from the others', async () => {
    const legacy = envelope(data());
    expect((await revealPersonalData(legacy, { keys }, markings)).data).toEqual(data());
    expect((await revealPersonalData(legacy, NO_PERSONAL_DATA_ACCESS, markings)).data.name).toBe(WITHHELD_PLACEHOLDER);
  });

  it('never lets a display print ciphertext: sealed values read 已脱敏, revealed ones stay', async () => {
    const stored = envelope(await seal());
    expect(withholdSealed(stored, markings).data).toMatchObject({
      name: WITHHELD_PLACEHOLDER,
      contact: { address: null },
      topic: '开放日',
    });
    const revealed = await revealPersonalData(stored, { keys }, markings);
    expect(withholdSealed(revealed, markings)).toBe(revealed);
  });

  it('refuses to write personal data in clear or without its subject or with another type than marked', async () => {
    await expect(sealPersonalData('test.Registered', 1, data(), null, markings)).rejects.toThrow(/no personal-data key store/);
    await expect(seal({ ...data(), personKey: '' })).rejects.toThrow(/without its subject personKey/);
    await expect(seal({ ...data(), age: '42' as unknown as number })).rejects.toThrow(/age is marked number but holds string/);
  });

  it('detects a token moved to another subject or altered', async () => {
    const key = await keys.getOrCreate('test.person/P-1');
    const token = encryptField(key, '张三');
    expect(decryptField(key, token)).toBe('张三');
    expect(() => decryptField({ ...key, subjectId: 'test.person/P-2' }, token)).toThrow();
    const parts = token.split(':');
    parts[4] = Buffer.from('李四', 'utf8').toString('base64url');
    expect(() => decryptField(key, parts.join(':'))).toThrow();
  });
});

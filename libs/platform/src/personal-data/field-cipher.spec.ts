import { randomBytes } from 'node:crypto';
import { decryptBytes, encryptBytes, isSealedBytes, sealedBytesKeyId } from './field-cipher';

const keyOf = (subjectId: string, keyId: string) => ({ subjectId, keyId, key: randomBytes(32) });

describe('sealed bytes (a file sealed with its data subject’s key)', () => {
  it('seals and opens with the same key only; another key, another subject or an altered byte fails', () => {
    const key = keyOf('requests.applicant/a', 'K1');
    const scan = Buffer.concat([Buffer.from('%PDF-1.4 '), Buffer.from('上官婉清申请书', 'utf8')]);
    const sealed = encryptBytes(key, scan);
    expect(isSealedBytes(sealed)).toBe(true);
    expect(isSealedBytes(scan)).toBe(false);
    expect(sealedBytesKeyId(sealed)).toBe('K1');
    expect(sealed.includes(Buffer.from('上官婉清', 'utf8'))).toBe(false);
    expect(encryptBytes(key, scan).equals(sealed)).toBe(false); // a fresh IV each time
    expect(decryptBytes(key, sealed)).toEqual(scan);
    expect(() => decryptBytes(keyOf('requests.applicant/a', 'K2'), sealed)).toThrow(/key K1/);
    expect(() => decryptBytes({ ...key, subjectId: 'requests.applicant/b' }, sealed)).toThrow();
    const altered = Buffer.from(sealed);
    altered[altered.length - 20] ^= 1;
    expect(() => decryptBytes(key, altered)).toThrow();
  });
});

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PERSONAL_DATA_TOKEN } from '@gongkai/contracts';

/** One data subject's key: `subjectId` is `<scope>/<subject value>`, `keyId` names this key (a new one after an erasure). */
export interface SubjectKey {
  subjectId: string;
  keyId: string;
  /** 32 bytes: AES-256-GCM. */
  key: Buffer;
}

const ALGORITHM = 'aes-256-gcm';

/**
 * Encrypts one field's value (its JSON, so the type comes back as it was) with the subject's key and
 * a random 96-bit IV; the subject id is the additional authenticated data, so a token copied to
 * another subject's event does not decrypt. The result is `enc:v1:<keyId>:<iv>:<ciphertext>:<tag>`.
 */
export function encryptField(subjectKey: SubjectKey, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, subjectKey.key, iv).setAAD(Buffer.from(subjectKey.subjectId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [
    'enc',
    'v1',
    subjectKey.keyId,
    iv.toString('base64url'),
    ciphertext.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join(':');
}

/** The key id a token was encrypted with, or null when the value is not a token. */
export function tokenKeyId(token: string): string | null {
  return PERSONAL_DATA_TOKEN.exec(token)?.[1] ?? null;
}

/**
 * The value a token holds. Throws when the token was made with another key (an erased subject who
 * has a new key since) or was altered (the GCM tag does not verify).
 */
export function decryptField(subjectKey: SubjectKey, token: string): unknown {
  const parts = PERSONAL_DATA_TOKEN.exec(token);
  if (!parts) throw new Error('not a personal-data token');
  const [, keyId, iv, ciphertext, tag] = parts;
  if (keyId !== subjectKey.keyId) throw new Error(`token of key ${keyId}, not of ${subjectKey.keyId}`);
  const decipher = createDecipheriv(ALGORITHM, subjectKey.key, Buffer.from(iv, 'base64url'))
    .setAAD(Buffer.from(subjectKey.subjectId, 'utf8'))
    .setAuthTag(Buffer.from(tag, 'base64url'));
  const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  return JSON.parse(plaintext.toString('utf8'));
}

/** The first bytes of a file sealed with a subject's key (`encryptBytes`): a stored scan is recognised by them. */
export const SEALED_BYTES_MAGIC = Buffer.from('GKSEAL1\n', 'ascii');

/**
 * A file's bytes sealed with the subject's key (crypto-shredding of files, issue 19): magic, the key
 * id (length-prefixed), a random 96-bit IV, the AES-256-GCM ciphertext and its tag; the subject id is
 * the additional authenticated data. Erasing the key leaves the stored bytes (their hash, which the
 * events record, still verifies) unreadable.
 */
export function encryptBytes(subjectKey: SubjectKey, bytes: Buffer): Buffer {
  const iv = randomBytes(12);
  const keyId = Buffer.from(subjectKey.keyId, 'utf8');
  const cipher = createCipheriv(ALGORITHM, subjectKey.key, iv).setAAD(Buffer.from(subjectKey.subjectId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([SEALED_BYTES_MAGIC, Buffer.from([keyId.length]), keyId, iv, ciphertext, cipher.getAuthTag()]);
}

export const isSealedBytes = (bytes: Buffer): boolean => bytes.subarray(0, SEALED_BYTES_MAGIC.length).equals(SEALED_BYTES_MAGIC);

/** The key id sealed bytes were encrypted with (to tell an erased subject's old file from a living one). */
export function sealedBytesKeyId(bytes: Buffer): string {
  const at = SEALED_BYTES_MAGIC.length;
  return bytes.subarray(at + 1, at + 1 + bytes[at]).toString('utf8');
}

/** The bytes `encryptBytes` sealed; throws with another key (an erased subject) or altered bytes. */
export function decryptBytes(subjectKey: SubjectKey, sealed: Buffer): Buffer {
  if (!isSealedBytes(sealed)) throw new Error('not sealed bytes');
  const at = SEALED_BYTES_MAGIC.length;
  const keyId = sealedBytesKeyId(sealed);
  if (keyId !== subjectKey.keyId) throw new Error(`bytes of key ${keyId}, not of ${subjectKey.keyId}`);
  const body = at + 1 + sealed[at];
  const iv = sealed.subarray(body, body + 12);
  const tag = sealed.subarray(sealed.length - 16);
  const decipher = createDecipheriv(ALGORITHM, subjectKey.key, iv).setAAD(Buffer.from(subjectKey.subjectId, 'utf8')).setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(body + 12, sealed.length - 16)), decipher.final()]);
}

import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { ConfigurationError, type GongkaiConfig } from '../config/config';

/**
 * The master key that wraps every subject key in the key store, so a dump of the read-model
 * database alone reveals no personal data. `fingerprint` names it (stored with each wrapped key) so
 * a process started with a different master key says so instead of reporting every key as broken.
 */
export interface MasterKey {
  key: Buffer;
  fingerprint: string;
}

export function masterKeyFrom(secret: string, label = 'gongkai.personal-data.master-key'): MasterKey {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('gongkai', 'utf8'), Buffer.from(label, 'utf8'), 32));
  return { key, fingerprint: createHmac('sha256', key).update('fingerprint').digest('hex').slice(0, 16) };
}

/**
 * The master key from the settings: PERSONAL_DATA_MASTER_KEY; only in the demo (AUTH_DEV_LOGIN=true,
 * which `npm start` sets and production never does) derived from AUTH_JWT_SECRET when unset. Not
 * derived otherwise: a JWT secret is shared by every service and rotated as a routine, and rotating
 * it would make every subject's personal data unreadable at once — an erasure nobody decided.
 */
export function personalDataMasterKey(
  config: Pick<GongkaiConfig, 'PERSONAL_DATA_MASTER_KEY' | 'AUTH_DEV_LOGIN' | 'AUTH_JWT_SECRET'>,
): MasterKey {
  if (config.PERSONAL_DATA_MASTER_KEY) return masterKeyFrom(config.PERSONAL_DATA_MASTER_KEY);
  if (config.AUTH_DEV_LOGIN && config.AUTH_JWT_SECRET)
    return masterKeyFrom(config.AUTH_JWT_SECRET, 'gongkai.personal-data.master-key.demo');
  throw new ConfigurationError(
    'Configuration error: PERSONAL_DATA_MASTER_KEY is missing (required to protect personal data unless AUTH_DEV_LOGIN=true)',
  );
}

/** A subject key wrapped (AES-256-GCM) with the master key, bound to its subject and key id. */
export function wrapKey(master: MasterKey, subjectId: string, keyId: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master.key, iv).setAAD(Buffer.from(`${subjectId}\n${keyId}`, 'utf8'));
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return [iv, wrapped, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
}

export function unwrapKey(master: MasterKey, subjectId: string, keyId: string, wrapped: string): Buffer {
  const [iv, body, tag] = wrapped.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', master.key, iv)
    .setAAD(Buffer.from(`${subjectId}\n${keyId}`, 'utf8'))
    .setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

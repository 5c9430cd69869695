import { randomBytes } from 'node:crypto';
import type { SubjectKey } from './field-cipher';

/** What the key store knows about a subject, without the key itself: for retention and the runbook. */
export interface SubjectKeyRecord {
  subjectId: string;
  keyId: string;
  createdAt: Date;
  /** When the key was erased; undefined while it lives. */
  shreddedAt?: Date;
}

export interface SubjectKeyQuery {
  /** Only subjects of this scope (`requests.applicant`). */
  scope?: string;
  /** true: only erased; false: only living; undefined: both. */
  shredded?: boolean;
  /** Only keys created before this instant. */
  createdBefore?: Date;
}

/**
 * The key store port of crypto-shredding: one key per data subject, outside the event store. The
 * adapters: MongoDB in the read-model database (`MongoPersonalDataKeys`, the standalone and the
 * services on this machine) with the keys wrapped by a master key; in production a KMS or a Vault
 * transit engine can hold the master key or the keys themselves behind the same four methods.
 */
export interface PersonalDataKeys {
  /** The subject's living key, created on first use (and anew after an erasure, with a new key id). */
  getOrCreate(subjectId: string): Promise<SubjectKey>;
  /** The subject's living key, or null when it never had one or it was erased. */
  get(subjectId: string): Promise<SubjectKey | null>;
  /** Erases the subject's key for good; true when a living key was erased. */
  shred(subjectId: string): Promise<boolean>;
  /** The subjects known to the store, oldest first. */
  list(query?: SubjectKeyQuery): Promise<SubjectKeyRecord[]>;
}

/** A new key id: 96 random bits, base64url (16 characters), unique across erasures of one subject. */
export const newKeyId = (): string => randomBytes(12).toString('base64url');

export const subjectIdOf = (scope: string, subjectValue: string): string => `${scope}/${subjectValue}`;

export const matchesKeyQuery = (record: SubjectKeyRecord, query: SubjectKeyQuery = {}): boolean =>
  (query.scope === undefined || record.subjectId.startsWith(`${query.scope}/`)) &&
  (query.shredded === undefined || query.shredded === (record.shreddedAt !== undefined)) &&
  (query.createdBefore === undefined || record.createdAt < query.createdBefore);

/** The key store in memory: unit tests and tools only (its keys die with the process). */
export class InMemoryPersonalDataKeys implements PersonalDataKeys {
  private readonly records = new Map<string, SubjectKeyRecord & { key?: Buffer }>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async getOrCreate(subjectId: string): Promise<SubjectKey> {
    const living = await this.get(subjectId);
    if (living) return living;
    const created = { subjectId, keyId: newKeyId(), key: randomBytes(32), createdAt: this.clock() };
    this.records.set(subjectId, created);
    return { subjectId, keyId: created.keyId, key: created.key };
  }

  async get(subjectId: string): Promise<SubjectKey | null> {
    const record = this.records.get(subjectId);
    return record?.key ? { subjectId, keyId: record.keyId, key: record.key } : null;
  }

  async shred(subjectId: string): Promise<boolean> {
    const record = this.records.get(subjectId);
    if (!record?.key) return false;
    this.records.set(subjectId, { subjectId, keyId: record.keyId, createdAt: record.createdAt, shreddedAt: this.clock() });
    return true;
  }

  async list(query?: SubjectKeyQuery): Promise<SubjectKeyRecord[]> {
    return [...this.records.values()]
      .map(({ subjectId, keyId, createdAt, shreddedAt }) => ({ subjectId, keyId, createdAt, ...(shreddedAt ? { shreddedAt } : {}) }))
      .filter((record) => matchesKeyQuery(record, query))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }
}

import { createHmac } from 'node:crypto';
import type { Connection } from 'mongoose';
import { isPersonalDataToken, type PersonalDataKind } from '@gongkai/contracts';
import { encryptField, revealSealed, subjectIdOf, type GongkaiConfig, type PersonalDataKeys } from '@gongkai/platform';

/** Settings of the interpretation service from the validated configuration (README: configuration). */
export interface InterpretationSettings {
  /** Key of the contact HMAC (INTERPRETATION_PERSONAL_DATA_KEY, or derived from AUTH_JWT_SECRET). */
  personalDataKey: Buffer;
}

export const INTERPRETATION_SETTINGS = Symbol('INTERPRETATION_SETTINGS');

export function interpretationSettingsFrom(config: GongkaiConfig): InterpretationSettings {
  // loadConfig has already refused a configuration with neither key.
  const key =
    config.INTERPRETATION_PERSONAL_DATA_KEY ??
    createHmac('sha256', config.AUTH_JWT_SECRET ?? '')
      .update('gongkai.interpretation.personal-data')
      .digest('hex');
  return { personalDataKey: Buffer.from(key) };
}

/**
 * One form per contact: NFKC, lower case, no spaces or punctuation between digits, and a Chinese
 * mobile number without its +86 / 0086 prefix, so that "138 1234 5678" and "+86-13812345678" match.
 */
export function normaliseContact(contact: string): string {
  const value = contact
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s\-()（）]/g, '');
  const mobile = /^(?:\+?86|0086)?(1[3-9]\d{9})$/.exec(value);
  return mobile ? mobile[1] : value;
}

/**
 * HMAC-SHA256 of the normalised contact, scoped to one consultation or open day: it detects a
 * duplicate there, but the same person's digests in two open days differ, so consumers of the
 * topic cannot link one citizen across activities.
 */
export function contactDigest(key: Buffer, scope: string, contact: string): string {
  return createHmac('sha256', key)
    .update(`${scope}\n${normaliseContact(contact)}`)
    .digest('hex');
}

export type { PersonalDataKind };

/** A citizen's name and contact, outside the event log so that it can be erased. */
export interface PersonalDataRecord {
  /** = personalDataRef in the event. */
  refId: string;
  kind: PersonalDataKind;
  /** The owning unit: only its staff may read it; it or the district office may erase it. */
  unitId: string;
  /** consultationId or openDayId. */
  subjectId: string;
  /** commentId or registrationId. */
  recordId: string;
  name: string | null;
  contact: string | null;
  /** The comment as written, when masking changed it (a number inside the text). */
  originalContent?: string;
  createdAt: string;
}

/** The key-store scope of a citizen's personal data, by kind: one data subject per comment or registration. */
export const PERSONAL_DATA_SCOPES: Record<PersonalDataKind, string> = {
  comment: 'interpretation.commenter',
  open_day_registration: 'interpretation.registrant',
};

/** The fields of a document that are personal: kept sealed with the subject's key. */
const SEALED_FIELDS = ['name', 'contact', 'originalContent'] as const;
type Stored = Omit<PersonalDataRecord, 'refId'> & { _id: string };

/**
 * The `personal_data` collection of the interpretation database. Not a read model: nothing can
 * rebuild it from events (which hold none of it), so it is primary data to back up, and it is in
 * no projection's `collections`, so a rebuild never drops it.
 *
 * Crypto-shredding (issue 19, ADR 0010): the name, the contact and the text as written are stored
 * encrypted with a key of their own data subject (`interpretation.commenter/<refId>`,
 * `interpretation.registrant/<refId>`) in the platform's key store, the same mechanism as the
 * requests service's applicants. An erasure deletes the key and the document, so a backup of this
 * collection taken before it holds nothing readable. Documents written in clear before this
 * (`rekeyPlaintext`) are sealed on start.
 */
export class PersonalDataStore {
  constructor(
    private readonly connection: Connection,
    private readonly keys: PersonalDataKeys | null,
  ) {}

  private get collection() {
    return this.connection.collection<Stored>('personal_data');
  }

  private subjectOf(record: Pick<PersonalDataRecord, 'kind' | 'refId'>): string {
    return subjectIdOf(PERSONAL_DATA_SCOPES[record.kind], record.refId);
  }

  private async sealed(record: PersonalDataRecord): Promise<Partial<Pick<PersonalDataRecord, (typeof SEALED_FIELDS)[number]>>> {
    if (!this.keys) throw new Error('personal data of interpretation without a personal-data key store');
    const present = SEALED_FIELDS.filter((field) => typeof record[field] === 'string' && !isPersonalDataToken(record[field]));
    if (present.length === 0) return {};
    const key = await this.keys.getOrCreate(this.subjectOf(record));
    return Object.fromEntries(present.map((field) => [field, encryptField(key, record[field])]));
  }

  private async opened(doc: Stored): Promise<PersonalDataRecord> {
    const { _id, ...rest } = doc;
    const record = { refId: String(_id), ...(rest as Omit<PersonalDataRecord, 'refId'>) };
    // The caller checked the reader's right (personalDataReadError): the service reads with its keys.
    return this.keys ? revealSealed(record, this.subjectOf(record), { keys: this.keys }) : record;
  }

  async put(record: PersonalDataRecord): Promise<void> {
    const { refId, ...rest } = record;
    await this.collection.insertOne({ _id: refId, ...rest, ...(await this.sealed(record)) });
  }

  async get(refId: string): Promise<PersonalDataRecord | null> {
    const doc = await this.collection.findOne({ _id: refId });
    return doc ? this.opened(doc) : null;
  }

  /** The registrants of one open day (or commenters of one consultation), for the unit to contact. */
  async list(kind: PersonalDataKind, subjectId: string): Promise<PersonalDataRecord[]> {
    const docs = await this.collection.find({ kind, subjectId }).toArray();
    const records = await Promise.all(docs.map((doc) => this.opened(doc)));
    return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.refId.localeCompare(b.refId));
  }

  /** Deletes the subject's key, then the document. Returns whether a document was removed. */
  async erase(refId: string): Promise<boolean> {
    const doc = await this.collection.findOne({ _id: refId });
    if (doc && this.keys) await this.keys.shred(this.subjectOf({ kind: doc.kind, refId }));
    return (await this.collection.deleteOne({ _id: refId })).deletedCount === 1;
  }

  /**
   * Seals the documents written in clear before crypto-shredding (each with its subject's new key).
   * Idempotent; returns how many it sealed.
   */
  async rekeyPlaintext(): Promise<number> {
    // Called at start-up: a raw collection's cursor does not wait for the connection as models do
    // (the audit CLI got "find(...).toArray is not a function" when it came first).
    await this.connection.asPromise();
    let count = 0;
    for (const doc of await this.collection.find({}).toArray()) {
      const record = { refId: String(doc._id), ...(doc as Omit<Stored, '_id'>) } as PersonalDataRecord;
      const sealed = await this.sealed(record);
      if (Object.keys(sealed).length === 0) continue;
      await this.collection.updateOne({ _id: doc._id }, { $set: sealed });
      count += 1;
    }
    return count;
  }
}

/**
 * Personal data first, then the event. The event is the irreversible part (append-only, hashed,
 * relayed to the whole cluster): appended first, a failed personal-data write would leave an
 * accepted comment or registration whose person nobody can contact, fixable only by a
 * compensating event. Written first, a refused or failed append leaves a document no event
 * refers to, which is deleted at once; should that delete fail too (a crash in between), the
 * orphan is unpublished and recognisable (its refId is in no event).
 */
export async function withPersonalData<T>(
  store: PersonalDataStore,
  record: PersonalDataRecord | null,
  append: () => Promise<T>,
): Promise<T> {
  if (record) await store.put(record);
  try {
    return await append();
  } catch (error) {
    if (record) await store.erase(record.refId);
    throw error;
  }
}

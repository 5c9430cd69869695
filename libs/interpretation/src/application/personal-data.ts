import { createHmac } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { PersonalDataKind } from '@gongkai/contracts';
import type { GongkaiConfig } from '@gongkai/platform';

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

/**
 * The `personal_data` collection of the interpretation database. Not a read model: nothing can
 * rebuild it from events (which hold none of it), so it is primary data to back up, and it is in
 * no projection's `collections`, so a rebuild never drops it.
 */
export class PersonalDataStore {
  constructor(private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection('personal_data');
  }

  async put(record: PersonalDataRecord): Promise<void> {
    const { refId, ...rest } = record;
    await this.collection.insertOne({ _id: refId as never, ...rest });
  }

  async get(refId: string): Promise<PersonalDataRecord | null> {
    const doc = await this.collection.findOne({ _id: refId as never });
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return { refId: String(_id), ...(rest as unknown as Omit<PersonalDataRecord, 'refId'>) };
  }

  /** The registrants of one open day (or commenters of one consultation), for the unit to contact. */
  async list(kind: PersonalDataKind, subjectId: string): Promise<PersonalDataRecord[]> {
    const docs = await this.collection.find({ kind, subjectId }).toArray();
    return docs
      .map(({ _id, ...rest }) => ({ refId: String(_id), ...(rest as unknown as Omit<PersonalDataRecord, 'refId'>) }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.refId.localeCompare(b.refId));
  }

  /** Returns whether a document was removed. */
  async erase(refId: string): Promise<boolean> {
    return (await this.collection.deleteOne({ _id: refId as never })).deletedCount === 1;
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

import { createHmac } from 'node:crypto';
import type { Connection } from 'mongoose';
import { ATTENDEE_MARKING, COMMENTER_MARKING, isPersonalDataToken, REGISTRANT_MARKING, type PersonalDataKind } from '@gongkai/contracts';
import { encryptField, revealSealed, subjectIdOf, type GongkaiConfig, type PersonalDataKeys } from '@gongkai/platform';
import type { PersonalDataProjection, SealedPersonalDataView } from '../read-models/personal-data.projection';

/** Settings of the interpretation service from the validated configuration (README: configuration). */
export interface InterpretationSettings {
  /** Key of the contact HMAC (INTERPRETATION_PERSONAL_DATA_KEY, or derived from AUTH_JWT_SECRET). */
  personalDataKey: Buffer;
  /** Days a commenter's or registrant's personal data is kept after the consultation's adoption or the open day (INTERPRETATION_PERSONAL_DATA_RETENTION_DAYS). */
  retentionDays: number;
  /** Hours between runs of the retention job; 0 = off (INTERPRETATION_RETENTION_CHECK_HOURS). */
  retentionCheckHours: number;
}

export const INTERPRETATION_SETTINGS = Symbol('INTERPRETATION_SETTINGS');

export function interpretationSettingsFrom(config: GongkaiConfig): InterpretationSettings {
  // loadConfig has already refused a configuration with neither key.
  const key =
    config.INTERPRETATION_PERSONAL_DATA_KEY ??
    createHmac('sha256', config.AUTH_JWT_SECRET ?? '')
      .update('gongkai.interpretation.personal-data')
      .digest('hex');
  return {
    personalDataKey: Buffer.from(key),
    retentionDays: config.INTERPRETATION_PERSONAL_DATA_RETENTION_DAYS,
    retentionCheckHours: config.INTERPRETATION_RETENTION_CHECK_HOURS,
  };
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

/**
 * A citizen's name and contact as the owning unit's staff read them (`refId` = personalDataRef in the
 * event: the key subject of the sealed fields, v3, or the legacy document, v2); `originalContent` is
 * the comment as written, when masking changed it.
 */
export type PersonalDataRecord = Omit<SealedPersonalDataView, 'erasedOn' | 'originalContent'> & { originalContent?: string };

/** The key-store scope of a citizen's personal data, by kind: one data subject per comment or registration. */
export const PERSONAL_DATA_SCOPES: Record<PersonalDataKind, string> = {
  comment: COMMENTER_MARKING.scope,
  open_day_registration: REGISTRANT_MARKING.scope,
  meeting_attendance: ATTENDEE_MARKING.scope,
};

/** The subject id of a comment's or registration's key (`interpretation.commenter/<refId>`). */
export const personalDataSubjectId = (record: Pick<PersonalDataRecord, 'kind' | 'refId'>): string =>
  subjectIdOf(PERSONAL_DATA_SCOPES[record.kind], record.refId);

/** The fields of a legacy document that are personal: kept sealed with the subject's key. */
const SEALED_FIELDS = ['name', 'contact', 'originalContent'] as const;
type Stored = Omit<PersonalDataRecord, 'refId'> & { _id: string };

const fromRow = (row: SealedPersonalDataView): PersonalDataRecord => {
  const { erasedOn: _erasedOn, originalContent, ...rest } = row;
  return { ...rest, ...(originalContent ? { originalContent } : {}) };
};

/**
 * Citizens' personal data of interpretation (commenters, open-day registrants), one mechanism with the
 * requests service's applicants (issue 19, ADR 0010): since v3 the name, contact and text as written
 * are in the events, sealed by the command handler with the key of their subject
 * (`interpretation.commenter/<refId>`, `interpretation.registrant/<refId>`); the owning unit reads
 * them through the read model's sealed copy (`PersonalDataProjection`), opened here with the key
 * store; erasure deletes the key.
 *
 * The legacy `personal_data` collection holds the people of v2 events (written before v3, sealed with
 * the same keys since, `rekeyPlaintext`): read-only here, erased like the others (key, then document).
 * Nothing writes to it any more; it is primary data (no event holds it) and stays until its last
 * document is erased or expires (the retention job covers it).
 */
export class PersonalDataStore {
  constructor(
    private readonly connection: Connection,
    private readonly keys: PersonalDataKeys | null,
    private readonly sealed: PersonalDataProjection,
  ) {}

  private get legacy() {
    return this.connection.collection<Stored>('personal_data');
  }

  private async sealedLegacy(record: PersonalDataRecord): Promise<Partial<Pick<PersonalDataRecord, (typeof SEALED_FIELDS)[number]>>> {
    if (!this.keys) throw new Error('personal data of interpretation without a personal-data key store');
    const present = SEALED_FIELDS.filter((field) => typeof record[field] === 'string' && !isPersonalDataToken(record[field]));
    if (present.length === 0) return {};
    const key = await this.keys.getOrCreate(personalDataSubjectId(record));
    return Object.fromEntries(present.map((field) => [field, encryptField(key, record[field])]));
  }

  /** The caller checked the reader's right (personalDataReadError): the service opens the tokens with its keys. */
  private opened(record: PersonalDataRecord): Promise<PersonalDataRecord> {
    return this.keys ? revealSealed(record, personalDataSubjectId(record), { keys: this.keys }) : Promise.resolve(record);
  }

  private fromLegacy(doc: Stored): PersonalDataRecord {
    const { _id, ...rest } = doc;
    return { refId: String(_id), ...(rest as Omit<PersonalDataRecord, 'refId'>) };
  }

  /** The person of a comment or registration, in clear; null when unknown or erased. */
  async get(refId: string): Promise<PersonalDataRecord | null> {
    const row = await this.sealed.get(refId);
    if (row) return row.erasedOn ? null : this.opened(fromRow(row));
    const doc = await this.legacy.findOne({ _id: refId });
    return doc ? this.opened(this.fromLegacy(doc)) : null;
  }

  /**
   * What an erasure acts on: the living record, or one whose erasure was recorded but whose key still
   * lives (a crash between the two, or a key-store backup restored since). Null when nothing is left.
   */
  async forErasure(refId: string): Promise<PersonalDataRecord | null> {
    const row = await this.sealed.get(refId);
    if (row) {
      const record = fromRow(row);
      return !row.erasedOn || (await this.keys?.get(personalDataSubjectId(record))) ? record : null;
    }
    const doc = await this.legacy.findOne({ _id: refId });
    return doc ? this.fromLegacy(doc) : null;
  }

  /** The registrants of one open day (or commenters of one consultation), for the unit to contact, in clear. */
  async list(kind: PersonalDataKind, subjectId: string): Promise<PersonalDataRecord[]> {
    const rows = (await this.sealed.list({ kind, subjectId, erased: false })).map(fromRow);
    const docs = (await this.legacy.find({ kind, subjectId }).toArray()).map((doc) => this.fromLegacy(doc));
    const records = await Promise.all([...rows, ...docs].map((record) => this.opened(record)));
    return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.refId.localeCompare(b.refId));
  }

  /** Every person still kept (for the retention job), sealed: the job needs only where and when. */
  async living(): Promise<PersonalDataRecord[]> {
    const rows = (await this.sealed.list({ erased: false })).map(fromRow);
    return [...rows, ...(await this.legacy.find({}).toArray()).map((doc) => this.fromLegacy(doc))];
  }

  /** The subjects of a kind whose key lives (the meetings whose attendees' names can still be read). */
  async livingSubjects(kind: PersonalDataKind): Promise<string[]> {
    const scope = PERSONAL_DATA_SCOPES[kind];
    return this.keys ? (await this.keys.list({ scope, shredded: false })).map((r) => r.subjectId.slice(scope.length + 1)) : [];
  }

  /** Whether the subject's key lives (its sealed data can still be read). */
  async hasLivingKey(record: Pick<PersonalDataRecord, 'kind' | 'refId'>): Promise<boolean> {
    return !!(await this.keys?.get(personalDataSubjectId(record)));
  }

  /** Erased people whose key lives again (a key-store backup restored after the erasure): their keys are deleted again. */
  async shredRestoredKeys(): Promise<string[]> {
    if (!this.keys) return [];
    const shredded: string[] = [];
    for (const row of await this.sealed.list({ erased: true })) {
      const subjectId = personalDataSubjectId(row);
      if (await this.keys.shred(subjectId)) shredded.push(subjectId);
    }
    return shredded;
  }

  /** Deletes the subject's key (crypto-shredding), then the legacy document if there is one. Returns whether anything was removed. */
  async erase(record: Pick<PersonalDataRecord, 'kind' | 'refId'>): Promise<boolean> {
    const shredded = this.keys ? await this.keys.shred(personalDataSubjectId(record)) : false;
    const deleted = (await this.legacy.deleteOne({ _id: record.refId })).deletedCount === 1;
    return shredded || deleted;
  }

  /**
   * Seals the legacy documents written in clear before crypto-shredding (each with its subject's new key).
   * Idempotent; returns how many it sealed.
   */
  async rekeyPlaintext(): Promise<number> {
    // Called at start-up: a raw collection's cursor does not wait for the connection as models do
    // (the audit CLI got "find(...).toArray is not a function" when it came first).
    await this.connection.asPromise();
    let count = 0;
    for (const doc of await this.legacy.find({}).toArray()) {
      const sealed = await this.sealedLegacy(this.fromLegacy(doc));
      if (Object.keys(sealed).length === 0) continue;
      await this.legacy.updateOne({ _id: doc._id }, { $set: sealed });
      count += 1;
    }
    return count;
  }
}

import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { SubjectKey } from './field-cipher';
import type { ReadModelConnections } from '../read-models/read-model-connections';
import { personalDataMasterKey, unwrapKey, wrapKey, type MasterKey } from './master-key';
import { matchesKeyQuery, newKeyId, type PersonalDataKeys, type SubjectKeyQuery, type SubjectKeyRecord } from './personal-data-keys';

interface KeyDocument {
  /** The subject id: `<scope>/<subject value>`. */
  _id: string;
  keyId: string;
  /** The key wrapped by the master key; absent once erased. */
  wrapped?: string;
  /** Fingerprint of the master key that wrapped it. */
  master?: string;
  createdAt: Date;
  shreddedAt?: Date;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The key store in a collection of the read-model database (`personal_data_keys` in the `platform`
 * database): never in the event store, so erasing a key does not touch the hash chain. Keys are
 * wrapped with the master key; an erasure removes the wrapped key and keeps a tombstone (subject, key
 * id, dates, no key material) so retention and audits can see what was erased and when. Single-document
 * writes only (FerretDB).
 */
export class MongoPersonalDataKeys implements PersonalDataKeys {
  constructor(
    private readonly connection: Connection,
    private readonly master: MasterKey,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private get keys() {
    return this.connection.collection<KeyDocument>('personal_data_keys');
  }

  async getOrCreate(subjectId: string): Promise<SubjectKey> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const existing = await this.keys.findOne({ _id: subjectId });
      if (existing?.wrapped) return this.unwrapped(existing);
      const key = randomBytes(32);
      const fresh = { keyId: newKeyId(), createdAt: this.clock(), master: this.master.fingerprint };
      const document = { ...fresh, wrapped: wrapKey(this.master, subjectId, fresh.keyId, key) };
      try {
        if (existing) {
          // A subject erased before comes back (a new request): a new key, a new key id; the old
          // ciphertext stays unreadable because it names the old key id.
          await this.keys.updateOne({ _id: subjectId, wrapped: { $exists: false } }, { $set: document, $unset: { shreddedAt: '' } });
        } else {
          await this.keys.insertOne({ _id: subjectId, ...document });
        }
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
      }
      // Whoever won a race between replicas, everyone uses the key that is stored.
    }
    throw new Error(`could not create the personal-data key of ${subjectId}`);
  }

  async get(subjectId: string): Promise<SubjectKey | null> {
    const existing = await this.keys.findOne({ _id: subjectId });
    return existing?.wrapped ? this.unwrapped(existing) : null;
  }

  async shred(subjectId: string): Promise<boolean> {
    const result = await this.keys.updateOne(
      { _id: subjectId, wrapped: { $exists: true } },
      { $unset: { wrapped: '', master: '' }, $set: { shreddedAt: this.clock() } },
    );
    return result.modifiedCount > 0;
  }

  async list(query: SubjectKeyQuery = {}): Promise<SubjectKeyRecord[]> {
    const filter = query.scope ? { _id: { $regex: `^${escapeRegExp(query.scope)}/` } } : {};
    const documents = await this.keys.find(filter, { projection: { wrapped: 0, master: 0 } }).toArray();
    return documents
      .map(({ _id, keyId, createdAt, shreddedAt }) => ({ subjectId: _id, keyId, createdAt, ...(shreddedAt ? { shreddedAt } : {}) }))
      .filter((record) => matchesKeyQuery(record, query))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  private unwrapped(document: KeyDocument): SubjectKey {
    if (!document.wrapped) throw new Error(`the personal-data key of ${document._id} is erased`);
    if (document.master && document.master !== this.master.fingerprint) {
      throw new Error(
        `the personal-data key of ${document._id} was wrapped by master key ${document.master}, not by the configured ${this.master.fingerprint}`,
      );
    }
    return { subjectId: document._id, keyId: document.keyId, key: unwrapKey(this.master, document._id, document.keyId, document.wrapped) };
  }
}

/**
 * The key store of a process, for its Nest wiring: the `platform` read-model database, keys wrapped
 * by the master key of the settings (throws the configuration error when it is missing).
 */
export function personalDataKeysFrom(
  config: Parameters<typeof personalDataMasterKey>[0],
  connections: Pick<ReadModelConnections, 'get'>,
): MongoPersonalDataKeys {
  return new MongoPersonalDataKeys(connections.get('platform'), personalDataMasterKey(config));
}

import { BSON, type Document } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import {
  canonicalJson,
  databaseOf,
  forgetKnownIdsOf,
  readAllInBatches,
  revealPersonalData,
  sealedForOwner,
  upcast,
  type EventStore,
  type Projection,
} from '@gongkai/platform';
import type { EventEnvelope } from '@gongkai/contracts';

/** The service a projection belongs to: the prefix of its name (`requests.requests`). */
const ownerOf = (projection: Projection): string => projection.name.slice(0, projection.name.indexOf('.'));

/**
 * How the audit tool gets a projection writing to another database. Convention (docs/audit.md):
 * a projection either implements `withConnection(connection)` or takes the read-model Connection
 * as its constructor's only argument (every projection today), so its class can be instantiated
 * again on a temporary database.
 */
export type ReplayableProjection = Projection & { withConnection?(connection: Connection): Projection };

export function projectionOn(projection: ReplayableProjection, connection: Connection): Projection {
  if (typeof projection.withConnection === 'function') return projection.withConnection(connection);
  const Class = projection.constructor as new (connection: Connection) => Projection;
  if (Class.length !== 1) throw new Error(`read model ${projection.name} cannot be replayed elsewhere: give it withConnection(connection)`);
  const copy = new Class(connection);
  if (copy.name !== projection.name || canonicalJson([...copy.collections]) !== canonicalJson([...projection.collections])) {
    throw new Error(`read model ${projection.name} cannot be replayed elsewhere: give it withConnection(connection)`);
  }
  return copy;
}

/** A throw-away database on the live server: `<prefix>-audit-tmp-<id>`, dropped by `dispose`. */
export async function temporaryDatabase(
  mongodbUrl: string,
  prefix: string,
): Promise<{ connection: Connection; dispose: () => Promise<void> }> {
  const connection = mongoose.createConnection(mongodbUrl, {
    dbName: `${prefix}-audit-tmp-${uuidv7().replace(/-/g, '').slice(-12)}`,
    maxPoolSize: 5,
    serverSelectionTimeoutMS: 30000,
  });
  await connection.asPromise();
  return {
    connection,
    dispose: async () => {
      try {
        await databaseOf(connection).dropDatabase();
      } finally {
        forgetKnownIdsOf(databaseOf(connection).databaseName);
        await connection.close();
      }
    },
  };
}

export interface ReplayReport {
  projection: string;
  replayed: number;
  applied: number;
  /** Events left out because they were recorded after `until`. */
  later: number;
}

/** Replays the store into fresh projections (every event, or those recorded at or before `until`). */
export async function replayInto(store: EventStore, projections: Projection[], until?: Date): Promise<ReplayReport[]> {
  const reports = projections.map((p) => ({ projection: p.name, replayed: 0, applied: 0, later: 0 }));
  const limit = until?.getTime();
  for await (const batch of readAllInBatches(store, 0, 1000)) {
    const due = limit === undefined ? batch : batch.filter((stored) => Date.parse(stored.recordedAt) <= limit);
    for (let i = 0; i < projections.length; i += 1) {
      const projection = projections[i];
      reports[i].later += batch.length - due.length;
      reports[i].replayed += due.length;
      // As the live consumer hands it over: the owner's personal data sealed, another service's withheld.
      const access = sealedForOwner(ownerOf(projection));
      const events: EventEnvelope[] = [];
      for (const stored of due) {
        if (projection.eventTypes.includes(stored.type)) events.push(upcast(await revealPersonalData(stored, access)));
      }
      if (projection.handleBatch && events.length > 0) await projection.handleBatch(events);
      else for (const event of events) await projection.handle(event);
      reports[i].applied += events.length;
    }
  }
  return reports;
}

/**
 * A replay target held in memory: the collections a projection writes while handling events, for a
 * replay into a temporary database that nothing else writes to (as-of, compare). Projections handle
 * each event with a read and a conditional write of one document (`projectDocument`); against
 * FerretDB that is two round trips per event (~40 events/s), in memory it is microseconds. `flush`
 * then writes every document to the real temporary database in bulk, and the documents are read
 * back from there, so what is compared went through the same server as the live read model.
 *
 * Only what projections do while handling is served: `findOne`/`replaceOne`/`deleteOne` by `_id`
 * (and `_version`), `insertOne`, `createIndex` (no-op), and what batched projections add:
 * `find({_id: {$in}})` and an unordered `bulkWrite` of those writes. Documents are stored as BSON, exactly as
 * the driver would send them (`undefined` → null, `_id` first). Anything else throws
 * `NotReplayableInMemory`, and the replay is done again against the database itself.
 */
export class NotReplayableInMemory extends Error {}

class MemoryCollection {
  readonly documents = new Map<string, Uint8Array>();
  constructor(
    readonly dbName: string,
    readonly collectionName: string,
  ) {}

  private key(filter: Document, allowed: string[]): string {
    const keys = Object.keys(filter);
    if (
      !keys.includes('_id') ||
      keys.some((k) => !allowed.includes(k)) ||
      keys.some((k) => typeof filter[k] === 'object' && filter[k] !== null)
    ) {
      throw new NotReplayableInMemory(`${this.collectionName}: filter ${JSON.stringify(filter)} is not served in memory`);
    }
    return JSON.stringify(filter._id);
  }

  private read(key: string): Document | null {
    const bytes = this.documents.get(key);
    return bytes ? BSON.deserialize(bytes) : null;
  }

  private matches(document: Document | null, filter: Document): document is Document {
    return document !== null && (!('_version' in filter) || document._version === filter._version);
  }

  private write(key: string, document: Document): void {
    const { _id, ...rest } = document;
    this.documents.set(key, BSON.serialize({ _id, ...rest }, { ignoreUndefined: false })); // as the driver sends it: undefined → null
  }

  async findOne(filter: Document): Promise<Document | null> {
    return this.read(this.key(filter, ['_id']));
  }

  async insertOne(document: Document): Promise<{ acknowledged: true; insertedId: unknown }> {
    const key = this.key({ _id: document._id }, ['_id']);
    if (this.documents.has(key))
      throw Object.assign(new Error(`E11000 duplicate key error collection: ${this.collectionName}`), { code: 11000 });
    this.write(key, document);
    return { acknowledged: true, insertedId: document._id };
  }

  async replaceOne(filter: Document, document: Document): Promise<{ acknowledged: true; matchedCount: number; modifiedCount: number }> {
    const key = this.key(filter, ['_id', '_version']);
    if (!this.matches(this.read(key), filter)) return { acknowledged: true, matchedCount: 0, modifiedCount: 0 };
    this.write(key, { ...document, _id: filter._id });
    return { acknowledged: true, matchedCount: 1, modifiedCount: 1 };
  }

  async deleteOne(filter: Document): Promise<{ acknowledged: true; deletedCount: number }> {
    const key = this.key(filter, ['_id', '_version']);
    if (!this.matches(this.read(key), filter)) return { acknowledged: true, deletedCount: 0 };
    this.documents.delete(key);
    return { acknowledged: true, deletedCount: 1 };
  }

  find(filter: Document): { toArray(): Promise<Document[]> } {
    const ids = (filter._id as { $in?: unknown[] } | undefined)?.$in;
    if (Object.keys(filter).length !== 1 || !Array.isArray(ids)) {
      throw new NotReplayableInMemory(`${this.collectionName}: find ${JSON.stringify(filter)} is not served in memory`);
    }
    const docs = ids.map((id) => this.read(JSON.stringify(id))).filter((doc): doc is Document => doc !== null);
    return { toArray: async () => docs };
  }

  async bulkWrite(operations: Document[]): Promise<{ insertedCount: number; matchedCount: number; deletedCount: number }> {
    const counts = { insertedCount: 0, matchedCount: 0, deletedCount: 0 };
    for (const operation of operations) {
      if (operation.insertOne) counts.insertedCount += (await this.insertOne(operation.insertOne.document), 1);
      else if (operation.replaceOne)
        counts.matchedCount += (await this.replaceOne(operation.replaceOne.filter, operation.replaceOne.replacement)).matchedCount;
      else if (operation.deleteOne) counts.deletedCount += (await this.deleteOne(operation.deleteOne.filter)).deletedCount;
      else throw new NotReplayableInMemory(`${this.collectionName}: bulk ${Object.keys(operation).join()} is not served in memory`);
    }
    return counts;
  }

  async createIndex(): Promise<string> {
    return 'in-memory';
  }
}

/** `target` with only its own members: any other property is a NotReplayableInMemory. */
function onlyServed<T extends object>(target: T, what: string): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (property in object) {
        const value = Reflect.get(object, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
      }
      if (property === 'then' || typeof property === 'symbol') return undefined; // not a promise, no special protocols
      throw new NotReplayableInMemory(`${what}: ${String(property)} is not served in memory`);
    },
  });
}

export interface MemoryTarget {
  /** Give this to `projectionOn`: it serves `collection(name)` from memory and nothing else. */
  connection: Connection;
  /** Writes every document held in memory to `target`, in bulk; returns how many. */
  flush(target: Connection): Promise<number>;
}

export function memoryTarget(name = `audit-memory-${uuidv7()}`): MemoryTarget {
  const collections = new Map<string, MemoryCollection>();
  const served = new Map<string, MemoryCollection>();
  const collection = (collectionName: string) => {
    let found = collections.get(collectionName);
    if (!found) {
      const memory = new MemoryCollection(name, collectionName);
      served.set(collectionName, memory);
      found = onlyServed(memory, `collection ${collectionName}`);
      collections.set(collectionName, found);
    }
    return found;
  };
  const connection = onlyServed({ collection }, 'connection') as unknown as Connection;
  return {
    connection,
    async flush(target: Connection): Promise<number> {
      await target.asPromise();
      const database = databaseOf(target);
      let written = 0;
      for (const [collectionName, memory] of served) {
        const documents = [...memory.documents.values()].map((bytes) => BSON.deserialize(bytes));
        for (let i = 0; i < documents.length; i += 1000) {
          await database.collection(collectionName).insertMany(documents.slice(i, i + 1000), { ordered: true });
        }
        written += documents.length;
      }
      return written;
    },
  };
}

/**
 * Replays the store into a fresh copy of `projection` writing to `connection` (an empty temporary
 * database), through memory when the projection only does what `memoryTarget` serves, else
 * directly. Returns the copy (for reading its documents back) and the replay report.
 */
export async function replayProjectionInto(
  store: EventStore,
  projection: ReplayableProjection,
  connection: Connection,
  until?: Date,
): Promise<{ projection: Projection; replay: ReplayReport; inMemory: boolean }> {
  const memory = memoryTarget();
  try {
    const [replay] = await replayInto(store, [projectionOn(projection, memory.connection)], until);
    await memory.flush(connection);
    return { projection: projectionOn(projection, connection), replay, inMemory: true };
  } catch (error) {
    if (!(error instanceof NotReplayableInMemory)) throw error;
  }
  const fresh = projectionOn(projection, connection);
  const [replay] = await replayInto(store, [fresh], until);
  return { projection: fresh, replay, inMemory: false };
}

export type ReadModelDocument = Record<string, unknown>;

/**
 * Every document of a projection's collections, without `_version` (only the write count) and the
 * projection's declared bookkeeping fields: what remains must follow from the events alone.
 */
export async function readModelDocuments(projection: Projection, connection: Connection): Promise<Record<string, ReadModelDocument[]>> {
  const database = databaseOf(connection);
  const ignored = new Set(['_version', ...(projection.bookkeepingFields ?? [])]);
  const out: Record<string, ReadModelDocument[]> = {};
  for (const name of projection.collections) {
    const docs = await database.collection(name).find({}).sort({ _id: 1 }).toArray();
    out[name] = docs.map(
      (doc) =>
        JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(doc).filter(([key]) => !ignored.has(key))))) as ReadModelDocument,
    );
  }
  return out;
}

export interface DocumentDifference {
  collection: string;
  id: string;
  kind: 'missing_in_live' | 'missing_in_replay' | 'different';
  live?: ReadModelDocument;
  replay?: ReadModelDocument;
}

export function compareDocuments(
  live: Record<string, ReadModelDocument[]>,
  replay: Record<string, ReadModelDocument[]>,
): DocumentDifference[] {
  const differences: DocumentDifference[] = [];
  for (const collection of [...new Set([...Object.keys(live), ...Object.keys(replay)])].sort()) {
    const byId = (docs: ReadModelDocument[] = []) => new Map(docs.map((d) => [String(d._id), d]));
    const liveDocs = byId(live[collection]);
    const replayDocs = byId(replay[collection]);
    for (const id of [...new Set([...liveDocs.keys(), ...replayDocs.keys()])].sort()) {
      const l = liveDocs.get(id);
      const r = replayDocs.get(id);
      if (!l) differences.push({ collection, id, kind: 'missing_in_live', replay: r });
      else if (!r) differences.push({ collection, id, kind: 'missing_in_replay', live: l });
      else if (canonicalJson(l) !== canonicalJson(r)) differences.push({ collection, id, kind: 'different', live: l, replay: r });
    }
  }
  return differences;
}

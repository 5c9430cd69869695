import mongoose, { type Connection } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { canonicalJson, databaseOf, readAllInBatches, upcast, type EventStore, type Projection } from '@gongkai/platform';

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
export async function temporaryDatabase(mongodbUrl: string, prefix: string): Promise<{ connection: Connection; dispose: () => Promise<void> }> {
  const connection = mongoose.createConnection(mongodbUrl, {
    dbName: `${prefix}-audit-tmp-${uuidv7().replace(/-/g, '').slice(-12)}`,
    maxPoolSize: 5,
    serverSelectionTimeoutMS: 10000,
  });
  await connection.asPromise();
  return {
    connection,
    dispose: async () => {
      try {
        await databaseOf(connection).dropDatabase();
      } finally {
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
    for (const stored of batch) {
      const late = limit !== undefined && Date.parse(stored.recordedAt) > limit;
      for (let i = 0; i < projections.length; i += 1) {
        if (late) {
          reports[i].later += 1;
          continue;
        }
        reports[i].replayed += 1;
        if (!projections[i].eventTypes.includes(stored.type)) continue;
        await projections[i].handle(upcast(stored));
        reports[i].applied += 1;
      }
    }
  }
  return reports;
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
    out[name] = docs.map((doc) => JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(doc).filter(([key]) => !ignored.has(key))))) as ReadModelDocument);
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

export function compareDocuments(live: Record<string, ReadModelDocument[]>, replay: Record<string, ReadModelDocument[]>): DocumentDifference[] {
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

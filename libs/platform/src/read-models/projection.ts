import type { Collection, Document } from 'mongodb';
import type { EventEnvelope } from '@gongkai/contracts';

/** Read-model bookkeeping kept inside each projected document. */
export interface ProjectedMeta {
  /** Highest applied revision per source stream (dots replaced, as MongoDB field names need). */
  _applied: Record<string, number>;
  /** Optimistic-concurrency counter of this document. */
  _version: number;
}

export type Projected<T> = T & ProjectedMeta;

/** The `_applied` key of a stream (internal to the projection helpers). */
export const streamKey = (streamId: string) => streamId.replace(/\./g, '~');

export type ProjectionOutcome = 'applied' | 'skipped';

/**
 * Per-collection queue inside this process. FerretDB 1.x on SQLite does not apply a conditional
 * replace atomically (two writers with the same `_version` can both match; measured by
 * projection.spec.ts), so writers in one process take turns; across processes, MongoDB's atomic
 * filter on `_version` is what keeps concurrent consumers honest (docs/adr/0004).
 */
const queues = new Map<string, Promise<unknown>>();

/**
 * `database/collection` of a native or a mongoose collection (a mongoose collection has no `dbName`:
 * its connection's `name` is the database), for the helpers' per-collection bookkeeping.
 */
export const collectionKey = (collection: { collectionName: string; dbName?: string; conn?: { name?: string } }): string =>
  `${collection.dbName ?? collection.conn?.name ?? ''}/${collection.collectionName}`;

/** Runs `work` after every earlier work of `key` in this process (internal to the projection helpers). */
export function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/**
 * The projection helper: applies one event to one read-model document, at most once. The guard is
 * the source stream's revision, stored in the document, so a replay or a duplicate delivery is
 * skipped; concurrent writers to one document retry on its `_version`. Single-document writes
 * only: no transactions, as FerretDB requires.
 *
 * `change` gets the current document (null if none) and returns the new one, or null to delete it,
 * or `current` itself when nothing changes (not written, revision not recorded).
 */
export function projectDocument<T extends Document>(
  collection: Collection<Document>,
  id: string,
  event: Pick<EventEnvelope, 'streamId' | 'streamRevision'>,
  change: (current: Projected<T> | null) => T | null,
): Promise<ProjectionOutcome> {
  // The collection's turn, shared with batches (projectBatch) writing the same collection.
  return serialised(collectionKey(collection), () => applyOnce(collection, id, event, change));
}

async function applyOnce<T extends Document>(
  collection: Collection<Document>,
  id: string,
  event: Pick<EventEnvelope, 'streamId' | 'streamRevision'>,
  change: (current: Projected<T> | null) => T | null,
): Promise<ProjectionOutcome> {
  const key = streamKey(event.streamId);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const current = (await collection.findOne({ _id: id as never })) as Projected<T> | null;
    if (current && (current._applied?.[key] ?? -1) >= event.streamRevision) return 'skipped';
    const next = change(current);
    if (current !== null && next === current) return 'skipped'; // nothing changes (see DocumentChange)
    if (next === null) {
      if (current) await collection.deleteOne({ _id: id as never, _version: current._version });
      return 'applied';
    }
    const document = {
      ...next,
      _id: id,
      _applied: { ...(current?._applied ?? {}), [key]: event.streamRevision },
      _version: (current?._version ?? 0) + 1,
    };
    if (!current) {
      try {
        await collection.insertOne(document as never);
        return 'applied';
      } catch (error) {
        if ((error as { code?: number }).code === 11000) continue; // created concurrently: retry on it
        throw error;
      }
    }
    const { matchedCount } = await collection.replaceOne({ _id: id as never, _version: current._version }, document);
    if (matchedCount === 1) return 'applied';
  }
  throw new Error(`projection of ${event.streamId}@${event.streamRevision} into ${id} kept conflicting`);
}

/** A read-model document as the service hands it out: without `_id` and the bookkeeping fields. */
export function viewOf<T>(doc: object): T {
  const { _id: _i, _applied: _a, _version: _v, ...view } = doc as Record<string, unknown>;
  return view as T;
}

/**
 * The revision of `streamId` a projected document reflects (-1 if none): what a client compares with
 * the revision a command answered (its ETag) to know the read model has caught up with its write.
 */
export function appliedRevision(doc: object, streamId: string): number {
  return (doc as Partial<ProjectedMeta>)._applied?.[streamKey(streamId)] ?? -1;
}

/** Strips the bookkeeping fields before a document leaves the service. */
export function withoutMeta<T extends object>(doc: T): Omit<T, '_applied' | '_version'> {
  const { _applied: _a, _version: _v, ...rest } = doc as T & Partial<ProjectedMeta>;
  return rest;
}

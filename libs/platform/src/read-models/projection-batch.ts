import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import type { EventEnvelope } from '@gongkai/contracts';
import type { Projection } from './rebuild';
import { collectionKey, serialised, streamKey, type Projected } from './projection';

/**
 * What one event does to one read-model document: `change` gets the document as it stands (null if
 * none) and returns the next one, or null to delete it. Pure: no I/O, no clock, no mutation of
 * `current` (the same function may run again on a fresher document after a lost write).
 *
 * Returning `current` itself (the same object) says "nothing changes": the document is not written
 * and the event's revision is not recorded in it (counted as skipped). For changes that fan out to
 * documents the event may not concern (a summary document that may or may not hold an item): such a
 * change must be a no-op whenever it returns `current`, so that applying it again later is harmless.
 */
export interface DocumentChange<T extends Document = Document> {
  readonly collection: string;
  readonly id: string;
  readonly change: (current: Projected<T> | null) => T | null;
}

/** A typed `DocumentChange` (the platform stores it untyped, per collection). */
export const documentChange = <T extends Document>(
  collection: string,
  id: string,
  change: (current: Projected<T> | null) => T | null,
): DocumentChange => ({ collection, id, change: change as unknown as DocumentChange['change'] });

/** A document the batch wrote: its new state, or null when the batch deleted it. */
export interface WrittenDocument {
  collection: string;
  id: string;
  document: Projected<Document> | null;
}

export interface BatchOutcome {
  /** Changes applied (an event that changes two documents counts twice). */
  applied: number;
  /** Changes skipped by the revision guard (replays and duplicates), and changes that changed nothing. */
  skipped: number;
  written: WrittenDocument[];
}

type BatchEvent = Pick<EventEnvelope, 'streamId' | 'streamRevision'>;

interface PendingChange {
  key: string;
  revision: number;
  change: DocumentChange['change'];
  label: string;
}

interface Fold {
  document: Projected<Document> | null;
  applied: number;
  skipped: number;
}

/** The database a batch writes to: a mongoose connection, or a native `Db`. */
export type ReadModelDatabase = Pick<Connection, 'collection'> | { collection(name: string): Collection<Document> };

type KeyedCollection = { collectionName: string; dbName?: string; conn?: { name?: string } };

/**
 * Per collection, the ids this process knows to exist there: which of a batch's documents need
 * reading at all. A hint only: every write stays guarded by the loaded `_version`, so an id another
 * process created meanwhile loses its insert (duplicate key) and is read and folded again, and an id
 * another process deleted is simply not found. A creation-heavy backlog (an import, a catch-up after
 * an outage, a rebuild) therefore reads nothing for its new documents; FerretDB 1.24 on SQLite
 * answers an `$in` by decoding the whole collection (docs/adr/0011), which made catch-up 3× slower
 * than a rebuild. Loaded once per collection and process (one scan of the ids) by the first batch
 * with more than `FEW` documents to read; kept current by every batch this process writes.
 */
const knownIds = new Map<string, Set<string>>();

/** Above this many ids a collection is not tracked (memory); its batches read every document. */
const MAX_KNOWN_IDS = 1_000_000;

/** Up to this many documents are read one `findOne` each (FerretDB pushes an `_id` equality down to SQLite). */
const FEW = 32;

/**
 * The collection starts empty and this process knows every id written to it from now on: a rebuild's
 * collections, right after the drop.
 */
export function fillingFromEmpty(collection: KeyedCollection): void {
  knownIds.set(collectionKey(collection), new Set());
}

/** Forgets what this process knows of the collection's ids (the next large batch loads them again). */
export function forgetKnownIds(collection: KeyedCollection): void {
  knownIds.delete(collectionKey(collection));
}

/** Forgets what this process knows of every collection of a database (it is being dropped). */
export function forgetKnownIdsOf(databaseName: string): void {
  for (const key of knownIds.keys()) if (key.startsWith(`${databaseName}/`)) knownIds.delete(key);
}

async function idsOf(collection: Collection<Document>, wanted: number): Promise<Set<string> | null> {
  const key = collectionKey(collection);
  const known = knownIds.get(key);
  if (known || wanted <= FEW) return known ?? null;
  const ids = new Set<string>();
  for await (const { _id } of collection.find({}, { projection: { _id: 1 } })) {
    ids.add(String(_id));
    if (ids.size > MAX_KNOWN_IDS) return null;
  }
  knownIds.set(key, ids);
  return ids;
}

/**
 * The documents with these ids. FerretDB 1.24 on SQLite pushes a `findOne` by `_id` down to SQLite
 * (a scan in C, milliseconds) but decodes every document of the collection for an `$in`
 * (docs/adr/0011), so a few ids are read one `findOne` each, in parallel, and more with one `$in`.
 */
export async function findByIds(
  collection: Pick<Collection<Document>, 'findOne' | 'find'>,
  ids: readonly string[],
): Promise<Map<string, Document>> {
  const found = new Map<string, Document>();
  if (ids.length === 0) return found;
  if (ids.length <= FEW) {
    const documents = await Promise.all(ids.map((id) => collection.findOne({ _id: id as never })));
    for (const doc of documents) if (doc) found.set(String(doc._id), doc);
    return found;
  }
  for (const doc of await collection.find({ _id: { $in: ids as never[] } }).toArray()) found.set(String(doc._id), doc);
  return found;
}

/** How often a document whose write lost its guard is loaded and folded again. */
const MAX_ATTEMPTS = 20;

/**
 * The batched projection helper: applies a batch of events, each of which names the documents it
 * changes (`changesOf`), with one read per affected document and one bulk write per collection,
 * instead of a read and a conditional write per event.
 *
 * For every collection: load every affected document (`findByIds`), fold each
 * document's changes in memory in the batch's order with the per-stream revision guard of
 * `projectDocument` (`_applied[stream] >= revision`: skipped), then write the batch with one
 * unordered `bulkWrite` of inserts (new documents), replaces and deletes guarded by the loaded
 * `_version`. A write that lost its guard (a duplicate key on insert, a replace or delete that
 * matched nothing) is loaded and folded again, alone. The resulting documents, `_applied` and
 * `_version` included, are the ones one-at-a-time application gives (projection-batch.spec.ts).
 *
 * No transactions (FerretDB has none): each document is written atomically on its own, and a
 * crash mid-batch leaves some documents written and others not; the redelivered batch skips the
 * written ones by their guard. Batches on one collection take turns inside this process (FerretDB
 * does not apply a conditional replace atomically, docs/adr/0004).
 */
export async function projectBatch<E extends BatchEvent>(
  database: ReadModelDatabase,
  events: readonly E[],
  changesOf: (event: E) => readonly DocumentChange[],
): Promise<BatchOutcome> {
  const plan = new Map<string, Map<string, PendingChange[]>>();
  for (const event of events) {
    const key = streamKey(event.streamId);
    for (const { collection, id, change } of changesOf(event)) {
      const documents = plan.get(collection) ?? new Map<string, PendingChange[]>();
      plan.set(collection, documents);
      const pending = documents.get(id) ?? [];
      documents.set(id, pending);
      pending.push({ key, revision: event.streamRevision, change, label: `${event.streamId}@${event.streamRevision}` });
    }
  }
  const outcome: BatchOutcome = { applied: 0, skipped: 0, written: [] };
  if (plan.size === 0) return outcome;
  const names = [...plan.keys()].sort();
  const work = async () => {
    const results = await Promise.all(
      names.map((name) => projectCollection(database.collection(name) as Collection<Document>, plan.get(name) ?? new Map())),
    );
    for (const result of results) {
      outcome.applied += result.applied;
      outcome.skipped += result.skipped;
      outcome.written.push(...result.written);
    }
    return outcome;
  };
  // Take every collection's turn, in a fixed order (no two batches wait on each other).
  return names.reduceRight<() => Promise<BatchOutcome>>(
    (inner, name) => () => serialised(collectionKey(database.collection(name) as Collection<Document>), inner),
    work,
  )();
}

/** Folds one document's pending changes, in order, as `projectDocument` would apply them one by one. */
function fold(loaded: Projected<Document> | null, id: string, changes: readonly PendingChange[]): Fold {
  let document = loaded;
  let applied = 0;
  let skipped = 0;
  for (const { key, revision, change } of changes) {
    if (document && (document._applied?.[key] ?? -1) >= revision) {
      skipped += 1;
      continue;
    }
    const next = change(document);
    if (document !== null && next === document) {
      skipped += 1; // nothing changes: no write, no revision recorded
      continue;
    }
    applied += 1;
    document =
      next === null
        ? null
        : ({
            ...next,
            _id: id,
            _applied: { ...(document?._applied ?? {}), [key]: revision },
            _version: (document?._version ?? 0) + 1,
          } as Projected<Document>);
  }
  return { document, applied, skipped };
}

interface PlannedWrite {
  id: string;
  kind: 'insert' | 'replace' | 'delete';
  fold: Fold;
}

async function projectCollection(collection: Collection<Document>, pending: Map<string, PendingChange[]>): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { applied: 0, skipped: 0, written: [] };
  let remaining = [...pending.keys()];
  const known = await idsOf(collection, remaining.length);
  for (let attempt = 0; attempt < MAX_ATTEMPTS && remaining.length > 0; attempt += 1) {
    // After a lost guard (attempt > 0) the document exists: read it whatever the hint says.
    const toLoad = known && attempt === 0 ? remaining.filter((id) => known.has(id)) : remaining;
    const loaded = (await findByIds(collection, toLoad)) as Map<string, Projected<Document>>;
    if (known) for (const id of toLoad) if (!loaded.has(id)) known.delete(id); // deleted by another process
    const writes: PlannedWrite[] = [];
    for (const id of remaining) {
      const base = loaded.get(id) ?? null;
      const result = fold(base, id, pending.get(id) ?? []);
      if (result.applied === 0 || (base === null && result.document === null)) {
        // Nothing to write: every change skipped, or a document created and deleted within the batch.
        outcome.applied += result.applied;
        outcome.skipped += result.skipped;
        continue;
      }
      writes.push({ id, kind: base === null ? 'insert' : result.document === null ? 'delete' : 'replace', fold: result });
    }
    const lost = await write(collection, writes, loaded);
    if (known) {
      for (const { id, kind } of writes) {
        if (kind === 'delete' && !lost.has(id)) known.delete(id);
        else known.add(id); // lost ones too: they exist, and are read again
      }
    }
    for (const planned of writes) {
      if (lost.has(planned.id)) continue;
      outcome.applied += planned.fold.applied;
      outcome.skipped += planned.fold.skipped;
      outcome.written.push({ collection: collection.collectionName, id: planned.id, document: planned.fold.document });
    }
    remaining = [...lost];
  }
  if (remaining.length > 0) {
    const [id] = remaining;
    const labels = (pending.get(id) ?? []).map((c) => c.label).join(', ');
    throw new Error(`projection of ${labels} into ${collection.collectionName}/${id} kept conflicting`);
  }
  return outcome;
}

/** One unordered bulk write; returns the ids whose write lost its guard. */
async function write(
  collection: Collection<Document>,
  writes: PlannedWrite[],
  loaded: Map<string, Projected<Document>>,
): Promise<Set<string>> {
  const lost = new Set<string>();
  if (writes.length === 0) return lost;
  const operations: AnyBulkWriteOperation<Document>[] = writes.map(({ id, kind, fold: { document } }) => {
    const filter = { _id: id as never, _version: loaded.get(id)?._version };
    if (kind === 'delete' || document === null) return { deleteOne: { filter } };
    if (kind === 'insert') return { insertOne: { document } };
    const { _id: _ignored, ...replacement } = document;
    return { replaceOne: { filter, replacement } };
  });
  let counts: { matchedCount: number; deletedCount: number };
  try {
    counts = await collection.bulkWrite(operations, { ordered: false });
  } catch (error) {
    const failures = (error as { writeErrors?: { index: number; code?: number }[] | { index: number; code?: number } }).writeErrors;
    const list = Array.isArray(failures) ? failures : failures ? [failures] : [];
    if (list.length === 0 || list.some((e) => e.code !== 11000)) throw error;
    for (const failure of list) lost.add(writes[failure.index].id); // created meanwhile: fold again on it
    const result = (error as { result?: { matchedCount?: number; deletedCount?: number } }).result;
    counts = { matchedCount: result?.matchedCount ?? 0, deletedCount: result?.deletedCount ?? 0 };
  }
  const replaces = writes.filter((w) => w.kind === 'replace');
  const deletes = writes.filter((w) => w.kind === 'delete');
  // A short count says that some guard was lost, not which: read those documents back and compare.
  if (counts.matchedCount < replaces.length || counts.deletedCount < deletes.length) {
    const suspects = [...(counts.matchedCount < replaces.length ? replaces : []), ...(counts.deletedCount < deletes.length ? deletes : [])];
    const stored = (await findByIds(
      collection,
      suspects.map((w) => w.id),
    )) as Map<string, Projected<Document>>;
    for (const { id, kind, fold: planned } of suspects) {
      const now = stored.get(id);
      if (kind === 'delete' ? now !== undefined : !now || planned.document === null || !sameWrite(now, planned.document)) lost.add(id);
    }
  }
  return lost;
}

const sameWrite = (stored: Projected<Document>, written: Projected<Document>): boolean =>
  stored._version === written._version && JSON.stringify(stored._applied) === JSON.stringify(written._applied);

/**
 * A projection whose events name the documents they change: the platform applies it in batches,
 * live (the consumer hands it a batch) and in rebuilds, and one event at a time through `handle`.
 *
 * ```ts
 * export class UnitsProjection extends BatchedProjection {
 *   readonly name = 'catalogue.units'; readonly collections = ['units']; readonly eventTypes = [...];
 *   changesOf(envelope: EventEnvelope) {
 *     const event = asTyped<UnitEnvelope>(envelope);
 *     return [documentChange<UnitView>('units', event.data.unitId, (current) => ...)];
 *   }
 * }
 * ```
 */
export abstract class BatchedProjection implements Projection {
  abstract readonly name: string;
  abstract readonly collections: readonly string[];
  abstract readonly eventTypes: readonly string[];
  /**
   * Every change is guarded by its stream's revision in the document it writes, so the consumer
   * keeps no inbox for a batched projection. A projection that deletes documents must set this to
   * false: a replay of an event older than the delete would find no guard and write the document again.
   */
  readonly idempotent: boolean = true;

  constructor(protected readonly connection: Connection) {}

  /** The documents one event changes and how. Pure: the same event gives the same changes. */
  abstract changesOf(event: EventEnvelope): readonly DocumentChange[];

  /** After a batch is written (in-process caches, search indexes): the documents as written. */
  protected afterBatch(_written: readonly WrittenDocument[]): void | Promise<void> {
    return undefined;
  }

  /** The same projection writing to another database (audit replays, as-of views). */
  withConnection(connection: Connection): this {
    return new (this.constructor as new (connection: Connection) => this)(connection);
  }

  async handle(event: EventEnvelope): Promise<void> {
    await this.handleBatch([event]);
  }

  async handleBatch(events: readonly EventEnvelope[]): Promise<void> {
    const { written } = await projectBatch(this.connection, events, (event) => this.changesOf(event));
    await this.afterBatch(written);
  }
}

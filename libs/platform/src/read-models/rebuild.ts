import type { Connection } from 'mongoose';
import { readAllInBatches, type EventStore } from '../event-sourcing/event-store';
import { upcast } from '../event-sourcing/upcasting';
import type { EventHandler } from '../messaging/event-consumer';
import type { PlatformCollections } from './platform-collections';
import { databaseOf } from './read-model-connections';

/** A handler that owns read-model collections, which can therefore be thrown away and replayed. */
export interface Projection extends EventHandler {
  readonly collections: readonly string[];
  /**
   * Top-level fields that record when or how a document was written rather than what the events
   * say (e.g. a projection timestamp used as a high-water mark); a replay legitimately differs there.
   */
  readonly bookkeepingFields?: readonly string[];
}

export interface RebuildReport {
  projection: string;
  replayed: number;
  applied: number;
}

/**
 * Drops a projection's collections and replays the whole store into it from position 0. The live
 * consumer may keep running meanwhile: both write through the revision guard.
 */
export async function rebuildProjection(
  store: EventStore,
  projection: Projection,
  connection: Connection,
  platform: PlatformCollections,
): Promise<RebuildReport> {
  await connection.asPromise();
  const database = databaseOf(connection);
  const existing = new Set((await database.listCollections().toArray()).map((c) => c.name));
  for (const name of projection.collections) if (existing.has(name)) await database.dropCollection(name);
  await platform.forgetProcessed(projection.name);
  let replayed = 0;
  let applied = 0;
  for await (const batch of readAllInBatches(store, 0, 1000)) {
    for (const stored of batch) {
      replayed += 1;
      if (!projection.eventTypes.includes(stored.type)) continue;
      await projection.handle(upcast(stored));
      await platform.markProcessed(projection.name, stored.eventId);
      applied += 1;
    }
  }
  return { projection: projection.name, replayed, applied };
}

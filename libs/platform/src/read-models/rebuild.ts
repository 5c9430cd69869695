import type { Connection } from 'mongoose';
import type { EventEnvelope } from '@gongkai/contracts';
import { readAllInBatches, type EventStore } from '../event-sourcing/event-store';
import { upcast } from '../event-sourcing/upcasting';
import type { EventHandler } from '../messaging/event-consumer';
import { NO_PERSONAL_DATA_ACCESS, revealPersonalData, type PersonalDataAccess } from '../personal-data/personal-data';
import type { PlatformCollections } from './platform-collections';
import { databaseOf } from './read-model-connections';
import { fillingFromEmpty, forgetKnownIds } from './projection-batch';

/** A handler that owns read-model collections, which can therefore be thrown away and replayed. */
export interface Projection extends EventHandler {
  readonly collections: readonly string[];
  /**
   * Top-level fields that record when or how a document was written rather than what the events
   * say (e.g. a projection timestamp used as a high-water mark); a replay legitimately differs there.
   */
  readonly bookkeepingFields?: readonly string[];
  /**
   * What the service shows of a stored document when it is read at `at`: the values it computes at
   * query time relative to the reading day (remaining working days, overdue flags). The audit
   * `as-of` calls it with the as-of moment, so an auditor sees what the service showed then rather
   * than what the same document would show today. Pure: no clock, no I/O.
   */
  viewAt?(collection: string, document: Record<string, unknown>, at: Date): Record<string, unknown>;
}

export interface RebuildReport {
  projection: string;
  replayed: number;
  applied: number;
}

/**
 * Store events per replay batch. A batched projection loads, folds and writes each batch at once, so
 * a document touched several times within a batch (an item drafted then published) is written once.
 */
const REBUILD_BATCH = 2000;

/**
 * Drops a projection's collections and replays the whole store into it from position 0. Personal
 * data is read as the live consumer reads it: pass the owning service's `personalData` access for
 * plaintext (without it, marked fields replay as `已脱敏`).
 *
 * Stop the service's consumer first (scale it to 0): a live event applied to a dropped document
 * before the replay reaches its stream would mark the stream's later revision as applied, and the
 * revision guard would then skip the earlier events of that stream. The comparing rebuild (audit
 * CLI `rebuild` without `--apply`) replays into a separate database and is safe at any time.
 *
 * A projection with `handleBatch` (a BatchedProjection) gets each store batch at once; others one
 * event at a time. The processed-event inbox is written in bulk after each batch, unless the
 * projection is `idempotent` (its revision guard does the inbox's work).
 */
export async function rebuildProjection(
  store: EventStore,
  projection: Projection,
  connection: Connection,
  platform: PlatformCollections,
  personalData: PersonalDataAccess = NO_PERSONAL_DATA_ACCESS,
): Promise<RebuildReport> {
  await connection.asPromise();
  const database = databaseOf(connection);
  const existing = new Set((await database.listCollections().toArray()).map((c) => c.name));
  for (const name of projection.collections) {
    if (existing.has(name)) await database.dropCollection(name);
    fillingFromEmpty(database.collection(name));
  }
  try {
    return await replay(store, projection, platform, personalData);
  } finally {
    // The process goes on (an audit replay into a database it drops next): a later batch loads the ids again.
    for (const name of projection.collections) forgetKnownIds(database.collection(name));
  }
}

async function replay(
  store: EventStore,
  projection: Projection,
  platform: PlatformCollections,
  personalData: PersonalDataAccess,
): Promise<RebuildReport> {
  await platform.forgetProcessed(projection.name);
  let replayed = 0;
  let applied = 0;
  for await (const batch of readAllInBatches(store, 0, REBUILD_BATCH)) {
    replayed += batch.length;
    const events: EventEnvelope[] = [];
    for (const stored of batch) {
      if (projection.eventTypes.includes(stored.type)) events.push(upcast(await revealPersonalData(stored, personalData)));
    }
    if (events.length === 0) continue;
    if (projection.handleBatch) await projection.handleBatch(events);
    else for (const event of events) await projection.handle(event);
    if (!projection.idempotent)
      await platform.markProcessedMany(
        projection.name,
        events.map((event) => event.eventId),
      );
    applied += events.length;
  }
  return { projection: projection.name, replayed, applied };
}

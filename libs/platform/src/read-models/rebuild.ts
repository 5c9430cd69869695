import type { Connection } from 'mongoose';
import { readAllInBatches, type EventStore } from '../event-sourcing/event-store';
import { upcast } from '../event-sourcing/upcasting';
import type { EventHandler } from '../messaging/event-consumer';
import { NO_PERSONAL_DATA_ACCESS, revealPersonalData, type PersonalDataAccess } from '../personal-data/personal-data';
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

/** Inbox entries written per bulk insert during a rebuild. */
const INBOX_BULK = 1000;

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
 * The processed-event inbox is written in bulk (unordered inserts, after the events of each store
 * batch are applied) rather than one upsert per event: a third of the round trips of a rebuild.
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
  for (const name of projection.collections) if (existing.has(name)) await database.dropCollection(name);
  await platform.forgetProcessed(projection.name);
  let replayed = 0;
  let applied = 0;
  let processed: string[] = [];
  for await (const batch of readAllInBatches(store, 0, 1000)) {
    for (const stored of batch) {
      replayed += 1;
      if (!projection.eventTypes.includes(stored.type)) continue;
      await projection.handle(upcast(await revealPersonalData(stored, personalData)));
      processed.push(stored.eventId);
      applied += 1;
      if (processed.length >= INBOX_BULK) {
        await markProcessedInBulk(platform, projection.name, processed);
        processed = [];
      }
    }
  }
  await markProcessedInBulk(platform, projection.name, processed);
  return { projection: projection.name, replayed, applied };
}

/**
 * What `PlatformCollections.markProcessed` writes, for many events in one unordered insert:
 * `{ _id: '<handler>:<eventId>', handler, eventId, at }`. An entry that exists already (the live
 * consumer got there first) is a duplicate-key error for that entry alone, and is fine.
 */
async function markProcessedInBulk(platform: PlatformCollections, handler: string, eventIds: string[]): Promise<void> {
  if (eventIds.length === 0) return;
  const at = new Date();
  const inbox = platform.connection.collection<{ _id: string; handler: string; eventId: string; at: Date }>('processed_events');
  try {
    await inbox.insertMany(
      eventIds.map((eventId) => ({ _id: `${handler}:${eventId}`, handler, eventId, at })),
      { ordered: false },
    );
  } catch (error) {
    const failures = (error as { writeErrors?: { code?: number }[] | { code?: number } }).writeErrors;
    const list = Array.isArray(failures) ? failures : failures ? [failures] : null;
    if (!list || list.length === 0 || list.some((e) => e.code !== 11000)) throw error;
  }
}

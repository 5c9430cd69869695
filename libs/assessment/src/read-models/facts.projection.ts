import type { EventEnvelope } from '@gongkai/contracts';
import { BatchedProjection, documentChange, type DocumentChange, withoutMeta, viewOf } from '@gongkai/platform';
import { FACT_EVENT_TYPES, factFromEvent, isScoringInput, type Fact } from '../domain/facts';

/** How far back a refresh looks before the newest write it has seen (in-flight writes, clock skew). */
const REFRESH_OVERLAP_MS = 120_000;

type StoredFact = Fact & { projectedAt: string };

/**
 * The assessment's facts: one document per consumed event (id = event id), append-only, so that
 * scores can be taken as of any instant and every point links back to the events behind it.
 */
export class AssessmentFactsProjection extends BatchedProjection {
  readonly name = 'assessment.facts';
  readonly collections = ['facts'];
  /** When this process projected a fact: the high-water mark of the incremental cache reload, not a fact. */
  readonly bookkeepingFields = ['projectedAt'];
  readonly eventTypes = FACT_EVENT_TYPES;

  /**
   * Facts are immutable once written (one per event id), so the process keeps them in memory and
   * only reads what was written since (by `projectedAt`): FerretDB needs ~10 s to return a district
   * year (15k documents) on a busy 2-core machine, the in-memory scoring 0.3 s (tools/bench/assessment.bench.ts).
   */
  private cache: { facts: Map<string, Fact>; highWater: string } | null = null;
  private refreshing: Promise<void> | null = null;

  private get facts() {
    return this.connection.collection('facts');
  }

  async ensureIndexes(): Promise<void> {
    await this.facts.createIndex({ recordedAt: 1 });
    await this.facts.createIndex({ projectedAt: 1 });
  }

  changesOf(event: EventEnvelope): DocumentChange[] {
    const fact = factFromEvent(event);
    if (!fact) return [];
    return [
      documentChange<StoredFact>('facts', event.eventId, (current) =>
        current ? (withoutMeta(current) as StoredFact) : { ...fact, projectedAt: new Date().toISOString() },
      ),
    ];
  }

  override async handleBatch(events: readonly EventEnvelope[]): Promise<void> {
    await super.handleBatch(events);
    for (const event of events) {
      const fact = factFromEvent(event);
      if (fact) this.cache?.facts.set(fact.eventId, fact);
    }
  }

  /**
   * Every scoring input recorded at or before `asOf` whose business date is not after `latestOn`
   * (request closures whatever their date: `isScoringInput`).
   * `fresh`: read everything from the database, bypassing the in-memory copy (auditors' recomputation).
   */
  async inputs(asOf: string, latestOn: string, options: { fresh?: boolean } = {}): Promise<Fact[]> {
    const source = options.fresh ? await this.readSince(null) : await this.cached();
    return source.filter((f) => isScoringInput(f, asOf, latestOn));
  }

  /** Loads the cache once, then brings it up to date; concurrent callers share one refresh. */
  async cached(): Promise<Fact[]> {
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    await this.refreshing;
    return [...(this.cache?.facts.values() ?? [])];
  }

  private async refresh(): Promise<void> {
    // Facts are only ever added (a rebuild re-adds the same ones): when the count matches, nothing is
    // new. In one process the consumer feeds the cache itself, so the query below runs only when
    // another replica wrote (FerretDB scans for it; MongoDB uses the projectedAt index).
    if (this.cache && (await this.count()) <= this.cache.facts.size) return;
    const since = this.cache ? new Date(Date.parse(this.cache.highWater) - REFRESH_OVERLAP_MS).toISOString() : null;
    const docs = await this.readSince(since);
    const cache = this.cache ?? { facts: new Map<string, Fact>(), highWater: '' };
    for (const doc of docs) {
      const { projectedAt, ...fact } = doc;
      cache.facts.set(fact.eventId, fact);
      if (projectedAt > cache.highWater) cache.highWater = projectedAt;
    }
    if (!cache.highWater) cache.highWater = new Date(0).toISOString();
    this.cache = cache;
  }

  private async readSince(since: string | null): Promise<StoredFact[]> {
    const docs = await this.facts
      .find(since ? { projectedAt: { $gte: since } } : {}, { projection: { _applied: 0, _version: 0 } })
      .toArray();
    return docs.map(({ _id, ...doc }) => ({ projectedAt: '', ...doc }) as unknown as StoredFact);
  }

  async byEventId(eventId: string): Promise<Fact | null> {
    const doc = await this.facts.findOne({ _id: eventId as never });
    if (!doc) return null;
    return viewOf<Fact>(doc);
  }

  /**
   * The number of facts, cheaply: `collStats` answers from the storage's own count (FerretDB 1.24:
   * ~20 ms for 15k documents, where `countDocuments` and `estimatedDocumentCount` scan, ~1 s).
   */
  async count(): Promise<number> {
    try {
      const stats = (await this.connection.db?.command({ collStats: 'facts' })) as { count?: number } | undefined;
      if (typeof stats?.count === 'number') return stats.count;
    } catch {
      // collStats is deprecated in MongoDB 6.2+: fall back to the driver's estimate.
    }
    return this.facts.estimatedDocumentCount();
  }
}

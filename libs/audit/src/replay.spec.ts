import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import type { EventEnvelope } from '@gongkai/contracts';
import { CatalogueItemsProjection, CatalogueUnitsProjection } from '@gongkai/catalogue';
import { projectDocument, SqliteEventStore, type NewEvent, type Projection } from '@gongkai/platform';
import { requireInfra } from '@gongkai/platform/testing';
import {
  compareDocuments,
  memoryTarget,
  NotReplayableInMemory,
  readModelDocuments,
  replayInto,
  replayProjectionInto,
  temporaryDatabase,
} from './replay';

const event = (type: string, data: Record<string, unknown>): NewEvent => ({
  eventId: uuidv7(),
  type,
  schemaVersion: 1,
  data,
  occurredAt: '2026-03-02T01:00:00.000Z',
  actor: { userId: 'u-1', unitId: 'TEZ-GOV-OFFICE', role: 'district_office' },
  correlationId: 'replay-spec',
  causationId: null,
});

/** A projection that looks at other documents while handling: not served in memory. */
class CountingProjection implements Projection {
  readonly name = 'test.counting';
  readonly collections = ['counts'];
  readonly eventTypes = ['catalogue.UnitRegistered', 'catalogue.UnitRenamed'];
  constructor(private readonly connection: Connection) {}
  async handle(e: EventEnvelope): Promise<void> {
    const others = await this.connection.collection('counts').find({}).toArray();
    await projectDocument(this.connection.collection('counts'), String(e.data.unitId), e, (current) => ({
      events: ((current?.events as number) ?? 0) + 1,
      seenOthers: others.length,
    }));
  }
}

describe('replay into a temporary database, through memory', () => {
  const { mongodbUrl } = requireInfra();
  let store: SqliteEventStore;

  beforeAll(async () => {
    store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'gk-replay-')), 'events.db'));
    for (let u = 0; u < 20; u += 1) {
      const unitId = `TEZ-R${u}`;
      await store.append(
        `catalogue.unit-${unitId}`,
        [
          event('catalogue.UnitRegistered', { unitId, name: `第${u}镇`, level: '乡级', kind: 'town' }),
          event('catalogue.UnitRenamed', { unitId, name: `第${u}镇人民政府`, reason: '规范名称' }),
          event('catalogue.UnitOpennessOfficeDesignated', {
            unitId,
            office: '党政办公室',
            officerName: '张伟',
            ...(u % 2 ? { officerPhone: '0632-1' } : {}),
          }),
        ],
        -1,
      );
    }
  });
  afterAll(() => store.close());

  it('gives exactly the documents of a replay event by event into the database', async () => {
    const direct = await temporaryDatabase(mongodbUrl, 'replayspec');
    const viaMemory = await temporaryDatabase(mongodbUrl, 'replayspec');
    try {
      const live = new CatalogueUnitsProjection(direct.connection);
      await replayInto(store, [live]);
      const result = await replayProjectionInto(store, new CatalogueUnitsProjection(direct.connection), viaMemory.connection);
      expect(result.inMemory).toBe(true);
      expect(result.replay).toMatchObject({ replayed: 60, applied: 60, later: 0 });
      const expected = await readModelDocuments(live, direct.connection);
      const got = await readModelDocuments(result.projection, viaMemory.connection);
      expect(got.units).toHaveLength(20);
      expect(compareDocuments(expected, got)).toEqual([]);
      // `_version` (the write count, ignored by comparisons) follows the same writes too.
      const versions = async (c: Connection) =>
        (await c.collection('units').find({}).sort({ _id: 1 }).toArray()).map((d) => [d._id, d._version, d._applied]);
      expect(await versions(viaMemory.connection)).toEqual(await versions(direct.connection));
    } finally {
      await direct.dispose();
      await viaMemory.dispose();
    }
  });

  it('serves what projections do while handling, as the database would', async () => {
    const memory = memoryTarget();
    const items = memory.connection.collection('items') as unknown as {
      insertOne(d: object): Promise<unknown>;
      findOne(f: object): Promise<Record<string, unknown> | null>;
      replaceOne(f: object, d: object): Promise<{ matchedCount: number }>;
      deleteOne(f: object): Promise<{ deletedCount: number }>;
      find(f: object): unknown;
    };
    await items.insertOne({ a: 1, b: undefined, _id: 'x', _version: 1 });
    await expect(items.insertOne({ _id: 'x' })).rejects.toMatchObject({ code: 11000 });
    const found = await items.findOne({ _id: 'x' });
    expect(Object.keys(found!)).toEqual(['_id', 'a', 'b', '_version']); // _id first, undefined stored as null
    expect(found).toEqual({ _id: 'x', a: 1, b: null, _version: 1 });
    found!.a = 2; // a copy: the stored document is unchanged
    expect(await items.findOne({ _id: 'x' })).toMatchObject({ a: 1 });
    expect(await items.replaceOne({ _id: 'x', _version: 2 }, { a: 3, _version: 3 })).toMatchObject({ matchedCount: 0 });
    expect(await items.replaceOne({ _id: 'x', _version: 1 }, { a: 3, _version: 2 })).toMatchObject({ matchedCount: 1 });
    expect(await items.findOne({ _id: 'x' })).toEqual({ _id: 'x', a: 3, _version: 2 });
    expect(await items.deleteOne({ _id: 'x', _version: 1 })).toMatchObject({ deletedCount: 0 });
    expect(await items.deleteOne({ _id: 'x', _version: 2 })).toMatchObject({ deletedCount: 1 });
    expect(await items.findOne({ _id: 'x' })).toBeNull();
    expect(() => items.find({})).toThrow(); // not a function of the in-memory collection
    await expect(items.findOne({ unitId: 'TEZ-R1' })).rejects.toBeInstanceOf(NotReplayableInMemory);
    expect(() => (memory.connection as unknown as { db: unknown }).db).toThrow(NotReplayableInMemory);
  });

  it('replays a projection doing more than that directly into the database instead', async () => {
    const temporary = await temporaryDatabase(mongodbUrl, 'replayspec');
    try {
      const result = await replayProjectionInto(store, new CountingProjection(temporary.connection), temporary.connection);
      expect(result.inMemory).toBe(false);
      const docs = await readModelDocuments(result.projection, temporary.connection);
      expect(docs.counts).toHaveLength(20);
      expect(docs.counts.every((d) => d.events === 2)).toBe(true);
    } finally {
      await temporary.dispose();
    }
  });

  it('replays the catalogue items projection (indexes, search) in memory', async () => {
    const temporary = await temporaryDatabase(mongodbUrl, 'replayspec');
    try {
      const result = await replayProjectionInto(store, new CatalogueItemsProjection(temporary.connection), temporary.connection);
      expect(result.inMemory).toBe(true);
      expect(result.replay.applied).toBe(0);
    } finally {
      await temporary.dispose();
    }
  });
});

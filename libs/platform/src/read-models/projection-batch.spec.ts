import mongoose, { type Connection } from 'mongoose';
import type { EventEnvelope } from '@gongkai/contracts';
import { isolatedEnv } from '../testing/infra';
import { shuffledWithDuplicates } from '../testing/shuffled';
import { projectDocument, type Projected } from './projection';
import { BatchedProjection, documentChange, projectBatch, type DocumentChange, type WrittenDocument } from './projection-batch';

type Event = Pick<EventEnvelope, 'streamId' | 'streamRevision'> & { unit: string; op: 'add' | 'drop' | 'close' };
interface Tally {
  unit: string;
  count: number;
  log: string[];
}

/** A projection with every shape of change: counters fed by many streams, a log, deletes, two collections. */
const changesOf = (event: Event): DocumentChange[] => {
  const entry = `${event.streamId}@${event.streamRevision}`;
  const tally = documentChange<Tally>('tallies', event.unit, (current) => {
    if (event.op === 'close') return null;
    const count = (current?.count ?? 0) + (event.op === 'add' ? 1 : -1);
    return { unit: event.unit, count, log: [...(current?.log ?? []), entry] };
  });
  const perStream = documentChange<{ last: string }>('streams', event.streamId, () => ({ last: entry }));
  return [tally, perStream];
};

/** Streams s0..s5, each with its revisions in order, into units u0..u2. */
function history(): Event[] {
  const events: Event[] = [];
  for (let s = 0; s < 6; s += 1) {
    for (let revision = 0; revision < 8; revision += 1) {
      const op = revision === 5 && s === 2 ? 'close' : revision % 3 === 2 ? 'drop' : 'add';
      events.push({ streamId: `catalogue.item-s${s}`, streamRevision: revision, unit: `u${(s + revision) % 3}`, op });
    }
  }
  return events;
}

describe('projectBatch (real FerretDB)', () => {
  const env = isolatedEnv();
  let connection: Connection;
  beforeAll(async () => {
    connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-projection-batch` }).asPromise();
  });
  afterAll(() => connection.close());

  const dump = async (prefix: string) => ({
    tallies: await connection.collection(`${prefix}tallies`).find({}).sort({ _id: 1 }).toArray(),
    streams: await connection.collection(`${prefix}streams`).find({}).sort({ _id: 1 }).toArray(),
  });
  const prefixed = (prefix: string) => (event: Event) => changesOf(event).map((c) => ({ ...c, collection: prefix + c.collection }));

  it('gives exactly the documents of one-at-a-time application for a shuffled batch with duplicates', async () => {
    const events = shuffledWithDuplicates(history(), 7);
    for (const event of events) {
      for (const { collection, id, change } of prefixed('one-')(event))
        await projectDocument(connection.collection(collection), id, event, change);
    }
    // In batches of uneven sizes, including the whole history at once.
    for (let at = 0, size = 1; at < events.length; at += size, size = (size * 3) % 17 || 5) {
      await projectBatch(connection, events.slice(at, at + size), prefixed('batched-'));
    }
    await projectBatch(connection, events, prefixed('whole-'));
    const expected = await dump('one-');
    expect(expected.tallies.length).toBeGreaterThan(0);
    expect(await dump('batched-')).toEqual(expected);
    expect(await dump('whole-')).toEqual(expected);
  });

  it('skips what is applied already (a redelivered batch writes nothing) and reports the documents it wrote', async () => {
    const events = history().slice(0, 4);
    const first = await projectBatch(connection, events, prefixed('again-'));
    expect(first).toMatchObject({ applied: 8, skipped: 0 });
    expect(first.written.map((w) => `${w.collection}/${w.id}`).sort()).toEqual(
      ['again-streams/catalogue.item-s0', 'again-tallies/u0', 'again-tallies/u1', 'again-tallies/u2'].sort(),
    );
    const again = await projectBatch(connection, events, prefixed('again-'));
    expect(again).toEqual({ applied: 0, skipped: 8, written: [] });
  });

  it('writes nothing and records no revision when a change returns the document itself (a fan-out that does not concern it)', async () => {
    const collection = connection.collection('fanout');
    await collection.insertOne({ _id: 'd1' as never, members: ['x'], _applied: { 'catalogue~item-x': 0 }, _version: 1 });
    // Remove `y` from every document: d1 does not hold it, so nothing changes there.
    const removeY = (current: Projected<{ members: string[] }> | null) =>
      current === null || !current.members.includes('y') ? current : { members: current.members.filter((m) => m !== 'y') };
    const batched = await projectBatch(connection, [{ streamId: 'catalogue.item-y', streamRevision: 3 }], () => [
      documentChange('fanout', 'd1', removeY),
      documentChange('fanout', 'absent', removeY),
    ]);
    expect(batched).toMatchObject({ applied: 1, skipped: 1, written: [] });
    expect(await projectDocument(collection, 'd1', { streamId: 'catalogue.item-y', streamRevision: 4 }, removeY)).toBe('skipped');
    expect(await collection.findOne({ _id: 'd1' as never })).toEqual({
      _id: 'd1',
      members: ['x'],
      _applied: { 'catalogue~item-x': 0 },
      _version: 1,
    });
    expect(await collection.countDocuments()).toBe(1);
  });

  it('keeps every change when batches and another writer race for the same documents (lost guards retry)', async () => {
    const collection = connection.collection('race');
    const bump = (streamId: string) => ({
      streamId,
      streamRevision: 0,
    });
    const change = (current: Projected<{ count: number }> | null) => ({ count: (current?.count ?? 0) + 1 });
    await Promise.all([
      ...Array.from({ length: 5 }, (_, i) =>
        projectBatch(connection, [bump(`catalogue.item-r${i}`), bump(`catalogue.item-q${i}`)], () => [
          documentChange('race', 'r-1', change),
        ]),
      ),
      ...Array.from({ length: 5 }, (_, i) => projectDocument(collection, 'r-1', bump(`catalogue.item-p${i}`), change)),
    ]);
    expect(await collection.findOne({ _id: 'r-1' as never })).toMatchObject({ count: 15 });
  });

  it('retries only the document whose guard was lost to a writer in another process', async () => {
    const real = connection.collection('lost');
    await real.insertMany([
      { _id: 'a' as never, count: 1, _applied: {}, _version: 1 },
      { _id: 'b' as never, count: 1, _applied: {}, _version: 1 },
    ]);
    // Another process writes `b` between this batch's read and its write.
    let writes = 0;
    const racing = new Proxy(real, {
      get(target, property) {
        if (property === 'bulkWrite') {
          return async (...args: Parameters<typeof target.bulkWrite>) => {
            writes += 1;
            if (writes === 1) await target.replaceOne({ _id: 'b' as never }, { count: 10, _applied: {}, _version: 2 });
            return target.bulkWrite(...args);
          };
        }
        const value = Reflect.get(target, property) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const folds: string[] = [];
    const bump = (id: string) =>
      documentChange<{ count: number }>('lost', id, (current) => {
        folds.push(id);
        return { count: (current?.count ?? 0) + 1 };
      });
    const outcome = await projectBatch({ collection: () => racing }, [{ streamId: 'catalogue.item-x', streamRevision: 0 }], () => [
      bump('a'),
      bump('b'),
    ]);
    expect(outcome.applied).toBe(2);
    expect(folds).toEqual(['a', 'b', 'b']);
    expect(await real.find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'a', count: 2, _applied: { 'catalogue~item-x': 0 }, _version: 2 },
      { _id: 'b', count: 11, _applied: { 'catalogue~item-x': 0 }, _version: 3 },
    ]);
  });

  it('folds correctly when another process creates or deletes documents behind the known-ids hint', async () => {
    const real = connection.collection('hint');
    const ids = Array.from({ length: 40 }, (_, i) => `h${i}`);
    const bumpAll = (streamId: string, which: readonly string[]) =>
      projectBatch(connection, [{ streamId, streamRevision: 0 }], () =>
        which.map((id) => documentChange<{ count: number }>('hint', id, (current) => ({ count: (current?.count ?? 0) + 1 }))),
      );
    await bumpAll('catalogue.item-h1', ids); // more than a few documents: this process now tracks the collection's ids
    // Another process creates h40 (unknown to the hint) and deletes h0 (known to it).
    await real.insertOne({ _id: 'h40' as never, count: 10, _applied: {}, _version: 1 });
    await real.deleteOne({ _id: 'h0' as never });
    const outcome = await bumpAll('catalogue.item-h2', [...ids, 'h40']);
    expect(outcome.applied).toBe(41);
    const counts = Object.fromEntries((await real.find({}).toArray()).map((d) => [String(d._id), d['count'] as number]));
    expect(counts).toEqual({ ...Object.fromEntries(ids.map((id) => [id, 2])), h0: 1, h40: 11 });
    // And the hint follows: a third batch reads h0 and h40 as they stand.
    await bumpAll('catalogue.item-h3', ['h0', 'h40', ...ids.slice(1, 35)]);
    expect(await real.findOne({ _id: 'h40' as never })).toMatchObject({ count: 12, _version: 3 });
    expect(await real.findOne({ _id: 'h0' as never })).toMatchObject({ count: 2, _version: 2 });
  });

  it('runs a BatchedProjection live and one event at a time alike, and tells it what it wrote', async () => {
    const seen: WrittenDocument[] = [];
    class Tallies extends BatchedProjection {
      readonly name = 'test.tallies';
      readonly collections = ['p-tallies', 'p-streams'];
      readonly eventTypes = ['catalogue.ItemDrafted'];
      changesOf(event: EventEnvelope) {
        return prefixed('p-')(event as unknown as Event);
      }
      protected override afterBatch(written: readonly WrittenDocument[]) {
        seen.push(...written);
      }
    }
    const projection = new Tallies(connection);
    const [first, ...rest] = history().slice(0, 6) as unknown as EventEnvelope[];
    await projection.handle(first);
    await projection.handleBatch(rest);
    expect(seen).toHaveLength(2 + 4);
    expect(await connection.collection('p-tallies').countDocuments()).toBe(3);
  });
});

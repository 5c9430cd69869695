import mongoose, { type Connection } from 'mongoose';
import { isolatedEnv } from '../testing/infra';
import { projectDocument, withoutMeta } from './projection';

describe('projectDocument (real FerretDB)', () => {
  const env = isolatedEnv();
  let connection: Connection;
  beforeAll(async () => {
    connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-projection` }).asPromise();
  });
  afterAll(() => connection.close());

  const counters = () => connection.collection('counters');
  const bump = (streamId: string, streamRevision: number) =>
    projectDocument<{ count: number }>(counters(), 'c-1', { streamId, streamRevision }, (current) => ({
      count: (current?.count ?? 0) + 1,
    }));

  it('applies each stream revision once: replays and duplicates are skipped', async () => {
    expect(await bump('catalogue.item-1', 0)).toBe('applied');
    expect(await bump('catalogue.item-1', 1)).toBe('applied');
    expect(await bump('catalogue.item-1', 1)).toBe('skipped');
    expect(await bump('catalogue.item-1', 0)).toBe('skipped');
    expect(await bump('catalogue.item-2', 0)).toBe('applied'); // another stream into the same document
    const doc = await counters().findOne({ _id: 'c-1' as never });
    expect(doc).toMatchObject({ count: 3, _applied: { 'catalogue~item-1': 1, 'catalogue~item-2': 0 }, _version: 3 });
    expect(withoutMeta(doc!)).not.toHaveProperty('_applied');
  });

  it('keeps every concurrent change to one document (optimistic retry on _version)', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        projectDocument<{ count: number }>(counters(), 'c-2', { streamId: `catalogue.item-c${i}`, streamRevision: 0 }, (current) => ({
          count: (current?.count ?? 0) + 1,
        })),
      ),
    );
    expect(await counters().findOne({ _id: 'c-2' as never })).toMatchObject({ count: 10 });
  });

  it('deletes the document when the change returns null', async () => {
    await bump('catalogue.item-9', 0);
    await projectDocument(counters(), 'c-1', { streamId: 'catalogue.item-9', streamRevision: 1 }, () => null);
    expect(await counters().findOne({ _id: 'c-1' as never })).toBeNull();
  });
});

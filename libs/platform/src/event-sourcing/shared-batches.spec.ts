import { newEvent } from '../testing/event-store-contract';
import type { ReadAllOptions } from './event-store';
import { SharedBatches } from './shared-batches';
import { SqliteEventStore } from './sqlite-event-store';

describe('SharedBatches', () => {
  let store: SqliteEventStore;
  const reads: ReadAllOptions[] = [];
  const counting = { readAll: (options: ReadAllOptions = {}) => (reads.push(options), store.readAll(options)) };

  beforeEach(async () => {
    store = new SqliteEventStore(':memory:');
    reads.length = 0;
    for (let n = 0; n < 25; n += 1) await store.append(`test.s-${n}`, [newEvent('test.N', { n })], -1);
  });
  afterEach(() => store.close());

  it('gives every reader the events right after its position, up to its limit and the end of the block', async () => {
    const shared = new SharedBatches(counting, 10);
    for (const after of [0, 3, 9, 10, 11, 19, 20, 24, 25]) {
      for (const limit of [1, 4, 10, 100]) {
        const events = await shared.readAll({ after, limit });
        const expected = Math.min(limit, after >= 25 ? 0 : after < 20 ? 10 - (after % 10) : 25 - after);
        expect(events).toHaveLength(expected);
        expect(events).toEqual(await store.readAll({ after, limit: expected }));
      }
    }
  });

  it('reads and parses a block once for every reader in it; at the head it reads only what was appended since', async () => {
    const shared = new SharedBatches(counting, 10);
    await Promise.all([0, 2, 5, 7].map((after) => shared.readAll({ after, limit: 10 })));
    await shared.readAll({ after: 8, limit: 10 });
    expect(reads).toEqual([{ after: 0, limit: 10 }]);
    await Promise.all([21, 22].map((after) => shared.readAll({ after, limit: 10 }))); // the block 20..30 holds 21..25 so far
    await store.append('test.s-late', [newEvent('test.N', { n: 25 })], -1);
    expect((await shared.readAll({ after: 25, limit: 10 })).map((e) => e.globalPosition)).toEqual([26]);
    expect((await shared.readAll({ after: 23, limit: 10 })).map((e) => e.globalPosition)).toEqual([24, 25, 26]);
    expect(await shared.readAll({ after: 26, limit: 10 })).toEqual([]);
    expect(reads.slice(1)).toEqual([
      { after: 20, limit: 10 },
      { after: 25, limit: 5 },
      { after: 26, limit: 4 },
    ]);
  });

  it('keeps only the most recent blocks', async () => {
    const shared = new SharedBatches(counting, 5, 2);
    for (const after of [0, 5, 10, 0]) await shared.readAll({ after, limit: 5 });
    expect(reads.map((r) => r.after)).toEqual([0, 5, 10, 0]);
  });
});

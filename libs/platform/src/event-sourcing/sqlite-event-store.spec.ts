import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, newEvent } from '../testing/event-store-contract';
import { readAllInBatches } from './event-store';
import { verifyChain } from './hash-chain';
import {
  PINNED_FIRST_HASH,
  PINNED_FIRST_TEXT,
  PINNED_SECOND_HASH,
  PINNED_SECOND_TEXT,
  RECORDED_AT,
  pinnedFirst,
  pinnedSecond,
} from './hash-chain.fixture';
import { SqliteEventStore } from './sqlite-event-store';
import { verifyStore } from './verify';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'gk-es-')), 'events.db');

eventStoreContract('SQLite', async () => new SqliteEventStore(tempFile()));

describe('SqliteEventStore specifics', () => {
  it('shares one strictly ordered log between two connections to the same file (two processes)', async () => {
    const file = tempFile();
    const first = new SqliteEventStore(file);
    const second = new SqliteEventStore(file);
    await first.append('test.a', [newEvent('test.One')], -1);
    await second.append('test.b', [newEvent('test.Two')], -1);
    await expect(second.append('test.a', [newEvent()], -1)).rejects.toMatchObject({ kind: 'conflict' });
    const all = await first.readAll();
    expect(all.map((e) => [e.type, e.globalPosition])).toEqual([
      ['test.One', 1],
      ['test.Two', 2],
    ]);
    await first.close();
    await second.close();
  });

  it('stores known events with the pinned hashes and exactly the pinned text', async () => {
    const store = new SqliteEventStore(tempFile());
    const asNew = ({ eventId, type, schemaVersion, data, occurredAt, actor, correlationId, causationId }: typeof pinnedFirst) => ({
      eventId,
      type,
      schemaVersion,
      data,
      occurredAt,
      actor,
      correlationId,
      causationId,
    });
    // Only Date is faked: recordedAt is part of what is hashed.
    jest.useFakeTimers({
      now: new Date(RECORDED_AT),
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    try {
      await store.append(pinnedFirst.streamId, [asNew(pinnedFirst)], -1);
      await store.append(pinnedFirst.streamId, [asNew(pinnedSecond)], 0);
    } finally {
      jest.useRealTimers();
    }
    const rows = store.rawDatabase.prepare('SELECT hash, envelope, typeof(envelope) AS kind FROM events ORDER BY position').all() as {
      hash: string;
      envelope: string;
      kind: string;
    }[];
    expect(rows).toEqual([
      { hash: PINNED_FIRST_HASH, envelope: PINNED_FIRST_TEXT, kind: 'text' },
      { hash: PINNED_SECOND_HASH, envelope: PINNED_SECOND_TEXT, kind: 'text' },
    ]);
    expect(verifyChain(pinnedFirst.streamId, await store.readStream(pinnedFirst.streamId))).toBeNull();
    await store.close();
  });

  it('gives appended events the positions they are read back at, for any batch size and two writers', async () => {
    const file = tempFile();
    const first = new SqliteEventStore(file);
    const second = new SqliteEventStore(file);
    const appended = [];
    for (const [store, streamId, count] of [
      [first, 'test.a', 100],
      [second, 'test.b', 1],
      [first, 'test.c', 67],
      [second, 'test.a', 3],
      [first, 'test.b', 200],
    ] as const) {
      const events = Array.from({ length: count }, (_, i) => newEvent('test.N', { i }));
      appended.push(...(await store.append(streamId, events, 'any')).events);
    }
    const read = [];
    for await (const batch of readAllInBatches(second, 0, 128)) read.push(...batch);
    expect(read).toEqual(appended);
    expect(read.map((e) => e.globalPosition)).toEqual(read.map((_, i) => i + 1));
    for (const streamId of ['test.a', 'test.b', 'test.c']) expect(verifyChain(streamId, await first.readStream(streamId))).toBeNull();
    await first.close();
    await second.close();
  });

  it('verify names the stream and revision of an edited event', async () => {
    const store = new SqliteEventStore(tempFile());
    await store.append('test.doc-1', [newEvent('test.Proposed', { attribute: '主动公开' }), newEvent('test.Confirmed')], -1);
    await store.append('test.doc-2', [newEvent('test.Proposed', { attribute: '不予公开' })], -1);
    expect((await verifyStore(store)).firstBreak).toBeNull();

    // An operator with database access quietly changes a decision.
    const row = store.rawDatabase.prepare("SELECT envelope FROM events WHERE stream_id = 'test.doc-2' AND stream_revision = 0").get() as {
      envelope: string;
    };
    const edited = row.envelope.replace('不予公开', '主动公开');
    store.rawDatabase.prepare("UPDATE events SET envelope = ? WHERE stream_id = 'test.doc-2' AND stream_revision = 0").run(edited);

    const report = await verifyStore(store);
    expect(report.firstBreak).toMatchObject({ streamId: 'test.doc-2', streamRevision: 0, problem: 'hash_mismatch' });
    expect(report.breaks).toHaveLength(1);
    await store.close();
  });

  it('verify names the revision after a deleted event', async () => {
    const store = new SqliteEventStore(tempFile());
    await store.append('test.req-1', [newEvent('test.A'), newEvent('test.B'), newEvent('test.C')], -1);
    store.rawDatabase.prepare("DELETE FROM events WHERE stream_id = 'test.req-1' AND stream_revision = 1").run();
    const report = await verifyStore(store);
    expect(report.firstBreak).toMatchObject({ streamId: 'test.req-1', streamRevision: 2, problem: 'revision_gap' });
    await store.close();
  });
});

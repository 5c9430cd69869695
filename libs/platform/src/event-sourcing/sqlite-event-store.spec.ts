import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, newEvent } from '../testing/event-store-contract';
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

  it('verify names the stream and revision of an edited event', async () => {
    const store = new SqliteEventStore(tempFile());
    await store.append('test.doc-1', [newEvent('test.Proposed', { attribute: '主动公开' }), newEvent('test.Confirmed')], -1);
    await store.append('test.doc-2', [newEvent('test.Proposed', { attribute: '不予公开' })], -1);
    expect((await verifyStore(store)).firstBreak).toBeNull();

    // An operator with database access quietly changes a decision.
    const row = store.rawDatabase
      .prepare("SELECT envelope FROM events WHERE stream_id = 'test.doc-2' AND stream_revision = 0")
      .get() as { envelope: string };
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

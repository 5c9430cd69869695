import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { ANCHOR_STREAM_ID, GENESIS_HASH, type EventEnvelope } from '@gongkai/contracts';
import { newEvent } from '../testing/event-store-contract';
import { AnchorRecorder, SYSTEM_ACTOR, verifyRecord } from './anchors';
import { hashEnvelope, seal } from './hash-chain';
import { merkleRoot } from './merkle';
import { SqliteEventStore } from './sqlite-event-store';

type Row = { position: number; envelope: string };

/** Every way of tampering with the SQLite file that the issue lists, each caught by `verifyRecord`. */
describe('verify against anchors: tampering with the SQLite store', () => {
  let store: SqliteEventStore;
  let recorder: AnchorRecorder;
  const db = () => store.rawDatabase;
  const rows = (streamId: string): (Row & EventEnvelope)[] =>
    (db().prepare('SELECT position, envelope FROM events WHERE stream_id = ? ORDER BY stream_revision').all(streamId) as Row[]).map(
      (r) => ({ ...r, ...(JSON.parse(r.envelope) as EventEnvelope) }),
    );
  const writeRow = (position: number, envelope: EventEnvelope) =>
    db()
      .prepare('UPDATE events SET event_id = ?, stream_id = ?, stream_revision = ?, hash = ?, envelope = ? WHERE position = ?')
      .run(envelope.eventId, envelope.streamId, envelope.streamRevision, envelope.hash, JSON.stringify(envelope), position);
  /** Re-seals a stream's envelopes in the given order, as a forger who knows the algorithm would. */
  const reseal = (envelopes: EventEnvelope[]): EventEnvelope[] => {
    let prevHash = GENESIS_HASH;
    return envelopes.map((e, streamRevision) => {
      const { hash: _h, globalPosition: _g, ...rest } = e as EventEnvelope & { position?: number; envelope?: string };
      delete (rest as { position?: number }).position;
      delete (rest as { envelope?: string }).envelope;
      const sealed = seal({ ...rest, streamRevision, prevHash });
      prevHash = sealed.hash;
      return sealed;
    });
  };

  beforeEach(async () => {
    store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'gk-anchor-')), 'events.db'));
    recorder = new AnchorRecorder(store);
    await store.append('test.doc-a', [newEvent('test.A', { text: '依申请公开' }), newEvent('test.B'), newEvent('test.C')], -1);
    await store.append('test.doc-b', [newEvent('test.A'), newEvent('test.B')], -1);
    await store.append('test.doc-c', [newEvent('test.A', { reason: '涉及国家秘密' })], -1);
    await store.append('test.doc-a', [newEvent('test.D')], 2);
    expect(await recorder.record(SYSTEM_ACTOR, 'cli')).not.toBeNull();
  });
  afterEach(() => store.close());

  it('passes an intact record, and an anchor covers every stream but the anchor stream', async () => {
    await store.append('test.doc-d', [newEvent('test.A')], -1);
    const report = await verifyRecord(store);
    expect(report.ok).toBe(true);
    expect(report.anchors).toMatchObject({ anchors: 1, unanchoredEvents: 1, findings: [] });
    const second = await recorder.record(SYSTEM_ACTOR, 'cli');
    expect(second!.data).toMatchObject({ streams: 4, events: 8, changed: [['test.doc-d', 0, expect.any(String)]] });
    expect(second!.data.root).toBe(merkleRoot((await store.streamHeads()).filter((h) => h.streamId !== ANCHOR_STREAM_ID)));
    expect(await recorder.record(SYSTEM_ACTOR, 'cli')).toBeNull(); // nothing new
    expect((await verifyRecord(store)).ok).toBe(true);
  });

  it('edit a field: names the stream and revision (hash mismatch)', async () => {
    const [, b1] = rows('test.doc-b');
    writeRow(b1.position, { ...b1, data: { forged: true } } as EventEnvelope);
    const report = await verifyRecord(store);
    expect(report.ok).toBe(false);
    expect(report.chains.firstBreak).toMatchObject({ streamId: 'test.doc-b', streamRevision: 1, problem: 'hash_mismatch' });
  });

  it('delete an event in the middle: names the gap', async () => {
    db().prepare("DELETE FROM events WHERE stream_id = 'test.doc-a' AND stream_revision = 1").run();
    const report = await verifyRecord(store);
    expect(report.chains.firstBreak).toMatchObject({ streamId: 'test.doc-a', streamRevision: 2, problem: 'revision_gap' });
    expect(report.anchors.findings).toEqual(expect.arrayContaining([expect.objectContaining({ problem: 'event_count_mismatch' })]));
  });

  it('truncate a stream (delete its last event): the chain is whole, the anchor names the stream', async () => {
    db().prepare("DELETE FROM events WHERE stream_id = 'test.doc-a' AND stream_revision = 3").run();
    const report = await verifyRecord(store);
    expect(report.chains.breaks).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.anchors.findings).toEqual([
      expect.objectContaining({ problem: 'event_count_mismatch' }),
      expect.objectContaining({
        problem: 'head_mismatch',
        streamId: 'test.doc-a',
        streamRevision: 2,
        anchor: { revision: 0, position: 7 },
      }),
    ]);
  });

  it('delete a whole stream: the anchor names the missing stream', async () => {
    db().prepare("DELETE FROM events WHERE stream_id = 'test.doc-c'").run();
    const report = await verifyRecord(store);
    expect(report.chains.breaks).toEqual([]);
    expect(report.anchors.findings).toEqual([
      expect.objectContaining({ problem: 'event_count_mismatch' }),
      expect.objectContaining({ problem: 'stream_missing', streamId: 'test.doc-c', streamRevision: 0 }),
    ]);
  });

  it('reorder two events (rows swapped): the chain names the stream and revision', async () => {
    const [a0, a1] = rows('test.doc-a');
    db().prepare('UPDATE events SET stream_revision = -1 WHERE position = ?').run(a0.position);
    db().prepare('UPDATE events SET stream_revision = 0 WHERE position = ?').run(a1.position);
    db().prepare('UPDATE events SET stream_revision = 1 WHERE position = ?').run(a0.position);
    const report = await verifyRecord(store);
    expect(report.chains.firstBreak).toMatchObject({ streamId: 'test.doc-a', streamRevision: 1, problem: 'revision_gap' });
  });

  it('reorder two events and re-seal the whole chain: the anchor names the stream', async () => {
    const original = rows('test.doc-a');
    const resealed = reseal([original[1], original[0], original[2], original[3]]);
    for (const row of original) db().prepare('UPDATE events SET event_id = ? WHERE position = ?').run(uuidv7(), row.position);
    resealed.forEach((envelope, i) => writeRow(original[i].position, envelope));
    const report = await verifyRecord(store);
    expect(report.chains.breaks).toEqual([]);
    expect(report.anchors.findings).toEqual([
      expect.objectContaining({ problem: 'head_mismatch', streamId: 'test.doc-a', streamRevision: 3 }),
    ]);
  });

  it('insert a forged event in the middle of a stream with recomputed hashes: the anchor and the positions name it', async () => {
    const original = rows('test.doc-b');
    const forged = { ...original[0], eventId: uuidv7(), type: 'test.Forged', data: { decision: '不予公开' } };
    const resealed = reseal([original[0], forged, original[1]]);
    writeRow(original[1].position, resealed[1]);
    db()
      .prepare('INSERT INTO events (event_id, stream_id, stream_revision, hash, envelope) VALUES (?, ?, ?, ?, ?)')
      .run(resealed[2].eventId, 'test.doc-b', 2, resealed[2].hash, JSON.stringify(resealed[2]));
    const report = await verifyRecord(store);
    expect(report.chains.breaks).toEqual([]);
    expect(report.anchors.findings).toEqual([
      expect.objectContaining({ problem: 'head_mismatch', streamId: 'test.doc-b', streamRevision: 1 }),
    ]);
  });

  it('append a forged, backdated event with a valid hash after the last anchor: named as backdated', async () => {
    const [c0] = rows('test.doc-c');
    const forged = seal({
      ...newEvent('test.Forged', { decision: '予以公开' }),
      streamId: 'test.doc-c',
      streamRevision: 1,
      recordedAt: '2026-01-05T02:00:00.000Z',
      prevHash: c0.hash,
    });
    expect(hashEnvelope(forged)).toBe(forged.hash);
    db()
      .prepare('INSERT INTO events (event_id, stream_id, stream_revision, hash, envelope) VALUES (?, ?, ?, ?, ?)')
      .run(forged.eventId, 'test.doc-c', 1, forged.hash, JSON.stringify(forged));
    const report = await verifyRecord(store);
    expect(report.chains.breaks).toEqual([]);
    expect(report.anchors.findings).toEqual([expect.objectContaining({ problem: 'backdated', streamId: 'test.doc-c', streamRevision: 1 })]);
  });

  it('rewrite the anchor stream to match a truncation: the anchors no longer add up', async () => {
    db().prepare("DELETE FROM events WHERE stream_id = 'test.doc-c'").run();
    const [anchor] = rows(ANCHOR_STREAM_ID);
    const data = anchor.data as { changed: [string, number, string][]; streams: number; events: number };
    const [resealed] = reseal([
      { ...anchor, data: { ...data, changed: data.changed.filter(([s]) => s !== 'test.doc-c'), streams: 2, events: 6 } },
    ]);
    writeRow(anchor.position, resealed);
    const report = await verifyRecord(store);
    expect(report.chains.breaks).toEqual([]);
    expect(report.anchors.findings[0]).toMatchObject({ problem: 'anchor_inconsistent', streamId: ANCHOR_STREAM_ID, streamRevision: 0 });
  });

  it('rewrite everything consistently (anchor stream included): only the published root catches it', async () => {
    const [anchor] = rows(ANCHOR_STREAM_ID);
    const published = { root: (anchor.data as { root: string }).root, position: (anchor.data as { position: number }).position };
    db().prepare('DELETE FROM events WHERE stream_id = ?').run(ANCHOR_STREAM_ID);
    db().prepare("DELETE FROM events WHERE stream_id = 'test.doc-c'").run();
    expect((await verifyRecord(store)).ok).toBe(true);
    const report = await verifyRecord(store, { external: [published] });
    expect(report.anchors.findings).toEqual([
      expect.objectContaining({ problem: 'external_root_mismatch', anchor: { revision: null, position: published.position } }),
    ]);
  });
});

import { v7 as uuidv7 } from 'uuid';
import type { EventEnvelope } from '@gongkai/contracts';
import { DomainError } from '../errors/domain-error';
import type { EventStore, NewEvent } from '../event-sourcing/event-store';
import { readAllInBatches } from '../event-sourcing/event-store';
import { verifyChain } from '../event-sourcing/hash-chain';

export const newEvent = (type = 'test.Happened', data: Record<string, unknown> = {}): NewEvent => ({
  eventId: uuidv7(),
  type,
  schemaVersion: 1,
  data,
  occurredAt: '2026-03-02T01:00:00.000Z',
  actor: { userId: 'u-1', unitId: 'TEZ-GOV', role: 'clerk' },
  correlationId: 'corr-1',
  causationId: null,
});

/**
 * The behaviour every EventStore adapter must have. Each adapter's spec calls this with a factory
 * that returns an empty store; stream ids are unique per test so a shared server also works.
 */
export function eventStoreContract(name: string, createStore: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let prefix: string;
    beforeEach(async () => {
      store = await createStore();
      prefix = `test.s${uuidv7().replace(/-/g, '')}`;
    });
    afterEach(() => store.close());

    it('appends to a new stream and reads it back in order with revisions from 0', async () => {
      const result = await store.append(`${prefix}-a`, [newEvent('test.One', { n: 1 }), newEvent('test.Two', { n: 2 })], -1);
      expect(result.nextExpectedRevision).toBe(1);
      const read = await store.readStream(`${prefix}-a`);
      expect(read.map((e) => [e.type, e.streamRevision, e.data])).toEqual([
        ['test.One', 0, { n: 1 }],
        ['test.Two', 1, { n: 2 }],
      ]);
    });

    it('returns an empty list for a stream that does not exist', async () => {
      expect(await store.readStream(`${prefix}-none`)).toEqual([]);
    });

    it('refuses an append with a stale expected revision and writes nothing', async () => {
      await store.append(`${prefix}-a`, [newEvent()], -1);
      await expect(store.append(`${prefix}-a`, [newEvent(), newEvent()], -1)).rejects.toMatchObject({
        kind: 'conflict',
        code: 'WRONG_EXPECTED_REVISION',
      });
      await expect(store.append(`${prefix}-a`, [newEvent()], 5)).rejects.toBeInstanceOf(DomainError);
      expect(await store.readStream(`${prefix}-a`)).toHaveLength(1);
    });

    it('lets exactly one of two concurrent appends at the same revision win', async () => {
      await store.append(`${prefix}-a`, [newEvent()], -1);
      const outcomes = await Promise.allSettled([
        store.append(`${prefix}-a`, [newEvent('test.Left')], 0),
        store.append(`${prefix}-a`, [newEvent('test.Right')], 0),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(await store.readStream(`${prefix}-a`)).toHaveLength(2);
    });

    it('accepts "any" as the expected revision', async () => {
      await store.append(`${prefix}-a`, [newEvent()], 'any');
      const result = await store.append(`${prefix}-a`, [newEvent()], 'any');
      expect(result.nextExpectedRevision).toBe(1);
    });

    it('orders every event of every stream in one strictly increasing global order', async () => {
      const before = await store.headPosition();
      await store.append(`${prefix}-a`, [newEvent('test.A1'), newEvent('test.A2')], -1);
      await store.append(`${prefix}-b`, [newEvent('test.B1')], -1);
      await store.append(`${prefix}-a`, [newEvent('test.A3')], 1);
      const all = (await store.readAll({ after: before, limit: 1000 })).filter((e) => e.streamId.startsWith(prefix));
      expect(all.map((e) => e.type)).toEqual(['test.A1', 'test.A2', 'test.B1', 'test.A3']);
      const positions = all.map((e) => e.globalPosition!);
      positions.slice(1).forEach((p, i) => expect(p).toBeGreaterThan(positions[i]));
      expect(await store.headPosition()).toBe(positions[positions.length - 1]);
    });

    it('reads all from a position exclusively and in bounded batches', async () => {
      const before = await store.headPosition();
      for (let i = 0; i < 7; i += 1) await store.append(`${prefix}-${i}`, [newEvent('test.N', { i })], -1);
      const seen: number[] = [];
      for await (const batch of readAllInBatches(store, before, 3)) {
        expect(batch.length).toBeLessThanOrEqual(3);
        seen.push(...batch.filter((e) => e.streamId.startsWith(prefix)).map((e) => e.data.i as number));
      }
      expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    });

    it('chains each stream with SHA-256 hashes that verify', async () => {
      await store.append(`${prefix}-a`, [newEvent('test.A', { text: '政务公开' }), newEvent('test.B')], -1);
      await store.append(`${prefix}-a`, [newEvent('test.C')], 1);
      const stream = await store.readStream(`${prefix}-a`);
      expect(stream[0].prevHash).toBe('0'.repeat(64));
      expect(stream[1].prevHash).toBe(stream[0].hash);
      expect(stream[2].prevHash).toBe(stream[1].hash);
      expect(verifyChain(`${prefix}-a`, stream)).toBeNull();
      const heads = await store.streamHeads();
      expect(heads.find((h) => h.streamId === `${prefix}-a`)).toEqual({ streamId: `${prefix}-a`, revision: 2, hash: stream[2].hash });
    });

    it('keeps the envelope: actor, correlation, causation and times', async () => {
      const event = { ...newEvent('test.A'), causationId: 'cause-1' };
      await store.append(`${prefix}-a`, [event], -1);
      const [stored] = await store.readStream(`${prefix}-a`);
      expect(stored).toMatchObject<Partial<EventEnvelope>>({
        eventId: event.eventId,
        actor: event.actor,
        correlationId: 'corr-1',
        causationId: 'cause-1',
        occurredAt: event.occurredAt,
      });
      expect(Date.parse(stored.recordedAt)).not.toBeNaN();
    });

    it('delivers appended events to a subscription in order, from its starting position', async () => {
      await store.append(`${prefix}-a`, [newEvent('test.Before')], -1);
      const from = await store.headPosition();
      const received: string[] = [];
      let resolveDone!: () => void;
      const done = new Promise<void>((resolve) => (resolveDone = resolve));
      const stop = store.subscribe(from, async (events) => {
        received.push(...events.filter((e) => e.streamId.startsWith(prefix)).map((e) => e.type));
        if (received.length >= 3) resolveDone();
      });
      await store.append(`${prefix}-a`, [newEvent('test.X')], 0);
      await store.append(`${prefix}-b`, [newEvent('test.Y'), newEvent('test.Z')], -1);
      await done;
      await stop();
      expect(received).toEqual(['test.X', 'test.Y', 'test.Z']);
    });

    it('redelivers a batch whose handler failed (at-least-once)', async () => {
      const from = await store.headPosition();
      await store.append(`${prefix}-a`, [newEvent('test.Once')], -1);
      let calls = 0;
      let resolveDone!: () => void;
      const done = new Promise<void>((resolve) => (resolveDone = resolve));
      const stop = store.subscribe(from, async (events) => {
        if (!events.some((e) => e.streamId.startsWith(prefix))) return;
        calls += 1;
        if (calls === 1) throw new Error('transient');
        resolveDone();
      });
      await done;
      await stop();
      expect(calls).toBe(2);
    });
  });
}

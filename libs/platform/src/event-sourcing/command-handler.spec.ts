import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '../errors/domain-error';
import { unitActionError } from '../auth/principal';
import { systemContext } from './system-context';
import { CommandHandler, type CommandContext } from './command-handler';
import type { Decider } from './decider';
import { SqliteEventStore } from './sqlite-event-store';

/** A unit's name as a tiny aggregate: just enough to exercise the handler's authorize hook. */
type Event =
  | { type: 'catalogue.UnitRegistered'; data: { unitId: string; name: string; level: '县级'; kind: 'department' } }
  | { type: 'catalogue.UnitRenamed'; data: { unitId: string; name: string; reason: string } };
type State = { unitId: string | null; name: string | null };
type Command = { type: 'Register'; unitId: string; name: string } | { type: 'Rename'; name: string };

const unitDecider: Decider<Command, Event, State> = {
  initialState: { unitId: null, name: null },
  evolve: (state, event) => ({ unitId: event.data.unitId, name: event.data.name ?? state.name }),
  decide: (command, state) =>
    command.type === 'Register'
      ? [{ type: 'catalogue.UnitRegistered', data: { unitId: command.unitId, name: command.name, level: '县级', kind: 'department' } }]
      : [{ type: 'catalogue.UnitRenamed', data: { unitId: state.unitId ?? '', name: command.name, reason: '机构改革更名' } }],
};

const context = (role: CommandContext['actor']['role'], unitId: string | null): CommandContext => ({
  actor: { userId: 'u1', unitId, role },
  correlationId: 'c1',
  now: '2026-03-02T02:00:00.000Z',
});

describe('CommandHandler', () => {
  let handler: CommandHandler;
  let store: SqliteEventStore;
  beforeEach(async () => {
    store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'gk-ch-')), 'events.db'));
    handler = new CommandHandler(store);
    await handler.handle(unitDecider, 'unit-A', { type: 'Register', unitId: 'TEZ-A', name: '甲单位' }, context('admin', null));
  });

  const ownUnit = (actor: CommandContext['actor']) => (state: State) => (state.unitId ? unitActionError(actor, state.unitId) : null);

  it('runs authorize on the loaded state and decides when it allows', async () => {
    const clerk = context('clerk', 'TEZ-A');
    const result = await handler.handle(unitDecider, 'unit-A', { type: 'Rename', name: '甲单位（新）' }, clerk, {
      authorize: ownUnit(clerk.actor),
    });
    expect(result.state.name).toBe('甲单位（新）');
    expect(result.revision).toBe(1);
  });

  it('refuses with the error authorize returns, and records nothing', async () => {
    const other = context('clerk', 'TEZ-B');
    await expect(
      handler.handle(unitDecider, 'unit-A', { type: 'Rename', name: '乙' }, other, { authorize: ownUnit(other.actor) }),
    ).rejects.toMatchObject({ kind: 'forbidden', code: 'OTHER_UNIT' });
    expect(await store.readStream('unit-A')).toHaveLength(1);
  });

  it('records a reaction as the system, caused by the event it reacts to', async () => {
    const [cause] = await store.readStream('unit-A');
    const result = await handler.handle(
      unitDecider,
      'unit-A',
      { type: 'Rename', name: '甲单位' },
      systemContext('catalogue.test-reaction', cause),
    );
    expect(result.events[0]).toMatchObject({
      actor: { userId: 'catalogue.test-reaction', unitId: null, role: 'system' },
      causationId: cause.eventId,
      correlationId: cause.correlationId,
    });
  });

  it('turns an authorize refusal into no write even when it is a not-found', async () => {
    const refuse = () => DomainError.notFound('UNIT_NOT_FOUND', '该单位不存在。');
    await expect(
      handler.handle(unitDecider, 'unit-Z', { type: 'Rename', name: '丙' }, context('admin', null), { authorize: refuse }),
    ).rejects.toMatchObject({
      code: 'UNIT_NOT_FOUND',
    });
    expect(await store.readStream('unit-Z')).toHaveLength(0);
  });

  it('lets the event loop turn during a long run of commands (an import), which otherwise never waits on I/O', async () => {
    // SQLite is synchronous: without a yield, 2,000 commands in a row run as one chain of microtasks
    // and nothing else of the process (a request, a consumer, this callback) runs until the last.
    let doneWhenOthersRan: number | null = null;
    let done = 0;
    setImmediate(() => {
      doneWhenOthersRan = done;
    });
    for (let n = 0; n < 2000; n += 1) {
      await handler.handle(unitDecider, `unit-R${n}`, { type: 'Register', unitId: `TEZ-R${n}`, name: `单位${n}` }, context('admin', null));
      done += 1;
    }
    expect(doneWhenOthersRan).not.toBeNull();
    expect(doneWhenOthersRan).toBeLessThan(2000);
  });
});

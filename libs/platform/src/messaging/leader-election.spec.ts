import { eventually } from '../testing/infra';
import { LeadershipTransitions, type LeaderRole } from './leader-election';

/** A role whose start and stop finish only when the test says so, recording what happened. */
function recordingRole() {
  const log: string[] = [];
  const pending: (() => void)[] = [];
  const step = (name: string) => () =>
    new Promise<void>((done) => {
      log.push(`${name}:begin`);
      pending.push(() => {
        log.push(`${name}:end`);
        done();
      });
    });
  const role: LeaderRole = { onElected: step('start'), onDemoted: step('stop') };
  const settle = async () => {
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
  };
  const finishNext = async () => {
    await settle();
    pending.shift()?.();
    await settle();
  };
  return { role, log, finishNext, settle };
}

describe('LeadershipTransitions', () => {
  it('never overlaps a start and a stop: a demotion waits for the start in progress', async () => {
    const { role, log, finishNext, settle } = recordingRole();
    const changes: boolean[] = [];
    const transitions = new LeadershipTransitions(role, { onChange: (leader) => changes.push(leader) });
    const elected = transitions.set(true);
    await settle(); // the start is under way…
    expect(log).toEqual(['start:begin']);
    const demoted = transitions.set(false); // …when the demotion arrives
    expect(transitions.elected).toBe(false); // the guard sees the demotion at once
    await finishNext(); // start ends
    await elected;
    await finishNext(); // stop ends
    await demoted;
    expect(log).toEqual(['start:begin', 'start:end', 'stop:begin', 'stop:end']);
    expect(changes).toEqual([true, false]);
    expect(transitions.running).toBe(false);
  });

  it('collapses signals that arrive before a transition runs into the latest one', async () => {
    const { role, log, finishNext } = recordingRole();
    const transitions = new LeadershipTransitions(role);
    const first = transitions.set(true);
    void transitions.set(false);
    const last = transitions.set(true);
    await finishNext();
    await first;
    await last;
    expect(log).toEqual(['start:begin', 'start:end']);
    expect(transitions.running).toBe(true);
  });

  it('tries a failed start again while still elected, and not after a demotion', async () => {
    let attempts = 0;
    const errors: unknown[] = [];
    const transitions = new LeadershipTransitions(
      {
        onElected: async () => {
          attempts += 1;
          if (attempts === 1) throw new Error('checkpoint store unreachable');
        },
        onDemoted: async () => undefined,
      },
      { onError: (error) => errors.push(error), retryMs: 10 },
    );
    await transitions.set(true);
    expect(transitions.running).toBe(false);
    await eventually(async () => (transitions.running ? true : undefined), 5000, 'the retried start');
    expect(attempts).toBe(2);
    expect(errors).toHaveLength(1);

    await transitions.set(false);
    expect(transitions.running).toBe(false);
  });
});

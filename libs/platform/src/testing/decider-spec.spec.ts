import { DomainError } from '../errors/domain-error';
import type { Decider } from '../event-sourcing/decider';
import { deciderSpec } from './decider-spec';

type Event = { type: 'test.Counted'; data: { by: number } };
type Command = { type: 'Count'; by: number };
const counter: Decider<Command, Event, number> = {
  initialState: 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total) => {
    if (command.by <= 0) return DomainError.validation('COUNT_NOT_POSITIVE', '计数须为正数。');
    if (total + command.by > 10) return DomainError.rule('COUNT_TOO_HIGH', '总数不能超过 10。', { total });
    return total === 10 ? [] : [{ type: 'test.Counted', data: { by: command.by } }];
  },
};
const spec = deciderSpec(counter);
const counted = (by: number): Event => ({ type: 'test.Counted', data: { by } });

describe('deciderSpec (the one decider test helper)', () => {
  it('folds the given events and compares the decision with the expected events', () => {
    expect(spec.given(counted(2), counted(3)).state).toBe(5);
    spec
      .given(counted(2))
      .when({ type: 'Count', by: 1 })
      .then([counted(1)]);
  });

  it('records a history from commands, each decided on the state the earlier ones left, and fails on a refusal', () => {
    expect(spec.recorded({ type: 'Count', by: 2 }, { type: 'Count', by: 3 })).toEqual([counted(2), counted(3)]);
    expect(() => spec.recorded({ type: 'Count', by: 6 }, { type: 'Count', by: 6 })).toThrow(/COUNT_TOO_HIGH/);
  });

  it('fails when the events differ, or when the decider refuses instead', () => {
    expect(() =>
      spec
        .given()
        .when({ type: 'Count', by: 1 })
        .then([counted(2)]),
    ).toThrow();
    expect(() => spec.given().when({ type: 'Count', by: 0 }).then([])).toThrow(/COUNT_NOT_POSITIVE/);
  });

  it('checks a refusal by code, kind and extensions, and fails when the decider accepts', () => {
    spec
      .given(counted(9))
      .when({ type: 'Count', by: 2 })
      .thenError('COUNT_TOO_HIGH', { kind: 'rule', extensions: { total: 9 } });
    expect(() => spec.given(counted(9)).when({ type: 'Count', by: 2 }).thenError('COUNT_TOO_HIGH', { kind: 'validation' })).toThrow();
    expect(() => spec.given().when({ type: 'Count', by: 1 }).thenError('COUNT_TOO_HIGH')).toThrow(/refuse/);
  });

  it('tells a no-op from a refusal', () => {
    spec.given(counted(10)).when({ type: 'Count', by: 0 }).thenError('COUNT_NOT_POSITIVE');
    expect(() => spec.given(counted(4)).when({ type: 'Count', by: 1 }).thenNothing()).toThrow();
  });
});

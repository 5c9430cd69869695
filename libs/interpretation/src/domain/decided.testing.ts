import type { DeciderSpec } from '@gongkai/platform/decider-spec';
import { DomainError, type DomainEvent } from '@gongkai/platform/domain';

/**
 * For decider specs: the events a command decides on a history, which it must accept. They build
 * the history of the next case (`spec.given(...opened, ...decided(comment))`).
 */
export const decidedBy =
  <C, E extends DomainEvent, S>(spec: DeciderSpec<C, E, S>) =>
  (command: C, ...history: E[]): E[] => {
    const decision = spec.given(...history).when(command).decision;
    if (decision instanceof DomainError) throw new Error(`expected the decider to accept, but it refused: ${decision.code}`);
    return decision;
  };

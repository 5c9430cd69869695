import type { DomainError } from '../errors/domain-error';

/** A domain event as a decider sees it: a type and its data. The envelope is the store's business. */
export interface DomainEvent<TType extends string = string, TData = Record<string, unknown>> {
  type: TType;
  data: TData;
}

/**
 * An aggregate as three pure functions (ARCHITECTURE.md "Domain code: deciders"): no I/O, no clock;
 * time and actor come in the command. `decide` returns the new events, or a DomainError that
 * refuses the command and writes nothing.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[] | DomainError;
}

export const fold = <Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State => events.reduce(decider.evolve, decider.initialState);

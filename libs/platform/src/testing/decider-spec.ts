import { DomainError } from '../errors/domain-error';
import { fold, type Decider, type DomainEvent } from '../event-sourcing/decider';

/**
 * The one way to test a decider (after Emmett's `DeciderSpecification`): given the events of a
 * stream, when a command is decided, then these events — or this error, since deciders return
 * errors as values. Pure: it loads no framework, so a domain spec runs in milliseconds.
 *
 * ```ts
 * const spec = deciderSpec(itemDecider);
 * spec.given(drafted).when({ type: 'PublishItem', unitId, at }).then([published]);
 * spec.given().when({ type: 'PublishItem', unitId, at }).thenError('ITEM_NOT_FOUND');
 * ```
 */
export interface DeciderSpec<Command, Event extends DomainEvent, State> {
  given(...events: Event[]): Given<Command, Event, State>;
  /** The events these commands record, each decided on the state the earlier ones left (throws on a refusal): a history to start from. */
  recorded(...commands: Command[]): Event[];
}

export interface Given<Command, Event extends DomainEvent, State> {
  /** The state the given events fold to: for a spec about `evolve` itself. */
  readonly state: State;
  when(command: Command): Then<Event>;
}

export interface Then<Event extends DomainEvent> {
  /** The decision as the decider returned it, for assertions the three below do not cover. */
  readonly decision: Event[] | DomainError;
  /** The decider accepts and records exactly these events (asymmetric matchers allowed). */
  then(expected: readonly unknown[]): void;
  /** The decider accepts and records nothing: the command is a no-op on this state. */
  thenNothing(): void;
  /**
   * The decider refuses with this code (and, when given, this kind and these fields of the error,
   * e.g. `{ kind: 'forbidden' }` or `{ extensions: { missing: ['主体'] } }`).
   */
  thenError(code: string, expected?: Partial<Pick<DomainError, 'kind' | 'detail' | 'extensions' | 'fieldErrors'>>): DomainError;
}

export function deciderSpec<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
): DeciderSpec<Command, Event, State> {
  return {
    recorded(...commands) {
      const events: Event[] = [];
      for (const command of commands) {
        const decision = decider.decide(command, fold(decider, events));
        if (decision instanceof DomainError) throw refusedUnexpectedly(decision);
        events.push(...decision);
      }
      return events;
    },
    given(...events) {
      const state = fold(decider, events);
      return {
        state,
        when(command) {
          const decision = decider.decide(command, state);
          return {
            decision,
            then(expected) {
              if (decision instanceof DomainError) throw refusedUnexpectedly(decision);
              expect(decision).toEqual(expected);
            },
            thenNothing() {
              if (decision instanceof DomainError) throw refusedUnexpectedly(decision);
              expect(decision).toEqual([]);
            },
            thenError(code, expectedFields = {}) {
              if (!(decision instanceof DomainError)) {
                throw new Error(
                  `expected the decider to refuse with ${code}, but it decided ${JSON.stringify(decision.map((e) => e.type))}`,
                );
              }
              expect({ code: decision.code, ...pick(decision, Object.keys(expectedFields)) }).toMatchObject({ code, ...expectedFields });
              return decision;
            },
          };
        },
      };
    },
  };
}

const refusedUnexpectedly = (error: DomainError) =>
  new Error(`expected the decider to accept, but it refused: ${error.code} (${error.kind}) ${error.detail}`);

const pick = (error: DomainError, keys: string[]) =>
  Object.fromEntries(keys.map((key) => [key, (error as unknown as Record<string, unknown>)[key]]));

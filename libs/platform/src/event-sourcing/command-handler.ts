import { v7 as uuidv7 } from 'uuid';
import { checkContract, checkStoredContract, EVENT_CONTRACTS, type Actor, type EventEnvelope } from '@gongkai/contracts';
import { DomainError } from '../errors/domain-error';
import { revealEach, sealPersonalData } from '../personal-data/personal-data';
import type { PersonalDataKeys } from '../personal-data/personal-data-keys';
import { fold, type Decider, type DomainEvent } from './decider';
import type { EventStore, NewEvent } from './event-store';
import { yieldIfBusy } from './event-loop';
import { upcast } from './upcasting';

export interface CommandContext {
  actor: Actor;
  correlationId: string;
  causationId?: string | null;
  /** When the command was given (ISO 8601); deciders never read the clock. */
  now: string;
  /**
   * The revision the client last saw (HTTP If-Match). When given, a concurrent change is reported
   * as 409 instead of being retried over: the user decided on a state that no longer exists.
   */
  expectedRevision?: number;
}

/**
 * What a caller may add to one command. `authorize` runs on the state the handler has just loaded,
 * before `decide`: unit authorisation (and not-found) checked once, on the same state the decision
 * is made on — no load, assert, load again. It returns an error value, like a decider.
 */
export interface HandleOptions<State> {
  authorize?: (state: State) => DomainError | null | undefined;
}

export interface CommandResult<State> {
  state: State;
  /** Revision of the stream after the command: the next ETag. -1 when the stream is still empty. */
  revision: number;
  events: EventEnvelope[];
}

export const toDomainEvent = <E extends DomainEvent>(envelope: EventEnvelope): E => {
  const { type, data } = upcast(envelope);
  return { type, data } as E;
};

/** The newest schema version of an event type, from its contract. */
export function currentSchemaVersion(type: string): number {
  const versions = EVENT_CONTRACTS[type];
  if (!versions) throw new Error(`event type ${type} has no contract in libs/contracts`);
  return Math.max(...Object.keys(versions).map(Number));
}

/**
 * The one command handler of gongkai: load the stream, fold it, decide, append with the expected
 * revision. Every event is checked against its contract before it is written, so nothing that a
 * consumer would park can ever enter the store.
 *
 * Personal data (contracts' personal-data markings, issue 19): the contract is checked on the
 * plaintext the decider produced (lengths, formats, enums apply to the real value), then the marked
 * fields are encrypted with the subject's key from `personalData`, and the sealed event is what is
 * appended and hashed. Loading decrypts with the same keys, so deciders fold plaintext (`已删除` once
 * a subject's key is erased). The result's events carry the data as decided; the store holds the
 * ciphertext. Without a key store, an event carrying marked fields is refused, never written in clear.
 */
export class CommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly maxAttempts = 3,
    private readonly onAppended?: (type: string) => void,
    private readonly personalData: PersonalDataKeys | null = null,
  ) {}

  async load<E extends DomainEvent, S>(
    decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
    streamId: string,
  ): Promise<{ state: S; revision: number; history: EventEnvelope[] }> {
    const history = await revealEach(await this.store.readStream(streamId), { keys: this.personalData });
    return { state: fold(decider, history.map(toDomainEvent<E>)), revision: history.length - 1, history };
  }

  async handle<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    context: CommandContext,
    options: HandleOptions<S> = {},
  ): Promise<CommandResult<S>> {
    // A run of commands (an import: one per row) lets the process serve requests and consumers meanwhile.
    await yieldIfBusy();
    for (let attempt = 1; ; attempt += 1) {
      const { state, revision } = await this.load(decider, streamId);
      const refused = options.authorize?.(state);
      if (refused) throw refused;
      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        throw DomainError.conflict(
          'WRONG_EXPECTED_REVISION',
          `数据已被他人修改（您看到的是第 ${context.expectedRevision} 版，当前为第 ${revision} 版），请刷新后重试。`,
          { streamId, expectedRevision: context.expectedRevision, actualRevision: revision },
        );
      }
      const decision = decider.decide(command, state);
      if (decision instanceof DomainError) throw decision;
      if (decision.length === 0) return { state, revision, events: [] };
      try {
        const planned = decision.map((event) => toNewEvent(event, context));
        const sealed = await Promise.all(planned.map((event) => this.sealed(event)));
        const appended = await this.store.append(streamId, sealed, revision);
        appended.events.forEach((event) => this.onAppended?.(event.type));
        return {
          state: decision.reduce(decider.evolve, state),
          revision: appended.nextExpectedRevision,
          events: appended.events.map((stored, i) => (sealed[i] === planned[i] ? stored : { ...stored, data: planned[i].data })),
        };
      } catch (error) {
        const retriable = error instanceof DomainError && error.kind === 'conflict' && context.expectedRevision === undefined;
        if (!retriable || attempt >= this.maxAttempts) throw error;
      }
    }
  }

  /** The event with its personal fields encrypted (itself when it has none), checked as consumers will check it. */
  private async sealed(event: NewEvent): Promise<NewEvent> {
    const data = await sealPersonalData(event.type, event.schemaVersion, event.data, this.personalData);
    if (data === event.data) return event;
    const check = checkStoredContract(event.type, event.schemaVersion, data);
    if (!check.ok) throw new Error(`sealed event ${event.type} breaks its contract: ${check.reason}`);
    return { ...event, data };
  }
}

function toNewEvent(event: DomainEvent, context: CommandContext): NewEvent {
  const schemaVersion = currentSchemaVersion(event.type);
  const check = checkContract(event.type, schemaVersion, event.data);
  if (!check.ok) throw new Error(`event ${event.type} breaks its contract: ${check.reason}`);
  return {
    eventId: uuidv7(),
    type: event.type,
    schemaVersion,
    data: event.data as Record<string, unknown>,
    occurredAt: context.now,
    actor: context.actor,
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
  };
}

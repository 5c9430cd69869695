import type { Actor } from '@gongkai/contracts';
import { unitActionError, type DomainError } from '@gongkai/platform/domain';

/**
 * The `authorize` option of a command on an existing stream: refused as not found while the stream
 * is empty, then the actor must act for the unit the loaded state names (run by the command handler
 * on the state it decides on: no load, assert, load again).
 */
export function actsForUnitOf<S>(
  actor: Pick<Actor, 'role' | 'unitId'>,
  unitOf: (state: S) => string | null,
  notFound: () => DomainError,
): (state: S) => DomainError | null {
  return (state) => {
    const unitId = unitOf(state);
    return unitId === null ? notFound() : unitActionError(actor, unitId);
  };
}

/** The `authorize` option of a command naming its unit itself (a new stream): the actor must act for it. */
export const actsForUnit = (actor: Pick<Actor, 'role' | 'unitId'>, unitId: string) => (): DomainError | null =>
  unitActionError(actor, unitId);

import type { ConcernAssigned, ConcernRegistered, ConcernResponsePublished } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/** A public concern (社会关切) to respond to within the limit of its severity. */
export type ConcernEvent =
  | DomainEvent<'interpretation.ConcernRegistered', ConcernRegistered>
  | DomainEvent<'interpretation.ConcernAssigned', ConcernAssigned>
  | DomainEvent<'interpretation.ConcernResponsePublished', ConcernResponsePublished>;

export type ConcernState =
  | { status: 'none' }
  | { status: 'registered'; registered: ConcernRegistered; unitId: string | null; responses: ConcernResponsePublished[] };

export const initialConcernState: ConcernState = { status: 'none' };

export function evolveConcern(state: ConcernState, event: ConcernEvent): ConcernState {
  if (event.type === 'interpretation.ConcernRegistered')
    return { status: 'registered', registered: event.data, unitId: null, responses: [] };
  if (state.status === 'none') return state;
  if (event.type === 'interpretation.ConcernAssigned') return { ...state, unitId: event.data.unitId };
  return { ...state, responses: [...state.responses, event.data] };
}

export const concernStreamId = (concernId: string) => `interpretation.concern-${concernId}`;

import type { HearingMaterialsPublished, HearingScheduled } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/** A hearing (听证会): its materials are published at least N days before it is held. */
export type HearingEvent =
  | DomainEvent<'interpretation.HearingScheduled', HearingScheduled>
  | DomainEvent<'interpretation.HearingMaterialsPublished', HearingMaterialsPublished>;
export type HearingState = { status: 'none' } | { status: 'scheduled' | 'materials_published'; scheduled: HearingScheduled };

export const initialHearingState: HearingState = { status: 'none' };

export const evolveHearing = (state: HearingState, event: HearingEvent): HearingState =>
  event.type === 'interpretation.HearingScheduled'
    ? { status: 'scheduled', scheduled: event.data }
    : state.status === 'none'
      ? state
      : { ...state, status: 'materials_published' };

export const hearingStreamId = (hearingId: string) => `interpretation.hearing-${hearingId}`;

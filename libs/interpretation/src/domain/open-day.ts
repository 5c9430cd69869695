import type { OpenDayAnnounced, OpenDayRegistrationAccepted, OpenDaySummaryPublished, PersonalDataErased } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/** A government open day (政府开放日): announced ahead, registration within capacity, a summary after. */
export type OpenDayEvent =
  | DomainEvent<'interpretation.OpenDayAnnounced', OpenDayAnnounced>
  | DomainEvent<'interpretation.OpenDayRegistrationAccepted', OpenDayRegistrationAccepted>
  | DomainEvent<'interpretation.OpenDaySummaryPublished', OpenDaySummaryPublished>
  | DomainEvent<'interpretation.PersonalDataErased', PersonalDataErased>;
export interface RegistrationState {
  registrationId: string;
  contactDigest: string | null;
  /** The personal-data document (null only for v1 registrations). */
  personalDataRef: string | null;
  /** When the registrant's personal data was erased (PersonalDataErased); null while kept. The registration still counts. */
  erasedOn: string | null;
}
export type OpenDayState =
  { status: 'none' } | { status: 'announced' | 'summarised'; announced: OpenDayAnnounced; registrations: RegistrationState[] };
export const initialOpenDayState: OpenDayState = { status: 'none' };

export function evolveOpenDay(state: OpenDayState, event: OpenDayEvent): OpenDayState {
  if (event.type === 'interpretation.OpenDayAnnounced') return { status: 'announced', announced: event.data, registrations: [] };
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'interpretation.OpenDayRegistrationAccepted': {
      const { registrationId, contactDigest, personalDataRef } = event.data;
      return { ...state, registrations: [...state.registrations, { registrationId, contactDigest, personalDataRef, erasedOn: null }] };
    }
    case 'interpretation.PersonalDataErased': {
      const { recordId, erasedOn } = event.data;
      return { ...state, registrations: state.registrations.map((r) => (r.registrationId === recordId ? { ...r, erasedOn } : r)) };
    }
    case 'interpretation.OpenDaySummaryPublished':
      return { ...state, status: 'summarised' };
  }
}

export const openDayStreamId = (openDayId: string) => `interpretation.open-day-${openDayId}`;

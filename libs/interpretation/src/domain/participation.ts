import type { MeetingAttendanceRecorded, ParticipationCataloguePublished, PersonalDataErased } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/** A unit's participation catalogue (公众参与事项目录): decision items, methods and channels; each publication is a new version. */
export type ParticipationCatalogueEvent = DomainEvent<'interpretation.ParticipationCataloguePublished', ParticipationCataloguePublished>;
export type ParticipationCatalogueState = { version: number };
export const initialParticipationCatalogueState: ParticipationCatalogueState = { version: 0 };
export const evolveParticipationCatalogue = (_state: ParticipationCatalogueState, event: ParticipationCatalogueEvent) => ({
  version: event.data.version,
});
export const participationCatalogueStreamId = (unitId: string) => `interpretation.participation-catalogue-${unitId}`;

/**
 * Attendance at a government meeting (列席): stakeholders, citizen representatives, experts, media.
 * The attendees' names are sealed (one key per meeting) and erased together (PersonalDataErased).
 */
export type MeetingEvent =
  | DomainEvent<'interpretation.MeetingAttendanceRecorded', MeetingAttendanceRecorded>
  | DomainEvent<'interpretation.PersonalDataErased', PersonalDataErased>;
export type MeetingState =
  { recorded: false } | { recorded: true; meetingId: string; unitId: string; heldOn: string; attendeesErasedOn: string | null };
export const initialMeetingState: MeetingState = { recorded: false };
export const evolveMeeting = (state: MeetingState, event: MeetingEvent): MeetingState => {
  if (event.type === 'interpretation.MeetingAttendanceRecorded') {
    const { meetingId, unitId, heldOn } = event.data;
    return { recorded: true, meetingId, unitId, heldOn, attendeesErasedOn: null };
  }
  return state.recorded ? { ...state, attendeesErasedOn: event.data.erasedOn } : state;
};
export const meetingStreamId = (meetingId: string) => `interpretation.meeting-${meetingId}`;

import type { MeetingAttendanceRecorded, ParticipationCataloguePublished } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/** A unit's participation catalogue (公众参与事项目录): decision items, methods and channels; each publication is a new version. */
export type ParticipationCatalogueEvent = DomainEvent<'interpretation.ParticipationCataloguePublished', ParticipationCataloguePublished>;
export type ParticipationCatalogueState = { version: number };
export const initialParticipationCatalogueState: ParticipationCatalogueState = { version: 0 };
export const evolveParticipationCatalogue = (_state: ParticipationCatalogueState, event: ParticipationCatalogueEvent) => ({
  version: event.data.version,
});
export const participationCatalogueStreamId = (unitId: string) => `interpretation.participation-catalogue-${unitId}`;

/** Attendance at a government meeting (列席): stakeholders, citizen representatives, experts, media. */
export type MeetingEvent = DomainEvent<'interpretation.MeetingAttendanceRecorded', MeetingAttendanceRecorded>;
export type MeetingState = { recorded: boolean };
export const initialMeetingState: MeetingState = { recorded: false };
export const evolveMeeting = (): MeetingState => ({ recorded: true });
export const meetingStreamId = (meetingId: string) => `interpretation.meeting-${meetingId}`;

import type { ParticipationCataloguePublished, MeetingAttendanceRecorded } from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import {
  evolveMeeting,
  evolveParticipationCatalogue,
  initialMeetingState,
  initialParticipationCatalogueState,
  type MeetingEvent,
  type MeetingState,
  type ParticipationCatalogueEvent,
  type ParticipationCatalogueState,
} from './participation';
import { decideErasure, type ErasePersonalData } from './personal-data';

type Method = ParticipationCataloguePublished['items'][number]['methods'][number];

export type ParticipationCatalogueCommand = {
  type: 'PublishParticipationCatalogue';
  unitId: string;
  items: { decisionItem: string; methods: Method[]; channels: string[] }[];
};

function publishParticipationCatalogue(
  command: ParticipationCatalogueCommand,
  state: ParticipationCatalogueState,
): ParticipationCatalogueEvent[] | DomainError {
  const names = command.items.map((i) => i.decisionItem.trim());
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) return DomainError.rule('DUPLICATE_DECISION_ITEM', `事项“${duplicate}”重复列出。`);
  return [
    {
      type: 'interpretation.ParticipationCataloguePublished',
      data: { unitId: command.unitId, version: state.version + 1, items: command.items },
    },
  ];
}

export const participationCatalogueDecider: Decider<
  ParticipationCatalogueCommand,
  ParticipationCatalogueEvent,
  ParticipationCatalogueState
> = {
  initialState: initialParticipationCatalogueState,
  evolve: evolveParticipationCatalogue,
  decide: publishParticipationCatalogue,
};

export type MeetingCommand =
  | ({ type: 'RecordMeetingAttendance' } & MeetingAttendanceRecorded & { today: string })
  /** Erases the attendees' names (their key is deleted after): `refId` and `recordId` are the meetingId. */
  | ErasePersonalData;

function decideMeeting(command: MeetingCommand, state: MeetingState): MeetingEvent[] | DomainError {
  if (command.type === 'RecordMeetingAttendance') return recordMeetingAttendance(command, state);
  const holder = state.recorded ? { personalDataRef: state.meetingId, erasedOn: state.attendeesErasedOn } : undefined;
  const subject = { kind: 'meeting_attendance' as const, unitId: state.recorded ? state.unitId : '', subjectId: command.recordId };
  return decideErasure(holder, command, subject);
}

function recordMeetingAttendance(
  command: Extract<MeetingCommand, { type: 'RecordMeetingAttendance' }>,
  state: MeetingState,
): MeetingEvent[] | DomainError {
  if (state.recorded) return DomainError.conflict('MEETING_ALREADY_RECORDED', '该会议的列席情况已登记。');
  if (command.heldOn > command.today) return DomainError.rule('MEETING_NOT_HELD', '会议举行后方可登记列席情况。');
  const { type: _command, today: _today, ...data } = command;
  return [{ type: 'interpretation.MeetingAttendanceRecorded', data }];
}

export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingState> = {
  initialState: initialMeetingState,
  evolve: evolveMeeting,
  decide: decideMeeting,
};

import type { MeetingAttendanceRecorded, ParticipationCataloguePublished } from '@gongkai/contracts';
import { DomainError, type Decider, type DomainEvent } from '@gongkai/platform/domain';

type Method = ParticipationCataloguePublished['items'][number]['methods'][number];

/** A unit's participation catalogue (公众参与事项目录): decision items, methods and channels; each publication is a new version. */
export type ParticipationCatalogueEvent = DomainEvent<'interpretation.ParticipationCataloguePublished', ParticipationCataloguePublished>;
export type ParticipationCatalogueCommand = {
  type: 'PublishParticipationCatalogue';
  unitId: string;
  items: { decisionItem: string; methods: Method[]; channels: string[] }[];
};
export const participationCatalogueStreamId = (unitId: string) => `interpretation.participation-catalogue-${unitId}`;

export const participationCatalogueDecider: Decider<ParticipationCatalogueCommand, ParticipationCatalogueEvent, { version: number }> = {
  initialState: { version: 0 },
  evolve: (_state, event) => ({ version: event.data.version }),
  decide: (command, state) => {
    const names = command.items.map((i) => i.decisionItem.trim());
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate) return DomainError.rule('DUPLICATE_DECISION_ITEM', `事项“${duplicate}”重复列出。`);
    return [
      {
        type: 'interpretation.ParticipationCataloguePublished',
        data: { unitId: command.unitId, version: state.version + 1, items: command.items },
      },
    ];
  },
};

/** Attendance at a government meeting (列席): stakeholders, citizen representatives, experts, media. */
export type MeetingEvent = DomainEvent<'interpretation.MeetingAttendanceRecorded', MeetingAttendanceRecorded>;
export type MeetingCommand = { type: 'RecordMeetingAttendance' } & MeetingAttendanceRecorded & { today: string };
export const meetingStreamId = (meetingId: string) => `interpretation.meeting-${meetingId}`;

export const meetingDecider: Decider<MeetingCommand, MeetingEvent, { recorded: boolean }> = {
  initialState: { recorded: false },
  evolve: () => ({ recorded: true }),
  decide: (command, state) => {
    if (state.recorded) return DomainError.conflict('MEETING_ALREADY_RECORDED', '该会议的列席情况已登记。');
    if (command.heldOn > command.today) return DomainError.rule('MEETING_NOT_HELD', '会议举行后方可登记列席情况。');
    const { type: _command, today: _today, ...data } = command;
    return [{ type: 'interpretation.MeetingAttendanceRecorded', data }];
  },
};

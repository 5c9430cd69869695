import { DomainError, type CommandContext, type CommandHandler } from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import { hearingStreamId, type HearingState } from '../domain/hearing';
import { hearingDecider, type HearingCommand } from '../domain/hearing.decide';
import { meetingStreamId, participationCatalogueStreamId } from '../domain/participation';
import {
  meetingDecider,
  participationCatalogueDecider,
  type MeetingCommand,
  type ParticipationCatalogueCommand,
} from '../domain/participation.decide';
import { actsForUnit, actsForUnitOf } from './authorize';
import { currentLimits } from './limits';

type HearingInput = Omit<Extract<HearingCommand, { type: 'ScheduleHearing' }>, 'type' | 'today'>;
type Materials = Extract<HearingCommand, { type: 'PublishHearingMaterials' }>['materials'];

const hearingNotFound = () => DomainError.notFound('HEARING_NOT_FOUND', '该听证会不存在。');
const unitOfHearing = (state: HearingState) => (state.status === 'none' ? null : state.scheduled.unitId);

/** Public participation in decisions: the participation catalogue, hearings and meeting attendance (列席). */
export class Participation {
  constructor(private readonly commands: CommandHandler) {}

  publishCatalogue(unitId: string, items: ParticipationCatalogueCommand['items'], context: CommandContext) {
    return this.commands.handle(
      participationCatalogueDecider,
      participationCatalogueStreamId(unitId),
      { type: 'PublishParticipationCatalogue', unitId, items },
      context,
      { authorize: actsForUnit(context.actor, unitId) },
    );
  }

  /** Schedules a hearing, or moves it (改期) while its materials are not out. */
  scheduleHearing(input: HearingInput, context: CommandContext) {
    return this.commands.handle(
      hearingDecider,
      hearingStreamId(input.hearingId),
      { type: 'ScheduleHearing', ...input, today: toShanghaiDate(context.now) },
      context,
      { authorize: actsForUnit(context.actor, input.unitId) },
    );
  }

  async publishHearingMaterials(hearingId: string, materials: Materials, context: CommandContext) {
    const limits = await currentLimits(this.commands);
    return this.commands.handle(
      hearingDecider,
      hearingStreamId(hearingId),
      {
        type: 'PublishHearingMaterials',
        materials,
        today: toShanghaiDate(context.now),
        minimumDaysBefore: limits.hearingMaterialsDaysBefore,
      },
      context,
      { authorize: actsForUnitOf(context.actor, unitOfHearing, hearingNotFound) },
    );
  }

  recordMeeting(input: Omit<Extract<MeetingCommand, { type: 'RecordMeetingAttendance' }>, 'type' | 'today'>, context: CommandContext) {
    return this.commands.handle(
      meetingDecider,
      meetingStreamId(input.meetingId),
      { type: 'RecordMeetingAttendance', ...input, today: toShanghaiDate(context.now) },
      context,
      { authorize: actsForUnit(context.actor, input.unitId) },
    );
  }
}

import { DomainError, type Decider } from '@gongkai/platform/domain';
import { calendarDaysBetween } from './dates';
import { evolveHearing, initialHearingState, type HearingEvent, type HearingState } from './hearing';

export type HearingCommand =
  | { type: 'ScheduleHearing'; hearingId: string; unitId: string; title: string; heldOn: string; consultationId?: string; today: string }
  | { type: 'PublishHearingMaterials'; materials: { title: string; reference: string }[]; today: string; minimumDaysBefore: number };

type Command<T extends HearingCommand['type']> = Extract<HearingCommand, { type: T }>;

/** Scheduling again before the materials are out moves the hearing (改期). */
function scheduleHearing(command: Command<'ScheduleHearing'>, state: HearingState): HearingEvent[] | DomainError {
  if (state.status === 'materials_published') return DomainError.conflict('HEARING_MATERIALS_PUBLISHED', '听证材料已公布，不能再改期。');
  if (command.heldOn <= command.today) return DomainError.rule('HEARING_IN_PAST', '听证会日期应晚于今天。');
  const { type: _command, today: _today, ...scheduled } = command;
  return [{ type: 'interpretation.HearingScheduled', data: scheduled }];
}

function publishHearingMaterials(command: Command<'PublishHearingMaterials'>, state: HearingState): HearingEvent[] | DomainError {
  if (state.status === 'none') return DomainError.notFound('HEARING_NOT_FOUND', '该听证会不存在。');
  if (state.status === 'materials_published') return DomainError.conflict('HEARING_MATERIALS_PUBLISHED', '听证材料已公布。');
  const daysBefore = calendarDaysBetween(command.today, state.scheduled.heldOn);
  if (daysBefore < command.minimumDaysBefore) {
    return DomainError.rule(
      'HEARING_MATERIALS_TOO_LATE',
      `听证材料应在听证会举行 ${command.minimumDaysBefore} 日前公布；距 ${state.scheduled.heldOn} 举行仅剩 ${daysBefore} 日，请将听证会改期。`,
      { daysBefore, minimumDaysBefore: command.minimumDaysBefore },
    );
  }
  const { hearingId, unitId, heldOn } = state.scheduled;
  return [
    {
      type: 'interpretation.HearingMaterialsPublished',
      data: {
        hearingId,
        unitId,
        materials: command.materials,
        publishedOn: command.today,
        heldOn,
        daysBefore,
        minimumDaysBefore: command.minimumDaysBefore,
      },
    },
  ];
}

export const hearingDecider: Decider<HearingCommand, HearingEvent, HearingState> = {
  initialState: initialHearingState,
  evolve: evolveHearing,
  decide: (command, state) =>
    command.type === 'ScheduleHearing' ? scheduleHearing(command, state) : publishHearingMaterials(command, state),
};

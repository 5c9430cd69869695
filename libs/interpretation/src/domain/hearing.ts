import type { HearingMaterialsPublished, HearingScheduled } from '@gongkai/contracts';
import { DomainError, type Decider, type DomainEvent } from '@gongkai/platform/domain';
import { calendarDaysBetween } from './dates';

/** A hearing (听证会): its materials are published at least N days before it is held. */
export type HearingEvent =
  | DomainEvent<'interpretation.HearingScheduled', HearingScheduled>
  | DomainEvent<'interpretation.HearingMaterialsPublished', HearingMaterialsPublished>;
export type HearingState = { status: 'none' } | { status: 'scheduled' | 'materials_published'; scheduled: HearingScheduled };
export type HearingCommand =
  | { type: 'ScheduleHearing'; hearingId: string; unitId: string; title: string; heldOn: string; consultationId?: string; today: string }
  | { type: 'PublishHearingMaterials'; materials: { title: string; reference: string }[]; today: string; minimumDaysBefore: number };

export const hearingStreamId = (hearingId: string) => `interpretation.hearing-${hearingId}`;

export const hearingDecider: Decider<HearingCommand, HearingEvent, HearingState> = {
  initialState: { status: 'none' },
  evolve: (state, event) =>
    event.type === 'interpretation.HearingScheduled'
      ? { status: 'scheduled', scheduled: event.data }
      : state.status === 'none'
        ? state
        : { ...state, status: 'materials_published' },
  decide: (command, state) => {
    if (command.type === 'ScheduleHearing') {
      if (state.status === 'materials_published')
        return DomainError.conflict('HEARING_MATERIALS_PUBLISHED', '听证材料已公布，不能再改期。');
      if (command.heldOn <= command.today) return DomainError.rule('HEARING_IN_PAST', '听证会日期应晚于今天。');
      const { type: _command, today: _today, ...scheduled } = command;
      return [{ type: 'interpretation.HearingScheduled', data: scheduled }];
    }
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
  },
};

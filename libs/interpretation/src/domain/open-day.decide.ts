import { DomainError, type Decider } from '@gongkai/platform/domain';
import { calendarDaysBetween } from './dates';
import { evolveOpenDay, initialOpenDayState, type OpenDayEvent, type OpenDayState } from './open-day';
import { decideErasure, maskName, type ErasePersonalData } from './personal-data';

export type OpenDayCommand =
  | {
      type: 'AnnounceOpenDay';
      openDayId: string;
      unitId: string;
      title: string;
      description: string;
      heldOn: string;
      capacity: number;
      today: string;
      minimumNoticeDays: number;
    }
  | {
      type: 'RegisterForOpenDay';
      registrationId: string;
      /** As given: the event carries its masked form in clear and the full name sealed (crypto-shredding). */
      name: string;
      /** As given: sealed in the event. */
      contact: string;
      /** HMAC of the normalised contact scoped to this open day (computed outside the domain: it needs the key). */
      contactDigest: string;
      /** The key subject of the sealed fields (`interpretation.registrant/<ref>`). */
      personalDataRef: string;
      today: string;
    }
  | { type: 'PublishOpenDaySummary'; summary: string; attendance: number; today: string }
  /** Records the erasure of a registrant's name and contact (the HTTP layer deletes the document after). */
  | ErasePersonalData;

type Command<T extends OpenDayCommand['type']> = Extract<OpenDayCommand, { type: T }>;
type Existing = Exclude<OpenDayState, { status: 'none' }>;

function announceOpenDay(command: Command<'AnnounceOpenDay'>, state: OpenDayState): OpenDayEvent[] | DomainError {
  if (state.status !== 'none') return DomainError.conflict('OPEN_DAY_EXISTS', '该开放日活动已发布。');
  const noticeDays = calendarDaysBetween(command.today, command.heldOn);
  if (noticeDays < command.minimumNoticeDays) {
    return DomainError.rule(
      'OPEN_DAY_NOTICE_TOO_SHORT',
      `政府开放日应至少提前 ${command.minimumNoticeDays} 日公告；${command.heldOn} 举行的活动仅提前 ${noticeDays} 日。`,
      { noticeDays, minimumNoticeDays: command.minimumNoticeDays },
    );
  }
  const { type: _command, today, minimumNoticeDays, ...announced } = command;
  return [{ type: 'interpretation.OpenDayAnnounced', data: { ...announced, announcedOn: today, noticeDays, minimumNoticeDays } }];
}

function registerForOpenDay(command: Command<'RegisterForOpenDay'>, state: Existing): OpenDayEvent[] | DomainError {
  const { openDayId, heldOn, capacity } = state.announced;
  if (command.today >= heldOn) return DomainError.rule('OPEN_DAY_REGISTRATION_CLOSED', `报名已于活动前一日（${heldOn} 之前）截止。`);
  if (state.registrations.some((r) => r.registrationId === command.registrationId)) return [];
  if (state.registrations.length >= capacity) return DomainError.rule('OPEN_DAY_FULL', `名额已满（共 ${capacity} 人）。`);
  // A contact already registered records nothing, and is answered as a first registration is: the
  // answer must not tell anyone whether that contact signed up (issue 16.7). Registrations recorded
  // before v2 have no digest (their contact was dropped on upcast) and match nothing.
  if (state.registrations.some((r) => r.contactDigest !== null && r.contactDigest === command.contactDigest)) return [];
  const { registrationId, name, contact, contactDigest, personalDataRef, today } = command;
  const { unitId } = state.announced;
  return [
    {
      type: 'interpretation.OpenDayRegistrationAccepted',
      data: {
        openDayId,
        unitId,
        registrationId,
        displayName: maskName(name),
        contactDigest,
        personalDataRef,
        name,
        contact,
        registeredOn: today,
      },
    },
  ];
}

function publishOpenDaySummary(command: Command<'PublishOpenDaySummary'>, state: Existing): OpenDayEvent[] | DomainError {
  const { openDayId, heldOn, unitId } = state.announced;
  if (state.status === 'summarised') return DomainError.conflict('OPEN_DAY_SUMMARY_PUBLISHED', '活动总结已发布。');
  if (command.today < heldOn) return DomainError.rule('OPEN_DAY_NOT_HELD', `活动于 ${heldOn} 举行后方可发布总结。`);
  return [
    {
      type: 'interpretation.OpenDaySummaryPublished',
      data: {
        openDayId,
        unitId,
        heldOn,
        year: Number(heldOn.slice(0, 4)),
        summary: command.summary,
        attendance: command.attendance,
        registrations: state.registrations.length,
      },
    },
  ];
}

export function decideOpenDay(command: OpenDayCommand, state: OpenDayState): OpenDayEvent[] | DomainError {
  if (command.type === 'AnnounceOpenDay') return announceOpenDay(command, state);
  if (state.status === 'none') return DomainError.notFound('OPEN_DAY_NOT_FOUND', '该开放日活动不存在。');
  switch (command.type) {
    case 'RegisterForOpenDay':
      return registerForOpenDay(command, state);
    case 'ErasePersonalData': {
      // Allowed before and after the day: erasure does not free the place, and the contact digest (in the event) still counts.
      const { openDayId, unitId } = state.announced;
      return decideErasure(
        state.registrations.find((r) => r.registrationId === command.recordId),
        command,
        { kind: 'open_day_registration', unitId, subjectId: openDayId },
      );
    }
    case 'PublishOpenDaySummary':
      return publishOpenDaySummary(command, state);
  }
}

export const openDayDecider: Decider<OpenDayCommand, OpenDayEvent, OpenDayState> = {
  initialState: initialOpenDayState,
  evolve: evolveOpenDay,
  decide: decideOpenDay,
};

import { v7 as uuidv7 } from 'uuid';
import { DomainError, type CommandContext, type CommandHandler } from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import { openDayStreamId, type OpenDayState } from '../domain/open-day';
import { openDayDecider, type OpenDayCommand } from '../domain/open-day.decide';
import { actsForUnit, actsForUnitOf } from './authorize';
import { currentLimits } from './limits';
import { contactDigest, withPersonalData, type PersonalDataRecord, type PersonalDataStore } from './personal-data';

type Command<T extends OpenDayCommand['type']> = Extract<OpenDayCommand, { type: T }>;

const notFound = () => DomainError.notFound('OPEN_DAY_NOT_FOUND', '该开放日活动不存在。');
const unitOf = (state: OpenDayState) => (state.status === 'none' ? null : state.announced.unitId);

/** Government open days (政府开放日): announcement, citizens' registrations (personal data kept apart), the summary. */
export class OpenDays {
  constructor(
    private readonly commands: CommandHandler,
    private readonly personalData: PersonalDataStore,
    private readonly personalDataKey: Buffer,
  ) {}

  async announce(input: Omit<Command<'AnnounceOpenDay'>, 'type' | 'today' | 'minimumNoticeDays'>, context: CommandContext) {
    const limits = await currentLimits(this.commands);
    return this.commands.handle(
      openDayDecider,
      openDayStreamId(input.openDayId),
      { type: 'AnnounceOpenDay', ...input, today: toShanghaiDate(context.now), minimumNoticeDays: limits.openDayNoticeDays },
      context,
      { authorize: actsForUnit(context.actor, input.unitId) },
    );
  }

  /** A citizen's registration: name and contact to the personal-data store, a masked name and the contact's digest to the event. */
  async register(
    openDayId: string,
    input: { name: string; contact: string },
    context: CommandContext,
  ): Promise<{ registrationId: string }> {
    const { state } = await this.commands.load(openDayDecider, openDayStreamId(openDayId));
    const unitId = unitOf(state);
    if (unitId === null) throw notFound();
    const registrationId = uuidv7();
    const record: PersonalDataRecord = {
      refId: uuidv7(),
      kind: 'open_day_registration',
      unitId,
      subjectId: openDayId,
      recordId: registrationId,
      name: input.name,
      contact: input.contact,
      createdAt: context.now,
    };
    const digest = contactDigest(this.personalDataKey, `open-day:${openDayId}`, input.contact);
    const result = await withPersonalData(this.personalData, record, () =>
      this.commands.handle(
        openDayDecider,
        openDayStreamId(openDayId),
        {
          type: 'RegisterForOpenDay',
          registrationId,
          name: input.name,
          contactDigest: digest,
          personalDataRef: record.refId,
          today: toShanghaiDate(context.now),
        },
        context,
      ),
    );
    // A contact already registered recorded nothing (answered as a first registration): its second copy of the personal data goes.
    if (result.events.length === 0) await this.personalData.erase(record.refId);
    return { registrationId };
  }

  publishSummary(openDayId: string, input: Omit<Command<'PublishOpenDaySummary'>, 'type' | 'today'>, context: CommandContext) {
    return this.commands.handle(
      openDayDecider,
      openDayStreamId(openDayId),
      { type: 'PublishOpenDaySummary', ...input, today: toShanghaiDate(context.now) },
      context,
      { authorize: actsForUnitOf(context.actor, unitOf, notFound) },
    );
  }
}

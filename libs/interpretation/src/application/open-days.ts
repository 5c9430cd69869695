import { v7 as uuidv7 } from 'uuid';
import { DomainError, type CommandContext, type CommandHandler } from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import { openDayStreamId, type OpenDayState } from '../domain/open-day';
import { openDayDecider, type OpenDayCommand } from '../domain/open-day.decide';
import { actsForUnit, actsForUnitOf } from './authorize';
import { currentLimits } from './limits';
import { contactDigest } from './personal-data';

type Command<T extends OpenDayCommand['type']> = Extract<OpenDayCommand, { type: T }>;

const notFound = () => DomainError.notFound('OPEN_DAY_NOT_FOUND', '该开放日活动不存在。');
const unitOf = (state: OpenDayState) => (state.status === 'none' ? null : state.announced.unitId);

/** Government open days (政府开放日): announcement, citizens' registrations (personal data kept apart), the summary. */
export class OpenDays {
  constructor(
    private readonly commands: CommandHandler,
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

  /**
   * A citizen's registration: the event keeps a masked name and the contact's digest in clear, the name
   * and contact sealed with the key of a new data subject (`personalDataRef`, crypto-shredding).
   */
  async register(
    openDayId: string,
    input: { name: string; contact: string },
    context: CommandContext,
  ): Promise<{ registrationId: string }> {
    const { state } = await this.commands.load(openDayDecider, openDayStreamId(openDayId));
    if (unitOf(state) === null) throw notFound();
    const registrationId = uuidv7();
    const digest = contactDigest(this.personalDataKey, `open-day:${openDayId}`, input.contact);
    // A contact already registered records nothing (answered as a first registration): nothing sealed, no key left behind.
    await this.commands.handle(
      openDayDecider,
      openDayStreamId(openDayId),
      {
        type: 'RegisterForOpenDay',
        registrationId,
        name: input.name,
        contact: input.contact,
        contactDigest: digest,
        personalDataRef: uuidv7(),
        today: toShanghaiDate(context.now),
      },
      context,
    );
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

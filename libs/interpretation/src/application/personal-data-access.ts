import type { PersonalDataErased } from '@gongkai/contracts';
import {
  asTyped,
  DomainError,
  unitActionError,
  type CommandContext,
  type CommandHandler,
  type Logger,
  type Principal,
  type TypedEnvelope,
} from '@gongkai/platform';
import { toShanghaiDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { consultationStreamId } from '../domain/consultation';
import { consultationDecider } from '../domain/consultation.decide';
import { openDayStreamId } from '../domain/open-day';
import { openDayDecider } from '../domain/open-day.decide';
import { personalDataReadError, type ErasePersonalData } from '../domain/personal-data';
import type { PersonalDataRecord, PersonalDataStore } from './personal-data';

const refuse = (error: DomainError | null): void => {
  if (error) throw error;
};

/**
 * Citizens' personal data (个人信息) of comments and open-day registrations: read by the owning
 * unit's staff only, every read logged; erased as a decision recorded in the consultation's or open
 * day's stream (`interpretation.PersonalDataErased`), then deleted from the store.
 */
export class PersonalDataAccess {
  constructor(
    private readonly store: PersonalDataStore,
    private readonly commands: CommandHandler,
    private readonly calendar: WorkingDayCalendar,
    private readonly logger: Logger,
  ) {}

  private async find(refId: string): Promise<PersonalDataRecord> {
    const record = await this.store.get(refId);
    if (!record) throw DomainError.notFound('PERSONAL_DATA_NOT_FOUND', '该个人信息不存在或已删除。');
    return record;
  }

  async read(refId: string, principal: Principal): Promise<PersonalDataRecord> {
    const record = await this.find(refId);
    refuse(personalDataReadError(principal, record.unitId));
    this.logger.info({ refId, unitId: record.unitId, userId: principal.userId }, 'personal data read');
    return record;
  }

  /** The registrants of an open day, for its unit's staff to contact them. */
  async registrants(openDayId: string, principal: Principal): Promise<PersonalDataRecord[]> {
    const { state } = await this.commands.load(openDayDecider, openDayStreamId(openDayId));
    if (state.status === 'none') throw DomainError.notFound('OPEN_DAY_NOT_FOUND', '该开放日活动不存在。');
    refuse(personalDataReadError(principal, state.announced.unitId));
    this.logger.info({ openDayId, unitId: state.announced.unitId, userId: principal.userId }, 'open-day registrants read');
    return this.store.list('open_day_registration', openDayId);
  }

  /**
   * The event first, then the document: an erasure is never done unrecorded, and a failure after the
   * append (a crash before the delete) leaves a recorded erasure whose document a repeated call
   * deletes, without a second event (the decider refuses it as PERSONAL_DATA_ALREADY_ERASED, which
   * here means "recorded already: finish it"). Deleting first would risk an erasure nobody can audit.
   */
  async erase(refId: string, reason: string, context: CommandContext): Promise<{ erasedOn: string; revision?: number }> {
    const record = await this.find(refId);
    refuse(unitActionError(context.actor, record.unitId));
    const { erasedOn, recorded, revision } = await this.recordErasure(record, reason, context);
    await this.store.erase(refId);
    const { userId, role } = context.actor;
    this.logger.info({ refId, kind: record.kind, unitId: record.unitId, userId, role, recorded }, 'personal data erased');
    return revision === undefined ? { erasedOn } : { erasedOn, revision };
  }

  /** Appends PersonalDataErased to the subject's stream; `recorded: false` (no revision) when an earlier call already had. */
  private async recordErasure(
    record: PersonalDataRecord,
    reason: string,
    context: CommandContext,
  ): Promise<{ erasedOn: string; recorded: boolean; revision?: number }> {
    const command: ErasePersonalData = {
      type: 'ErasePersonalData',
      refId: record.refId,
      recordId: record.recordId,
      reason,
      today: toShanghaiDate(context.now),
    };
    try {
      const { events, revision } =
        record.kind === 'comment'
          ? await this.commands.handle(consultationDecider(this.calendar), consultationStreamId(record.subjectId), command, context)
          : await this.commands.handle(openDayDecider, openDayStreamId(record.subjectId), command, context);
      const erased = events
        .map((event) => asTyped<TypedEnvelope<'interpretation.PersonalDataErased', PersonalDataErased>>(event))
        .find((event) => event.type === 'interpretation.PersonalDataErased');
      if (!erased) throw new Error(`no PersonalDataErased appended for ${record.refId}`);
      return { erasedOn: erased.data.erasedOn, recorded: true, revision };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'PERSONAL_DATA_ALREADY_ERASED')
        return { erasedOn: String(error.extensions.erasedOn), recorded: false };
      throw error;
    }
  }
}

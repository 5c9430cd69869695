import type { PersonalDataErased } from '@gongkai/contracts';
import {
  asTyped,
  DomainError,
  systemContext,
  unitActionError,
  type CommandContext,
  type CommandHandler,
  type Logger,
  type Principal,
  type TypedEnvelope,
} from '@gongkai/platform';
import { addCalendarDays, toShanghaiDate, type LocalDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { consultationStreamId } from '../domain/consultation';
import { consultationDecider } from '../domain/consultation.decide';
import { openDayStreamId } from '../domain/open-day';
import { openDayDecider } from '../domain/open-day.decide';
import { meetingStreamId } from '../domain/participation';
import { meetingDecider } from '../domain/participation.decide';
import { personalDataReadError, type ErasePersonalData } from '../domain/personal-data';
import type { ConsultationsProjection } from '../read-models/consultations.projection';
import type { OpenDaysProjection } from '../read-models/open-days.projection';
import type { PersonalDataRecord, PersonalDataStore } from './personal-data';

/** One erasure by the retention job. */
export interface RetentionErasure {
  refId: string;
  kind: PersonalDataRecord['kind'];
  erasedOn: string;
  retentionEndedOn: string;
}

/** The reason the retention job records (the category is `retention`). */
export const RETENTION_REASON = '个人信息保存期限届满，由系统自动删除';

const refuse = (error: DomainError | null): void => {
  if (error) throw error;
};

/**
 * Citizens' personal data (个人信息) of comments and open-day registrations: read by the owning
 * unit's staff only, every read logged; erased as a decision recorded in the consultation's or open
 * day's stream (`interpretation.PersonalDataErased`), then its subject's key is deleted
 * (crypto-shredding) — on request, or by the retention job when the period ends.
 */
export class PersonalDataAccess {
  constructor(
    private readonly store: PersonalDataStore,
    private readonly commands: CommandHandler,
    private readonly calendar: WorkingDayCalendar,
    private readonly logger: Logger,
    private readonly activities: { consultations: ConsultationsProjection; openDays: OpenDaysProjection },
    private readonly retentionDays: number,
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
   * The event first, then the key: an erasure is never done unrecorded, and a failure after the
   * append (a crash before the key is deleted) leaves a recorded erasure that a repeated call
   * finishes, without a second event (the decider refuses it as PERSONAL_DATA_ALREADY_ERASED, which
   * here means "recorded already: finish it"). Deleting first would risk an erasure nobody can audit.
   */
  async erase(refId: string, reason: string, context: CommandContext): Promise<{ erasedOn: string; revision?: number }> {
    // A comment's or registration's reference, or a meeting's id (its attendees, erased together).
    const record = (await this.store.forErasure(refId)) ?? (await this.meetingAttendees(refId));
    if (!record) throw DomainError.notFound('PERSONAL_DATA_NOT_FOUND', '该个人信息不存在或已删除。');
    refuse(unitActionError(context.actor, record.unitId));
    const { erasedOn, recorded, revision } = await this.recordErasure(record, { reason }, context);
    await this.store.erase(record);
    const { userId, role } = context.actor;
    this.logger.info({ refId, kind: record.kind, unitId: record.unitId, userId, role, recorded }, 'personal data erased');
    return revision === undefined ? { erasedOn } : { erasedOn, revision };
  }

  /**
   * The retention job (个人信息保护法 Arts. 19, 47): every commenter or registrant whose period
   * (INTERPRETATION_PERSONAL_DATA_RETENTION_DAYS after the consultation's adoption was published, or it
   * closed, or after the open day was held) ended before `now` is erased by the system, recorded with
   * the category `retention` and the day the period ended. Keys a restored key-store backup brought
   * back for people already erased are deleted again. Returns what it erased.
   */
  async eraseExpired(now: Date = new Date()): Promise<RetentionErasure[]> {
    const today = toShanghaiDate(now);
    const reshredded = await this.store.shredRestoredKeys();
    if (reshredded.length > 0)
      this.logger.warn({ subjects: reshredded.length }, 'erased personal data keys deleted again (restored backup)');
    const erased: RetentionErasure[] = [];
    for (const record of [...(await this.store.living()), ...(await this.meetingsWithAttendees())]) {
      const from = await this.retentionStartsOn(record);
      if (!from) continue;
      const endsOn = addCalendarDays(from as LocalDate, this.retentionDays);
      if (endsOn >= today) continue;
      const context = systemContext('interpretation.personal-data-retention', null, now);
      const what = { reason: RETENTION_REASON, ground: 'retention' as const, retentionEndedOn: endsOn };
      const { erasedOn, recorded } = await this.recordErasure(record, what, context);
      await this.store.erase(record);
      if (recorded) erased.push({ refId: record.refId, kind: record.kind, erasedOn, retentionEndedOn: endsOn });
    }
    return erased;
  }

  /**
   * The meetings whose attendees' names are sealed with a living key, as records for the job (their
   * names stay sealed); a meeting whose erasure is recorded has its key deleted again (a restored backup).
   */
  private async meetingsWithAttendees(): Promise<PersonalDataRecord[]> {
    const records: PersonalDataRecord[] = [];
    for (const meetingId of await this.store.livingSubjects('meeting_attendance')) {
      const record = await this.meetingAttendees(meetingId);
      if (record?.erasedOn) await this.store.erase(record);
      else if (record) records.push(record);
    }
    return records;
  }

  /**
   * A meeting's attendees as one record (`createdAt` = the day it was held), with the day their
   * erasure was recorded; null when the meeting is unknown, or erased and its key gone already.
   */
  private async meetingAttendees(meetingId: string): Promise<(PersonalDataRecord & { erasedOn: string | null }) | null> {
    const { state } = await this.commands.load(meetingDecider, meetingStreamId(meetingId));
    if (!state.recorded) return null;
    const subject = { kind: 'meeting_attendance' as const, refId: meetingId };
    if (state.attendeesErasedOn && !(await this.store.hasLivingKey(subject))) return null;
    const { unitId, heldOn, attendeesErasedOn } = state;
    return {
      ...subject,
      unitId,
      subjectId: meetingId,
      recordId: meetingId,
      name: null,
      contact: null,
      createdAt: heldOn,
      erasedOn: attendeesErasedOn,
    };
  }

  /** The day the retention period runs from: the consultation's adoption (or its close), the open day, the meeting; null while it has not come. */
  private async retentionStartsOn(record: PersonalDataRecord): Promise<string | null> {
    if (record.kind === 'meeting_attendance') return record.createdAt; // the day the meeting was held
    if (record.kind === 'comment') {
      const consultation = await this.activities.consultations.get(record.subjectId);
      return consultation ? (consultation.adoption?.publishedOn ?? consultation.closesOn) : null;
    }
    return (await this.activities.openDays.get(record.subjectId))?.heldOn ?? null;
  }

  /** Appends PersonalDataErased to the subject's stream; `recorded: false` (no revision) when an earlier call already had. */
  private async recordErasure(
    record: PersonalDataRecord,
    what: Pick<ErasePersonalData, 'reason' | 'ground' | 'retentionEndedOn'>,
    context: CommandContext,
  ): Promise<{ erasedOn: string; recorded: boolean; revision?: number }> {
    const command: ErasePersonalData = {
      type: 'ErasePersonalData',
      refId: record.refId,
      recordId: record.recordId,
      ...what,
      today: toShanghaiDate(context.now),
    };
    try {
      const { events, revision } =
        record.kind === 'comment'
          ? await this.commands.handle(consultationDecider(this.calendar), consultationStreamId(record.subjectId), command, context)
          : record.kind === 'meeting_attendance'
            ? await this.commands.handle(meetingDecider, meetingStreamId(record.subjectId), command, context)
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

import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { PersonalDataErased } from '@gongkai/contracts';
import {
  assertActsForUnit,
  CommandHandler,
  commandContext,
  DomainError,
  jsonSchemaOf,
  LOGGER,
  parseInput,
  Roles,
  setRevision,
  UNIT_STAFF_ROLES,
  type Logger,
  type Principal,
} from '@gongkai/platform';
import { defaultWorkingDayCalendar } from '@gongkai/working-days';
import { PersonalDataStore, type PersonalDataRecord } from '../application/personal-data';
import { consultationStreamId } from '../domain/consultation';
import { consultationDecider } from '../domain/consultation.decide';
import { openDayDecider, openDayStreamId } from '../domain/open-day';
import type { ErasePersonalData } from '../domain/personal-data';
import { erasePersonalDataBody } from './schemas';
import { STAFF, today, type StaffRequest } from './support';

/** Reading is for the staff of the owning unit only (they moderate and contact): not the district office, not auditors. */
function assertStaffOfUnit(principal: Principal, unitId: string): void {
  if (UNIT_STAFF_ROLES.includes(principal.role) && principal.unitId === unitId) return;
  throw DomainError.forbidden('OTHER_UNIT', `个人信息仅限单位 ${unitId} 的工作人员查阅。`);
}

/**
 * Citizens' personal data (个人信息) of comments and open-day registrations: kept outside the event
 * log, read through these endpoints only, and erasable. Events keep a masked name, a contact HMAC
 * and the reference, so they stay valid after an erasure; the erasure itself is a decision, recorded
 * as `interpretation.PersonalDataErased` in the consultation's or open day's stream.
 */
@ApiTags('interpretation: 个人信息')
@ApiBearerAuth()
@Controller('api/interpretation')
export class PersonalDataController {
  constructor(
    private readonly personalData: PersonalDataStore,
    private readonly commands: CommandHandler,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private async find(refId: string): Promise<PersonalDataRecord> {
    const record = await this.personalData.get(refId);
    if (!record) throw DomainError.notFound('PERSONAL_DATA_NOT_FOUND', '该个人信息不存在或已删除。');
    return record;
  }

  @Get('personal-data/:refId')
  @Roles(...STAFF)
  @ApiOperation({ summary: '查阅意见提出人或开放日报名者的个人信息（仅限所属单位工作人员）' })
  async get(@Param('refId') refId: string, @Req() request: StaffRequest) {
    const record = await this.find(refId);
    assertStaffOfUnit(request.principal, record.unitId);
    this.logger.info({ refId, unitId: record.unitId, userId: request.principal.userId }, 'personal data read');
    return record;
  }

  @Get('open-days/:openDayId/registrants')
  @Roles(...STAFF)
  @ApiOperation({ summary: '开放日报名者名单（姓名、联系方式；仅限主办单位工作人员，用于联系报名者）' })
  async registrants(@Param('openDayId') openDayId: string, @Req() request: StaffRequest) {
    const { state } = await this.commands.load(openDayDecider, openDayStreamId(openDayId));
    if (state.status === 'none') throw DomainError.notFound('OPEN_DAY_NOT_FOUND', '该开放日活动不存在。');
    assertStaffOfUnit(request.principal, state.announced.unitId);
    this.logger.info({ openDayId, unitId: state.announced.unitId, userId: request.principal.userId }, 'open-day registrants read');
    return this.personalData.list('open_day_registration', openDayId);
  }

  /**
   * The event first, then the document: an erasure is never done unrecorded, and a failure after the
   * append (a crash before the delete) leaves a recorded erasure whose document a repeated call
   * deletes, without a second event (the decider refuses it as PERSONAL_DATA_ALREADY_ERASED, which
   * here means "recorded already: finish it"). Deleting first would risk an erasure nobody can audit.
   */
  @Delete('personal-data/:refId')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ summary: '删除个人信息（所属单位或区政务公开办；须说明理由，记为“删除个人信息”事件；事件中仅保留隐去后的姓名）' })
  @ApiBody({ schema: jsonSchemaOf(erasePersonalDataBody) })
  async erase(
    @Param('refId') refId: string,
    @Body() raw: unknown,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ refId: string; erasedOn: string; revision?: number }> {
    // Express 5 leaves the body undefined when none was sent: still a field error on `reason`.
    const { reason } = parseInput(erasePersonalDataBody, raw ?? {});
    const record = await this.find(refId);
    assertActsForUnit(request.principal, record.unitId);
    const { erasedOn, recorded, revision } = await this.recordErasure(record, reason, request);
    await this.personalData.erase(refId);
    this.logger.info(
      { refId, kind: record.kind, unitId: record.unitId, userId: request.principal.userId, role: request.principal.role, recorded },
      'personal data erased',
    );
    if (revision === undefined) return { refId, erasedOn };
    // As every command answers: the revision of the consultation's or open day's stream it wrote.
    setRevision(response, revision);
    return { refId, erasedOn, revision };
  }

  /** Appends PersonalDataErased to the subject's stream; `recorded: false` (no revision) when an earlier call already had. */
  private async recordErasure(
    record: PersonalDataRecord,
    reason: string,
    request: StaffRequest,
  ): Promise<{ erasedOn: string; recorded: boolean; revision?: number }> {
    const context = commandContext(request);
    const command: ErasePersonalData = {
      type: 'ErasePersonalData',
      refId: record.refId,
      recordId: record.recordId,
      reason,
      today: today(new Date(context.now)),
    };
    try {
      const { events, revision } =
        record.kind === 'comment'
          ? await this.commands.handle(
              consultationDecider(defaultWorkingDayCalendar()),
              consultationStreamId(record.subjectId),
              command,
              context,
            )
          : await this.commands.handle(openDayDecider, openDayStreamId(record.subjectId), command, context);
      const erased = events.find((e) => e.type === 'interpretation.PersonalDataErased');
      if (!erased) throw new Error(`no PersonalDataErased appended for ${record.refId}`);
      return { erasedOn: (erased.data as PersonalDataErased).erasedOn, recorded: true, revision };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'PERSONAL_DATA_ALREADY_ERASED')
        return { erasedOn: String(error.extensions.erasedOn), recorded: false };
      throw error;
    }
  }
}

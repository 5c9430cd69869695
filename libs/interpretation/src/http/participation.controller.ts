import { Body, Controller, Get, Inject, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import {
  assertActsForUnit,
  assertReadsUnit,
  CommandHandler,
  commandContext,
  DomainError,
  jsonSchemaOf,
  parseInput,
  Public,
  PublicSubmission,
  Roles,
  setRevision,
  ZodPipe,
} from '@gongkai/platform';
import { defaultWorkingDayCalendar } from '@gongkai/working-days';
import {
  contactDigest,
  INTERPRETATION_SETTINGS,
  PersonalDataStore,
  type InterpretationSettings,
  type PersonalDataRecord,
} from '../application/personal-data';
import { consultationStreamId } from '../domain/consultation';
import { consultationDecider, type ConsultationCommand } from '../domain/consultation.decide';
import { hearingDecider, hearingStreamId } from '../domain/hearing';
import { openDayDecider, openDayStreamId } from '../domain/open-day';
import { meetingDecider, meetingStreamId, participationCatalogueDecider, participationCatalogueStreamId } from '../domain/participation';
import { villageDecider, villageStreamId } from '../domain/village';
import { ConsultationsProjection, publicConsultation, staffComment } from '../read-models/consultations.projection';
import { maskPersonalData } from '../domain/personal-data';
import { OpenDaysProjection, publicOpenDay } from '../read-models/open-days.projection';
import { ParticipationCataloguesProjection } from '../read-models/participation-catalogues.projection';
import { VillagePostingsProjection } from '../read-models/village-postings.projection';
import {
  adoptionBody,
  announceOpenDayBody,
  commentBody,
  hearingMaterialsBody,
  meetingBody,
  moderateBody,
  openConsultationBody,
  openDayRegistrationBody,
  openDaysQuery,
  openDaySummaryBody,
  participationCatalogueBody,
  scheduleHearingBody,
  villageCommitteeBody,
  villagePostingBody,
  villagePostingsQuery,
} from './schemas';
import { answer, currentLimits, STAFF, today, type StaffRequest } from './support';

@ApiTags('interpretation: 公众参与、政府开放日、村(居)务公开')
@ApiBearerAuth()
@Controller('api/interpretation')
export class ParticipationController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly consultations: ConsultationsProjection,
    private readonly catalogues: ParticipationCataloguesProjection,
    private readonly openDays: OpenDaysProjection,
    private readonly villages: VillagePostingsProjection,
    private readonly personalData: PersonalDataStore,
    @Inject(INTERPRETATION_SETTINGS) private readonly settings: InterpretationSettings,
  ) {}

  /**
   * Personal data first, then the event. The event is the irreversible part (append-only, hashed,
   * relayed to the whole cluster): appended first, a failed personal-data write would leave an
   * accepted comment or registration whose person nobody can contact, fixable only by a
   * compensating event. Written first, a refused or failed append leaves a document no event
   * refers to, which is deleted at once; should that delete fail too (a crash in between), the
   * orphan is unpublished and recognisable (its refId is in no event).
   */
  private async withPersonalData<T>(record: PersonalDataRecord | null, append: () => Promise<T>): Promise<T> {
    if (record) await this.personalData.put(record);
    try {
      return await append();
    } catch (error) {
      if (record) await this.personalData.erase(record.refId);
      throw error;
    }
  }

  // ── participation catalogue ──
  @Put('participation-catalogues/:unitId')
  @Roles(...STAFF)
  @ApiOperation({ summary: '发布本单位公众参与事项目录（事项、方式、渠道）' })
  @ApiBody({ schema: jsonSchemaOf(participationCatalogueBody) })
  async publishCatalogue(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(participationCatalogueBody)) body: z.infer<typeof participationCatalogueBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, unitId);
    const result = await this.commands.handle(
      participationCatalogueDecider,
      participationCatalogueStreamId(unitId),
      { type: 'PublishParticipationCatalogue', unitId, items: body.items },
      commandContext(request),
    );
    return answer(response, result.revision, { unitId, version: result.state.version });
  }

  @Get('participation-catalogues/:unitId')
  @Public()
  @ApiOperation({ summary: '公众参与事项目录（公开）' })
  async catalogue(@Param('unitId') unitId: string) {
    const catalogue = await this.catalogues.get(unitId);
    if (!catalogue) throw DomainError.notFound('PARTICIPATION_CATALOGUE_NOT_FOUND', `单位 ${unitId} 尚未发布公众参与事项目录。`);
    return catalogue;
  }

  // ── consultations ──
  private async consultationCommand(
    consultationId: string,
    request: StaffRequest,
    response: Response,
    command: ConsultationCommand,
    status = 200,
  ) {
    const result = await this.commands.handle(
      consultationDecider(defaultWorkingDayCalendar()),
      consultationStreamId(consultationId),
      command,
      commandContext(request),
    );
    return answer(response, result.revision, { consultationId }, status);
  }

  private async unitOfConsultation(consultationId: string): Promise<string> {
    const { state } = await this.commands.load(consultationDecider(defaultWorkingDayCalendar()), consultationStreamId(consultationId));
    if (state.status === 'none') throw DomainError.notFound('CONSULTATION_NOT_FOUND', '该征求意见不存在。');
    return state.opened.unitId;
  }

  @Post('consultations')
  @Roles(...STAFF)
  @ApiOperation({ summary: '发布草案征求意见（重大行政决策不少于30日，规范性文件不少于7个工作日；缩短须说明理由）' })
  @ApiBody({ schema: jsonSchemaOf(openConsultationBody) })
  async openConsultation(
    @Body(new ZodPipe(openConsultationBody)) body: z.infer<typeof openConsultationBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, body.unitId);
    const limits = await currentLimits(this.commands);
    return this.consultationCommand(
      body.consultationId,
      request,
      response,
      { type: 'OpenConsultation', ...body, today: today(), limits },
      201,
    );
  }

  @Post('consultations/:consultationId/comments')
  @PublicSubmission('TOO_MANY_COMMENTS')
  @ApiOperation({ summary: '公众提交意见（经审核后公开；个人信息不公开；限频）' })
  @ApiBody({ schema: jsonSchemaOf(commentBody) })
  async comment(
    @Param('consultationId') consultationId: string,
    @Body() raw: unknown,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = parseInput(commentBody, raw);
    const commentId = uuidv7();
    const unitId = await this.unitOfConsultation(consultationId);
    const name = body.commenterName || null;
    const contact = body.contact || null;
    const masked = maskPersonalData(body.content);
    const personal = name || contact || masked !== body.content;
    const record: PersonalDataRecord | null = personal
      ? {
          refId: uuidv7(),
          kind: 'comment',
          unitId,
          subjectId: consultationId,
          recordId: commentId,
          name,
          contact,
          ...(masked !== body.content ? { originalContent: body.content } : {}),
          createdAt: new Date().toISOString(),
        }
      : null;
    const command: ConsultationCommand = {
      type: 'SubmitComment',
      commentId,
      content: body.content,
      ...(name ? { commenterName: name } : {}),
      contactDigest: contact ? contactDigest(this.settings.personalDataKey, `consultation:${consultationId}`, contact) : null,
      personalDataRef: record?.refId ?? null,
      today: today(),
    };
    await this.withPersonalData(record, () => this.consultationCommand(consultationId, request, response, command, 201));
    return { consultationId, commentId, message: '您的意见已提交，经审核后公开。' };
  }

  @Post('consultations/:consultationId/comments/:commentId/moderation')
  @Roles(...STAFF)
  @ApiOperation({ summary: '审核公众意见' })
  @ApiBody({ schema: jsonSchemaOf(moderateBody) })
  async moderate(
    @Param('consultationId') consultationId: string,
    @Param('commentId') commentId: string,
    @Body(new ZodPipe(moderateBody)) body: z.infer<typeof moderateBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, await this.unitOfConsultation(consultationId));
    return this.consultationCommand(consultationId, request, response, { type: 'ModerateComment', commentId, ...body });
  }

  @Post('consultations/:consultationId/adoption')
  @Roles(...STAFF)
  @ApiOperation({ summary: '公布意见采纳情况（征求意见截止后）' })
  @ApiBody({ schema: jsonSchemaOf(adoptionBody) })
  async adoption(
    @Param('consultationId') consultationId: string,
    @Body(new ZodPipe(adoptionBody)) body: z.infer<typeof adoptionBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, await this.unitOfConsultation(consultationId));
    return this.consultationCommand(consultationId, request, response, { type: 'PublishAdoption', ...body, today: today() });
  }

  @Get('consultations')
  @Public()
  @ApiOperation({ summary: '征求意见列表（公开）' })
  async listConsultations() {
    return (await this.consultations.list()).map(publicConsultation);
  }

  @Get('consultations/moderation-due')
  @Roles(...STAFF)
  @ApiOperation({ summary: '本单位待审核的公众意见：每个征求意见的待审核条数（工作台）' })
  async moderationDue(@Query('unitId') unitId: string | undefined, @Req() request: StaffRequest) {
    const unit = unitId ?? request.principal.unitId;
    if (!unit) throw DomainError.validation('UNIT_REQUIRED', '请指定单位（unitId）。');
    assertActsForUnit(request.principal, unit);
    return (await this.consultations.list())
      .filter((c) => c.unitId === unit && !c.adoption)
      .map((c) => ({
        consultationId: c.consultationId,
        title: c.title,
        closesOn: c.closesOn,
        pending: c.comments.filter((x) => x.status === 'pending').length,
      }))
      .filter((c) => c.pending > 0);
  }

  @Get('consultations/:consultationId')
  @Public()
  @ApiOperation({ summary: '征求意见详情：已审核的意见（隐去个人信息）和采纳情况（公开）' })
  async consultation(@Param('consultationId') consultationId: string, @Res({ passthrough: true }) response: Response) {
    const view = await this.consultations.get(consultationId);
    if (!view) throw DomainError.notFound('CONSULTATION_NOT_FOUND', '该征求意见不存在。');
    // As the consultation's commands answer (moderation, adoption, erasure): the console knows when
    // this view, and the staff list of comments read from the same document, include its last write.
    setRevision(response, view.revision);
    return publicConsultation(view);
  }

  @Get('consultations/:consultationId/comments')
  @Roles(...STAFF, 'auditor')
  @ApiOperation({ summary: '全部意见（含待审核，供本单位审核）' })
  async comments(@Param('consultationId') consultationId: string, @Req() request: StaffRequest) {
    const view = await this.consultations.get(consultationId);
    if (!view) throw DomainError.notFound('CONSULTATION_NOT_FOUND', '该征求意见不存在。');
    assertReadsUnit(request.principal, view.unitId);
    return view.comments.map(staffComment);
  }

  // ── hearings and meetings ──
  @Post('hearings')
  @Roles(...STAFF)
  @ApiOperation({ summary: '安排（或改期）听证会' })
  @ApiBody({ schema: jsonSchemaOf(scheduleHearingBody) })
  async scheduleHearing(
    @Body(new ZodPipe(scheduleHearingBody)) body: z.infer<typeof scheduleHearingBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, body.unitId);
    const result = await this.commands.handle(
      hearingDecider,
      hearingStreamId(body.hearingId),
      { type: 'ScheduleHearing', ...body, today: today() },
      commandContext(request),
    );
    return answer(response, result.revision, { hearingId: body.hearingId }, 201);
  }

  @Post('hearings/:hearingId/materials')
  @Roles(...STAFF)
  @ApiOperation({ summary: '公布听证材料（听证会7日前）' })
  @ApiBody({ schema: jsonSchemaOf(hearingMaterialsBody) })
  async hearingMaterials(
    @Param('hearingId') hearingId: string,
    @Body(new ZodPipe(hearingMaterialsBody)) body: z.infer<typeof hearingMaterialsBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { state } = await this.commands.load(hearingDecider, hearingStreamId(hearingId));
    if (state.status === 'none') throw DomainError.notFound('HEARING_NOT_FOUND', '该听证会不存在。');
    assertActsForUnit(request.principal, state.scheduled.unitId);
    const limits = await currentLimits(this.commands);
    const result = await this.commands.handle(
      hearingDecider,
      hearingStreamId(hearingId),
      { type: 'PublishHearingMaterials', materials: body.materials, today: today(), minimumDaysBefore: limits.hearingMaterialsDaysBefore },
      commandContext(request),
    );
    return answer(response, result.revision, { hearingId });
  }

  @Post('meetings')
  @Roles(...STAFF)
  @ApiOperation({ summary: '登记会议列席情况（利益相关方、群众代表、专家、媒体）' })
  @ApiBody({ schema: jsonSchemaOf(meetingBody) })
  async meeting(
    @Body(new ZodPipe(meetingBody)) body: z.infer<typeof meetingBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, body.unitId);
    const result = await this.commands.handle(
      meetingDecider,
      meetingStreamId(body.meetingId),
      { type: 'RecordMeetingAttendance', ...body, today: today() },
      commandContext(request),
    );
    return answer(response, result.revision, { meetingId: body.meetingId }, 201);
  }

  // ── open days ──
  @Post('open-days')
  @Roles(...STAFF)
  @ApiOperation({ summary: '发布政府开放日活动（至少提前15日）' })
  @ApiBody({ schema: jsonSchemaOf(announceOpenDayBody) })
  async announceOpenDay(
    @Body(new ZodPipe(announceOpenDayBody)) body: z.infer<typeof announceOpenDayBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, body.unitId);
    const limits = await currentLimits(this.commands);
    const result = await this.commands.handle(
      openDayDecider,
      openDayStreamId(body.openDayId),
      { type: 'AnnounceOpenDay', ...body, today: today(), minimumNoticeDays: limits.openDayNoticeDays },
      commandContext(request),
    );
    return answer(response, result.revision, { openDayId: body.openDayId }, 201);
  }

  @Post('open-days/:openDayId/registrations')
  @PublicSubmission('TOO_MANY_REGISTRATIONS')
  @ApiOperation({ summary: '公众报名政府开放日（限频）' })
  @ApiBody({ schema: jsonSchemaOf(openDayRegistrationBody) })
  async registerForOpenDay(
    @Param('openDayId') openDayId: string,
    @Body() raw: unknown,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = parseInput(openDayRegistrationBody, raw);
    const { state } = await this.commands.load(openDayDecider, openDayStreamId(openDayId));
    if (state.status === 'none') throw DomainError.notFound('OPEN_DAY_NOT_FOUND', '该开放日活动不存在。');
    const registrationId = uuidv7();
    const record: PersonalDataRecord = {
      refId: uuidv7(),
      kind: 'open_day_registration',
      unitId: state.announced.unitId,
      subjectId: openDayId,
      recordId: registrationId,
      name: body.name,
      contact: body.contact,
      createdAt: new Date().toISOString(),
    };
    const digest = contactDigest(this.settings.personalDataKey, `open-day:${openDayId}`, body.contact);
    await this.withPersonalData(record, () =>
      this.commands.handle(
        openDayDecider,
        openDayStreamId(openDayId),
        {
          type: 'RegisterForOpenDay',
          registrationId,
          name: body.name,
          contactDigest: digest,
          personalDataRef: record.refId,
          today: today(),
        },
        commandContext(request),
      ),
    );
    response.status(201);
    return { openDayId, registrationId };
  }

  @Post('open-days/:openDayId/summary')
  @Roles(...STAFF)
  @ApiOperation({ summary: '发布开放日活动总结' })
  @ApiBody({ schema: jsonSchemaOf(openDaySummaryBody) })
  async openDaySummary(
    @Param('openDayId') openDayId: string,
    @Body(new ZodPipe(openDaySummaryBody)) body: z.infer<typeof openDaySummaryBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { state } = await this.commands.load(openDayDecider, openDayStreamId(openDayId));
    if (state.status === 'none') throw DomainError.notFound('OPEN_DAY_NOT_FOUND', '该开放日活动不存在。');
    assertActsForUnit(request.principal, state.announced.unitId);
    const result = await this.commands.handle(
      openDayDecider,
      openDayStreamId(openDayId),
      { type: 'PublishOpenDaySummary', ...body, today: today() },
      commandContext(request),
    );
    return answer(response, result.revision, { openDayId });
  }

  @Get('open-days')
  @Public()
  @ApiOperation({ summary: '政府开放日列表：已发布和已举行的活动及其总结（公开；不含报名者个人信息）' })
  @ApiQuery({ name: 'unitId', required: false })
  @ApiQuery({ name: 'year', required: false, description: '举行年份' })
  async listOpenDays(@Query() raw: unknown) {
    const query = parseInput(openDaysQuery, raw);
    const now = today();
    return (await this.openDays.list(query)).map((day) => publicOpenDay(day, now));
  }

  @Get('open-days/statistics')
  @Public()
  @ApiOperation({ summary: '各单位每年政府开放日次数、参加人数（公开）' })
  @ApiQuery({ name: 'unitId', required: false })
  @ApiQuery({ name: 'year', required: false, description: '举行年份' })
  async openDayStatistics(@Query() raw: unknown) {
    return this.openDays.counts(parseInput(openDaysQuery, raw));
  }

  @Get('open-days/:openDayId')
  @Public()
  @ApiOperation({ summary: '开放日活动（公开；不含报名者个人信息）' })
  async openDay(@Param('openDayId') openDayId: string, @Res({ passthrough: true }) response: Response) {
    const day = await this.openDays.get(openDayId);
    if (!day) throw DomainError.notFound('OPEN_DAY_NOT_FOUND', '该开放日活动不存在。');
    // As the open day's commands answer: the client knows when this view includes its last write.
    setRevision(response, day.revision);
    return publicOpenDay(day, today());
  }

  // ── village and community affairs ──
  @Post('villages')
  @Roles(...STAFF)
  @ApiOperation({ summary: '登记村(居)委会（由所属镇街登记）' })
  @ApiBody({ schema: jsonSchemaOf(villageCommitteeBody) })
  async registerVillage(
    @Body(new ZodPipe(villageCommitteeBody)) body: z.infer<typeof villageCommitteeBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, body.townUnitId);
    const result = await this.commands.handle(
      villageDecider,
      villageStreamId(body.committeeId),
      { type: 'RegisterVillageCommittee', ...body },
      commandContext(request),
    );
    return answer(response, result.revision, { committeeId: body.committeeId }, 201);
  }

  @Post('villages/:committeeId/postings')
  @Roles(...STAFF)
  @ApiOperation({ summary: '登记村(居)务公开（一般事项按季度，财务按月（如设定），重大事项随时）' })
  @ApiBody({ schema: jsonSchemaOf(villagePostingBody) })
  async villagePosting(
    @Param('committeeId') committeeId: string,
    @Body(new ZodPipe(villagePostingBody)) body: z.infer<typeof villagePostingBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { state } = await this.commands.load(villageDecider, villageStreamId(committeeId));
    if (state.status === 'none') throw DomainError.notFound('COMMITTEE_NOT_FOUND', '该村(居)委会尚未登记。');
    assertActsForUnit(request.principal, state.committee.townUnitId);
    const limits = await currentLimits(this.commands);
    const result = await this.commands.handle(
      villageDecider,
      villageStreamId(committeeId),
      { type: 'RecordVillagePosting', ...body, today: today(), limits },
      commandContext(request),
    );
    return answer(response, result.revision, { committeeId, posting: result.events[0]?.data });
  }

  @Get('towns/:townUnitId/village-postings')
  @Roles(...STAFF, 'auditor')
  @ApiOperation({ summary: '本镇街所辖村(居)委会的公开安排、已公开事项和逾期未公开情况（截至 asOf，默认今天）' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD' })
  async townVillagePostings(@Param('townUnitId') townUnitId: string, @Query() raw: unknown, @Req() request: StaffRequest) {
    assertReadsUnit(request.principal, townUnitId);
    const { asOf = today() } = parseInput(villagePostingsQuery, raw);
    return this.villages.report(townUnitId, asOf, await currentLimits(this.commands));
  }
}

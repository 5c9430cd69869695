import { Body, Controller, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import {
  assertActsForUnit,
  assertReadsUnit,
  commandContext,
  DomainError,
  jsonSchemaOf,
  parseInput,
  Public,
  PublicSubmission,
  READER_ROLES,
  requestTime,
  Roles,
  setRevision,
  STAFF_ROLES,
  ZodPipe,
  type AuthenticatedRequest,
} from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import { Consultations } from '../application/consultations';
import { OpenDays } from '../application/open-days';
import { Participation } from '../application/participation';
import { Villages } from '../application/villages';
import { ConsultationsProjection, publicConsultation, staffComment } from '../read-models/consultations.projection';
import { OpenDaysProjection, publicOpenDay } from '../read-models/open-days.projection';
import { ParticipationCataloguesProjection } from '../read-models/participation-catalogues.projection';
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
import { answer } from './support';

const today = (request: AuthenticatedRequest) => toShanghaiDate(requestTime(request));

@ApiTags('interpretation: 公众参与、政府开放日、村(居)务公开')
@ApiBearerAuth()
@Controller('api/interpretation')
export class ParticipationController {
  constructor(
    private readonly participation: Participation,
    private readonly consultationService: Consultations,
    private readonly openDayService: OpenDays,
    private readonly villageService: Villages,
    private readonly consultations: ConsultationsProjection,
    private readonly catalogues: ParticipationCataloguesProjection,
    private readonly openDays: OpenDaysProjection,
  ) {}

  // ── participation catalogue ──
  @Put('participation-catalogues/:unitId')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '发布本单位公众参与事项目录（事项、方式、渠道）' })
  @ApiBody({ schema: jsonSchemaOf(participationCatalogueBody) })
  async publishCatalogue(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(participationCatalogueBody)) body: z.infer<typeof participationCatalogueBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.participation.publishCatalogue(unitId, body.items, commandContext(request));
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
  @Post('consultations')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '发布草案征求意见（重大行政决策不少于30日，规范性文件不少于7个工作日；缩短须说明理由）' })
  @ApiBody({ schema: jsonSchemaOf(openConsultationBody) })
  async openConsultation(
    @Body(new ZodPipe(openConsultationBody)) body: z.infer<typeof openConsultationBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.consultationService.open(body, commandContext(request));
    return answer(response, result.revision, { consultationId: body.consultationId }, 201);
  }

  @Post('consultations/:consultationId/comments')
  @PublicSubmission('TOO_MANY_COMMENTS')
  @ApiOperation({ summary: '公众提交意见（经审核后公开；个人信息不公开；限频）' })
  @ApiBody({ schema: jsonSchemaOf(commentBody) })
  async comment(
    @Param('consultationId') consultationId: string,
    @Body() raw: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = parseInput(commentBody, raw);
    const { commentId, revision } = await this.consultationService.comment(consultationId, body, commandContext(request));
    // As every command answers (ETag, 201), with the citizen's message instead of the revision in the body.
    setRevision(response, revision);
    response.status(201);
    return { consultationId, commentId, message: '您的意见已提交，经审核后公开。' };
  }

  @Post('consultations/:consultationId/comments/:commentId/moderation')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '审核公众意见' })
  @ApiBody({ schema: jsonSchemaOf(moderateBody) })
  async moderate(
    @Param('consultationId') consultationId: string,
    @Param('commentId') commentId: string,
    @Body(new ZodPipe(moderateBody)) body: z.infer<typeof moderateBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.consultationService.moderate(consultationId, { commentId, ...body }, commandContext(request));
    return answer(response, result.revision, { consultationId });
  }

  @Post('consultations/:consultationId/adoption')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '公布意见采纳情况（征求意见截止后）' })
  @ApiBody({ schema: jsonSchemaOf(adoptionBody) })
  async adoption(
    @Param('consultationId') consultationId: string,
    @Body(new ZodPipe(adoptionBody)) body: z.infer<typeof adoptionBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.consultationService.publishAdoption(consultationId, body, commandContext(request));
    return answer(response, result.revision, { consultationId });
  }

  @Get('consultations')
  @Public()
  @ApiOperation({ summary: '征求意见列表（公开）' })
  async listConsultations() {
    return (await this.consultations.list()).map(publicConsultation);
  }

  @Get('consultations/moderation-due')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '本单位待审核的公众意见：每个征求意见的待审核条数（工作台）' })
  async moderationDue(@Query('unitId') unitId: string | undefined, @Req() request: AuthenticatedRequest) {
    const unit = unitId ?? request.principal.unitId;
    if (!unit) throw DomainError.validation('UNIT_REQUIRED', '请指定单位（unitId）。');
    assertActsForUnit(request.principal, unit);
    return this.consultations.moderationDue(unit);
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
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '全部意见（含待审核，供本单位审核）' })
  async comments(@Param('consultationId') consultationId: string, @Req() request: AuthenticatedRequest) {
    const view = await this.consultations.get(consultationId);
    if (!view) throw DomainError.notFound('CONSULTATION_NOT_FOUND', '该征求意见不存在。');
    assertReadsUnit(request.principal, view.unitId);
    return view.comments.map(staffComment);
  }

  // ── hearings and meetings ──
  @Post('hearings')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '安排（或改期）听证会' })
  @ApiBody({ schema: jsonSchemaOf(scheduleHearingBody) })
  async scheduleHearing(
    @Body(new ZodPipe(scheduleHearingBody)) body: z.infer<typeof scheduleHearingBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.participation.scheduleHearing(body, commandContext(request));
    return answer(response, result.revision, { hearingId: body.hearingId }, 201);
  }

  @Post('hearings/:hearingId/materials')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '公布听证材料（听证会7日前）' })
  @ApiBody({ schema: jsonSchemaOf(hearingMaterialsBody) })
  async hearingMaterials(
    @Param('hearingId') hearingId: string,
    @Body(new ZodPipe(hearingMaterialsBody)) body: z.infer<typeof hearingMaterialsBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.participation.publishHearingMaterials(hearingId, body.materials, commandContext(request));
    return answer(response, result.revision, { hearingId });
  }

  @Post('meetings')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '登记会议列席情况（利益相关方、群众代表、专家、媒体）' })
  @ApiBody({ schema: jsonSchemaOf(meetingBody) })
  async meeting(
    @Body(new ZodPipe(meetingBody)) body: z.infer<typeof meetingBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.participation.recordMeeting(body, commandContext(request));
    return answer(response, result.revision, { meetingId: body.meetingId }, 201);
  }

  // ── open days ──
  @Post('open-days')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '发布政府开放日活动（至少提前15日）' })
  @ApiBody({ schema: jsonSchemaOf(announceOpenDayBody) })
  async announceOpenDay(
    @Body(new ZodPipe(announceOpenDayBody)) body: z.infer<typeof announceOpenDayBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.openDayService.announce(body, commandContext(request));
    return answer(response, result.revision, { openDayId: body.openDayId }, 201);
  }

  @Post('open-days/:openDayId/registrations')
  @PublicSubmission('TOO_MANY_REGISTRATIONS')
  @ApiOperation({ summary: '公众报名政府开放日（限频）' })
  @ApiBody({ schema: jsonSchemaOf(openDayRegistrationBody) })
  async registerForOpenDay(
    @Param('openDayId') openDayId: string,
    @Body() raw: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = parseInput(openDayRegistrationBody, raw);
    const { registrationId } = await this.openDayService.register(openDayId, body, commandContext(request));
    response.status(201);
    return { openDayId, registrationId };
  }

  @Post('open-days/:openDayId/summary')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '发布开放日活动总结' })
  @ApiBody({ schema: jsonSchemaOf(openDaySummaryBody) })
  async openDaySummary(
    @Param('openDayId') openDayId: string,
    @Body(new ZodPipe(openDaySummaryBody)) body: z.infer<typeof openDaySummaryBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.openDayService.publishSummary(openDayId, body, commandContext(request));
    return answer(response, result.revision, { openDayId });
  }

  @Get('open-days')
  @Public()
  @ApiOperation({ summary: '政府开放日列表：已发布和已举行的活动及其总结（公开；不含报名者个人信息）' })
  @ApiQuery({ name: 'unitId', required: false })
  @ApiQuery({ name: 'year', required: false, description: '举行年份' })
  async listOpenDays(@Query() raw: unknown, @Req() request: AuthenticatedRequest) {
    return this.openDays.publicList(parseInput(openDaysQuery, raw), today(request));
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
  async openDay(
    @Param('openDayId') openDayId: string,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const day = await this.openDays.get(openDayId);
    if (!day) throw DomainError.notFound('OPEN_DAY_NOT_FOUND', '该开放日活动不存在。');
    // As the open day's commands answer: the client knows when this view includes its last write.
    setRevision(response, day.revision);
    return publicOpenDay(day, today(request));
  }

  // ── village and community affairs ──
  @Post('villages')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '登记村(居)委会（由所属镇街登记）' })
  @ApiBody({ schema: jsonSchemaOf(villageCommitteeBody) })
  async registerVillage(
    @Body(new ZodPipe(villageCommitteeBody)) body: z.infer<typeof villageCommitteeBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.villageService.register(body, commandContext(request));
    return answer(response, result.revision, { committeeId: body.committeeId }, 201);
  }

  @Post('villages/:committeeId/postings')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '登记村(居)务公开（一般事项按季度，财务按月（如设定），重大事项随时）' })
  @ApiBody({ schema: jsonSchemaOf(villagePostingBody) })
  async villagePosting(
    @Param('committeeId') committeeId: string,
    @Body(new ZodPipe(villagePostingBody)) body: z.infer<typeof villagePostingBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.villageService.recordPosting(committeeId, body, commandContext(request));
    return answer(response, result.revision, { committeeId, posting: result.events[0]?.data });
  }

  @Get('towns/:townUnitId/village-postings')
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '本镇街所辖村(居)委会的公开安排、已公开事项和逾期未公开情况（截至 asOf，默认今天）' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD' })
  async townVillagePostings(@Param('townUnitId') townUnitId: string, @Query() raw: unknown, @Req() request: AuthenticatedRequest) {
    assertReadsUnit(request.principal, townUnitId);
    const { asOf = today(request) } = parseInput(villagePostingsQuery, raw);
    return this.villageService.townReport(townUnitId, asOf);
  }
}

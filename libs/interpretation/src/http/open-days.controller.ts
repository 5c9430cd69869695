import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  type AuthenticatedRequest,
  CachedRead,
  commandContext,
  DomainError,
  jsonSchemaOf,
  parseInput,
  Public,
  PublicSubmission,
  Roles,
  setRevision,
  STAFF_ROLES,
  ZodPipe,
} from '@gongkai/platform';
import { OpenDays } from '../application/open-days';
import { OpenDaysProjection, publicOpenDay } from '../read-models/open-days.projection';
import { announceOpenDayBody, openDayRegistrationBody, openDaysPageQuery, openDaysQuery, openDaySummaryBody } from './schemas';
import { answer, beijingToday } from './support';
import { pageOf, Returns, ReturnsPage } from '@gongkai/platform';
import { openDayRegistrationViewSchema, publicOpenDayViewSchema, someListSchema } from '@gongkai/contracts';

/** Government open days (政府开放日): announcement, citizens' registrations, the summary, the public list and counts. */
@ApiTags('interpretation: 公众参与、政府开放日、村(居)务公开')
@ApiBearerAuth()
@Controller('api/interpretation')
export class OpenDaysController {
  constructor(
    private readonly openDayService: OpenDays,
    private readonly openDays: OpenDaysProjection,
  ) {}

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
  @Returns(openDayRegistrationViewSchema)
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
  @HttpCode(200)
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
  @ReturnsPage(publicOpenDayViewSchema, { query: openDaysPageQuery })
  @Public()
  @CachedRead('interpretation')
  @ApiOperation({
    summary: '政府开放日列表：已发布和已举行的活动及其总结（公开；不含报名者个人信息；分页，总数见 X-Total-Count）；year：举行年份',
  })
  async listOpenDays(@Query() raw: unknown, @Req() request: AuthenticatedRequest) {
    const { page, pageSize, ...filter } = parseInput(openDaysPageQuery, raw);
    return pageOf(await this.openDays.publicList(filter, beijingToday(request)), { page, pageSize });
  }

  @Get('open-days/statistics')
  @Returns(someListSchema, { query: openDaysQuery, bounded: 'one row per unit of the district' })
  @Public()
  @CachedRead('interpretation')
  @ApiOperation({ summary: '各单位每年政府开放日次数、参加人数（公开）' })
  @ApiQuery({ name: 'unitId', required: false })
  @ApiQuery({ name: 'year', required: false, description: '举行年份' })
  async openDayStatistics(@Query() raw: unknown) {
    return this.openDays.counts(parseInput(openDaysQuery, raw));
  }

  @Get('open-days/:openDayId')
  @Returns(publicOpenDayViewSchema)
  @Public()
  @CachedRead('interpretation')
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
    return publicOpenDay(day, beijingToday(request));
  }
}

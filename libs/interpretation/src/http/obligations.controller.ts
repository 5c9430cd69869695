import { Body, Controller, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import {
  assertActsForUnit,
  CommandHandler,
  commandContext,
  DomainError,
  jsonSchemaOf,
  Public,
  Roles,
  setRevision,
  ZodPipe,
} from '@gongkai/platform';
import { defaultWorkingDayCalendar } from '@gongkai/working-days';
import { interpretationDueOn, obligationStreamId } from '../domain/obligation';
import { obligationDecider, type ObligationCommand } from '../domain/obligation.decide';
import { settingsDecider, SETTINGS_STREAM_ID } from '../domain/settings';
import { PoliciesProjection, portalView, type PolicyView } from '../read-models/policies.projection';
import { limitsBody, materialBody, planBody, publishInterpretationBody } from './schemas';
import { answer, currentLimits, DISTRICT, STAFF, today, type StaffRequest } from './support';

/**
 * The due date as the decider will judge it at publication: counted from the issue with today's
 * calendar, which may know a holiday arrangement the stored date was computed without, and marked
 * provisional while it falls in a year whose arrangement is not yet published (ADR 0009).
 */
function withCurrentDueDate<T extends PolicyView>(policy: T): T {
  if (!policy.obligation || policy.interpretation) return policy;
  const calendar = defaultWorkingDayCalendar();
  const dueOn = interpretationDueOn(calendar, policy.issuedOn, policy.obligation.limitWorkingDays);
  return { ...policy, obligation: { ...policy.obligation, dueOn, dueOnProvisional: calendar.isProvisional(dueOn) } };
}

@ApiTags('interpretation: 政策解读')
@ApiBearerAuth()
@Controller('api/interpretation')
export class ObligationsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly policies: PoliciesProjection,
  ) {}

  private async command(documentId: string, request: StaffRequest, response: Response, command: ObligationCommand) {
    const policy = await this.policies.get(documentId);
    if (!policy?.obligation) throw DomainError.notFound('OBLIGATION_NOT_FOUND', `文件 ${documentId} 没有解读任务。`);
    assertActsForUnit(request.principal, policy.unitId);
    const result = await this.commands.handle(
      obligationDecider(defaultWorkingDayCalendar()),
      obligationStreamId(documentId),
      command,
      commandContext(request),
    );
    return answer(response, result.revision, { documentId, events: result.events.map((e) => ({ type: e.type, data: e.data })) });
  }

  @Get('obligations')
  @Roles(...STAFF, 'auditor')
  @ApiOperation({ summary: '解读任务列表（本单位；区政府办公室可看全部）' })
  async obligations(@Query('unitId') unitId: string | undefined, @Req() request: StaffRequest) {
    const scope =
      request.principal.unitId && !['district_office', 'admin', 'auditor'].includes(request.principal.role)
        ? request.principal.unitId
        : unitId;
    return (await this.policies.list({ unitId: scope })).map(withCurrentDueDate);
  }

  @Get('obligations/:documentId')
  @Roles(...STAFF, 'auditor')
  @ApiOperation({ summary: '解读任务详情' })
  async obligation(@Param('documentId') documentId: string, @Res({ passthrough: true }) response: Response) {
    const policy = await this.policies.get(documentId);
    if (!policy) throw DomainError.notFound('OBLIGATION_NOT_FOUND', `文件 ${documentId} 没有解读任务。`);
    // As the obligation's commands answer: the client knows when this view includes its last write.
    setRevision(response, policy.revision);
    return withCurrentDueDate(policy);
  }

  @Put('obligations/:documentId/plan')
  @Roles(...STAFF)
  @ApiOperation({ summary: '制定解读方案' })
  @ApiBody({ schema: jsonSchemaOf(planBody) })
  plan(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(planBody)) body: z.infer<typeof planBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.command(documentId, request, response, { type: 'PlanInterpretation', ...body });
  }

  @Post('obligations/:documentId/materials')
  @Roles(...STAFF)
  @ApiOperation({ summary: '添加解读材料（简明问答、图表图解、音频视频、案例说明）' })
  @ApiBody({ schema: jsonSchemaOf(materialBody) })
  material(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(materialBody)) body: z.infer<typeof materialBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.command(documentId, request, response, { type: 'AddMaterial', ...body });
  }

  @Post('obligations/:documentId/sign-off')
  @Roles(...STAFF)
  @ApiOperation({ summary: '审签解读材料（须为签发政策文件的同一领导）' })
  signOff(@Param('documentId') documentId: string, @Req() request: StaffRequest, @Res({ passthrough: true }) response: Response) {
    return this.command(documentId, request, response, { type: 'SignOff', signedBy: request.principal.userId });
  }

  @Post('obligations/:documentId/publish')
  @Roles(...STAFF)
  @ApiOperation({ summary: '发布解读（超过时限记为逾期）' })
  @ApiBody({ schema: jsonSchemaOf(publishInterpretationBody) })
  publish(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(publishInterpretationBody)) body: z.infer<typeof publishInterpretationBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.command(documentId, request, response, { type: 'Publish', today: today(), channels: body.channels });
  }

  @Get('portal/policies')
  @Public()
  @ApiOperation({ summary: '门户：政策文件及其解读（公开）' })
  async portalPolicies() {
    return (await this.policies.list()).filter((p) => p.attribute === '主动公开').map(portalView);
  }

  @Get('portal/policies/:documentId')
  @Public()
  @ApiOperation({ summary: '门户：单个政策文件及其解读（公开）' })
  async portalPolicy(@Param('documentId') documentId: string) {
    const policy = await this.policies.get(documentId);
    if (!policy || policy.attribute !== '主动公开')
      throw DomainError.notFound('POLICY_NOT_FOUND', `政策文件 ${documentId} 不存在或未主动公开。`);
    return portalView(policy);
  }

  @Get('settings/limits')
  @Public()
  @ApiOperation({ summary: '解读回应、公众参与等时限设置（公开）' })
  limits() {
    return currentLimits(this.commands);
  }

  @Put('settings/limits')
  @Roles(...DISTRICT)
  @ApiOperation({ summary: '调整时限设置（区政府办公室）' })
  @ApiBody({ schema: jsonSchemaOf(limitsBody) })
  async configure(
    @Body(new ZodPipe(limitsBody)) body: z.infer<typeof limitsBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { reason, ...limits } = body;
    const result = await this.commands.handle(
      settingsDecider,
      SETTINGS_STREAM_ID,
      { type: 'ConfigureLimits', limits, reason },
      commandContext(request),
    );
    return answer(response, result.revision, { limits: result.state.limits });
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  commandContext,
  CurrentPrincipal,
  DISTRICT_ROLES,
  DomainError,
  jsonSchemaOf,
  Public,
  READER_ROLES,
  Roles,
  setRevision,
  STAFF_ROLES,
  ZodPipe,
  type AuthenticatedRequest,
  type CommandResult,
  type Principal,
} from '@gongkai/platform';
import { Obligations } from '../application/obligations';
import type { ObligationState } from '../domain/obligation';
import { PoliciesProjection, portalView } from '../read-models/policies.projection';
import { limitsBody, materialBody, planBody, policiesQuery, publishInterpretationBody, signOffBody, unitPageQuery } from './schemas';
import { answer } from './support';
import { pageOf, Returns, ReturnsPage, textMatcher } from '@gongkai/platform';
import { obligationStaffViewSchema, publicPolicyViewSchema, someObjectSchema } from '@gongkai/contracts';

@ApiTags('interpretation: 政策解读')
@ApiBearerAuth()
@Controller('api/interpretation')
export class ObligationsController {
  constructor(
    private readonly obligationService: Obligations,
    private readonly policies: PoliciesProjection,
  ) {}

  private async answerCommand(documentId: string, response: Response, command: Promise<CommandResult<ObligationState>>) {
    const result = await command;
    return answer(response, result.revision, { documentId, events: result.events.map((e) => ({ type: e.type, data: e.data })) });
  }

  @Get('obligations')
  @ReturnsPage(obligationStaffViewSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '解读任务列表（本单位；区政府办公室可看全部；分页，总数见 X-Total-Count）' })
  async obligations(@Query(new ZodPipe(unitPageQuery)) query: z.infer<typeof unitPageQuery>, @CurrentPrincipal() principal: Principal) {
    return pageOf(await this.obligationService.list(principal, query.unitId), query);
  }

  @Get('obligations/:documentId')
  @Returns(obligationStaffViewSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '解读任务详情' })
  async obligation(
    @Param('documentId') documentId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const policy = await this.obligationService.get(documentId, principal);
    if (!policy) throw DomainError.notFound('OBLIGATION_NOT_FOUND', `文件 ${documentId} 没有解读任务。`);
    // As the obligation's commands answer: the client knows when this view includes its last write.
    setRevision(response, policy.revision);
    return policy;
  }

  @Put('obligations/:documentId/plan')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '制定解读方案' })
  @ApiBody({ schema: jsonSchemaOf(planBody) })
  plan(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(planBody)) body: z.infer<typeof planBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answerCommand(documentId, response, this.obligationService.plan(documentId, body, commandContext(request)));
  }

  @Post('obligations/:documentId/materials')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '添加解读材料（简明问答、图表图解、音频视频、案例说明）' })
  @ApiBody({ schema: jsonSchemaOf(materialBody) })
  material(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(materialBody)) body: z.infer<typeof materialBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answerCommand(documentId, response, this.obligationService.addMaterial(documentId, body, commandContext(request)));
  }

  @Post('obligations/:documentId/sign-off')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '登记解读材料的审签（signer：签发人姓名，通常为签发政策文件的领导，无需为系统用户）' })
  @ApiBody({ schema: jsonSchemaOf(signOffBody) })
  signOff(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(signOffBody)) body: z.infer<typeof signOffBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answerCommand(documentId, response, this.obligationService.signOff(documentId, body.signer, commandContext(request)));
  }

  @Post('obligations/:documentId/publish')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '发布解读（超过时限记为逾期）' })
  @ApiBody({ schema: jsonSchemaOf(publishInterpretationBody) })
  publish(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(publishInterpretationBody)) body: z.infer<typeof publishInterpretationBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answerCommand(documentId, response, this.obligationService.publish(documentId, body.channels, commandContext(request)));
  }

  @Get('portal/policies')
  @ReturnsPage(publicPolicyViewSchema)
  @Public()
  @ApiOperation({ summary: '门户：政策文件及其解读（公开；q 全文检索标题和解读材料；分页，总数见 X-Total-Count）' })
  async portalPolicies(@Query(new ZodPipe(policiesQuery)) query: z.infer<typeof policiesQuery>) {
    const matches = textMatcher(query.q);
    const policies = (await this.policies.list())
      .filter((p) => p.attribute === '主动公开')
      .map(portalView)
      .filter((p) =>
        matches([p.title, ...p.interpretations.flatMap((i) => i.materials.flatMap((m) => [m.title, m.body ?? '']))].join(' ')),
      );
    return pageOf(policies, query);
  }

  @Get('portal/policies/:documentId')
  @Returns(publicPolicyViewSchema)
  @Public()
  @ApiOperation({ summary: '门户：单个政策文件及其解读（公开）' })
  async portalPolicy(@Param('documentId') documentId: string) {
    const policy = await this.policies.get(documentId);
    if (!policy || policy.attribute !== '主动公开')
      throw DomainError.notFound('POLICY_NOT_FOUND', `政策文件 ${documentId} 不存在或未主动公开。`);
    return portalView(policy);
  }

  @Get('settings/limits')
  @Returns(someObjectSchema)
  @Public()
  @ApiOperation({ summary: '解读回应、公众参与等时限设置（公开）' })
  limits() {
    return this.obligationService.limits();
  }

  @Put('settings/limits')
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '调整时限设置（区政府办公室）' })
  @ApiBody({ schema: jsonSchemaOf(limitsBody) })
  async configure(
    @Body(new ZodPipe(limitsBody)) body: z.infer<typeof limitsBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { reason, ...limits } = body;
    const result = await this.obligationService.configureLimits({ limits, reason }, commandContext(request));
    return answer(response, result.revision, { limits: result.state.limits });
  }
}

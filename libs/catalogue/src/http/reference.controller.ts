import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import {
  assertActsForUnit,
  assertReadsUnit,
  CommandHandler,
  commandContext,
  CurrentPrincipal,
  DISTRICT_READER_ROLES,
  DISTRICT_ROLES,
  jsonSchemaOf,
  parseInput,
  requestTime,
  Roles,
  setRevision,
  STAFF_ROLES,
  ZodPipe,
  type AuthenticatedRequest,
  type Principal,
} from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import { CatalogueSpreadsheets } from '../application/catalogue-import';
import { CatalogueReference } from '../application/reference';
import { readUpload, XLSX_MIME } from '../application/spreadsheet';
import { GUIDELINE_STREAM_ID } from '../domain/guideline';
import { guidelineDecider, type GuidelineCommand } from '../domain/guideline.decide';
import { REFERENCE_GUIDELINE_COMMAND } from '../domain/guidelines';
import { SAMPLE_GUIDELINE_COMMAND } from '../domain/sample-guidelines';
import { unitStreamId } from '../domain/unit';
import { unitDecider } from '../domain/unit.decide';
import { CatalogueGuidelinesProjection } from '../read-models/guidelines.projection';
import { CATALOGUE_EDITORS } from './access';
import { guidelineBody, matchDecisionBody, obligationBody, responsibleDomainsBody } from './catalogue.schemas';
import { Returns } from '@gongkai/platform';
import {
  districtCoverageViewSchema,
  guidelineVersionListSchema,
  matchDecisionResultSchema,
  matchProposalsViewSchema,
  milestonesViewSchema,
  someObjectSchema,
  unitCoverageViewSchema,
} from '@gongkai/contracts';

/** Reference data (guidelines, responsible domains), coverage, milestones and the embedding API. */
@ApiTags('catalogue: reference, coverage 指引与覆盖')
@ApiBearerAuth()
@Controller('api/catalogue')
export class ReferenceController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly reference: CatalogueReference,
    private readonly guidelines: CatalogueGuidelinesProjection,
    private readonly spreadsheets: CatalogueSpreadsheets,
  ) {}

  private async load(command: GuidelineCommand, request: AuthenticatedRequest, response: Response) {
    const result = await this.commands.handle(guidelineDecider, GUIDELINE_STREAM_ID, command, commandContext(request));
    setRevision(response, result.revision);
    response.status(201);
    return { version: result.state.version, revision: result.revision };
  }

  @Post('guidelines')
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '载入新版本标准指引（区政府办公室）' })
  @ApiBody({ schema: jsonSchemaOf(guidelineBody) })
  loadGuideline(
    @Body(new ZodPipe(guidelineBody)) body: z.infer<typeof guidelineBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.load({ type: 'LoadGuidelineVersion', ...body }, request, response);
  }

  @Post('guidelines/import')
  @Roles(...DISTRICT_ROLES)
  @ApiConsumes(XLSX_MIME)
  @ApiOperation({ summary: '从电子表格载入新版本标准指引（列：所属领域、指引事项编码、公开层级、一级事项、二级事项）' })
  async importGuideline(
    @Query('title') title: string | undefined,
    @Query('effectiveFrom') effectiveFrom: string | undefined,
    @Query('sample') sample: string | undefined,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const items = await this.spreadsheets.guidelineItems((maxBytes) => readUpload(request, maxBytes));
    const body = parseInput(guidelineBody, { title, effectiveFrom, sample: sample === 'true', items });
    return this.load({ type: 'LoadGuidelineVersion', ...body }, request, response);
  }

  @Post('guidelines/sample')
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '载入示例标准指引（标明“示例”）' })
  loadSample(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response) {
    return this.load(SAMPLE_GUIDELINE_COMMAND, request, response);
  }

  @Post('guidelines/reference')
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '载入有出处的标准指引（各行注明出处；未找到出处的领域保留“示例”数据）' })
  loadReference(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response) {
    // In force from the day it is loaded (Beijing date): it supersedes whatever version is current.
    return this.load({ ...REFERENCE_GUIDELINE_COMMAND, effectiveFrom: toShanghaiDate(requestTime(request)) }, request, response);
  }

  @Get('guidelines/versions')
  @Returns(guidelineVersionListSchema, { bounded: 'the versions of the national guideline (one a revision)' })
  @ApiOperation({ summary: '标准指引各版本' })
  versions() {
    return this.guidelines.versions();
  }

  @Put('units/:unitId/responsible-domains')
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '确定单位负责的试点领域' })
  @ApiBody({ schema: jsonSchemaOf(responsibleDomainsBody) })
  async assignDomains(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(responsibleDomainsBody)) body: z.infer<typeof responsibleDomainsBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command = { type: 'AssignResponsibleDomains' as const, ...body };
    const result = await this.commands.handle(unitDecider, unitStreamId(unitId), command, commandContext(request));
    setRevision(response, result.revision);
    return { unitId, revision: result.revision };
  }

  @Get('units/:unitId/coverage')
  @Returns(unitCoverageViewSchema)
  @ApiOperation({ summary: '单位目录对标准指引的覆盖情况' })
  coverage(@Param('unitId') unitId: string, @CurrentPrincipal() principal: Principal) {
    assertReadsUnit(principal, unitId);
    return this.reference.coverage(unitId);
  }

  @Get('units/:unitId/coverage/proposals')
  @Returns(matchProposalsViewSchema)
  @ApiOperation({ summary: '建议的指引事项对应（按名称和内容的词语相似度，含同义词；仅建议，未确认）' })
  matchProposals(@Param('unitId') unitId: string, @CurrentPrincipal() principal: Principal) {
    assertReadsUnit(principal, unitId);
    return this.reference.matchProposals(unitId);
  }

  @Post('units/:unitId/coverage/matches/confirm')
  @HttpCode(200)
  @Returns(matchDecisionResultSchema)
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({ summary: '确认公开事项与标准指引事项的对应（计入覆盖率和里程碑）' })
  @ApiBody({ schema: jsonSchemaOf(matchDecisionBody) })
  confirmMatch(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(matchDecisionBody)) body: z.infer<typeof matchDecisionBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.decideMatch(unitId, 'confirm', body, request, response);
  }

  @Post('units/:unitId/coverage/matches/reject')
  @HttpCode(200)
  @Returns(matchDecisionResultSchema)
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({ summary: '否决对应建议（不再建议该对应）' })
  @ApiBody({ schema: jsonSchemaOf(matchDecisionBody) })
  rejectMatch(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(matchDecisionBody)) body: z.infer<typeof matchDecisionBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.decideMatch(unitId, 'reject', body, request, response);
  }

  private async decideMatch(
    unitId: string,
    decision: 'confirm' | 'reject',
    body: z.infer<typeof matchDecisionBody>,
    request: AuthenticatedRequest,
    response: Response,
  ) {
    assertActsForUnit(request.principal, unitId);
    const outcome = await this.reference.decideMatch({ unitId, decision, ...body }, commandContext(request));
    setRevision(response, outcome.revision);
    return outcome;
  }

  @Get('coverage')
  @Returns(districtCoverageViewSchema, { bounded: 'one row per unit of the district (about 60)' })
  @Roles(...DISTRICT_READER_ROLES)
  @ApiOperation({ summary: '全区各单位覆盖情况' })
  districtCoverage() {
    return this.reference.districtCoverage();
  }

  @Get('units/:unitId/milestones')
  @Returns(milestonesViewSchema)
  @ApiOperation({ summary: '目录编制里程碑（按时/逾期/未完成）' })
  milestones(@Param('unitId') unitId: string, @Req() request: AuthenticatedRequest) {
    assertReadsUnit(request.principal, unitId);
    return this.reference.milestones(unitId, toShanghaiDate(requestTime(request)));
  }

  @Post('embedding/obligations')
  @Returns(someObjectSchema)
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '业务系统嵌入：按事项和信息形成日期返回公开义务（渠道、对象、法定工作日截止日）' })
  @ApiBody({ schema: jsonSchemaOf(obligationBody) })
  obligations(@Body(new ZodPipe(obligationBody)) body: z.infer<typeof obligationBody>) {
    return this.reference.obligation(body);
  }
}

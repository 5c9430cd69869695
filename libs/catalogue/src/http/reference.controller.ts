import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { readGuidelineWorkbook } from '../application/catalogue-import';
import { readUpload, XLSX_MIME } from '../application/spreadsheet';
import type { Response } from 'express';
import type { z } from 'zod';
import {
  assertReadsUnit,
  CommandHandler,
  commandContext,
  DomainError,
  jsonSchemaOf,
  parseInput,
  Roles,
  setRevision,
  ZodPipe,
  type AuthenticatedRequest,
} from '@gongkai/platform';
import { defaultWorkingDayCalendar, parseLocalDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { computeCoverage } from '../domain/coverage';
import { GUIDELINE_STREAM_ID, guidelineDecider } from '../domain/guideline';
import { computeMilestones } from '../domain/milestones';
import { disclosureObligation } from '../domain/obligation';
import { SAMPLE_GUIDELINE_COMMAND } from '../domain/sample-guidelines';
import { unitStreamId } from '../domain/unit';
import { unitDecider } from '../domain/unit.decide';
import { CatalogueGuidelinesProjection } from '../read-models/guidelines.projection';
import { CatalogueItemsProjection } from '../read-models/items.projection';
import { CatalogueUnitsProjection, type UnitView } from '../read-models/units.projection';
import { today } from './access';
import { guidelineBody, obligationBody, responsibleDomainsBody } from './catalogue.schemas';

/** Reference data (guidelines, responsible domains), coverage, milestones and the embedding API. */
@ApiTags('catalogue: reference, coverage 指引与覆盖')
@ApiBearerAuth()
@Controller('api/catalogue')
export class ReferenceController {
  private calendar: WorkingDayCalendar | null = null;

  constructor(
    private readonly commands: CommandHandler,
    private readonly units: CatalogueUnitsProjection,
    private readonly items: CatalogueItemsProjection,
    private readonly guidelines: CatalogueGuidelinesProjection,
  ) {}

  @Post('guidelines')
  @Roles('district_office', 'admin')
  @ApiOperation({ summary: '载入新版本标准指引（区政府办公室）' })
  @ApiBody({ schema: jsonSchemaOf(guidelineBody) })
  async loadGuideline(
    @Body(new ZodPipe(guidelineBody)) body: z.infer<typeof guidelineBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.handle(
      guidelineDecider,
      GUIDELINE_STREAM_ID,
      { type: 'LoadGuidelineVersion', ...body },
      commandContext(request),
    );
    setRevision(response, result.revision);
    response.status(201);
    return { version: result.state.version, revision: result.revision };
  }

  @Post('guidelines/import')
  @Roles('district_office', 'admin')
  @ApiConsumes(XLSX_MIME)
  @ApiOperation({ summary: '从电子表格载入新版本标准指引（列：所属领域、指引事项编码、公开层级、一级事项、二级事项）' })
  async importGuideline(
    @Query('title') title: string | undefined,
    @Query('effectiveFrom') effectiveFrom: string | undefined,
    @Query('sample') sample: string | undefined,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const items = await readGuidelineWorkbook(await readUpload(request));
    const body = parseInput(guidelineBody, { title, effectiveFrom, sample: sample === 'true', items });
    return this.loadGuideline(body, request, response);
  }

  @Post('guidelines/sample')
  @Roles('district_office', 'admin')
  @ApiOperation({ summary: '载入示例标准指引（标明“示例”）' })
  async loadSample(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response) {
    const result = await this.commands.handle(guidelineDecider, GUIDELINE_STREAM_ID, SAMPLE_GUIDELINE_COMMAND, commandContext(request));
    setRevision(response, result.revision);
    response.status(201);
    return { version: result.state.version, revision: result.revision };
  }

  @Get('guidelines/versions')
  @ApiOperation({ summary: '标准指引各版本' })
  versions() {
    return this.guidelines.versions();
  }

  @Put('units/:unitId/responsible-domains')
  @Roles('district_office', 'admin')
  @ApiOperation({ summary: '确定单位负责的试点领域' })
  @ApiBody({ schema: jsonSchemaOf(responsibleDomainsBody) })
  async assignDomains(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(responsibleDomainsBody)) body: z.infer<typeof responsibleDomainsBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.handle(
      unitDecider,
      unitStreamId(unitId),
      { type: 'AssignResponsibleDomains', ...body },
      commandContext(request),
    );
    setRevision(response, result.revision);
    return { unitId, revision: result.revision };
  }

  private async unit(unitId: string): Promise<UnitView> {
    const unit = await this.units.get(unitId);
    if (!unit) throw DomainError.notFound('UNIT_NOT_FOUND', `单位 ${unitId} 不存在。`);
    return unit;
  }

  private async coverageOf(unit: UnitView) {
    const [published, guideline] = await Promise.all([this.items.publishedOfUnit(unit.unitId), this.guidelines.currentItems()]);
    return computeCoverage(
      { level: unit.level as never, responsibleDomains: unit.responsibleDomains as never },
      published.map((i) => ({
        itemId: i.itemId,
        name: i.content.secondLevel ?? i.content.firstLevel,
        domainCode: i.content.domainCode,
        guidelineItemCode: i.guidelineItemCode,
      })),
      guideline,
    );
  }

  @Get('units/:unitId/coverage')
  @ApiOperation({ summary: '单位目录对标准指引的覆盖情况' })
  async coverage(@Param('unitId') unitId: string, @Req() request: AuthenticatedRequest) {
    assertReadsUnit(request.principal, unitId);
    const unit = await this.unit(unitId);
    return { unitId, unitName: unit.name, ...(await this.coverageOf(unit)) };
  }

  @Get('coverage')
  @Roles('district_office', 'admin', 'auditor')
  @ApiOperation({ summary: '全区各单位覆盖情况' })
  async districtCoverage() {
    const units = await this.units.list();
    const rows = [];
    for (const unit of units) {
      const coverage = await this.coverageOf(unit);
      rows.push({
        unitId: unit.unitId,
        unitName: unit.name,
        level: unit.level,
        ...coverage.overall,
        domains: coverage.domains.map((d) => ({
          domainCode: d.domainCode,
          expected: d.expected,
          covered: d.covered.length,
          percent: d.percent,
        })),
      });
    }
    const expected = rows.reduce((n, r) => n + r.expected, 0);
    const covered = rows.reduce((n, r) => n + r.covered, 0);
    return { units: rows, overall: { expected, covered, percent: expected === 0 ? null : Math.round((covered / expected) * 1000) / 10 } };
  }

  @Get('units/:unitId/milestones')
  @ApiOperation({ summary: '目录编制里程碑（按时/逾期/未完成）' })
  async milestones(@Param('unitId') unitId: string, @Req() request: AuthenticatedRequest) {
    assertReadsUnit(request.principal, unitId);
    const unit = await this.unit(unitId);
    const [facts, guideline] = await Promise.all([this.items.factsOfUnit(unitId), this.guidelines.currentItems()]);
    return {
      unitId,
      milestones: computeMilestones(
        { level: unit.level as never, responsibleDomains: unit.responsibleDomains as never },
        facts,
        guideline,
        today(),
      ),
    };
  }

  @Post('embedding/obligations')
  @HttpCode(200)
  @Roles('clerk', 'reviewer', 'office_head', 'district_office', 'admin')
  @ApiOperation({ summary: '业务系统嵌入：按事项和信息形成日期返回公开义务（渠道、对象、法定工作日截止日）' })
  @ApiBody({ schema: jsonSchemaOf(obligationBody) })
  async obligations(@Body(new ZodPipe(obligationBody)) body: z.infer<typeof obligationBody>) {
    const item = await this.items.get(body.itemId);
    if (!item || item.unitId !== body.unitId || item.status !== 'published') {
      throw DomainError.notFound('ITEM_NOT_FOUND', `单位 ${body.unitId} 没有已发布的公开事项 ${body.itemId}。`);
    }
    this.calendar ??= defaultWorkingDayCalendar();
    return {
      unitId: body.unitId,
      version: item.version,
      formedOn: body.formedOn,
      ...disclosureObligation(item.itemId, item.content, parseLocalDate(body.formedOn), this.calendar),
    };
  }
}

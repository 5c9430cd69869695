import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AnnualReportFinalised } from '@gongkai/contracts';
import { assertActsForUnit, CommandHandler, commandContext, DomainError, jsonSchemaOf, Roles, ZodPipe, type AuthenticatedRequest } from '@gongkai/platform';
import { computeTable3, computeTable4, table3Violations, type Table2 } from '../domain/annual-report';
import { annualReportDecider, annualReportStreamId } from '../domain/annual-report.decide';
import { annualReportDocx, annualReportXlsx, type AnnualReport } from '../documents/annual-report-export';
import { RequestsProjection } from '../read-models/requests.projection';
import { RequestsUnitsProjection } from '../read-models/units.projection';
import { table2Body } from './request.schemas';
import type { z } from 'zod';

/** The annual report (Art. 49): Tables 3 and 4 computed from the requests' events; Table 2 entered by the unit. */
@ApiTags('requests: 年度报告')
@ApiBearerAuth()
@Controller('api/requests/reports/annual')
export class AnnualReportsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly requests: RequestsProjection,
    private readonly units: RequestsUnitsProjection,
  ) {}

  private async build(unitId: string, yearText: string, request: AuthenticatedRequest): Promise<AnnualReport> {
    const year = Number(yearText);
    if (!Number.isInteger(year) || year < 2019 || year > 2100) throw DomainError.validation('INVALID_YEAR', '年度应为 2019 年以后的四位年份。');
    if (unitId !== 'district' && request.principal.role !== 'auditor') assertActsForUnit(request.principal, unitId);
    if (unitId === 'district' && !['district_office', 'admin', 'auditor'].includes(request.principal.role)) {
      throw DomainError.forbidden('ROLE_NOT_ALLOWED', '全区汇总报告仅区政府办公室可查看。');
    }
    const docs = await this.requests.find(unitId === 'district' ? { receivedOn: { $lte: `${year}-12-31` } } : { unitId, receivedOn: { $lte: `${year}-12-31` } });
    const finalised = (await this.commands.load(annualReportDecider, annualReportStreamId(unitId, year))).state.finalised as AnnualReportFinalised | null;
    const table3 = computeTable3(docs, year);
    return {
      unitId,
      unitName: unitId === 'district' ? '台儿庄区' : await this.units.nameOf(unitId),
      year,
      table2: (finalised?.table2 ?? {}) as Partial<Table2>,
      table3,
      table4: computeTable4(docs, year),
      balanced: table3Violations(table3).length === 0,
      finalised: finalised !== null,
    };
  }

  @Get(':unitId/:year')
  @Roles('clerk', 'reviewer', 'office_head', 'district_office', 'admin', 'auditor')
  @ApiOperation({ summary: '年度报告表三、表四（format=xlsx|docx 导出）；unitId=district 为全区汇总' })
  async get(@Param('unitId') unitId: string, @Param('year') year: string, @Query('format') format: string | undefined, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    const report = await this.build(unitId, year, request);
    if (format === 'xlsx' || format === 'docx') {
      const buffer = format === 'xlsx' ? await annualReportXlsx(report) : await annualReportDocx(report);
      const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      response.setHeader('Content-Type', type);
      response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${report.year}年政府信息公开工作年度报告-${unitId}.${format}`)}`);
      response.send(buffer);
      return;
    }
    response.json(report);
  }

  @Post(':unitId/:year/finalise')
  @Roles('office_head', 'district_office', 'admin')
  @ApiOperation({ summary: '年度报告定稿（校验表三平衡，录入表二人工统计数）' })
  @ApiBody({ schema: jsonSchemaOf(table2Body) })
  async finalise(@Param('unitId') unitId: string, @Param('year') year: string, @Body(new ZodPipe(table2Body)) table2: z.infer<typeof table2Body>, @Req() request: AuthenticatedRequest) {
    const report = await this.build(unitId, year, request);
    const result = await this.commands.handle(
      annualReportDecider,
      annualReportStreamId(unitId, report.year),
      { type: 'FinaliseAnnualReport', unitId, year: report.year, table2, table3: report.table3, table4: report.table4 },
      commandContext(request),
    );
    return { unitId, year: report.year, revision: result.revision, finalised: true };
  }
}

import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AnnualReportFinalised } from '@gongkai/contracts';
import {
  assertReadsUnit,
  CommandHandler,
  commandContext,
  DomainError,
  jsonSchemaOf,
  parseInput,
  Roles,
  type AuthenticatedRequest,
} from '@gongkai/platform';
import {
  computeTable3,
  computeTable4,
  TABLE2_DOCUMENT_FIELDS,
  TABLE2_FIELDS,
  TABLE2_HAND_ENTERED_FIELDS,
  table3Violations,
  type Table2,
} from '../domain/annual-report';
import { annualReportDecider, annualReportStreamId } from '../domain/annual-report.decide';
import { annualReportTables, type AnnualReport } from '../documents/annual-report-export';
import { RequestsProjection } from '../read-models/requests.projection';
import { RequestsDocumentFiguresProjection } from '../read-models/document-figures.projection';
import { RequestsUnitsProjection } from '../read-models/units.projection';
import { DISTRICT_NAME, DISTRICT_UNIT_ID } from '../read-models/annual-reports.projection';
import { isAnnualReportFormat, reportYear, sendAnnualReportFile } from './annual-report-download';
import { finaliseAnnualReportBody } from './request.schemas';

/**
 * The annual report (Art. 49): Tables 3 and 4 computed from the requests' events; Table 2's 规章 and
 * 行政规范性文件 rows computed from document-attributes' events (DocumentIssued, DocumentInvalidated);
 * the rest of Table 2 (行政许可, 行政处罚, 行政强制, 行政事业性收费) entered by the unit when it finalises.
 */
@ApiTags('requests: 年度报告')
@ApiBearerAuth()
@Controller('api/requests/reports/annual')
export class AnnualReportsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly requests: RequestsProjection,
    private readonly units: RequestsUnitsProjection,
    private readonly documentFigures: RequestsDocumentFiguresProjection,
  ) {}

  private async build(unitId: string, yearText: string, request: AuthenticatedRequest): Promise<AnnualReport> {
    const year = reportYear(yearText);
    if (unitId !== 'district') assertReadsUnit(request.principal, unitId);
    if (unitId === 'district' && !['district_office', 'admin', 'auditor'].includes(request.principal.role)) {
      throw DomainError.forbidden('ROLE_NOT_ALLOWED', '全区汇总报告仅区政府办公室可查看。');
    }
    const docs = await this.requests.find(
      unitId === 'district' ? { receivedOn: { $lte: `${year}-12-31` } } : { unitId, receivedOn: { $lte: `${year}-12-31` } },
    );
    const finalised = (await this.commands.load(annualReportDecider, annualReportStreamId(unitId, year))).state
      .finalised as AnnualReportFinalised | null;
    const table3 = computeTable3(docs, year);
    const entered = finalised?.table2 ?? {};
    const handEntered = Object.fromEntries(
      TABLE2_HAND_ENTERED_FIELDS.filter((f) => typeof entered[f] === 'number').map((f) => [f, entered[f]]),
    );
    return {
      unitId,
      unitName: unitId === DISTRICT_UNIT_ID ? DISTRICT_NAME : await this.units.nameOf(unitId),
      year,
      table2: { ...(await this.documentFigures.table2Rows(unitId, year)), ...handEntered } as Partial<Table2>,
      table3,
      table4: computeTable4(docs, year),
      balanced: table3Violations(table3).length === 0,
      finalised: finalised !== null,
      ...(finalised?.narrative ? { narrative: finalised.narrative } : {}),
    };
  }

  @Get(':unitId/:year')
  @Roles('clerk', 'reviewer', 'office_head', 'district_office', 'admin', 'auditor')
  @ApiOperation({
    summary: '年度报告表二、表三、表四（format=xlsx|docx 导出）；表二规章、行政规范性文件行由公文属性事件计算；unitId=district 为全区汇总',
  })
  async get(
    @Param('unitId') unitId: string,
    @Param('year') year: string,
    @Query('format') format: string | undefined,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    const report = await this.build(unitId, year, request);
    if (isAnnualReportFormat(format)) {
      await sendAnnualReportFile(response, report, format);
      return;
    }
    // The same presentation-ready tables as the portal's, so the console prints them without its own labels.
    response.json({ ...report, tables: annualReportTables(report).map(({ key, title, rows }) => ({ key, title, rows })) });
  }

  @Post(':unitId/:year/finalise')
  @Roles('office_head', 'district_office', 'admin')
  @ApiOperation({
    summary:
      '年度报告定稿（校验表三平衡，录入表二人工统计数：行政许可、行政处罚、行政强制、行政事业性收费；规章、行政规范性文件行自动统计，不接受填报；可同时提交正文 narrative：总体情况、存在的主要问题及改进情况、其他需要报告的事项）。定稿后在门户网站公开发布。',
  })
  @ApiBody({ schema: jsonSchemaOf(finaliseAnnualReportBody) })
  async finalise(
    @Param('unitId') unitId: string,
    @Param('year') year: string,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
  ) {
    // The document rows are computed; a client still sending them is told so rather than silently ignored.
    const sent =
      body && typeof body === 'object' ? TABLE2_DOCUMENT_FIELDS.filter((f) => (body as Record<string, unknown>)[f] !== undefined) : [];
    if (sent.length > 0) {
      throw DomainError.validation(
        'TABLE2_DOCUMENT_ROWS_COMPUTED',
        `表二中“${sent.map((f) => TABLE2_FIELDS[f]).join('、')}”由公文属性管理中印发、失效和废止的文件自动统计，不能手工填报；请删除这些字段后重新提交（只需填报行政许可、行政处罚、行政强制和行政事业性收费）。`,
        sent.map((field) => ({ field, code: 'computed', message: '自动统计，不能手工填报' })),
      );
    }
    const { narrative, ...handEntered } = parseInput(finaliseAnnualReportBody, body ?? {});
    const report = await this.build(unitId, year, request);
    // The event keeps the whole Table 2 as finalised: the computed document rows and the hand-entered counts.
    const table2 = { ...(report.table2 as Record<string, number>), ...handEntered } as Table2;
    const result = await this.commands.handle(
      annualReportDecider,
      annualReportStreamId(unitId, report.year),
      {
        type: 'FinaliseAnnualReport',
        unitId,
        year: report.year,
        table2,
        table3: report.table3,
        table4: report.table4,
        ...(narrative ? { narrative } : {}),
      },
      commandContext(request),
    );
    return { unitId, year: report.year, revision: result.revision, finalised: true };
  }
}

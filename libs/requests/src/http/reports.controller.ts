import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { DISTRICT_ROLES, READER_ROLES } from '@gongkai/contracts/vocabulary';
import {
  commandContext,
  CurrentPrincipal,
  jsonSchemaOf,
  parseInput,
  requestTime,
  Roles,
  type AuthenticatedRequest,
  type Principal,
} from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import { AnnualReports } from '../application/annual-reports';
import { isAnnualReportFormat, reportYear, sendAnnualReportFile } from './annual-report-download';
import { draftAnnualReportBody, finaliseAnnualReportBody, parseFinaliseBody } from './request.schemas';
import { Returns } from '@gongkai/platform';
import { reportDeadlinesViewSchema, someObjectSchema } from '@gongkai/contracts';

/** The correction's reason, beside the finalise body's fields. */
const correctionReason = z.object({ reason: z.string().trim().min(5).max(1000) }).passthrough();
const correctAnnualReportBody = finaliseAnnualReportBody.extend({ reason: z.string().trim().min(5).max(1000) });

/**
 * The annual report (Art. 49): Tables 3 and 4 computed from the requests' events; Table 2's 规章 and
 * 行政规范性文件 rows computed from document-attributes' events (DocumentIssued, DocumentInvalidated);
 * the rest of Table 2 (行政许可, 行政处罚, 行政强制, 行政事业性收费) entered by the unit when it finalises.
 */
@ApiTags('requests: 年度报告')
@ApiBearerAuth()
@Controller('api/requests/reports/annual')
export class AnnualReportsController {
  constructor(private readonly reports: AnnualReports) {}

  @Get('deadlines')
  @Returns(reportDeadlinesViewSchema, { bounded: 'one row per unit the reader may read (about 60) and report year in play' })
  @Roles('office_head', ...DISTRICT_ROLES, 'auditor')
  @ApiOperation({
    summary:
      '年度报告报送期限（首页提醒）：上一年度报告（12 月起另列本年度报告），部门和镇街次年 1 月 31 日前、区政府次年 3 月 31 日前；office_head 看本单位，区政府办公室看全部单位和区政府；status：not_started 未开始、draft 草稿、finalised 已定稿、published 已公布、overdue 已逾期（daysLeft 剩余天数）',
  })
  deadlines(@Req() request: AuthenticatedRequest) {
    return this.reports.deadlines(request.principal, toShanghaiDate(requestTime(request)));
  }

  @Get(':unitId/:year')
  @Returns(someObjectSchema, {
    files: [
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
  })
  @Roles(...READER_ROLES)
  @ApiOperation({
    summary: '年度报告表二、表三、表四（format=xlsx|docx 导出）；表二规章、行政规范性文件行由公文属性事件计算；unitId=district 为全区汇总',
  })
  async get(
    @Param('unitId') unitId: string,
    @Param('year') year: string,
    @Query('format') format: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res() response: Response,
  ) {
    if (isAnnualReportFormat(format)) {
      await sendAnnualReportFile(response, await this.reports.report(unitId, reportYear(year), principal), format);
      return;
    }
    // The same presentation-ready tables as the portal's, so the console prints them without its own labels.
    response.json(await this.reports.reportWithTables(unitId, reportYear(year), principal));
  }

  @Post(':unitId/:year/finalise')
  @Roles('office_head', ...DISTRICT_ROLES)
  @ApiOperation({
    summary:
      '年度报告定稿（年度结束后方可定稿；校验表三平衡，录入表二人工统计数：行政许可、行政处罚、行政强制、行政事业性收费；规章、行政规范性文件行自动统计，不接受填报；可同时提交正文 narrative：总体情况、存在的主要问题及改进情况、其他需要报告的事项）。定稿后在门户网站公开发布。',
  })
  @ApiBody({ schema: jsonSchemaOf(finaliseAnnualReportBody) })
  finalise(@Param('unitId') unitId: string, @Param('year') year: string, @Body() body: unknown, @Req() request: AuthenticatedRequest) {
    const input = parseFinaliseBody(body);
    return this.reports.finalise(unitId, reportYear(year), input, request.principal, commandContext(request));
  }

  @Post(':unitId/:year/draft')
  @HttpCode(200)
  @Roles('office_head', ...DISTRICT_ROLES)
  @ApiOperation({
    summary:
      '保存年度报告草稿（定稿前）：表二人工统计数（行政许可、行政处罚、行政强制、行政事业性收费）和正文 narrative；首页显示“草稿”，定稿表单按草稿打开。已定稿的报告不能再保存草稿。',
  })
  @ApiBody({ schema: jsonSchemaOf(draftAnnualReportBody) })
  saveDraft(@Param('unitId') unitId: string, @Param('year') year: string, @Body() body: unknown, @Req() request: AuthenticatedRequest) {
    const input = parseFinaliseBody(body, draftAnnualReportBody);
    return this.reports.saveDraft(unitId, reportYear(year), input, commandContext(request));
  }

  @Post(':unitId/:year/correct')
  @Roles('office_head', ...DISTRICT_ROLES)
  @ApiOperation({
    summary:
      '更正已公布的年度报告（政府信息公开工作机构负责人；须填写更正理由 reason）：按当前办理记录重新统计，表二人工统计数和正文可同时修改；生成新版本，门户网站显示当前版本并注明已更正，原版本保留在审计记录中。',
  })
  @ApiBody({ schema: jsonSchemaOf(correctAnnualReportBody) })
  correct(@Param('unitId') unitId: string, @Param('year') year: string, @Body() body: unknown, @Req() request: AuthenticatedRequest) {
    const { reason, ...rest } = parseInput(correctionReason, body ?? {});
    const input = parseFinaliseBody(rest);
    return this.reports.correct(unitId, reportYear(year), { ...input, reason }, request.principal, commandContext(request));
  }
}

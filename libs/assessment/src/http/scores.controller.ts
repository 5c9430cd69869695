import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { assertReadsUnit, DISTRICT_READER_ROLES, READER_ROLES, requestTime, Roles, type AuthenticatedRequest } from '@gongkai/platform';
import { noticeDocx } from '../application/exports';
import { AssessmentScores } from '../application/scores';
import { parseAsOf } from '../application/scoring.service';
import { Returns, ReturnsFile } from '@gongkai/platform';
import { someObjectSchema } from '@gongkai/contracts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** `asOf` of the query, or the time of the request. */
const asOfOf = (asOf: string | undefined, request: AuthenticatedRequest) => parseAsOf(asOf, requestTime(request));
const attachment = (filename: string) => `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;

@ApiTags('assessment: 考核得分')
@ApiBearerAuth()
@Controller('api/assessment')
export class ScoresController {
  constructor(private readonly scores: AssessmentScores) {}

  @Get('schemes/:schemeId/scores')
  @Returns(someObjectSchema)
  @Roles(...DISTRICT_READER_ROLES)
  @ApiOperation({ summary: '全部单位得分、排名、通报表扬和督促整改/通报批评名单（asOf=YYYY-MM-DD 可回看任一日期）' })
  ranking(
    @Param('schemeId') schemeId: string,
    @Req() request: AuthenticatedRequest,
    @Query('asOf') asOf?: string,
    @Query('version') version?: string,
  ) {
    return this.scores.ranking(schemeId, asOfOf(asOf, request), version ? Number(version) : undefined);
  }

  @Get('schemes/:schemeId/scores/:unitId')
  @Returns(someObjectSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '单位得分明细（每项得分及其依据的事实和事件编号）' })
  unit(
    @Param('schemeId') schemeId: string,
    @Param('unitId') unitId: string,
    @Req() request: AuthenticatedRequest,
    @Query('asOf') asOf?: string,
  ) {
    assertReadsUnit(request.principal, unitId);
    return this.scores.unitScores(schemeId, unitId, asOfOf(asOf, request));
  }

  @Get('schemes/:schemeId/scores/:unitId/indicators/:indicatorId')
  @Returns(someObjectSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '一项指标的得分说明：指标值、评分档、依据的事实及其事件编号' })
  explain(
    @Param('schemeId') schemeId: string,
    @Param('unitId') unitId: string,
    @Param('indicatorId') indicatorId: string,
    @Req() request: AuthenticatedRequest,
    @Query('asOf') asOf?: string,
  ) {
    assertReadsUnit(request.principal, unitId);
    return this.scores.indicator(schemeId, unitId, indicatorId, asOfOf(asOf, request));
  }

  @Get('live/:unitId')
  @Returns(someObjectSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '本年度实时得分：当前得分和失分点' })
  live(@Param('unitId') unitId: string, @Req() request: AuthenticatedRequest, @Query('schemeId') schemeId?: string) {
    assertReadsUnit(request.principal, unitId);
    return this.scores.live(unitId, schemeId, requestTime(request));
  }

  @Get('schemes/:schemeId/export.xlsx')
  @ReturnsFile(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'])
  @Roles(...DISTRICT_READER_ROLES)
  @ApiOperation({ summary: '导出排名和各单位得分明细（.xlsx）' })
  async xlsx(
    @Param('schemeId') schemeId: string,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
    @Query('asOf') asOf?: string,
  ) {
    const { year, file } = await this.scores.workbook(schemeId, asOfOf(asOf, request));
    response.setHeader('Content-Type', XLSX);
    response.setHeader('Content-Disposition', attachment(`${year}年度政务公开考核结果-${schemeId}.xlsx`));
    response.send(file);
  }

  @Get('schemes/:schemeId/notices/:unitId')
  @ReturnsFile(['text/plain', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'])
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '考核结果通知（format=txt|docx）' })
  async notice(
    @Param('schemeId') schemeId: string,
    @Param('unitId') unitId: string,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
    @Query('format') format?: string,
    @Query('asOf') asOf?: string,
  ) {
    assertReadsUnit(request.principal, unitId);
    const { year, lines } = await this.scores.notice(schemeId, unitId, asOfOf(asOf, request));
    if (format === 'docx') {
      response.setHeader('Content-Type', DOCX);
      response.setHeader('Content-Disposition', attachment(`${year}年度政务公开考核结果通知-${unitId}.docx`));
      response.send(await noticeDocx(lines));
      return;
    }
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
    response.send(`${lines.join('\n')}\n`);
  }

  @Get('events/:eventId')
  @Returns(someObjectSchema)
  @Roles('auditor', 'district_office')
  @ApiOperation({ summary: '审计：按事件编号读取考核所依据的事件（只读，来自事件库）' })
  event(@Param('eventId') eventId: string) {
    return this.scores.event(eventId);
  }
}

import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_LABELS } from '@gongkai/contracts';
import { DomainError, EVENT_STORE, Roles, type AuthenticatedRequest, type EventStore } from '@gongkai/platform';
import { noticeDocx, noticeLines, scoresXlsx } from '../application/exports';
import { parseAsOf, ScoringService, todayInShanghai, type ScoredSheet } from '../application/scoring.service';
import { AssessmentFactsProjection } from '../read-models/facts.projection';
import { AssessmentSchemesProjection } from '../read-models/schemes.projection';
import { assertMayRead, DISTRICT, READERS } from './support';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function unitOf(sheet: ScoredSheet, unitId: string) {
  const unit = sheet.units.find((u) => u.unitId === unitId);
  if (!unit) throw DomainError.notFound('UNIT_NOT_ASSESSED', `单位 ${unitId} 不在该方案的考核对象中（或截至该时间尚未登记）。`);
  return unit;
}

@ApiTags('assessment: 考核得分')
@ApiBearerAuth()
@Controller('api/assessment')
export class ScoresController {
  constructor(
    private readonly scoring: ScoringService,
    private readonly schemes: AssessmentSchemesProjection,
    private readonly facts: AssessmentFactsProjection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('schemes/:schemeId/scores')
  @Roles(...DISTRICT, 'auditor')
  @ApiOperation({ summary: '全部单位得分、排名、通报表扬和督促整改/通报批评名单（asOf=YYYY-MM-DD 可回看任一日期）' })
  async ranking(@Param('schemeId') schemeId: string, @Query('asOf') asOf?: string, @Query('version') version?: string) {
    const sheet = await this.scoring.compute(schemeId, parseAsOf(asOf), version ? Number(version) : undefined);
    return {
      ...sheet,
      inputEventIds: undefined,
      inputEvents: sheet.inputEventIds.length,
      units: sheet.units.map(({ indicators, ...unit }) => ({
        ...unit,
        indicators: indicators.map(({ facts, shortfalls, ...i }) => ({ ...i, facts: facts.length, shortfalls: shortfalls.length })),
      })),
    };
  }

  @Get('schemes/:schemeId/scores/:unitId')
  @Roles(...READERS)
  @ApiOperation({ summary: '单位得分明细（每项得分及其依据的事实和事件编号）' })
  async unit(
    @Param('schemeId') schemeId: string,
    @Param('unitId') unitId: string,
    @Req() request: AuthenticatedRequest,
    @Query('asOf') asOf?: string,
  ) {
    assertMayRead(request.principal, unitId);
    const sheet = await this.scoring.compute(schemeId, parseAsOf(asOf));
    return {
      schemeId,
      schemeVersion: sheet.schemeVersion,
      year: sheet.year,
      asOf: sheet.asOf,
      inputsHash: sheet.inputsHash,
      ...unitOf(sheet, unitId),
    };
  }

  @Get('schemes/:schemeId/scores/:unitId/indicators/:indicatorId')
  @Roles(...READERS)
  @ApiOperation({ summary: '一项指标的得分说明：指标值、评分档、依据的事实及其事件编号' })
  async explain(
    @Param('schemeId') schemeId: string,
    @Param('unitId') unitId: string,
    @Param('indicatorId') indicatorId: string,
    @Req() request: AuthenticatedRequest,
    @Query('asOf') asOf?: string,
  ) {
    assertMayRead(request.principal, unitId);
    const sheet = await this.scoring.compute(schemeId, parseAsOf(asOf));
    const indicator = unitOf(sheet, unitId).indicators.find((i) => i.indicatorId === indicatorId);
    if (!indicator) throw DomainError.notFound('INDICATOR_NOT_FOUND', `方案中没有指标“${indicatorId}”。`);
    return { schemeId, schemeVersion: sheet.schemeVersion, unitId, asOf: sheet.asOf, ...indicator };
  }

  @Get('live/:unitId')
  @Roles(...READERS)
  @ApiOperation({ summary: '本年度实时得分：当前得分和失分点' })
  async live(@Param('unitId') unitId: string, @Req() request: AuthenticatedRequest, @Query('schemeId') schemeId?: string) {
    assertMayRead(request.principal, unitId);
    const year = Number(todayInShanghai().slice(0, 4));
    const chosen = schemeId ?? (await this.schemes.list(year))[0]?.schemeId;
    if (!chosen) throw DomainError.notFound('NO_SCHEME_THIS_YEAR', `${year}年度尚未发布考核方案。`);
    const sheet = await this.scoring.compute(chosen, parseAsOf(undefined));
    const unit = unitOf(sheet, unitId);
    return {
      schemeId: chosen,
      schemeVersion: sheet.schemeVersion,
      year: sheet.year,
      asOf: sheet.asOf,
      unitId,
      name: unit.name,
      total: unit.total,
      maxTotal: unit.maxTotal,
      rank: unit.rank,
      of: sheet.units.length,
      losing: unit.indicators
        .filter((i) => i.kind !== 'group' && i.lost > 0)
        .sort((a, b) => b.lost - a.lost)
        .map((i) => ({
          indicatorId: i.indicatorId,
          name: i.name,
          lost: i.lost,
          points: i.points,
          maxPoints: i.maxPoints,
          pending: i.pending,
          explanation: i.explanation,
          shortfalls: i.shortfalls,
        })),
      indicators: unit.indicators.map(({ facts, ...i }) => ({ ...i, facts: facts.length })),
    };
  }

  @Get('schemes/:schemeId/export.xlsx')
  @Roles(...DISTRICT, 'auditor')
  @ApiOperation({ summary: '导出排名和各单位得分明细（.xlsx）' })
  async xlsx(@Param('schemeId') schemeId: string, @Res() response: Response, @Query('asOf') asOf?: string) {
    const sheet = await this.scoring.compute(schemeId, parseAsOf(asOf));
    response.setHeader('Content-Type', XLSX);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(`${sheet.year}年度政务公开考核结果-${schemeId}.xlsx`)}`,
    );
    response.send(await scoresXlsx(sheet));
  }

  @Get('schemes/:schemeId/notices/:unitId')
  @Roles(...READERS)
  @ApiOperation({ summary: '考核结果通知（format=txt|docx）' })
  async notice(
    @Param('schemeId') schemeId: string,
    @Param('unitId') unitId: string,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
    @Query('format') format?: string,
    @Query('asOf') asOf?: string,
  ) {
    assertMayRead(request.principal, unitId);
    const sheet = await this.scoring.compute(schemeId, parseAsOf(asOf));
    const lines = noticeLines(sheet, unitOf(sheet, unitId));
    if (format === 'docx') {
      response.setHeader('Content-Type', DOCX);
      response.setHeader(
        'Content-Disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(`${sheet.year}年度政务公开考核结果通知-${unitId}.docx`)}`,
      );
      response.send(await noticeDocx(lines));
      return;
    }
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
    response.send(`${lines.join('\n')}\n`);
  }

  @Get('events/:eventId')
  @Roles('auditor', 'district_office')
  @ApiOperation({ summary: '审计：按事件编号读取考核所依据的事件（只读，来自事件库）' })
  async event(@Param('eventId') eventId: string) {
    const fact = await this.facts.byEventId(eventId);
    if (!fact) throw DomainError.notFound('EVENT_NOT_FOUND', `考核服务未使用过事件 ${eventId}。`);
    const event = (await this.store.readStream(fact.streamId)).find((e) => e.eventId === eventId);
    if (!event) throw DomainError.notFound('EVENT_NOT_FOUND', `事件库中找不到事件 ${eventId}。`);
    return { label: EVENT_LABELS[event.type]?.label ?? null, event };
  }
}

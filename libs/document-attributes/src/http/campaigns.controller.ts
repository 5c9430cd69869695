import { Body, Controller, Get, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import {
  assertActsForUnit,
  assertReadsUnit,
  CommandHandler,
  commandContext,
  DomainError,
  jsonSchemaOf,
  Roles,
  setRevision,
  ZodPipe,
  type AuthenticatedRequest,
} from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import { cleanupCampaignDecider, cleanupCampaignStreamId } from '../domain/cleanup-campaign';
import { documentStreamId } from '../domain/document';
import { documentDecider } from '../domain/document.decide';
import { reviewCycleDecider, reviewCycleStreamId } from '../domain/review-cycle';
import { DocumentsProjection, type ReviewProgress } from '../read-models/documents.projection';
import { openCleanupCampaignBody, openReviewCycleBody, publishCleanupResultBody } from './document.schemas';

const today = () => toShanghaiDate(new Date());

@ApiTags('document-attributes: yearly review and cleanup 年度评估与清理')
@ApiBearerAuth()
@Controller('api/document-attributes')
export class CampaignsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly documents: DocumentsProjection,
  ) {}

  @Post('review-cycles')
  @Roles('district_office', 'admin')
  @ApiOperation({ summary: '启动年度评估（区政府办公室）：为每个单位的不予公开、依申请公开公文生成评估任务' })
  @ApiBody({ schema: jsonSchemaOf(openReviewCycleBody) })
  async openReviewCycle(
    @Body(new ZodPipe(openReviewCycleBody)) body: z.infer<typeof openReviewCycleBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.handle(
      reviewCycleDecider,
      reviewCycleStreamId(body.year),
      { type: 'OpenReviewCycle', year: body.year, openedOn: body.openedOn ?? today(), dueOn: body.dueOn },
      commandContext(request),
    );
    setRevision(response, result.revision);
    response.status(201);
    return { year: body.year, revision: result.revision };
  }

  @Get('review-cycles/:year/progress')
  @ApiOperation({ summary: '年度评估进度（按单位）' })
  async progress(
    @Param('year', ParseIntPipe) year: number,
    @Req() request: AuthenticatedRequest,
  ): Promise<ReviewProgress & { assignedTasks: Record<string, number>; completedUnits: string[] }> {
    const cycle = await this.commands.load(reviewCycleDecider, reviewCycleStreamId(year));
    if (cycle.state.status !== 'open') throw DomainError.notFound('REVIEW_CYCLE_NOT_FOUND', '该年度评估尚未启动。');
    const ownUnitOnly = !['auditor', 'district_office', 'admin'].includes(request.principal.role);
    if (ownUnitOnly) assertReadsUnit(request.principal, request.principal.unitId ?? '');
    const progress = await this.documents.reviewProgress(year, ownUnitOnly ? (request.principal.unitId ?? undefined) : undefined);
    const units = cycle.state.units;
    const visible = Object.keys(units).filter((u) => !ownUnitOnly || u === request.principal.unitId);
    // assignedTasks and completedUnits come from the cycle's stream; the per-unit counts from the read model
    return {
      ...progress,
      assignedTasks: Object.fromEntries(visible.map((u) => [u, units[u].documentIds.length])),
      completedUnits: Object.keys(units).filter((u) => units[u].completed && (!ownUnitOnly || u === request.principal.unitId)),
    };
  }

  @Post('cleanup-campaigns')
  @Roles('district_office', 'admin')
  @ApiOperation({ summary: '启动文件清理（区政府办公室）' })
  @ApiBody({ schema: jsonSchemaOf(openCleanupCampaignBody) })
  async openCleanup(
    @Body(new ZodPipe(openCleanupCampaignBody)) body: z.infer<typeof openCleanupCampaignBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.handle(
      cleanupCampaignDecider,
      cleanupCampaignStreamId(body.campaignId),
      { type: 'OpenCleanupCampaign', campaignId: body.campaignId, title: body.title, openedOn: body.openedOn ?? today() },
      commandContext(request),
    );
    setRevision(response, result.revision);
    response.status(201);
    return { campaignId: body.campaignId, revision: result.revision };
  }

  @Post('cleanup-campaigns/:campaignId/results/:unitId')
  @Roles('clerk', 'office_head', 'district_office', 'admin')
  @ApiOperation({ summary: '公布本单位清理结果；列为失效、废止的公文同时宣布失效、废止' })
  @ApiBody({ schema: jsonSchemaOf(publishCleanupResultBody) })
  async publishCleanup(
    @Param('campaignId') campaignId: string,
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(publishCleanupResultBody)) body: z.infer<typeof publishCleanupResultBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, unitId);
    const campaign = await this.commands.load(cleanupCampaignDecider, cleanupCampaignStreamId(campaignId));
    if (campaign.state.status !== 'open') throw DomainError.notFound('CLEANUP_CAMPAIGN_NOT_FOUND', '该清理活动不存在。');
    const publishedOn = body.publishedOn ?? today();
    const context = { ...commandContext(request), expectedRevision: undefined };
    // Every entry must be an issued document of this unit (checked before anything is written).
    for (const entry of body.entries) {
      const { state } = await this.commands.load(documentDecider, documentStreamId(entry.documentId));
      if (state.status !== 'registered' || state.unitId !== unitId || state.phase !== 'issued') {
        throw DomainError.rule('CLEANUP_ENTRY_NOT_OWN_DOCUMENT', `清理结果中的公文 ${entry.documentId} 不是本单位已印发的公文。`);
      }
    }
    for (const entry of body.entries) {
      if (entry.outcome !== '失效' && entry.outcome !== '废止') continue;
      const { state } = await this.commands.load(documentDecider, documentStreamId(entry.documentId));
      if (state.status === 'registered' && state.validity !== '现行有效') continue;
      await this.commands.handle(
        documentDecider,
        documentStreamId(entry.documentId),
        {
          type: 'InvalidateDocument',
          status: entry.outcome,
          effectiveOn: publishedOn,
          legalBasis: `文件清理：${campaign.state.title}`,
          campaignId,
        },
        context,
      );
    }
    const result = await this.commands.handle(
      cleanupCampaignDecider,
      cleanupCampaignStreamId(campaignId),
      { type: 'PublishCleanupResult', unitId, publishedOn, entries: body.entries },
      context,
    );
    setRevision(response, result.revision);
    response.status(201);
    return { campaignId, unitId, revision: result.revision };
  }
}

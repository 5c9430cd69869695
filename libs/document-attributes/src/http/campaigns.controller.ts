import { Body, Controller, Get, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import {
  CommandHandler,
  commandContext,
  CurrentPrincipal,
  DISTRICT_ROLES,
  jsonSchemaOf,
  Roles,
  setRevision,
  ZodPipe,
  type AuthenticatedRequest,
  type Principal,
} from '@gongkai/platform';
import { openCleanupCampaign, openReviewCycle, publishCleanupResult, reviewCycleProgress } from '../application/campaigns';
import { DocumentsProjection, type ReviewProgress } from '../read-models/documents.projection';
import { openCleanupCampaignBody, openReviewCycleBody, publishCleanupResultBody } from './document.schemas';
import { Returns } from '@gongkai/platform';
import { reviewCycleProgressViewSchema } from '@gongkai/contracts';

/** A created resource: 201 with its revision as the ETag. */
const created = <T extends { revision: number }>(response: Response, result: T): T => {
  setRevision(response, result.revision);
  response.status(201);
  return result;
};

@ApiTags('document-attributes: yearly review and cleanup 年度评估与清理')
@ApiBearerAuth()
@Controller('api/document-attributes')
export class CampaignsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly documents: DocumentsProjection,
  ) {}

  @Post('review-cycles')
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '启动年度评估（区政府办公室）：为每个单位的不予公开、依申请公开公文生成评估任务' })
  @ApiBody({ schema: jsonSchemaOf(openReviewCycleBody) })
  async openReviewCycle(
    @Body(new ZodPipe(openReviewCycleBody)) body: z.infer<typeof openReviewCycleBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return created(response, await openReviewCycle(this.commands, body, commandContext(request)));
  }

  @Get('review-cycles/:year/progress')
  @Returns(reviewCycleProgressViewSchema)
  @ApiOperation({ summary: '年度评估进度（按单位）' })
  async progress(
    @Param('year', ParseIntPipe) year: number,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReviewProgress & { assignedTasks: Record<string, number>; completedUnits: string[] }> {
    return reviewCycleProgress(this.commands, this.documents, principal, year);
  }

  @Post('cleanup-campaigns')
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '启动文件清理（区政府办公室）' })
  @ApiBody({ schema: jsonSchemaOf(openCleanupCampaignBody) })
  async openCleanup(
    @Body(new ZodPipe(openCleanupCampaignBody)) body: z.infer<typeof openCleanupCampaignBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return created(response, await openCleanupCampaign(this.commands, body, commandContext(request)));
  }

  @Post('cleanup-campaigns/:campaignId/results/:unitId')
  @Roles('clerk', 'office_head', ...DISTRICT_ROLES)
  @ApiOperation({ summary: '公布本单位清理结果；列为失效、废止的公文同时宣布失效、废止' })
  @ApiBody({ schema: jsonSchemaOf(publishCleanupResultBody) })
  async publishCleanup(
    @Param('campaignId') campaignId: string,
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(publishCleanupResultBody)) body: z.infer<typeof publishCleanupResultBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return created(response, await publishCleanupResult(this.commands, campaignId, unitId, body, commandContext(request)));
  }
}

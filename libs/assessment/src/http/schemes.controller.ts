import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  commandContext,
  DISTRICT_READER_ROLES,
  DISTRICT_ROLES,
  DomainError,
  jsonSchemaOf,
  READER_ROLES,
  Roles,
  setRevision,
  ZodPipe,
  type AuthenticatedRequest,
} from '@gongkai/platform';
import { AssessmentSchemes } from '../application/schemes';
import { ScoringService } from '../application/scoring.service';
import { AssessmentSchemesProjection } from '../read-models/schemes.projection';
import { freezeBody, manualScoreBody, publishSchemeBody, trainingBody } from './schemas';
import { Returns } from '@gongkai/platform';
import { schemeSummaryViewSchema, someObjectSchema } from '@gongkai/contracts';

/** A command's answer: 201 with the new stream revision as the ETag. */
function created<T extends { revision: number }>(response: Response, outcome: T): T {
  setRevision(response, outcome.revision);
  response.status(201);
  return outcome;
}

@ApiTags('assessment: 考核方案与评分')
@ApiBearerAuth()
@Controller('api/assessment')
export class SchemesController {
  constructor(
    private readonly assessment: AssessmentSchemes,
    private readonly scoring: ScoringService,
    private readonly schemes: AssessmentSchemesProjection,
  ) {}

  @Post('schemes')
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '发布考核方案（或发布新版本）；政务公开权重不得低于4%' })
  @ApiBody({ schema: jsonSchemaOf(publishSchemeBody) })
  async publish(
    @Body(new ZodPipe(publishSchemeBody)) body: z.infer<typeof publishSchemeBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return created(response, await this.assessment.publish(body, commandContext(request)));
  }

  @Get('schemes')
  @Returns(z.array(schemeSummaryViewSchema), { bounded: "the district's assessment schemes: one or a few a year" })
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '考核方案列表' })
  list(@Query('year') year?: string) {
    return this.schemes.list(year ? Number(year) : undefined);
  }

  @Get('schemes/:schemeId')
  @Returns(someObjectSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '考核方案（当前版本及历次版本）' })
  get(@Param('schemeId') schemeId: string) {
    return this.assessment.scheme(schemeId);
  }

  @Post('schemes/:schemeId/manual-scores')
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '人工评分（须写明理由和佐证）' })
  @ApiBody({ schema: jsonSchemaOf(manualScoreBody) })
  async manual(
    @Param('schemeId') schemeId: string,
    @Body(new ZodPipe(manualScoreBody)) body: z.infer<typeof manualScoreBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return created(response, await this.assessment.recordManualScore(schemeId, body, commandContext(request)));
  }

  @Post('schemes/:schemeId/freeze')
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '固化考核结果（含全部明细和输入哈希），此后不能更改' })
  @ApiBody({ schema: jsonSchemaOf(freezeBody) })
  async freeze(
    @Param('schemeId') schemeId: string,
    @Body(new ZodPipe(freezeBody)) body: z.infer<typeof freezeBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return created(response, await this.assessment.freeze(schemeId, body, commandContext(request)));
  }

  @Get('schemes/:schemeId/frozen')
  @Returns(someObjectSchema)
  @Roles(...DISTRICT_READER_ROLES)
  @ApiOperation({ summary: '已固化的考核结果' })
  async frozen(@Param('schemeId') schemeId: string) {
    const frozen = await this.scoring.frozen(schemeId);
    if (!frozen) throw DomainError.notFound('NOT_FROZEN', '该方案的考核结果尚未固化。');
    return frozen;
  }

  @Get('schemes/:schemeId/frozen/verify')
  @Returns(someObjectSchema)
  @Roles(...DISTRICT_READER_ROLES)
  @ApiOperation({ summary: '按历史重新计算已固化的结果并逐项比对' })
  verify(@Param('schemeId') schemeId: string) {
    return this.scoring.verifyFrozen(schemeId);
  }

  @Post('trainings')
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '登记培训（日期、单位、人数；每年至少一次集中学习培训）' })
  @ApiBody({ schema: jsonSchemaOf(trainingBody) })
  async training(
    @Body(new ZodPipe(trainingBody)) body: z.infer<typeof trainingBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return created(response, await this.assessment.recordTraining(body, commandContext(request)));
  }
}

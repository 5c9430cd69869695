import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import {
  CommandHandler,
  commandContext,
  ConsumerCatchUp,
  DomainError,
  GONGKAI_CONFIG,
  jsonSchemaOf,
  Roles,
  setRevision,
  ZodPipe,
  type AuthenticatedRequest,
  type GongkaiConfig,
} from '@gongkai/platform';
import { frozenFormOf, parseAsOf, schemeRefOf, ScoringService } from '../application/scoring.service';
import { evaluationDecider, evaluationStreamId, trainingDecider, trainingStreamId } from '../domain/evaluation';
import { schemeStreamId } from '../domain/scheme';
import { schemeDecider } from '../domain/scheme.decide';
import { AssessmentSchemesProjection } from '../read-models/schemes.projection';
import { AssessmentUnitsProjection } from '../read-models/units.projection';
import { freezeBody, manualScoreBody, publishSchemeBody, trainingBody } from './schemas';
import { DISTRICT, READERS } from './support';

@ApiTags('assessment: 考核方案与评分')
@ApiBearerAuth()
@Controller('api/assessment')
export class SchemesController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly scoring: ScoringService,
    private readonly schemes: AssessmentSchemesProjection,
    private readonly units: AssessmentUnitsProjection,
    private readonly catchUp: ConsumerCatchUp,
    @Inject(GONGKAI_CONFIG) private readonly config: GongkaiConfig,
  ) {}

  @Post('schemes')
  @Roles(...DISTRICT)
  @ApiOperation({ summary: '发布考核方案（或发布新版本）；政务公开权重不得低于4%' })
  @ApiBody({ schema: jsonSchemaOf(publishSchemeBody) })
  async publish(
    @Body(new ZodPipe(publishSchemeBody)) body: z.infer<typeof publishSchemeBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const scoresFrozen = (await this.commands.load(evaluationDecider, evaluationStreamId(body.schemeId))).state.frozen !== null;
    const result = await this.commands.handle(
      schemeDecider,
      schemeStreamId(body.schemeId),
      { type: 'PublishScheme', ...body, scoresFrozen },
      commandContext(request),
    );
    setRevision(response, result.revision);
    response.status(201);
    return {
      schemeId: body.schemeId,
      version: result.state.status === 'published' ? result.state.current.version : null,
      eventId: result.events[0]?.eventId,
      revision: result.revision,
    };
  }

  @Get('schemes')
  @Roles(...READERS)
  @ApiOperation({ summary: '考核方案列表' })
  list(@Query('year') year?: string) {
    return this.schemes.list(year ? Number(year) : undefined);
  }

  @Get('schemes/:schemeId')
  @Roles(...READERS)
  @ApiOperation({ summary: '考核方案（当前版本及历次版本）' })
  async get(@Param('schemeId') schemeId: string) {
    const { state, revision } = await this.commands.load(schemeDecider, schemeStreamId(schemeId));
    if (state.status !== 'published') throw DomainError.notFound('SCHEME_NOT_FOUND', `考核方案“${schemeId}”不存在。`);
    return { ...state, revision };
  }

  @Post('schemes/:schemeId/manual-scores')
  @Roles(...DISTRICT)
  @ApiOperation({ summary: '人工评分（须写明理由和佐证）' })
  @ApiBody({ schema: jsonSchemaOf(manualScoreBody) })
  async manual(
    @Param('schemeId') schemeId: string,
    @Body(new ZodPipe(manualScoreBody)) body: z.infer<typeof manualScoreBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const scheme = schemeRefOf((await this.commands.load(schemeDecider, schemeStreamId(schemeId))).state);
    const unit = await this.units.get(body.unitId);
    const unitAssessed = !!unit && !!scheme && scheme.version.assessedUnitKinds.includes(unit.kind as never);
    const result = await this.commands.handle(
      evaluationDecider,
      evaluationStreamId(schemeId),
      { type: 'RecordManualScore', scheme, unitAssessed, ...body },
      commandContext(request),
    );
    setRevision(response, result.revision);
    response.status(201);
    return { eventId: result.events[0]?.eventId, score: result.events[0]?.data, revision: result.revision };
  }

  @Post('schemes/:schemeId/freeze')
  @Roles(...DISTRICT)
  @ApiOperation({ summary: '固化考核结果（含全部明细和输入哈希），此后不能更改' })
  @ApiBody({ schema: jsonSchemaOf(freezeBody) })
  async freeze(
    @Param('schemeId') schemeId: string,
    @Body(new ZodPipe(freezeBody)) body: z.infer<typeof freezeBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const context = commandContext(request);
    const asOf = parseAsOf(body.asOf, new Date(context.now));
    if (asOf > context.now) throw DomainError.validation('AS_OF_IN_FUTURE', '不能按未来的时间固化考核结果。');
    const scheme = await this.scoring.scheme(schemeId);
    // The facts must hold every event published up to now (late records of other units included)
    // before the result is computed and frozen; the decider refuses otherwise.
    const caughtUp = await this.catchUp.waitFor('assessment', { timeoutMs: this.config.ASSESSMENT_FREEZE_CATCH_UP_S * 1000 });
    const factsCatchUp = {
      caughtUp: caughtUp.caughtUp,
      remaining: caughtUp.remaining,
      waitedSeconds: Math.round(caughtUp.waitedMs / 1000),
    };
    const sheet = await this.scoring.compute(schemeId, asOf);
    const result = await this.commands.handle(
      evaluationDecider,
      evaluationStreamId(schemeId),
      { type: 'FreezeScores', scheme, result: frozenFormOf(sheet), reason: body.reason ?? null, factsCatchUp },
      context,
    );
    setRevision(response, result.revision);
    response.status(201);
    return { eventId: result.events[0]?.eventId, frozen: result.events[0]?.data, revision: result.revision };
  }

  @Get('schemes/:schemeId/frozen')
  @Roles(...DISTRICT, 'auditor')
  @ApiOperation({ summary: '已固化的考核结果' })
  async frozen(@Param('schemeId') schemeId: string) {
    const frozen = await this.scoring.frozen(schemeId);
    if (!frozen) throw DomainError.notFound('NOT_FROZEN', '该方案的考核结果尚未固化。');
    return frozen;
  }

  @Get('schemes/:schemeId/frozen/verify')
  @Roles(...DISTRICT, 'auditor')
  @ApiOperation({ summary: '按历史重新计算已固化的结果并逐项比对' })
  verify(@Param('schemeId') schemeId: string) {
    return this.scoring.verifyFrozen(schemeId);
  }

  @Post('trainings')
  @Roles(...DISTRICT)
  @ApiOperation({ summary: '登记培训（日期、单位、人数；每年至少一次集中学习培训）' })
  @ApiBody({ schema: jsonSchemaOf(trainingBody) })
  async training(
    @Body(new ZodPipe(trainingBody)) body: z.infer<typeof trainingBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.handle(
      trainingDecider,
      trainingStreamId(body.trainingId),
      { type: 'RecordTraining', ...body },
      commandContext(request),
    );
    setRevision(response, result.revision);
    response.status(201);
    return { eventId: result.events[0]?.eventId, revision: result.revision };
  }
}

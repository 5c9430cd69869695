import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import {
  assertActsForUnit,
  CommandHandler,
  commandContext,
  DomainError,
  jsonSchemaOf,
  Public,
  Roles,
  setRevision,
  ZodPipe,
} from '@gongkai/platform';
import { concernStreamId } from '../domain/concern';
import { concernDecider } from '../domain/concern.decide';
import { ConcernsProjection } from '../read-models/concerns.projection';
import { assignConcernBody, concernResponseBody, registerConcernBody } from './schemas';
import { answer, currentLimits, DISTRICT, STAFF, type StaffRequest } from './support';

@ApiTags('interpretation: 回应关切')
@ApiBearerAuth()
@Controller('api/interpretation/concerns')
export class ConcernsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly concerns: ConcernsProjection,
  ) {}

  @Post()
  @Roles(...DISTRICT)
  @ApiOperation({ summary: '登记社会关切（区政府办公室）' })
  @ApiBody({ schema: jsonSchemaOf(registerConcernBody) })
  async register(
    @Body(new ZodPipe(registerConcernBody)) body: z.infer<typeof registerConcernBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const context = commandContext(request);
    const limits = await currentLimits(this.commands);
    const result = await this.commands.handle(
      concernDecider,
      concernStreamId(body.concernId),
      { type: 'RegisterConcern', ...body, registeredAt: body.registeredAt ?? context.now, now: context.now, limits },
      context,
    );
    return answer(
      response,
      result.revision,
      { concernId: body.concernId, dueBy: (result.events[0]?.data as { dueBy: unknown }).dueBy },
      201,
    );
  }

  @Post(':concernId/assign')
  @Roles(...DISTRICT)
  @ApiOperation({ summary: '交办责任单位' })
  @ApiBody({ schema: jsonSchemaOf(assignConcernBody) })
  async assign(
    @Param('concernId') concernId: string,
    @Body(new ZodPipe(assignConcernBody)) body: z.infer<typeof assignConcernBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.handle(
      concernDecider,
      concernStreamId(concernId),
      { type: 'AssignConcern', ...body },
      commandContext(request),
    );
    return answer(response, result.revision, { concernId });
  }

  @Post(':concernId/responses')
  @Roles(...STAFF)
  @ApiOperation({ summary: '发布回应（责任单位）' })
  @ApiBody({ schema: jsonSchemaOf(concernResponseBody) })
  async respond(
    @Param('concernId') concernId: string,
    @Body(new ZodPipe(concernResponseBody)) body: z.infer<typeof concernResponseBody>,
    @Req() request: StaffRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { state } = await this.commands.load(concernDecider, concernStreamId(concernId));
    if (state.status === 'none') throw DomainError.notFound('CONCERN_NOT_FOUND', '该关切不存在。');
    if (state.unitId) assertActsForUnit(request.principal, state.unitId);
    const context = commandContext(request);
    const result = await this.commands.handle(
      concernDecider,
      concernStreamId(concernId),
      { type: 'PublishResponse', ...body, now: context.now },
      context,
    );
    return answer(response, result.revision, { concernId, response: result.events[0]?.data });
  }

  @Get()
  @Roles(...STAFF, 'auditor')
  @ApiOperation({ summary: '关切列表' })
  list(@Query('unitId') unitId?: string) {
    return this.concerns.list({ unitId });
  }

  @Get('statistics')
  @Public()
  @ApiOperation({ summary: '回应及时率统计（公开）' })
  statistics() {
    return this.concerns.statistics(new Date());
  }

  @Get(':concernId')
  @Roles(...STAFF, 'auditor')
  @ApiOperation({ summary: '关切详情' })
  async get(@Param('concernId') concernId: string, @Res({ passthrough: true }) response: Response) {
    const concern = await this.concerns.get(concernId);
    if (!concern) throw DomainError.notFound('CONCERN_NOT_FOUND', '该关切不存在。');
    // As the concern's commands answer: the client knows when this view includes its last write.
    setRevision(response, concern.revision);
    return concern;
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  assertReadsUnit,
  commandContext,
  CurrentPrincipal,
  DISTRICT_ROLES,
  DomainError,
  jsonSchemaOf,
  Public,
  READER_ROLES,
  readScope,
  requestTime,
  Roles,
  setRevision,
  STAFF_ROLES,
  ZodPipe,
  type AuthenticatedRequest,
  type Principal,
} from '@gongkai/platform';
import { Concerns } from '../application/concerns';
import { ConcernsProjection } from '../read-models/concerns.projection';
import { assignConcernBody, concernResponseBody, registerConcernBody, unitPageQuery } from './schemas';
import { answer } from './support';
import { pageOf, Returns, ReturnsPage } from '@gongkai/platform';
import { concernStaffViewSchema, someListSchema } from '@gongkai/contracts';

@ApiTags('interpretation: 回应关切')
@ApiBearerAuth()
@Controller('api/interpretation/concerns')
export class ConcernsController {
  constructor(
    private readonly concernService: Concerns,
    private readonly concerns: ConcernsProjection,
  ) {}

  @Post()
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '登记社会关切（区政府办公室）' })
  @ApiBody({ schema: jsonSchemaOf(registerConcernBody) })
  async register(
    @Body(new ZodPipe(registerConcernBody)) body: z.infer<typeof registerConcernBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { revision, dueBy } = await this.concernService.register(body, commandContext(request));
    return answer(response, revision, { concernId: body.concernId, dueBy }, 201);
  }

  @Post(':concernId/assign')
  @HttpCode(200)
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '交办责任单位' })
  @ApiBody({ schema: jsonSchemaOf(assignConcernBody) })
  async assign(
    @Param('concernId') concernId: string,
    @Body(new ZodPipe(assignConcernBody)) body: z.infer<typeof assignConcernBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.concernService.assign(concernId, body, commandContext(request));
    return answer(response, result.revision, { concernId });
  }

  @Post(':concernId/responses')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '发布回应（责任单位）' })
  @ApiBody({ schema: jsonSchemaOf(concernResponseBody) })
  async respond(
    @Param('concernId') concernId: string,
    @Body(new ZodPipe(concernResponseBody)) body: z.infer<typeof concernResponseBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.concernService.respond(concernId, body, commandContext(request));
    return answer(response, result.revision, { concernId, response: result.events[0]?.data });
  }

  @Get()
  @ReturnsPage(concernStaffViewSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '关切列表（本单位交办的；区政府办公室、审计可看全部；分页，总数见 X-Total-Count）' })
  async list(@Query(new ZodPipe(unitPageQuery)) query: z.infer<typeof unitPageQuery>, @CurrentPrincipal() principal: Principal) {
    return pageOf(await this.concerns.list({ unitId: readScope(principal, query.unitId) }), query);
  }

  @Get('statistics')
  @Returns(someListSchema, { bounded: 'one row per unit of the district' })
  @Public()
  @ApiOperation({ summary: '回应及时率统计（公开）' })
  statistics(@Req() request: AuthenticatedRequest) {
    return this.concerns.statistics(new Date(requestTime(request)));
  }

  @Get(':concernId')
  @Returns(concernStaffViewSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '关切详情' })
  async get(
    @Param('concernId') concernId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const concern = await this.concerns.get(concernId);
    if (!concern) throw DomainError.notFound('CONCERN_NOT_FOUND', '该关切不存在。');
    assertReadsUnit(principal, concern.unitId ?? '（未交办）');
    // As the concern's commands answer: the client knows when this view includes its last write.
    setRevision(response, concern.revision);
    return concern;
  }
}

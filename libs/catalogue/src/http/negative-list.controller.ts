import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  assertActsForUnit,
  assertReadsUnit,
  commandContext,
  jsonSchemaOf,
  requestTime,
  Roles,
  setRevision,
  ZodPipe,
  type AuthenticatedRequest,
} from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import { CatalogueNegativeList, type NegativeEntryOutcome } from '../application/negative-list';
import { stripUndefined } from '../domain/catalogue-row';
import type { NegativeEntryCommand } from '../domain/negative-entry.decide';
import { CatalogueNegativeListProjection } from '../read-models/negative-list.projection';
import { CATALOGUE_EDITORS } from './access';
import { negativeEntryBody, negativeListQuery, reasonBody, reviewBody } from './catalogue.schemas';
import { pageOf, ReturnsPage } from '@gongkai/platform';
import { negativeEntryViewSchema } from '@gongkai/contracts';

@ApiTags('catalogue: negative list 负面清单')
@ApiBearerAuth()
@Controller('api/catalogue/units/:unitId/negative-list')
export class NegativeListController {
  constructor(
    private readonly negativeList: CatalogueNegativeList,
    private readonly entries: CatalogueNegativeListProjection,
  ) {}

  /** The unit is authorised here; that it owns the entry, in the decider (the command names the unit). */
  private async decide(
    unitId: string,
    entryId: string,
    command: NegativeEntryCommand,
    request: AuthenticatedRequest,
    response: Response,
  ): Promise<NegativeEntryOutcome> {
    assertActsForUnit(request.principal, unitId);
    const outcome = await this.negativeList.decide(entryId, command, commandContext(request));
    setRevision(response, outcome.revision);
    return outcome;
  }

  @Post()
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({ summary: '新增负面清单事项（草稿）' })
  @ApiBody({ schema: jsonSchemaOf(negativeEntryBody) })
  async draft(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(negativeEntryBody)) body: z.infer<typeof negativeEntryBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, unitId);
    const outcome = await this.negativeList.draft(unitId, stripUndefined(body), commandContext(request));
    setRevision(response, outcome.revision);
    response.status(201);
    return outcome;
  }

  @Put(':entryId')
  @Roles(...CATALOGUE_EDITORS)
  @ApiBody({ schema: jsonSchemaOf(negativeEntryBody) })
  amend(
    @Param('unitId') unitId: string,
    @Param('entryId') entryId: string,
    @Body(new ZodPipe(negativeEntryBody)) body: z.infer<typeof negativeEntryBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.decide(
      unitId,
      entryId,
      { type: 'AmendNegativeEntry', ownerUnitId: unitId, content: stripUndefined(body) },
      request,
      response,
    );
  }

  @Post(':entryId/publish')
  @HttpCode(200)
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({ summary: '发布（须有具体法律依据）' })
  publish(
    @Param('unitId') unitId: string,
    @Param('entryId') entryId: string,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.decide(unitId, entryId, { type: 'PublishNegativeEntry', ownerUnitId: unitId, at: requestTime(request) }, request, response);
  }

  @Post(':entryId/review')
  @HttpCode(200)
  @Roles(...CATALOGUE_EDITORS)
  @ApiBody({ schema: jsonSchemaOf(reviewBody) })
  review(
    @Param('unitId') unitId: string,
    @Param('entryId') entryId: string,
    @Body(new ZodPipe(reviewBody)) body: z.infer<typeof reviewBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.decide(unitId, entryId, { type: 'ReviewNegativeEntry', ownerUnitId: unitId, ...body }, request, response);
  }

  @Post(':entryId/withdraw')
  @HttpCode(200)
  @Roles(...CATALOGUE_EDITORS)
  @ApiBody({ schema: jsonSchemaOf(reasonBody) })
  withdraw(
    @Param('unitId') unitId: string,
    @Param('entryId') entryId: string,
    @Body(new ZodPipe(reasonBody)) body: z.infer<typeof reasonBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.decide(unitId, entryId, { type: 'WithdrawNegativeEntry', ownerUnitId: unitId, reason: body.reason }, request, response);
  }

  @Get()
  @ReturnsPage(negativeEntryViewSchema)
  @ApiOperation({ summary: '本单位负面清单（含草稿；标注超过12个月未评估；分页，总数见 X-Total-Count）' })
  async list(
    @Param('unitId') unitId: string,
    @Query(new ZodPipe(negativeListQuery)) query: z.infer<typeof negativeListQuery>,
    @Req() request: AuthenticatedRequest,
  ) {
    assertReadsUnit(request.principal, unitId);
    return pageOf(await this.entries.list({ ownerUnitId: unitId }, toShanghaiDate(requestTime(request))), query);
  }
}

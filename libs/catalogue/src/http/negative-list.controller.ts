import { Body, Controller, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import {
  assertActsForUnit,
  assertReadsUnit,
  CommandHandler,
  commandContext,
  jsonSchemaOf,
  Roles,
  setRevision,
  ZodPipe,
  type AuthenticatedRequest,
} from '@gongkai/platform';
import { stripUndefined } from '../domain/catalogue-row';
import { negativeEntryDecider, negativeEntryStreamId, type NegativeEntryCommand } from '../domain/negative-entry';
import { CatalogueNegativeListProjection } from '../read-models/negative-list.projection';
import { today } from './access';
import { negativeEntryBody, reasonBody, reviewBody } from './catalogue.schemas';

const STAFF = ['clerk', 'office_head', 'district_office', 'admin'] as const;

@ApiTags('catalogue: negative list 负面清单')
@ApiBearerAuth()
@Controller('api/catalogue/units/:unitId/negative-list')
export class NegativeListController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly entries: CatalogueNegativeListProjection,
  ) {}

  private async run(unitId: string, entryId: string, command: NegativeEntryCommand, request: AuthenticatedRequest, response: Response) {
    assertActsForUnit(request.principal, unitId);
    const result = await this.commands.handle(negativeEntryDecider, negativeEntryStreamId(entryId), command, commandContext(request));
    setRevision(response, result.revision);
    return { entryId, revision: result.revision, status: result.state.status };
  }

  @Post()
  @Roles(...STAFF)
  @ApiOperation({ summary: '新增负面清单事项（草稿）' })
  @ApiBody({ schema: jsonSchemaOf(negativeEntryBody) })
  draft(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(negativeEntryBody)) body: z.infer<typeof negativeEntryBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const entryId = uuidv7();
    response.status(201);
    return this.run(
      unitId,
      entryId,
      { type: 'DraftNegativeEntry', entryId, ownerUnitId: unitId, content: stripUndefined(body) },
      request,
      response,
    );
  }

  @Put(':entryId')
  @Roles(...STAFF)
  @ApiBody({ schema: jsonSchemaOf(negativeEntryBody) })
  amend(
    @Param('unitId') unitId: string,
    @Param('entryId') entryId: string,
    @Body(new ZodPipe(negativeEntryBody)) body: z.infer<typeof negativeEntryBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(unitId, entryId, { type: 'AmendNegativeEntry', ownerUnitId: unitId, content: stripUndefined(body) }, request, response);
  }

  @Post(':entryId/publish')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: '发布（须有具体法律依据）' })
  publish(
    @Param('unitId') unitId: string,
    @Param('entryId') entryId: string,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(
      unitId,
      entryId,
      { type: 'PublishNegativeEntry', ownerUnitId: unitId, at: new Date().toISOString() },
      request,
      response,
    );
  }

  @Post(':entryId/review')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiBody({ schema: jsonSchemaOf(reviewBody) })
  review(
    @Param('unitId') unitId: string,
    @Param('entryId') entryId: string,
    @Body(new ZodPipe(reviewBody)) body: z.infer<typeof reviewBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(unitId, entryId, { type: 'ReviewNegativeEntry', ownerUnitId: unitId, ...body }, request, response);
  }

  @Post(':entryId/withdraw')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiBody({ schema: jsonSchemaOf(reasonBody) })
  withdraw(
    @Param('unitId') unitId: string,
    @Param('entryId') entryId: string,
    @Body(new ZodPipe(reasonBody)) body: z.infer<typeof reasonBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(unitId, entryId, { type: 'WithdrawNegativeEntry', ownerUnitId: unitId, reason: body.reason }, request, response);
  }

  @Get()
  @ApiOperation({ summary: '本单位负面清单（含草稿；标注超过12个月未评估）' })
  list(@Param('unitId') unitId: string, @Req() request: AuthenticatedRequest) {
    assertReadsUnit(request.principal, unitId);
    return this.entries.list({ ownerUnitId: unitId }, today());
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
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
import { CatalogueSpreadsheets } from '../application/catalogue-import';
import { readUpload, XLSX_MIME } from '../application/spreadsheet';
import { stripUndefined } from '../domain/catalogue-row';
import { itemStreamId } from '../domain/item';
import { itemDecider, type ItemCommand } from '../domain/item.decide';
import { unitStreamId } from '../domain/unit';
import { unitDecider } from '../domain/unit.decide';
import { CatalogueItemsProjection, type ItemView } from '../read-models/items.projection';

import { itemContentBody, noteBody, reasonBody, reviseItemBody } from './catalogue.schemas';

const STAFF = ['clerk', 'office_head', 'district_office', 'admin'] as const;

/** Staff side of a unit's catalogue: drafting, publishing, revising, withdrawing, the to-do list. */
@ApiTags('catalogue: items 公开事项')
@ApiBearerAuth()
@Controller('api/catalogue/units/:unitId/items')
export class ItemsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly items: CatalogueItemsProjection,
    private readonly spreadsheets: CatalogueSpreadsheets,
  ) {}

  private async registeredUnit(unitId: string) {
    const { state } = await this.commands.load(unitDecider, unitStreamId(unitId));
    if (state.status !== 'registered') throw DomainError.notFound('UNIT_NOT_FOUND', `单位 ${unitId} 不存在。`);
    return state;
  }

  private async run(unitId: string, itemId: string, command: ItemCommand, request: AuthenticatedRequest, response: Response) {
    assertActsForUnit(request.principal, unitId);
    const result = await this.commands.handle(itemDecider, itemStreamId(itemId), command, commandContext(request));
    setRevision(response, result.revision);
    return {
      itemId,
      revision: result.revision,
      status: result.state.status,
      version: result.state.status === 'none' ? 0 : result.state.version,
    };
  }

  @Post()
  @Roles(...STAFF)
  @ApiOperation({ summary: '新增公开事项（草稿）' })
  @ApiBody({ schema: jsonSchemaOf(itemContentBody) })
  async draft(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(itemContentBody)) body: z.infer<typeof itemContentBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, unitId);
    await this.registeredUnit(unitId);
    const itemId = uuidv7();
    response.status(201);
    return this.run(unitId, itemId, { type: 'DraftItem', itemId, unitId, content: stripUndefined(body) }, request, response);
  }

  @Put(':itemId')
  @Roles(...STAFF)
  @ApiOperation({ summary: '修改草稿' })
  @ApiBody({ schema: jsonSchemaOf(itemContentBody) })
  update(
    @Param('unitId') unitId: string,
    @Param('itemId') itemId: string,
    @Body(new ZodPipe(itemContentBody)) body: z.infer<typeof itemContentBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(unitId, itemId, { type: 'UpdateDraft', unitId, content: stripUndefined(body) }, request, response);
  }

  @Post(':itemId/publish')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: '发布公开事项（八要素齐全）' })
  publish(
    @Param('unitId') unitId: string,
    @Param('itemId') itemId: string,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(unitId, itemId, { type: 'PublishItem', unitId, at: new Date().toISOString() }, request, response);
  }

  @Post(':itemId/revise')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: '修订已发布事项（形成新版本）' })
  @ApiBody({ schema: jsonSchemaOf(reviseItemBody) })
  revise(
    @Param('unitId') unitId: string,
    @Param('itemId') itemId: string,
    @Body(new ZodPipe(reviseItemBody)) body: z.infer<typeof reviseItemBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command: ItemCommand = {
      type: 'ReviseItem',
      unitId,
      content: stripUndefined(body.content),
      reason: body.reason,
      at: new Date().toISOString(),
    };
    return this.run(unitId, itemId, command, request, response);
  }

  @Post(':itemId/withdraw')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: '撤销公开事项（须说明理由）' })
  @ApiBody({ schema: jsonSchemaOf(reasonBody) })
  withdraw(
    @Param('unitId') unitId: string,
    @Param('itemId') itemId: string,
    @Body(new ZodPipe(reasonBody)) body: z.infer<typeof reasonBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(unitId, itemId, { type: 'WithdrawItem', unitId, reason: body.reason, at: new Date().toISOString() }, request, response);
  }

  @Post(':itemId/return')
  @HttpCode(200)
  @Roles('district_office', 'admin')
  @ApiOperation({ summary: '退回修改（区政府办公室）' })
  @ApiBody({ schema: jsonSchemaOf(noteBody) })
  returnForCorrection(
    @Param('unitId') unitId: string,
    @Param('itemId') itemId: string,
    @Body(new ZodPipe(noteBody)) body: z.infer<typeof noteBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(unitId, itemId, { type: 'ReturnForCorrection', unitId, note: body.note }, request, response);
  }

  @Get()
  @ApiOperation({ summary: '本单位全部事项（含草稿）' })
  list(@Param('unitId') unitId: string, @Req() request: AuthenticatedRequest): Promise<ItemView[]> {
    assertReadsUnit(request.principal, unitId);
    return this.items.ofUnit(unitId);
  }

  @Get('todo')
  @ApiOperation({ summary: '待办：被退回修改的事项和未发布的草稿' })
  todo(@Param('unitId') unitId: string, @Req() request: AuthenticatedRequest) {
    assertReadsUnit(request.principal, unitId);
    return this.items.todo(unitId);
  }

  @Get('export')
  @ApiOperation({ summary: '导出目录（.xlsx，标准列）' })
  async export(@Param('unitId') unitId: string, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    assertReadsUnit(request.principal, unitId);
    const unit = await this.registeredUnit(unitId);
    const file = await this.spreadsheets.export(unitId, unit.name);
    response.setHeader('Content-Type', XLSX_MIME);
    response.setHeader('Content-Disposition', `attachment; filename="catalogue-${unitId}.xlsx"`);
    response.end(file);
  }

  @Post('import')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiConsumes(XLSX_MIME)
  @ApiOperation({ summary: '导入目录（.xlsx；任一行有误则全部不导入）' })
  async import(@Param('unitId') unitId: string, @Req() request: AuthenticatedRequest) {
    assertActsForUnit(request.principal, unitId);
    await this.registeredUnit(unitId);
    const file = await readUpload(request);
    return this.spreadsheets.import(unitId, file, commandContext(request));
  }
}

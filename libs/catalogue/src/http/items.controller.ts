import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { domainCodeSchema, type DomainCode } from '@gongkai/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import {
  assertActsForUnit,
  assertReadsUnit,
  BLOB_STORE,
  commandContext,
  CurrentPrincipal,
  DISTRICT_ROLES,
  jsonSchemaOf,
  requestTime,
  Roles,
  sendFile,
  setRevision,
  ZodPipe,
  type AuthenticatedRequest,
  type BlobStore,
  type Principal,
} from '@gongkai/platform';
import { CatalogueSpreadsheets, type ImportPreview } from '../application/catalogue-import';
import { DOCX_MIME } from '../application/office-files';
import { CatalogueItems, type ItemOutcome } from '../application/items';
import { readUpload, XLSX_MIME } from '../application/spreadsheet';
import { stripUndefined } from '../domain/catalogue-row';
import type { ItemCommand } from '../domain/item.decide';
import { CatalogueItemsProjection, toStaffItem, type StaffItemView } from '../read-models/items.projection';
import { CATALOGUE_EDITORS } from './access';
import {
  exportLayout,
  importQuery,
  itemContentBody,
  itemListQuery,
  noteBody,
  reasonBody,
  reviseItemBody,
  type ItemListQuery,
} from './catalogue.schemas';
import { itemPage } from '../application/item-register';
import { Returns, ReturnsFile, ReturnsPage, type Page } from '@gongkai/platform';
import {
  importListViewSchema,
  importPreviewViewSchema,
  importReportViewSchema,
  itemTodoViewSchema,
  staffItemViewSchema,
} from '@gongkai/contracts';

/** Staff side of a unit's catalogue: drafting, publishing, revising, withdrawing, the to-do list. */
@ApiTags('catalogue: items 公开事项')
@ApiBearerAuth()
@Controller('api/catalogue/units/:unitId/items')
export class ItemsController {
  constructor(
    private readonly catalogue: CatalogueItems,
    private readonly items: CatalogueItemsProjection,
    private readonly spreadsheets: CatalogueSpreadsheets,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  /** The unit is authorised here; that the item belongs to it, in the decider (the command names the unit). */
  private async decide(
    unitId: string,
    itemId: string,
    command: ItemCommand,
    request: AuthenticatedRequest,
    response: Response,
  ): Promise<ItemOutcome> {
    assertActsForUnit(request.principal, unitId);
    const outcome = await this.catalogue.decide(itemId, command, commandContext(request));
    setRevision(response, outcome.revision);
    return outcome;
  }

  @Post()
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({ summary: '新增公开事项（草稿）' })
  @ApiBody({ schema: jsonSchemaOf(itemContentBody) })
  async draft(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(itemContentBody)) body: z.infer<typeof itemContentBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, unitId);
    const outcome = await this.catalogue.draft(unitId, stripUndefined(body), commandContext(request));
    setRevision(response, outcome.revision);
    response.status(201);
    return outcome;
  }

  @Put(':itemId')
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({ summary: '修改草稿' })
  @ApiBody({ schema: jsonSchemaOf(itemContentBody) })
  update(
    @Param('unitId') unitId: string,
    @Param('itemId') itemId: string,
    @Body(new ZodPipe(itemContentBody)) body: z.infer<typeof itemContentBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.decide(unitId, itemId, { type: 'UpdateDraft', unitId, content: stripUndefined(body) }, request, response);
  }

  @Post(':itemId/publish')
  @HttpCode(200)
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({ summary: '发布公开事项（八要素齐全）' })
  publish(
    @Param('unitId') unitId: string,
    @Param('itemId') itemId: string,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.decide(unitId, itemId, { type: 'PublishItem', unitId, at: requestTime(request) }, request, response);
  }

  @Post(':itemId/revise')
  @HttpCode(200)
  @Roles(...CATALOGUE_EDITORS)
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
      at: requestTime(request),
    };
    return this.decide(unitId, itemId, command, request, response);
  }

  @Post(':itemId/withdraw')
  @HttpCode(200)
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({ summary: '撤销公开事项（须说明理由）' })
  @ApiBody({ schema: jsonSchemaOf(reasonBody) })
  withdraw(
    @Param('unitId') unitId: string,
    @Param('itemId') itemId: string,
    @Body(new ZodPipe(reasonBody)) body: z.infer<typeof reasonBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.decide(unitId, itemId, { type: 'WithdrawItem', unitId, reason: body.reason, at: requestTime(request) }, request, response);
  }

  @Post(':itemId/return')
  @HttpCode(200)
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '退回修改（区政府办公室）' })
  @ApiBody({ schema: jsonSchemaOf(noteBody) })
  returnForCorrection(
    @Param('unitId') unitId: string,
    @Param('itemId') itemId: string,
    @Body(new ZodPipe(noteBody)) body: z.infer<typeof noteBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.decide(unitId, itemId, { type: 'ReturnForCorrection', unitId, note: body.note }, request, response);
  }

  @Get()
  @ReturnsPage(staffItemViewSchema)
  @ApiOperation({
    summary:
      '本单位事项（含草稿，分页）：按状态、领域、flag（returned|legal_basis_missing）、最近修改日期筛选，q 全文检索，sort 排序；总数见 X-Total-Count',
  })
  async list(
    @Param('unitId') unitId: string,
    @Query(new ZodPipe(itemListQuery)) query: ItemListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<StaffItemView>> {
    assertReadsUnit(principal, unitId);
    const page = itemPage(await this.items.ofUnit(unitId), query);
    return { ...page, rows: page.rows.map(toStaffItem) };
  }

  @Get('todo')
  @Returns(itemTodoViewSchema)
  @ApiOperation({ summary: '待办：被退回修改的事项和未发布的草稿' })
  async todo(@Param('unitId') unitId: string, @CurrentPrincipal() principal: Principal) {
    assertReadsUnit(principal, unitId);
    const { returned, drafts } = await this.items.todo(unitId);
    return { returned: returned.map(toStaffItem), drafts: drafts.map(toStaffItem) };
  }

  @Get('export')
  @ReturnsFile(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'])
  @ApiQuery({
    name: 'layout',
    required: false,
    enum: ['standard', 'published'],
    description: 'published：按县级公开的目录样式（每领域一页，√ 列）',
  })
  @ApiOperation({
    summary: '导出目录（.xlsx，标准列；或县级公开的目录样式）：筛选条件同事项列表，导出全部符合条件的事项（未指定状态时不含已撤销）',
  })
  async export(
    @Param('unitId') unitId: string,
    @Query('layout', new ZodPipe(exportLayout)) layout: z.infer<typeof exportLayout>,
    @Query(new ZodPipe(itemListQuery)) query: ItemListQuery,
    @CurrentPrincipal() principal: Principal,
    @Res() response: Response,
  ) {
    assertReadsUnit(principal, unitId);
    const { page: _p, pageSize: _s, ...filter } = query;
    const file = await this.spreadsheets.export(unitId, layout, filter);
    response.setHeader('Content-Type', XLSX_MIME);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="catalogue-${unitId}${layout === 'published' ? '-published' : ''}.xlsx"`,
    );
    response.end(file);
  }

  @Post('import/preview')
  @Returns(importPreviewViewSchema)
  @HttpCode(200)
  @Roles(...CATALOGUE_EDITORS)
  @ApiConsumes(XLSX_MIME, DOCX_MIME)
  @ApiQuery({ name: 'domain', required: false, description: '表格未写明领域时由用户选择的领域代码' })
  @ApiOperation({ summary: '导入预览：每一行对应的八要素和问题（不记录任何内容）' })
  preview(
    @Param('unitId') unitId: string,
    @Query('domain', new ZodPipe(domainCodeSchema.optional())) domain: DomainCode | undefined,
    @Req() request: AuthenticatedRequest,
  ): Promise<ImportPreview> {
    assertActsForUnit(request.principal, unitId);
    return this.spreadsheets.preview(unitId, (maxBytes) => readUpload(request, maxBytes), domain);
  }

  @Post('import')
  @Returns(importReportViewSchema)
  @HttpCode(200)
  @Roles(...CATALOGUE_EDITORS)
  @ApiConsumes(XLSX_MIME, DOCX_MIME)
  @ApiQuery({ name: 'domain', required: false, description: '表格未写明领域时由用户选择的领域代码' })
  @ApiQuery({ name: 'name', required: false, description: '原始文件名（百分号编码）；原始文件随导入记录保存' })
  @ApiOperation({ summary: '导入目录（.xlsx 或 .docx，标准列或县级公开的目录样式；任一行有误则全部不导入；原始文件随导入记录保存）' })
  import(
    @Param('unitId') unitId: string,
    @Query(new ZodPipe(importQuery)) query: z.infer<typeof importQuery>,
    @Req() request: AuthenticatedRequest,
  ) {
    assertActsForUnit(request.principal, unitId);
    const declaredMediaType = request.headers['content-type'] ?? '';
    // A client that names no file: the file is kept under a name saying what it is.
    const originalName = query.name ?? (declaredMediaType.startsWith(DOCX_MIME) ? '导入的目录.docx' : '导入的目录.xlsx');
    return this.spreadsheets.import(unitId, (maxBytes) => readUpload(request, maxBytes), commandContext(request), {
      domain: query.domain,
      file: { declaredMediaType, originalName },
    });
  }

  @Get('imports')
  @Returns(importListViewSchema)
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({ summary: '本单位的导入记录（最新在前），每条附原始文件' })
  async imports(@Param('unitId') unitId: string, @CurrentPrincipal() principal: Principal) {
    assertReadsUnit(principal, unitId);
    return { imports: await this.spreadsheets.imports(unitId) };
  }

  @Get('imports/:importId/file')
  @ReturnsFile([XLSX_MIME, DOCX_MIME])
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({ summary: '下载导入时上传的原始文件' })
  async importedFile(
    @Param('unitId') unitId: string,
    @Param('importId') importId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() response: Response,
  ) {
    assertReadsUnit(principal, unitId);
    await sendFile(response, this.blobs, await this.spreadsheets.importedFile(unitId, importId));
  }
}

import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { pipeline } from 'node:stream/promises';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { unitIdSchema } from '@gongkai/contracts';
import { DISTRICT_ROLES, READER_ROLES, STAFF_ROLES } from '@gongkai/contracts/vocabulary';
import {
  assertActsForUnit,
  assertReadsUnit,
  commandContext,
  CurrentPrincipal,
  DomainError,
  jsonSchemaOf,
  Public,
  PublicSubmission,
  readsEveryUnit,
  requestTime,
  Roles,
  setRevision,
  ZodPipe,
  type AuthenticatedRequest,
  type Principal,
} from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import { RequestHandling } from '../application/handling';
import { RequestIntake } from '../application/intake';
import { IMPORT_COLUMNS, RequestImport } from '../application/request-import';
import { RequestReads } from '../application/request-reads';
import { RequestScans, SCAN_MEDIA_TYPES } from '../application/request-scans';
import { LETTER_KINDS, type LetterKind } from '../documents/letters';
import { isRequestAction, stepOf, StepRoutes } from './request-steps';
import {
  publicRequestBody,
  receiptBody,
  registerQueryOf,
  registerQuerySchema,
  staffRequestBody,
  type RegisterQueryInput,
} from './request.schemas';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
import { Returns, ReturnsFile, ReturnsPage, sendListWorkbook } from '@gongkai/platform';
import {
  requestDetailViewSchema,
  requestReceiptViewSchema,
  requestSummaryViewSchema,
  requestTrackingViewSchema,
  someObjectSchema,
} from '@gongkai/contracts';

/** Who registers paper, letter, fax and counter requests: the unit's clerk and office head, and the district. */
const REGISTRARS = ['clerk', 'office_head', ...DISTRICT_ROLES] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The Beijing date of the request: the day every clock reading of this request is taken on. */
const today = (request: AuthenticatedRequest) => toShanghaiDate(requestTime(request));

/**
 * The unit a list or statistics call covers: the one asked for, else the caller's own. Only the
 * district office, admins and auditors may read another unit or the whole district.
 */
function scopedUnit(requested: string | undefined, principal: Principal): string | undefined {
  const unit = requested ?? principal.unitId ?? undefined;
  if (unit) assertReadsUnit(principal, unit);
  if (!unit && !readsEveryUnit(principal)) throw DomainError.validation('UNIT_REQUIRED', '请指定单位（unitId）。');
  return unit;
}

/**
 * Disclosure on request (依申请公开): intake on the portal and at the counter, handling, letters.
 * Each handling step is its own route, `POST :requestId/<action>` (see `REQUEST_STEPS`).
 */
@ApiTags('requests: 依申请公开')
@ApiBearerAuth()
@Controller('api/requests')
@StepRoutes('step', STAFF_ROLES)
export class RequestsController {
  constructor(
    private readonly intake: RequestIntake,
    private readonly handling: RequestHandling,
    private readonly reads: RequestReads,
    private readonly scans: RequestScans,
    private readonly imports: RequestImport,
  ) {}

  @Post('public')
  @Returns(requestReceiptViewSchema)
  @PublicSubmission('TOO_MANY_REQUESTS_FILED')
  @ApiOperation({ summary: '网上提交政府信息公开申请（公众，返回查询码）' })
  @ApiBody({ schema: jsonSchemaOf(publicRequestBody) })
  async submitOnline(
    @Body(new ZodPipe(publicRequestBody)) body: z.infer<typeof publicRequestBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { receipt, revision } = await this.intake.submitOnline(body, commandContext(request));
    setRevision(response, revision);
    response.status(201);
    return receipt;
  }

  @Post()
  @Returns(requestReceiptViewSchema)
  @Roles(...REGISTRARS)
  @ApiOperation({ summary: '登记纸质、信函、传真、当面申请（工作人员）' })
  @ApiBody({ schema: jsonSchemaOf(staffRequestBody) })
  async register(
    @Body(new ZodPipe(staffRequestBody)) body: z.infer<typeof staffRequestBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, body.unitId);
    const { receipt, revision } = await this.intake.register(body, commandContext(request));
    setRevision(response, revision);
    response.status(201);
    return receipt;
  }

  @Get('track/:code')
  @Returns(requestTrackingViewSchema)
  @Public()
  @ApiOperation({ summary: '凭查询码查询办理进度（公众）' })
  track(@Param('code') code: string, @Req() request: AuthenticatedRequest) {
    return this.reads.track(code, today(request));
  }

  @Get('statistics')
  @Returns(someObjectSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '统计：收件、在办、逾期、按期办结率、答复类型、平均用时' })
  statistics(
    @Query('unitId') requestedUnit: string | undefined,
    @Query('from') from: string,
    @Query('to') to: string,
    @Req() request: AuthenticatedRequest,
  ) {
    const unitId = scopedUnit(requestedUnit, request.principal);
    if (!DATE.test(from ?? '') || !DATE.test(to ?? '') || from > to) {
      throw DomainError.validation('INVALID_PERIOD', '请用 from、to（YYYY-MM-DD，from 不晚于 to）指定统计期间。');
    }
    return this.reads.statistics(unitId, from, to, today(request));
  }

  @Get()
  @ReturnsPage(requestSummaryViewSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({
    summary:
      '申请登记簿（分页）：按状态、flag（overdue|near_due|open|closed|over_internal_limit|back_entered，可逗号分隔）、答复类型、申请人类型、申请方式、承办人、收到/办结日期筛选，q 全文检索，sort 排序；总数见 X-Total-Count',
  })
  async list(@Query(new ZodPipe(registerQuerySchema)) query: RegisterQueryInput, @Req() request: AuthenticatedRequest) {
    const unit = scopedUnit(query.unitId, request.principal);
    return this.reads.register(unit, registerQueryOf(query), today(request));
  }

  @Get('export.xlsx')
  @ReturnsFile(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'])
  @Roles(...READER_ROLES)
  @ApiOperation({
    summary: '导出登记台账（.xlsx，条例第四十五条：登记、审核、办理、答复、归档），筛选条件同登记簿，导出全部符合条件的申请',
  })
  async exportRegister(
    @Query(new ZodPipe(registerQuerySchema)) query: RegisterQueryInput,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    const unit = scopedUnit(query.unitId, request.principal);
    const { page: _p, pageSize: _s, sort, ...filter } = registerQueryOf(query);
    await sendListWorkbook(response, await this.reads.exportRegister(unit, filter, sort, today(request), request.principal));
  }

  @Post('scans')
  @Roles(...REGISTRARS)
  @ApiConsumes(...SCAN_MEDIA_TYPES)
  @ApiOperation({
    summary:
      '上传申请书扫描件（请求体为文件本身，Content-Type 为 PDF/JPEG/PNG，X-File-Name 为 URL 编码的文件名）；返回登记时使用的文件引用',
  })
  async uploadScan(@Req() request: AuthenticatedRequest, @Headers('x-file-name') name: string | undefined) {
    return this.scans.upload(request, request.headers['content-type'] ?? '', name);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('office_head', ...DISTRICT_ROLES)
  @ApiConsumes(XLSX_MIME)
  @ApiOperation({
    summary: `补录导入（.xlsx）：本年度和上一年度已办结、未办结的申请，列为 ${IMPORT_COLUMNS.join('、')}；任一行有误则全部不导入并逐行列明；reason 为统一的补录原因`,
  })
  importRequests(
    @Query('unitId', new ZodPipe(unitIdSchema)) unitId: string,
    @Query('reason') reason: string | undefined,
    @Req() request: AuthenticatedRequest,
  ) {
    assertActsForUnit(request.principal, unitId);
    return this.imports.import(unitId, request, reason?.trim() || undefined, commandContext(request));
  }

  @Post(':requestId/receipt')
  @HttpCode(200)
  @Roles(...REGISTRARS)
  @ApiOperation({ summary: '打印申请回执（.docx）：提交登记时返回的查询码，回执载明收到日期、查询码和答复期限' })
  @ApiBody({ schema: jsonSchemaOf(receiptBody) })
  async receipt(
    @Param('requestId') requestId: string,
    @Body(new ZodPipe(receiptBody)) body: z.infer<typeof receiptBody>,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    const file = await this.reads.receipt(requestId, body.trackingCode, request.principal, today(request));
    response.setHeader('Content-Type', DOCX_MIME);
    response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    response.send(file.buffer);
  }

  @Get(':requestId/scan')
  @ReturnsFile(['application/pdf', 'image/jpeg', 'image/png'])
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '下载申请书扫描件' })
  async scan(@Param('requestId') requestId: string, @CurrentPrincipal() principal: Principal, @Res() response: Response) {
    const { ref, content } = await this.reads.scan(requestId, principal);
    response.setHeader('Content-Type', ref.mediaType);
    response.setHeader('Content-Length', String(content.size));
    response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(ref.originalName)}`);
    await pipeline(content.stream, response);
  }

  @Get(':requestId')
  @Returns(requestDetailViewSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '申请详情（含办理过程、时限、重复申请提示）' })
  async get(@Param('requestId') requestId: string, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response) {
    const detail = await this.reads.detail(requestId, request.principal, today(request));
    // As the case's commands answer: the client knows when this view includes its last write.
    setRevision(response, detail.revision);
    return detail;
  }

  @Get(':requestId/letters/:kind')
  @ReturnsFile(['application/vnd.openxmlformats-officedocument.wordprocessingml.document'])
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '生成答复书、补正告知书、延期告知书、第三方征询函、收费通知（.docx）' })
  async letter(
    @Param('requestId') requestId: string,
    @Param('kind') kind: string,
    @Query('consultationId') consultationId: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res() response: Response,
  ) {
    if (!(LETTER_KINDS as readonly string[]).includes(kind))
      throw DomainError.notFound('LETTER_KIND_UNKNOWN', `文书类型应为：${LETTER_KINDS.join('、')}。`);
    const letter = await this.reads.letter(requestId, kind as LetterKind, consultationId, principal);
    response.setHeader('Content-Type', DOCX_MIME);
    response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(letter.filename)}`);
    response.send(letter.buffer);
  }

  /** Every handling step's route (and the catch-all) lands here: parse the body, then handle the step. */
  async step(action: string, requestId: string, body: unknown, request: AuthenticatedRequest, response: Response) {
    if (!isRequestAction(action)) throw DomainError.notFound('ACTION_UNKNOWN', `不支持的办理操作“${action}”。`);
    const result = await this.handling.handle(requestId, stepOf(action, body), commandContext(request));
    setRevision(response, result.revision);
    return result;
  }
}

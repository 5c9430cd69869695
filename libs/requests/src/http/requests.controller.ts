import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
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
import { LIST_FLAGS, RequestReads, type ListFlag } from '../application/request-reads';
import { LETTER_KINDS, type LetterKind } from '../documents/letters';
import { isRequestAction, stepOf, StepRoutes } from './request-steps';
import { publicRequestBody, staffRequestBody } from './request.schemas';
import { Returns, ReturnsFile } from '@gongkai/platform';
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
  @Returns(z.array(requestSummaryViewSchema))
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '申请列表，含剩余工作日；flag=overdue|near_due|open' })
  list(@Query('unitId') unitId: string | undefined, @Query('flag') flag: string | undefined, @Req() request: AuthenticatedRequest) {
    const unit = scopedUnit(unitId, request.principal);
    if (flag !== undefined && !(LIST_FLAGS as readonly string[]).includes(flag)) {
      throw DomainError.validation('INVALID_FLAG', `flag 只能是 ${LIST_FLAGS.join('、')} 之一。`, [
        { field: 'flag', code: 'invalid_enum_value', message: `应为 ${LIST_FLAGS.join('、')} 之一` },
      ]);
    }
    return this.reads.list(unit, flag as ListFlag | undefined, today(request));
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
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
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

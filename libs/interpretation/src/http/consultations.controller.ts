import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  assertActsForUnit,
  assertReadsUnit,
  type AuthenticatedRequest,
  CachedRead,
  commandContext,
  CurrentPrincipal,
  DomainError,
  jsonSchemaOf,
  parseInput,
  type Principal,
  Public,
  PublicSubmission,
  READER_ROLES,
  readScope,
  Roles,
  setRevision,
  STAFF_ROLES,
  ZodPipe,
} from '@gongkai/platform';
import { Consultations } from '../application/consultations';
import { ConsultationsProjection, publicConsultation, staffComment } from '../read-models/consultations.projection';
import {
  adoptionBody,
  commentBody,
  consultationListQuery,
  moderateBody,
  openConsultationBody,
  pageQuery,
  type ConsultationListQuery,
} from './schemas';
import { answer } from './support';
import { pageOf, requestTime, Returns, ReturnsFile, ReturnsPage, sendListWorkbook, XLSX_MEDIA_TYPE } from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import { consultationPage, exportConsultations } from '../application/consultation-register';
import { commentReceiptViewSchema, publicConsultationViewSchema, someListSchema, staffCommentViewSchema } from '@gongkai/contracts';

/** Public consultations on drafts (向社会公开征求意见): opening, citizens' comments, moderation, adoption. */
@ApiTags('interpretation: 公众参与、政府开放日、村(居)务公开')
@ApiBearerAuth()
@Controller('api/interpretation')
export class ConsultationsController {
  constructor(
    private readonly consultationService: Consultations,
    private readonly consultations: ConsultationsProjection,
  ) {}

  @Post('consultations')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '发布草案征求意见（重大行政决策不少于30日，规范性文件不少于7个工作日；缩短须说明理由）' })
  @ApiBody({ schema: jsonSchemaOf(openConsultationBody) })
  async openConsultation(
    @Body(new ZodPipe(openConsultationBody)) body: z.infer<typeof openConsultationBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.consultationService.open(body, commandContext(request));
    return answer(response, result.revision, { consultationId: body.consultationId }, 201);
  }

  @Post('consultations/:consultationId/comments')
  @Returns(commentReceiptViewSchema)
  @PublicSubmission('TOO_MANY_COMMENTS')
  @ApiOperation({ summary: '公众提交意见（经审核后公开；个人信息不公开；限频）' })
  @ApiBody({ schema: jsonSchemaOf(commentBody) })
  async comment(
    @Param('consultationId') consultationId: string,
    @Body() raw: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = parseInput(commentBody, raw);
    const { commentId, revision } = await this.consultationService.comment(consultationId, body, commandContext(request));
    // As every command answers (ETag, 201), with the citizen's message instead of the revision in the body.
    setRevision(response, revision);
    response.status(201);
    return { consultationId, commentId, message: '您的意见已提交，经审核后公开。' };
  }

  @Post('consultations/:consultationId/comments/:commentId/moderation')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '审核公众意见' })
  @ApiBody({ schema: jsonSchemaOf(moderateBody) })
  async moderate(
    @Param('consultationId') consultationId: string,
    @Param('commentId') commentId: string,
    @Body(new ZodPipe(moderateBody)) body: z.infer<typeof moderateBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.consultationService.moderate(consultationId, { commentId, ...body }, commandContext(request));
    return answer(response, result.revision, { consultationId });
  }

  @Post('consultations/:consultationId/adoption')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '公布意见采纳情况（征求意见截止后）' })
  @ApiBody({ schema: jsonSchemaOf(adoptionBody) })
  async adoption(
    @Param('consultationId') consultationId: string,
    @Body(new ZodPipe(adoptionBody)) body: z.infer<typeof adoptionBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.consultationService.publishAdoption(consultationId, body, commandContext(request));
    return answer(response, result.revision, { consultationId });
  }

  @Get('consultations')
  @ReturnsPage(publicConsultationViewSchema)
  @Public()
  @CachedRead('interpretation')
  @ApiOperation({
    summary:
      '征求意见列表（公开，分页）：按单位、状态（upcoming|open|adoption_due|adoption_published）、类别、flag（moderation_pending）、开始/截止日期筛选，q 全文检索（标题、草案），sort 排序；总数见 X-Total-Count',
  })
  async listConsultations(@Query(new ZodPipe(consultationListQuery)) query: ConsultationListQuery, @Req() request: AuthenticatedRequest) {
    const page = consultationPage(await this.consultations.list({ unitId: query.unitId }), query, toShanghaiDate(requestTime(request)));
    return { ...page, rows: page.rows.map(publicConsultation) };
  }

  @Get('consultations/export.xlsx')
  @ReturnsFile([XLSX_MEDIA_TYPE])
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '导出征求意见台账（.xlsx，工作人员）：筛选条件同征求意见列表，导出全部符合条件的征求意见' })
  async exportConsultations(
    @Query(new ZodPipe(consultationListQuery)) query: ConsultationListQuery,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    const { page: _p, pageSize: _s, ...filter } = query;
    const unitId = readScope(request.principal, filter.unitId);
    const today = toShanghaiDate(requestTime(request));
    await sendListWorkbook(response, exportConsultations(await this.consultations.list({ unitId }), { ...filter, unitId }, today));
  }

  @Get('consultations/moderation-due')
  @Returns(someListSchema, { bounded: "one unit's open consultations with comments awaiting moderation (a to-do list)" })
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '本单位待审核的公众意见：每个征求意见的待审核条数（工作台）' })
  async moderationDue(@Query('unitId') unitId: string | undefined, @CurrentPrincipal() principal: Principal) {
    const unit = readScope(principal, unitId);
    if (!unit) throw DomainError.validation('UNIT_REQUIRED', '请指定单位（unitId）。');
    assertActsForUnit(principal, unit);
    return this.consultations.moderationDue(unit);
  }

  @Get('consultations/:consultationId')
  @Returns(publicConsultationViewSchema)
  @Public()
  @CachedRead('interpretation')
  @ApiOperation({ summary: '征求意见详情：已审核的意见（隐去个人信息）和采纳情况（公开）' })
  async consultation(@Param('consultationId') consultationId: string, @Res({ passthrough: true }) response: Response) {
    const view = await this.consultations.get(consultationId);
    if (!view) throw DomainError.notFound('CONSULTATION_NOT_FOUND', '该征求意见不存在。');
    // As the consultation's commands answer (moderation, adoption, erasure): the console knows when
    // this view, and the staff list of comments read from the same document, include its last write.
    setRevision(response, view.revision);
    return publicConsultation(view);
  }

  @Get('consultations/:consultationId/comments')
  @ReturnsPage(staffCommentViewSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '全部意见（含待审核，供本单位审核；分页，总数见 X-Total-Count）' })
  async comments(
    @Param('consultationId') consultationId: string,
    @Query(new ZodPipe(pageQuery)) query: z.infer<typeof pageQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const view = await this.consultations.get(consultationId);
    if (!view) throw DomainError.notFound('CONSULTATION_NOT_FOUND', '该征求意见不存在。');
    assertReadsUnit(principal, view.unitId);
    return pageOf(view.comments.map(staffComment), query);
  }
}

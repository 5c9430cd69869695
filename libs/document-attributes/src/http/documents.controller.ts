import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  CommandHandler,
  commandContext,
  CurrentPrincipal,
  DISTRICT_READER_ROLES,
  DISTRICT_ROLES,
  jsonSchemaOf,
  requestTime,
  Roles,
  setRevision,
  ReturnsFile,
  ReturnsPage,
  sendListWorkbook,
  XLSX_MEDIA_TYPE,
  ZodPipe,
  type AuthenticatedRequest,
  type Page,
  type Principal,
} from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import {
  answerDisclosureSuggestion,
  decideYearlyReview,
  invalidateDocument,
  issueDocument,
  proposeAttribute,
  recordPublication,
  registerDocument,
  reviewAttribute,
  type DocumentCommandResult,
} from '../application/document-commands';
import { documentDecisions, documentFigures, overduePublications, staffDocument } from '../application/document-queries';
import { documentRegister, exportDocumentRegister } from '../application/document-register';
import { DocumentsProjection, type DocumentFigures } from '../read-models/documents.projection';
import type { DocumentView } from '../read-models/document-view';
import {
  answerSuggestionBody,
  asOfQuery,
  documentListQuery,
  type DocumentListQuery,
  figuresQuery,
  invalidateDocumentBody,
  issueDocumentBody,
  proposeAttributeBody,
  recordPublicationBody,
  registerDocumentBody,
  reviewAttributeBody,
  yearlyReviewDecisionBody,
} from './document.schemas';
import { Returns } from '@gongkai/platform';
import { documentStaffViewSchema, overduePublicationsViewSchema, someObjectSchema } from '@gongkai/contracts';

/** The answer of a document command, with its revision as the ETag for the next If-Match. */
const answered = (response: Response, result: DocumentCommandResult) => {
  setRevision(response, result.revision);
  return result;
};

@ApiTags('document-attributes: documents 公文公开属性')
@ApiBearerAuth()
@Controller('api/document-attributes')
export class DocumentsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly documents: DocumentsProjection,
  ) {}

  @Post('documents')
  @Roles('clerk', 'office_head', ...DISTRICT_ROLES)
  @ApiOperation({ summary: '拟文登记：标题、文号（本单位唯一）、类型、关联目录事项、是否需要解读、转发的公文' })
  @ApiBody({ schema: jsonSchemaOf(registerDocumentBody) })
  async register(
    @Body(new ZodPipe(registerDocumentBody)) body: z.infer<typeof registerDocumentBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await registerDocument(this.commands, body, commandContext(request));
    setRevision(response, result.revision);
    response.status(201);
    return result;
  }

  @Post('documents/:documentId/attribute-proposal')
  @HttpCode(200)
  @Roles('clerk', 'office_head')
  @ApiOperation({ summary: '提出公开属性建议（依申请公开、不予公开须列明条例第十四至十六条依据与理由；转发文件沿用被转发文件属性）' })
  @ApiBody({ schema: jsonSchemaOf(proposeAttributeBody) })
  async propose(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(proposeAttributeBody)) body: z.infer<typeof proposeAttributeBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answered(response, await proposeAttribute(this.commands, documentId, body, commandContext(request)));
  }

  @Post('documents/:documentId/confidentiality-review')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: '保密审查：通过、变更属性（须说明理由）或退回；起草人不得审查本人起草的公文' })
  @ApiBody({ schema: jsonSchemaOf(reviewAttributeBody) })
  async review(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(reviewAttributeBody)) body: z.infer<typeof reviewAttributeBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answered(response, await reviewAttribute(this.commands, documentId, body, commandContext(request)));
  }

  @Post('documents/:documentId/issue')
  @HttpCode(200)
  @Roles('clerk', 'office_head')
  @ApiOperation({ summary: '印发：确定标注；主动公开的公文自成文日期（formedOn，默认为印发日期）起20个工作日内公开' })
  @ApiBody({ schema: jsonSchemaOf(issueDocumentBody) })
  async issue(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(issueDocumentBody)) body: z.infer<typeof issueDocumentBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answered(response, await issueDocument(this.commands, documentId, body, commandContext(request)));
  }

  @Post('documents/:documentId/publications')
  @HttpCode(200)
  @Roles('clerk', 'office_head')
  @ApiOperation({ summary: '登记公开发布（渠道、网址、日期）' })
  @ApiBody({ schema: jsonSchemaOf(recordPublicationBody) })
  async publish(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(recordPublicationBody)) body: z.infer<typeof recordPublicationBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answered(response, await recordPublication(this.commands, documentId, body, commandContext(request)));
  }

  @Post('documents/:documentId/invalidation')
  @HttpCode(200)
  @Roles('clerk', 'office_head', ...DISTRICT_ROLES)
  @ApiOperation({ summary: '宣布失效或废止（日期与依据）' })
  @ApiBody({ schema: jsonSchemaOf(invalidateDocumentBody) })
  async invalidate(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(invalidateDocumentBody)) body: z.infer<typeof invalidateDocumentBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answered(response, await invalidateDocument(this.commands, documentId, body, commandContext(request)));
  }

  @Post('documents/:documentId/yearly-reviews/:year/decision')
  @HttpCode(200)
  @Roles('clerk', 'office_head', 'reviewer')
  @ApiOperation({ summary: '年度评估决定：继续（须说明理由）或转为主动公开（20个工作日内公开）' })
  @ApiBody({ schema: jsonSchemaOf(yearlyReviewDecisionBody) })
  async decideYearlyReview(
    @Param('documentId') documentId: string,
    @Param('year', ParseIntPipe) year: number,
    @Body(new ZodPipe(yearlyReviewDecisionBody)) body: z.infer<typeof yearlyReviewDecisionBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answered(response, await decideYearlyReview(this.commands, documentId, { ...body, year }, commandContext(request)));
  }

  @Post('documents/:documentId/disclosure-suggestions/:suggestionId/answer')
  @HttpCode(200)
  @Roles('clerk', 'office_head')
  @ApiOperation({ summary: '答复转为主动公开的建议（条例第四十四条）：接受或说明理由不予采纳' })
  @ApiBody({ schema: jsonSchemaOf(answerSuggestionBody) })
  async answerSuggestion(
    @Param('documentId') documentId: string,
    @Param('suggestionId') suggestionId: string,
    @Body(new ZodPipe(answerSuggestionBody)) body: z.infer<typeof answerSuggestionBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const context = commandContext(request);
    return answered(response, await answerDisclosureSuggestion(this.commands, documentId, { ...body, suggestionId }, context));
  }

  // ---- staff queries

  @Get('documents')
  @ReturnsPage(documentStaffViewSchema)
  @ApiOperation({
    summary:
      '公文登记簿（分页；本单位，区政府办公室与审计可查全部）：按公开属性、办理阶段、文种、效力状态、flag（publication_overdue|unpublished|needs_interpretation|suggestion_pending|review_open）、印发/登记日期筛选，q 全文检索（标题、文号、索引号），sort 排序；总数见 X-Total-Count',
  })
  async list(
    @Query(new ZodPipe(documentListQuery)) query: DocumentListQuery,
    @Req() request: AuthenticatedRequest,
  ): Promise<Page<DocumentView>> {
    return documentRegister(this.documents, request.principal, query, toShanghaiDate(requestTime(request)));
  }

  @Get('documents/export.xlsx')
  @ReturnsFile([XLSX_MEDIA_TYPE])
  @ApiOperation({ summary: '导出公文登记簿（.xlsx），筛选条件同公文登记簿，导出全部符合条件的公文' })
  async exportList(
    @Query(new ZodPipe(documentListQuery)) query: DocumentListQuery,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    const { page: _p, pageSize: _s, ...filter } = query;
    await sendListWorkbook(
      response,
      await exportDocumentRegister(this.documents, request.principal, filter, toShanghaiDate(requestTime(request))),
    );
  }

  @Get('documents/:documentId')
  @Returns(documentStaffViewSchema)
  @ApiOperation({ summary: '公文详情（工作人员）' })
  async get(
    @Param('documentId') documentId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DocumentView & { revision: number }> {
    const view = await staffDocument(this.documents, principal, documentId);
    // As the document's commands answer: the client knows when this view includes its last write.
    setRevision(response, view.revision);
    return view;
  }

  @Get('documents/:documentId/decisions')
  @Returns(someObjectSchema)
  @Roles(...DISTRICT_READER_ROLES, 'office_head')
  @ApiOperation({ summary: '公开属性决定的完整记录（审计）：每次决定的人员、单位、依据、理由、时间，直接读自事件存储' })
  async decisions(@Param('documentId') documentId: string, @CurrentPrincipal() principal: Principal) {
    return documentDecisions(this.commands, principal, documentId);
  }

  @Get('publications/overdue')
  @Returns(overduePublicationsViewSchema)
  @ApiOperation({ summary: '逾期未公开的主动公开公文（按指定日期计算）' })
  async overdue(@Query(new ZodPipe(asOfQuery)) query: z.infer<typeof asOfQuery>, @Req() request: AuthenticatedRequest) {
    return overduePublications(this.documents, request.principal, query, toShanghaiDate(requestTime(request)));
  }

  @Get('figures')
  @Returns(someObjectSchema)
  @ApiOperation({ summary: '年度报告表二：规章、行政规范性文件的本年制发、本年废止、现行有效件数' })
  async figures(
    @Query(new ZodPipe(figuresQuery)) query: z.infer<typeof figuresQuery>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DocumentFigures> {
    return documentFigures(this.documents, principal, query);
  }
}

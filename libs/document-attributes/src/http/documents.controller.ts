import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { WITHHOLDING_GROUNDS, type WithholdingGround } from '@gongkai/contracts';
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
import { toShanghaiDate } from '@gongkai/working-days';
import { documentStreamId, type DocumentState, type RegisteredDocument } from '../domain/document';
import { documentDecider, type CommandActor, type DocumentCommand, type ForwardedAttribute } from '../domain/document.decide';
import { documentNumberDecider, documentNumberStreamId } from '../domain/document-number';
import { DocumentsProjection, type DocumentFigures } from '../read-models/documents.projection';
import type { DocumentView } from '../read-models/document-view';
import {
  answerSuggestionBody,
  asOfQuery,
  documentListQuery,
  figuresQuery,
  invalidateDocumentBody,
  issueDocumentBody,
  proposeAttributeBody,
  recordPublicationBody,
  registerDocumentBody,
  reviewAttributeBody,
  yearlyReviewDecisionBody,
} from './document.schemas';

const READ_ANY_UNIT = ['auditor', 'district_office', 'admin'];

/** Unit staff read their own unit's documents; the district office, admins and auditors read all. */
const byOf = (request: AuthenticatedRequest): CommandActor => ({
  userId: request.principal.userId,
  role: request.principal.role,
  unitId: request.principal.unitId,
});
const today = () => toShanghaiDate(new Date());
const notFound = () => DomainError.notFound('DOCUMENT_NOT_FOUND', '该公文不存在。');

const DECISION_LABELS: Record<string, string> = {
  'document-attributes.DocumentRegistered': '拟文登记',
  'document-attributes.AttributeProposed': '提出公开属性建议（源头认定）',
  'document-attributes.ConfidentialityReviewed': '保密审查',
  'document-attributes.DocumentIssued': '印发（确定公开属性与标注）',
  'document-attributes.PublicationRecorded': '公开发布',
  'document-attributes.YearlyReviewOpened': '年度评估任务',
  'document-attributes.YearlyReviewDecided': '年度评估决定',
  'document-attributes.DocumentInvalidated': '宣布失效/废止',
  'document-attributes.ProactiveDisclosureSuggestionReceived': '收到转为主动公开的建议',
  'document-attributes.ProactiveDisclosureSuggestionAnswered': '答复转为主动公开的建议',
};

@ApiTags('document-attributes: documents 公文公开属性')
@ApiBearerAuth()
@Controller('api/document-attributes')
export class DocumentsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly documents: DocumentsProjection,
  ) {}

  private async loadFor(request: AuthenticatedRequest, documentId: string): Promise<RegisteredDocument> {
    const { state } = await this.commands.load(documentDecider, documentStreamId(documentId));
    if (state.status !== 'registered') throw notFound();
    assertActsForUnit(request.principal, state.unitId);
    return state;
  }

  private async run(request: AuthenticatedRequest, response: Response, documentId: string, command: DocumentCommand) {
    const result = await this.commands.handle(documentDecider, documentStreamId(documentId), command, commandContext(request));
    setRevision(response, result.revision);
    const state = result.state as DocumentState;
    return {
      documentId,
      revision: result.revision,
      ...(state.status === 'registered'
        ? { phase: state.phase, attribute: state.attribute, publicationDueOn: state.publicationDueOn }
        : {}),
    };
  }

  @Post('documents')
  @Roles('clerk', 'office_head', 'district_office', 'admin')
  @ApiOperation({ summary: '拟文登记：标题、文号（本单位唯一）、类型、关联目录事项、是否需要解读、转发的公文' })
  @ApiBody({ schema: jsonSchemaOf(registerDocumentBody) })
  async register(
    @Body(new ZodPipe(registerDocumentBody)) body: z.infer<typeof registerDocumentBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const unitId = body.unitId ?? request.principal.unitId;
    if (!unitId) throw DomainError.validation('UNIT_REQUIRED', '请指明起草单位（unitId）。');
    assertActsForUnit(request.principal, unitId);
    if (body.forwardsDocumentId) {
      const forwarded = await this.commands.load(documentDecider, documentStreamId(body.forwardsDocumentId));
      if (forwarded.state.status !== 'registered') throw DomainError.rule('FORWARDED_DOCUMENT_NOT_FOUND', '被转发的公文不存在。');
    }
    const documentId = uuidv7();
    const context = commandContext(request);
    // The number first: its stream is keyed by unit and number, so a duplicate fails here, before
    // anything else is written; a retry of the same registration is a no-op there.
    await this.commands.handle(
      documentNumberDecider,
      documentNumberStreamId(unitId, body.documentNumber),
      { type: 'ReserveDocumentNumber', unitId, documentNumber: body.documentNumber, documentId },
      { ...context, expectedRevision: undefined },
    );
    const result = await this.commands.handle(
      documentDecider,
      documentStreamId(documentId),
      { type: 'RegisterDocument', documentId, unitId, ...body, by: byOf(request) },
      { ...context, expectedRevision: undefined },
    );
    setRevision(response, result.revision);
    response.status(201);
    return { documentId, revision: result.revision };
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
    const state = await this.loadFor(request, documentId);
    let forwarded: ForwardedAttribute | null = null;
    if (state.forwardsDocumentId) {
      const source = (await this.commands.load(documentDecider, documentStreamId(state.forwardsDocumentId))).state;
      const decided = source.status === 'registered' && (source.phase === 'confirmed' || source.phase === 'issued');
      forwarded = {
        documentId: state.forwardsDocumentId,
        attribute: decided ? source.attribute : null,
        legalBasis: decided ? source.legalBasis : null,
        reason: decided ? source.reason : null,
      };
    }
    return this.run(request, response, documentId, { type: 'ProposeAttribute', ...body, forwarded, by: byOf(request) });
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
    await this.loadFor(request, documentId);
    return this.run(request, response, documentId, { type: 'ReviewAttribute', ...body, by: byOf(request) });
  }

  @Post('documents/:documentId/issue')
  @HttpCode(200)
  @Roles('clerk', 'office_head')
  @ApiOperation({ summary: '印发：确定标注；主动公开的公文自印发之日起20个工作日内公开' })
  @ApiBody({ schema: jsonSchemaOf(issueDocumentBody) })
  async issue(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(issueDocumentBody)) body: z.infer<typeof issueDocumentBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.loadFor(request, documentId);
    return this.run(request, response, documentId, { type: 'IssueDocument', issuedOn: body.issuedOn ?? today(), by: byOf(request) });
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
    await this.loadFor(request, documentId);
    return this.run(request, response, documentId, { type: 'RecordPublication', ...body, by: byOf(request) });
  }

  @Post('documents/:documentId/invalidation')
  @HttpCode(200)
  @Roles('clerk', 'office_head', 'district_office', 'admin')
  @ApiOperation({ summary: '宣布失效或废止（日期与依据）' })
  @ApiBody({ schema: jsonSchemaOf(invalidateDocumentBody) })
  async invalidate(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(invalidateDocumentBody)) body: z.infer<typeof invalidateDocumentBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.loadFor(request, documentId);
    return this.run(request, response, documentId, { type: 'InvalidateDocument', ...body });
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
    await this.loadFor(request, documentId);
    return this.run(request, response, documentId, {
      type: 'DecideYearlyReview',
      year,
      decision: body.decision,
      legalBasis: body.legalBasis,
      reason: body.reason,
      decidedOn: body.decidedOn ?? today(),
      by: byOf(request),
    });
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
    await this.loadFor(request, documentId);
    return this.run(request, response, documentId, {
      type: 'AnswerDisclosureSuggestion',
      suggestionId,
      answer: body.answer,
      reason: body.reason,
      answeredOn: body.answeredOn ?? today(),
      by: byOf(request),
    });
  }

  // ---- staff queries

  @Get('documents')
  @ApiOperation({ summary: '公文列表（本单位；区政府办公室与审计可查全部）' })
  async list(
    @Query(new ZodPipe(documentListQuery)) query: z.infer<typeof documentListQuery>,
    @Req() request: AuthenticatedRequest,
  ): Promise<DocumentView[]> {
    const principal = request.principal;
    const unitId = READ_ANY_UNIT.includes(principal.role) ? query.unitId : (query.unitId ?? principal.unitId ?? undefined);
    if (!READ_ANY_UNIT.includes(principal.role)) assertActsForUnit(principal, unitId ?? '');
    return this.documents.list({ ...query, unitId });
  }

  @Get('documents/:documentId')
  @ApiOperation({ summary: '公文详情（工作人员）' })
  async get(
    @Param('documentId') documentId: string,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DocumentView & { revision: number }> {
    const view = await this.documents.get(documentId);
    if (!view) throw notFound();
    assertReadsUnit(request.principal, view.unitId);
    // As the document's commands answer: the client knows when this view includes its last write.
    setRevision(response, view.revision);
    return view;
  }

  @Get('documents/:documentId/decisions')
  @Roles('auditor', 'district_office', 'admin', 'office_head')
  @ApiOperation({ summary: '公开属性决定的完整记录（审计）：每次决定的人员、单位、依据、理由、时间，直接读自事件存储' })
  async decisions(@Param('documentId') documentId: string, @Req() request: AuthenticatedRequest) {
    const { state, history } = await this.commands.load(documentDecider, documentStreamId(documentId));
    if (state.status !== 'registered') throw notFound();
    assertReadsUnit(request.principal, state.unitId);
    return {
      documentId,
      unitId: state.unitId,
      documentNumber: state.documentNumber,
      title: state.title,
      currentAttribute: state.attribute,
      decisions: history.map((event) => {
        const data = event.data as Record<string, unknown>;
        const ground = (data.legalBasis ?? data.ground ?? null) as string | null;
        const groundInfo = ground && ground in WITHHOLDING_GROUNDS ? WITHHOLDING_GROUNDS[ground as WithholdingGround] : null;
        return {
          streamRevision: event.streamRevision,
          type: event.type,
          decision: DECISION_LABELS[event.type] ?? event.type,
          outcome: (data.outcome ?? data.decision ?? data.answer ?? data.status ?? null) as string | null,
          attribute: (data.attribute ?? null) as string | null,
          previousAttribute: (data.previousAttribute ?? null) as string | null,
          legalBasis: ground,
          legalBasisLabel: groundInfo ? `${groundInfo.label}（${groundInfo.article}）` : ground,
          reason: (data.reason ?? null) as string | null,
          actor: event.actor,
          occurredAt: event.occurredAt,
          recordedAt: event.recordedAt,
          eventId: event.eventId,
          hash: event.hash,
        };
      }),
    };
  }

  @Get('publications/overdue')
  @ApiOperation({ summary: '逾期未公开的主动公开公文（按指定日期计算）' })
  async overdue(@Query(new ZodPipe(asOfQuery)) query: z.infer<typeof asOfQuery>, @Req() request: AuthenticatedRequest) {
    const principal = request.principal;
    const unitId = READ_ANY_UNIT.includes(principal.role) ? query.unitId : (query.unitId ?? principal.unitId ?? '');
    if (unitId) assertReadsUnit(principal, unitId);
    const asOf = query.asOf ?? today();
    const documents = await this.documents.overdue(asOf, unitId);
    return { asOf, documents };
  }

  @Get('figures')
  @ApiOperation({ summary: '年度报告表二：规章、行政规范性文件的本年制发、本年废止、现行有效件数' })
  async figures(
    @Query(new ZodPipe(figuresQuery)) query: z.infer<typeof figuresQuery>,
    @Req() request: AuthenticatedRequest,
  ): Promise<DocumentFigures> {
    if (query.unitId) assertReadsUnit(request.principal, query.unitId);
    else if (!READ_ANY_UNIT.includes(request.principal.role)) throw DomainError.validation('UNIT_REQUIRED', '请指明单位（unitId）。');
    return this.documents.figures(query.year, query.unitId ?? null);
  }
}

import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  type AuthenticatedRequest,
  BLOB_STORE,
  type BlobStore,
  CachedRead,
  commandContext,
  type CommandResult,
  CurrentPrincipal,
  DISTRICT_ROLES,
  DomainError,
  GONGKAI_CONFIG,
  type GongkaiConfig,
  jsonSchemaOf,
  type Principal,
  Public,
  READER_ROLES,
  ReturnsFile,
  Roles,
  sendFile,
  setRevision,
  STAFF_ROLES,
  uploadOf,
  ZodPipe,
} from '@gongkai/platform';
import { Obligations } from '../application/obligations';
import type { ObligationState } from '../domain/obligation';
import { PoliciesProjection, portalView } from '../read-models/policies.projection';
import { MATERIAL_FILE_TYPES } from '../domain/obligation.decide';
import {
  limitsBody,
  materialBody,
  materialFileQuery,
  materialIdParam,
  planBody,
  policiesQuery,
  publishInterpretationBody,
  signOffBody,
  unitPageQuery,
} from './schemas';
import { answer } from './support';
import { pageOf, Returns, ReturnsPage, textMatcher } from '@gongkai/platform';
import { obligationStaffViewSchema, publicPolicyViewSchema, someObjectSchema } from '@gongkai/contracts';

/** Every type a material file may have (each form accepts some of them: MATERIAL_FILE_TYPES). */
const MATERIAL_FILE_MEDIA_TYPES = [...new Set(Object.values(MATERIAL_FILE_TYPES).flat())];

/** The same answer for every material file that may not be had, whatever the reason. */
const MATERIAL_FILE_NOT_FOUND = () => DomainError.notFound('FILE_NOT_FOUND', '未找到该文件。');

@ApiTags('interpretation: 政策解读')
@ApiBearerAuth()
@Controller('api/interpretation')
export class ObligationsController {
  constructor(
    private readonly obligationService: Obligations,
    private readonly policies: PoliciesProjection,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(GONGKAI_CONFIG) private readonly config: GongkaiConfig,
  ) {}

  private async answerCommand(documentId: string, response: Response, command: Promise<CommandResult<ObligationState>>) {
    const result = await command;
    return answer(response, result.revision, { documentId, events: result.events.map((e) => ({ type: e.type, data: e.data })) });
  }

  @Get('obligations')
  @ReturnsPage(obligationStaffViewSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '解读任务列表（本单位；区政府办公室可看全部；分页，总数见 X-Total-Count）' })
  async obligations(@Query(new ZodPipe(unitPageQuery)) query: z.infer<typeof unitPageQuery>, @CurrentPrincipal() principal: Principal) {
    return pageOf(await this.obligationService.list(principal, query.unitId), query);
  }

  @Get('obligations/:documentId')
  @Returns(obligationStaffViewSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '解读任务详情' })
  async obligation(
    @Param('documentId') documentId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const policy = await this.obligationService.get(documentId, principal);
    if (!policy) throw DomainError.notFound('OBLIGATION_NOT_FOUND', `文件 ${documentId} 没有解读任务。`);
    // As the obligation's commands answer: the client knows when this view includes its last write.
    setRevision(response, policy.revision);
    return policy;
  }

  @Put('obligations/:documentId/plan')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '制定解读方案' })
  @ApiBody({ schema: jsonSchemaOf(planBody) })
  plan(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(planBody)) body: z.infer<typeof planBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answerCommand(documentId, response, this.obligationService.plan(documentId, body, commandContext(request)));
  }

  @Post('obligations/:documentId/materials')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '添加解读材料（简明问答、图表图解、音频视频、案例说明）' })
  @ApiBody({ schema: jsonSchemaOf(materialBody) })
  material(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(materialBody)) body: z.infer<typeof materialBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answerCommand(documentId, response, this.obligationService.addMaterial(documentId, body, commandContext(request)));
  }

  @Put('obligations/:documentId/materials/:materialId/file')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiConsumes(...MATERIAL_FILE_MEDIA_TYPES)
  @ApiOperation({
    summary:
      '上传解读材料文件（图表图解：PNG、JPEG 或 PDF；简明问答、案例说明：.docx、PDF 或纯文本；类型按文件内容识别，须与声明的类型一致）',
  })
  materialFile(
    @Param('documentId') documentId: string,
    @Param('materialId', new ZodPipe(materialIdParam)) materialId: string,
    @Query(new ZodPipe(materialFileQuery)) query: z.infer<typeof materialFileQuery>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const upload = uploadOf(request, query.name, this.config.BLOB_MAX_BYTES);
    const input = { materialId, form: query.form, title: query.title };
    return this.answerCommand(
      documentId,
      response,
      this.obligationService.addMaterialFile(documentId, input, upload, commandContext(request)),
    );
  }

  @Get('obligations/:documentId/materials/:materialId/file')
  @ReturnsFile(MATERIAL_FILE_MEDIA_TYPES)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '下载解读材料文件（工作人员，含未发布的材料）' })
  async staffMaterialFile(
    @Param('documentId') documentId: string,
    @Param('materialId') materialId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() response: Response,
  ) {
    const file = await this.obligationService.staffMaterialFile(documentId, materialId, principal);
    if (!file) throw MATERIAL_FILE_NOT_FOUND();
    await sendFile(response, this.blobs, file);
  }

  @Post('obligations/:documentId/sign-off')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '登记解读材料的审签（signer：签发人姓名，通常为签发政策文件的领导，无需为系统用户）' })
  @ApiBody({ schema: jsonSchemaOf(signOffBody) })
  signOff(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(signOffBody)) body: z.infer<typeof signOffBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answerCommand(documentId, response, this.obligationService.signOff(documentId, body.signer, commandContext(request)));
  }

  @Post('obligations/:documentId/publish')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '发布解读（超过时限记为逾期）' })
  @ApiBody({ schema: jsonSchemaOf(publishInterpretationBody) })
  publish(
    @Param('documentId') documentId: string,
    @Body(new ZodPipe(publishInterpretationBody)) body: z.infer<typeof publishInterpretationBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answerCommand(documentId, response, this.obligationService.publish(documentId, body.channels, commandContext(request)));
  }

  @Get('portal/policies')
  @ReturnsPage(publicPolicyViewSchema)
  @Public()
  @CachedRead('interpretation')
  @ApiOperation({ summary: '门户：政策文件及其解读（公开；q 全文检索标题和解读材料；分页，总数见 X-Total-Count）' })
  async portalPolicies(@Query(new ZodPipe(policiesQuery)) query: z.infer<typeof policiesQuery>) {
    const matches = textMatcher(query.q);
    const policies = (await this.policies.list())
      .filter((p) => p.attribute === '主动公开')
      .map(portalView)
      .filter((p) =>
        matches([p.title, ...p.interpretations.flatMap((i) => i.materials.flatMap((m) => [m.title, m.body ?? '']))].join(' ')),
      );
    return pageOf(policies, query);
  }

  @Get('portal/policies/:documentId')
  @Returns(publicPolicyViewSchema)
  @Public()
  @CachedRead('interpretation')
  @ApiOperation({ summary: '门户：单个政策文件及其解读（公开）' })
  async portalPolicy(@Param('documentId') documentId: string) {
    const policy = await this.policies.get(documentId);
    if (!policy || policy.attribute !== '主动公开')
      throw DomainError.notFound('POLICY_NOT_FOUND', `政策文件 ${documentId} 不存在或未主动公开。`);
    return portalView(policy);
  }

  /** A published material's file; anything else (unpublished, not public, no such material) answers exactly as no file. */
  @Get('portal/policies/:documentId/materials/:materialId/file')
  @ReturnsFile(MATERIAL_FILE_MEDIA_TYPES)
  @Public()
  @ApiOperation({ summary: '门户：下载已发布的解读材料文件（图解、问答等）' })
  async portalMaterialFile(@Param('documentId') documentId: string, @Param('materialId') materialId: string, @Res() response: Response) {
    const file = await this.obligationService.publicMaterialFile(documentId, materialId);
    if (!file) throw MATERIAL_FILE_NOT_FOUND();
    await sendFile(response, this.blobs, file);
  }

  @Get('settings/limits')
  @Returns(someObjectSchema)
  @Public()
  @ApiOperation({ summary: '解读回应、公众参与等时限设置（公开）' })
  limits() {
    return this.obligationService.limits();
  }

  @Put('settings/limits')
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '调整时限设置（区政府办公室）' })
  @ApiBody({ schema: jsonSchemaOf(limitsBody) })
  async configure(
    @Body(new ZodPipe(limitsBody)) body: z.infer<typeof limitsBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { reason, ...limits } = body;
    const result = await this.obligationService.configureLimits({ limits, reason }, commandContext(request));
    return answer(response, result.revision, { limits: result.state.limits });
  }
}

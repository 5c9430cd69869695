import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { replyFileViewSchema } from '@gongkai/contracts';
import { READER_ROLES, STAFF_ROLES } from '@gongkai/contracts/vocabulary';
import {
  commandContext,
  CurrentPrincipal,
  fileHashParam,
  GONGKAI_CONFIG,
  Public,
  redactionsQueryParam,
  Returns,
  ReturnsFile,
  Roles,
  sendContent,
  sendFile,
  setRevision,
  STORED_MEDIA_TYPES,
  uploadOf,
  uploadQuery,
  ZodPipe,
  type AuthenticatedRequest,
  type BlobStore,
  type GongkaiConfig,
  type Principal,
} from '@gongkai/platform';
import { ReplyFiles, type ReplyFileResult } from '../application/reply-files';
import { RequestReads } from '../application/request-reads';
import { REQUESTS_BLOB_STORE } from '../application/settings';

/** What a reply may supply: every type the file store takes (documents, spreadsheets, scans, photographs; recognised from the bytes). */
const REPLY_FILE_TYPES = STORED_MEDIA_TYPES;

const fileIdParam = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
const redactedReplyFileQuery = uploadQuery.extend({ redactions: redactionsQueryParam });

/**
 * The files a reply supplies (答复提供的信息): the handler attaches them to the reply draft (the request
 * body is the file, its Content-Type the declared type, `?name=` the original name), uploads a redacted
 * version for 部分公开, removes them; the applicant downloads the published ones with the tracking code.
 */
@ApiTags('requests: 依申请公开')
@ApiBearerAuth()
@Controller('api/requests')
export class ReplyFilesController {
  constructor(
    private readonly files: ReplyFiles,
    private readonly reads: RequestReads,
    @Inject(REQUESTS_BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(GONGKAI_CONFIG) private readonly config: GongkaiConfig,
  ) {}

  private answered(response: Response, result: ReplyFileResult) {
    setRevision(response, result.revision);
    return result;
  }

  @Get('track/:code/files/:sha256')
  @ReturnsFile(REPLY_FILE_TYPES)
  @Public()
  @ApiOperation({ summary: '凭查询码下载答复提供的信息文件（公众；删除处理的文件只提供处理后的版本）' })
  async download(
    @Param('code') code: string,
    @Param('sha256') sha256: string,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    // Not a ZodPipe on the hash: a malformed one gets the same 404 as every other miss.
    const { file, content } = await this.files.download(code, sha256, { ...commandContext(request), expectedRevision: undefined });
    await sendContent(response, file, content);
  }

  @Post(':requestId/reply-files')
  @HttpCode(201)
  @Returns(replyFileViewSchema)
  @Roles(...STAFF_ROLES)
  @ApiConsumes(...REPLY_FILE_TYPES)
  @ApiOperation({ summary: '答复附上所提供的信息文件（起草答复后、审核通过前；仅“予以公开”“部分公开”）' })
  async attach(
    @Param('requestId') requestId: string,
    @Query(new ZodPipe(uploadQuery)) query: z.infer<typeof uploadQuery>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const upload = uploadOf(request, query.name, this.config.BLOB_MAX_BYTES);
    return this.answered(response, await this.files.attach(requestId, upload, commandContext(request)));
  }

  @Put(':requestId/reply-files/:fileId/redacted')
  @HttpCode(200)
  @Returns(replyFileViewSchema)
  @Roles(...STAFF_ROLES)
  @ApiConsumes(...REPLY_FILE_TYPES)
  @ApiOperation({ summary: '上传答复文件的删除处理版本，逐项列明删除内容及依据（仅“部分公开”；申请人只能获取处理后的版本）' })
  async redact(
    @Param('requestId') requestId: string,
    @Param('fileId', new ZodPipe(fileIdParam)) fileId: string,
    @Query(new ZodPipe(redactedReplyFileQuery)) query: z.infer<typeof redactedReplyFileQuery>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const upload = uploadOf(request, query.name, this.config.BLOB_MAX_BYTES);
    return this.answered(response, await this.files.redact(requestId, fileId, query.redactions, upload, commandContext(request)));
  }

  @Delete(':requestId/reply-files/:fileId')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '从答复中移除文件（连同其删除处理版本）' })
  async remove(
    @Param('requestId') requestId: string,
    @Param('fileId', new ZodPipe(fileIdParam)) fileId: string,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.files.remove(requestId, fileId, commandContext(request));
    setRevision(response, result.revision);
    return result;
  }

  @Get(':requestId/reply-files/:sha256')
  @ReturnsFile(REPLY_FILE_TYPES)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '下载答复的文件（工作人员，含删除处理前的原件）' })
  async staffDownload(
    @Param('requestId') requestId: string,
    @Param('sha256', new ZodPipe(fileHashParam)) sha256: string,
    @CurrentPrincipal() principal: Principal,
    @Res() response: Response,
  ): Promise<void> {
    await sendFile(response, this.blobs, await this.reads.replyFile(requestId, sha256, principal));
  }
}

import { Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import {
  BLOB_STORE,
  commandContext,
  CommandHandler,
  CurrentPrincipal,
  DomainError,
  GONGKAI_CONFIG,
  Returns,
  ReturnsFile,
  Roles,
  sendFile,
  setRevision,
  STORED_MEDIA_TYPES,
  uploadOf,
  ZodPipe,
  type AuthenticatedRequest,
  type BlobStore,
  type GongkaiConfig,
  type Principal,
} from '@gongkai/platform';
import { attachedFileViewSchema } from '@gongkai/contracts';
import { attachAnnex, attachBody, attachRedactedAnnex, type AttachedFileResult } from '../application/document-files';
import { staffDocument } from '../application/document-queries';
import { DocumentsProjection } from '../read-models/documents.projection';
import { annexUploadQuery, fileHashParam, redactedUploadQuery, uploadQuery } from './document.schemas';

const UPLOAD_TYPES = STORED_MEDIA_TYPES;

/**
 * A document's files (正文、附件、删除处理后的附件), staff side: the request body is the file, its
 * Content-Type the declared type (checked against the bytes), `name` the original file name.
 */
@ApiTags('document-attributes: files 公文文件')
@ApiBearerAuth()
@Controller('api/document-attributes/documents/:documentId')
export class DocumentFilesController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly documents: DocumentsProjection,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(GONGKAI_CONFIG) private readonly config: GongkaiConfig,
  ) {}

  private answered(response: Response, result: AttachedFileResult) {
    setRevision(response, result.revision);
    return result;
  }

  @Put('body')
  @HttpCode(200)
  @Returns(attachedFileViewSchema)
  @Roles('clerk', 'office_head')
  @ApiConsumes(...UPLOAD_TYPES)
  @ApiOperation({ summary: '上传正文（.docx、PDF、OFD 或纯文本；类型按文件内容识别，须与声明的类型一致；拟文阶段可替换）' })
  async body(
    @Param('documentId') documentId: string,
    @Query(new ZodPipe(uploadQuery)) query: z.infer<typeof uploadQuery>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const upload = uploadOf(request, query.name, this.config.BLOB_MAX_BYTES);
    return this.answered(response, await attachBody(this.commands, this.blobs, documentId, upload, commandContext(request)));
  }

  @Post('annexes')
  @HttpCode(201)
  @Returns(attachedFileViewSchema)
  @Roles('clerk', 'office_head')
  @ApiConsumes(...UPLOAD_TYPES)
  @ApiOperation({ summary: '上传附件（title：附件名称；annexId：替换已有附件的文件）' })
  async annex(
    @Param('documentId') documentId: string,
    @Query(new ZodPipe(annexUploadQuery)) query: z.infer<typeof annexUploadQuery>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const upload = uploadOf(request, query.name, this.config.BLOB_MAX_BYTES);
    const input = { title: query.title, ...(query.annexId ? { annexId: query.annexId } : {}) };
    return this.answered(response, await attachAnnex(this.commands, this.blobs, documentId, input, upload, commandContext(request)));
  }

  @Put('annexes/:annexId/redacted')
  @HttpCode(200)
  @Returns(attachedFileViewSchema)
  @Roles('clerk', 'office_head')
  @ApiConsumes(...UPLOAD_TYPES)
  @ApiOperation({ summary: '上传删除处理后的附件，逐项列明删除内容及依据（公开发布时以此代替原件，原件不公开）' })
  async redacted(
    @Param('documentId') documentId: string,
    @Param('annexId') annexId: string,
    @Query(new ZodPipe(redactedUploadQuery)) query: z.infer<typeof redactedUploadQuery>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const upload = uploadOf(request, query.name, this.config.BLOB_MAX_BYTES);
    const input = { annexId, redactions: query.redactions };
    return this.answered(
      response,
      await attachRedactedAnnex(this.commands, this.blobs, documentId, input, upload, commandContext(request)),
    );
  }

  @Get('files/:sha256')
  @ReturnsFile(UPLOAD_TYPES)
  @ApiOperation({ summary: '下载公文的文件（工作人员，含删除处理前的原件）' })
  async download(
    @Param('documentId') documentId: string,
    @Param('sha256', new ZodPipe(fileHashParam)) sha256: string,
    @CurrentPrincipal() principal: Principal,
    @Res() response: Response,
  ): Promise<void> {
    const view = await staffDocument(this.documents, principal, documentId);
    const files = [
      ...(view.body ? [view.body] : []),
      ...(view.annexes ?? []).flatMap((a) => [a.file, ...(a.redacted ? [a.redacted.file] : [])]),
    ];
    const file = files.find((f) => f.sha256 === sha256);
    if (!file) throw DomainError.notFound('FILE_NOT_FOUND', '该公文没有这个文件。');
    await sendFile(response, this.blobs, file);
  }
}

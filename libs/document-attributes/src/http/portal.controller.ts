import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  BLOB_STORE,
  type BlobStore,
  CachedRead,
  DomainError,
  pageFields,
  pageOf,
  Public,
  ReturnsPage,
  sendFile,
  setPageHeaders,
  STORED_MEDIA_TYPES,
  ZodPipe,
} from '@gongkai/platform';
import type { DocumentSearchHit } from '../read-models/public-search';
import { CleanupProjection } from '../read-models/cleanup.projection';
import type { PublicDocument } from '../read-models/document-view';
import { DocumentsProjection } from '../read-models/documents.projection';
import { fileHashParam, publicListQuery, publicSearchQuery } from './document.schemas';
import { Returns, ReturnsFile } from '@gongkai/platform';
import {
  cleanupResultsViewSchema,
  documentSearchViewSchema,
  publicDocumentListViewSchema,
  publicDocumentViewSchema,
} from '@gongkai/contracts';

/** Exactly the same answer for a document that does not exist and one that is not public. */
export const PUBLIC_NOT_FOUND = () => DomainError.notFound('DOCUMENT_NOT_FOUND', '未找到该公文。');

/** The same answer for every file the public may not have, whatever the reason. */
export const PUBLIC_FILE_NOT_FOUND = () => DomainError.notFound('FILE_NOT_FOUND', '未找到该文件。');

const cleanupQuery = z.object({ campaignId: z.string().max(40).optional(), unitId: z.string().max(32).optional(), ...pageFields(20) });

/**
 * The portal (门户网站) side: only 主动公开 documents, through `toPublicDocument`. A non-public document
 * appears in no list, search or count, and a GET of one answers exactly as for a nonexistent one.
 */
@ApiTags('document-attributes: portal 门户')
@Controller('api/document-attributes/public')
export class PortalController {
  constructor(
    private readonly documents: DocumentsProjection,
    private readonly cleanup: CleanupProjection,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  @Get('search')
  @Returns(documentSearchViewSchema)
  @Public()
  @ApiOperation({
    summary: '检索主动公开文件的标题、文号和正文（含常用简称，如“低保”即“最低生活保障”），可按单位、类型、主题分类、年份筛选',
  })
  async search(
    @Query(new ZodPipe(publicSearchQuery)) query: z.infer<typeof publicSearchQuery>,
  ): Promise<{ query: string; hits: DocumentSearchHit[] }> {
    const { q, limit, ...filter } = query;
    return { query: q, hits: await this.documents.searchPublic(q, filter, limit) };
  }

  @Get('documents')
  @Returns(publicDocumentListViewSchema, { paged: true })
  @Public()
  @CachedRead('document-attributes')
  @ApiOperation({ summary: '主动公开的公文（含标注与发布情况；分页：total 为全部件数，documents 为所请求的一页）' })
  async list(
    @Query(new ZodPipe(publicListQuery)) query: z.infer<typeof publicListQuery>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ total: number; documents: PublicDocument[] }> {
    const { page, pageSize, ...filter } = query;
    const found = pageOf(await this.documents.listPublic(filter), { page, pageSize });
    setPageHeaders(response, found.total, found);
    return { total: found.total, documents: found.rows };
  }

  @Get('documents/:documentId')
  @Returns(publicDocumentViewSchema)
  @Public()
  @CachedRead('document-attributes')
  @ApiOperation({ summary: '主动公开公文详情：目录信息、正文文字、可下载的文件' })
  async get(@Param('documentId') documentId: string): Promise<PublicDocument & { text: string | null }> {
    const document = await this.documents.getPublic(documentId);
    if (!document) throw PUBLIC_NOT_FOUND();
    return { ...document, text: await this.documents.publicBodyText(document) };
  }

  /**
   * A published file of a public document: only the files of its published version (a redacted
   * annex as its redacted file). Anything else — another document's file, the original of a redacted
   * annex, a file of a document that is not public — answers exactly as a file that does not exist.
   */
  @Get('documents/:documentId/files/:sha256')
  @ReturnsFile(STORED_MEDIA_TYPES)
  @Public()
  @ApiOperation({ summary: '下载主动公开公文的正文或附件（删除处理的附件只提供处理后的文件）' })
  async download(@Param('documentId') documentId: string, @Param('sha256') sha256: string, @Res() response: Response): Promise<void> {
    const document = fileHashParam.safeParse(sha256).success ? await this.documents.getPublic(documentId) : null;
    const files = document ? [...(document.files.body ? [document.files.body] : []), ...document.files.annexes.map((a) => a.file)] : [];
    const file = files.find((f) => f.sha256 === sha256);
    if (!file) throw PUBLIC_FILE_NOT_FOUND();
    await sendFile(response, this.blobs, file);
  }

  @Get('cleanup-results')
  @ReturnsPage(cleanupResultsViewSchema.element)
  @Public()
  @CachedRead('document-attributes')
  @ApiOperation({ summary: '文件清理结果（仅列主动公开的公文；每个清理活动和单位一行，分页，总数见 X-Total-Count）' })
  async cleanupResults(@Query(new ZodPipe(cleanupQuery)) query: z.infer<typeof cleanupQuery>) {
    const { page, pageSize, ...filter } = query;
    const found = pageOf(await this.cleanup.listResults(filter), { page, pageSize });
    const publicDocs = await this.documents.publicAmong([...new Set(found.rows.flatMap((r) => r.entries.map((e) => e.documentId)))]);
    const rows = found.rows.map((result) => ({
      campaignId: result.campaignId,
      title: result.title,
      unitId: result.unitId,
      publishedOn: result.publishedOn,
      entries: result.entries.flatMap((entry) => {
        const document = publicDocs.get(entry.documentId);
        return document
          ? [
              {
                documentId: entry.documentId,
                documentNumber: document.documentNumber,
                title: document.title,
                outcome: entry.outcome,
                note: entry.note,
              },
            ]
          : [];
      }),
    }));
    return { ...found, rows };
  }
}

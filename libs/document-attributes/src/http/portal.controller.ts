import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { sendFile, BLOB_STORE, DomainError, Public, ZodPipe, type BlobStore } from '@gongkai/platform';
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

const cleanupQuery = z.object({ campaignId: z.string().max(40).optional(), unitId: z.string().max(32).optional() });

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
  @Returns(publicDocumentListViewSchema)
  @Public()
  @ApiOperation({ summary: '主动公开的公文（含标注与发布情况）' })
  async list(
    @Query(new ZodPipe(publicListQuery)) query: z.infer<typeof publicListQuery>,
  ): Promise<{ total: number; documents: PublicDocument[] }> {
    const documents = await this.documents.listPublic(query);
    return { total: documents.length, documents };
  }

  @Get('documents/:documentId')
  @Returns(publicDocumentViewSchema)
  @Public()
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
  @ReturnsFile([
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/ofd',
    'text/plain',
    'image/png',
    'image/jpeg',
  ])
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
  @Returns(cleanupResultsViewSchema)
  @Public()
  @ApiOperation({ summary: '文件清理结果（仅列主动公开的公文）' })
  async cleanupResults(@Query(new ZodPipe(cleanupQuery)) query: z.infer<typeof cleanupQuery>) {
    const results = await this.cleanup.listResults(query);
    const publicDocs = await this.documents.publicAmong([...new Set(results.flatMap((r) => r.entries.map((e) => e.documentId)))]);
    return results.map((result) => ({
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
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DomainError, Public, ZodPipe } from '@gongkai/platform';
import { CleanupProjection } from '../read-models/cleanup.projection';
import type { PublicDocument } from '../read-models/document-view';
import { DocumentsProjection } from '../read-models/documents.projection';
import { publicListQuery } from './document.schemas';
import { Returns } from '@gongkai/platform';
import { cleanupResultsViewSchema, publicDocumentListViewSchema, publicDocumentViewSchema } from '@gongkai/contracts';

/** Exactly the same answer for a document that does not exist and one that is not public. */
export const PUBLIC_NOT_FOUND = () => DomainError.notFound('DOCUMENT_NOT_FOUND', '未找到该公文。');

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
  ) {}

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
  @ApiOperation({ summary: '主动公开公文详情' })
  async get(@Param('documentId') documentId: string): Promise<PublicDocument> {
    const document = await this.documents.getPublic(documentId);
    if (!document) throw PUBLIC_NOT_FOUND();
    return document;
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

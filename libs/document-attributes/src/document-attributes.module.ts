import { Inject, Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import {
  BLOB_STORE,
  CommandHandler,
  ConsumerRegistry,
  LOGGER,
  ReadModelConnections,
  readModelProvider,
  type BlobStore,
  type Logger,
} from '@gongkai/platform';
import { defaultWorkingDayCalendar } from '@gongkai/working-days';
import { DisclosureSuggestionHandler } from './application/disclosure-suggestion.handler';
import { YearlyReviewProcess } from './application/yearly-review.process';
import { CampaignsController } from './http/campaigns.controller';
import { DocumentFilesController } from './http/document-files.controller';
import { DocumentsController } from './http/documents.controller';
import { PortalController } from './http/portal.controller';
import { CleanupProjection } from './read-models/cleanup.projection';
import { DocumentTextsProjection } from './read-models/document-texts.projection';
import { DocumentsProjection } from './read-models/documents.projection';

/** The document-attributes service (公文公开属性): register, attribute decisions, review, issue, yearly review, cleanup. */
@Module({
  controllers: [DocumentsController, DocumentFilesController, CampaignsController, PortalController],
  providers: [
    {
      provide: DocumentTextsProjection,
      inject: [ReadModelConnections, BLOB_STORE],
      useFactory: (connections: ReadModelConnections, blobs: BlobStore) =>
        new DocumentTextsProjection(connections.get('document-attributes'), blobs),
    },
    readModelProvider('document-attributes', DocumentsProjection),
    readModelProvider('document-attributes', CleanupProjection),
    {
      provide: YearlyReviewProcess,
      inject: [CommandHandler, DocumentsProjection, LOGGER],
      useFactory: (commands: CommandHandler, documents: DocumentsProjection, logger: Logger) =>
        new YearlyReviewProcess(commands, documents, logger, defaultWorkingDayCalendar()),
    },
    {
      provide: DisclosureSuggestionHandler,
      inject: [CommandHandler],
      useFactory: (commands: CommandHandler) => new DisclosureSuggestionHandler(commands, defaultWorkingDayCalendar()),
    },
  ],
})
export class DocumentAttributesModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly texts: DocumentTextsProjection,
    private readonly documents: DocumentsProjection,
    private readonly cleanup: CleanupProjection,
    private readonly yearlyReview: YearlyReviewProcess,
    private readonly suggestions: DisclosureSuggestionHandler,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    // Texts first (the documents projection indexes a public document with its files' texts; a text
    // extracted later re-indexes it), then the documents projection (the yearly-review process reads it: `readsAfter`, ADR 0017).
    this.texts.onExtracted = (sha256) => this.documents.textExtracted(sha256);
    this.registry.register('document-attributes', this.texts, this.documents, this.cleanup, this.yearlyReview);
    if (DisclosureSuggestionHandler.contractAvailable()) this.registry.register('document-attributes', this.suggestions);
    else this.logger.info('requests.ProactiveDisclosureSuggested has no contract yet: suggestions are not consumed');
  }

  /** The portal's search index loads in the background (from stored tokens, yielding): no request waits for it but a search. */
  onApplicationBootstrap(): void {
    const started = Date.now();
    this.documents.loadSearchIndex().then(
      (index) => this.logger.info({ documents: index.size, ms: Date.now() - started }, 'document search index loaded'),
      (error: unknown) => this.logger.warn({ err: error }, 'document search index not loaded (the first search loads it)'),
    );
  }
}

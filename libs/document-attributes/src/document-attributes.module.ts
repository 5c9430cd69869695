import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CommandHandler, ConsumerRegistry, LOGGER, readModelProvider, type Logger } from '@gongkai/platform';
import { defaultWorkingDayCalendar } from '@gongkai/working-days';
import { DisclosureSuggestionHandler } from './application/disclosure-suggestion.handler';
import { YearlyReviewProcess } from './application/yearly-review.process';
import { CampaignsController } from './http/campaigns.controller';
import { DocumentsController } from './http/documents.controller';
import { PortalController } from './http/portal.controller';
import { CleanupProjection } from './read-models/cleanup.projection';
import { DocumentsProjection } from './read-models/documents.projection';

/** The document-attributes service (公文公开属性): register, attribute decisions, review, issue, yearly review, cleanup. */
@Module({
  controllers: [DocumentsController, CampaignsController, PortalController],
  providers: [
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
export class DocumentAttributesModule implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly documents: DocumentsProjection,
    private readonly cleanup: CleanupProjection,
    private readonly yearlyReview: YearlyReviewProcess,
    private readonly suggestions: DisclosureSuggestionHandler,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    // The documents projection first: the yearly-review process reads it, and handlers run in order.
    this.registry.register('document-attributes', this.documents, this.cleanup, this.yearlyReview);
    if (DisclosureSuggestionHandler.contractAvailable()) this.registry.register('document-attributes', this.suggestions);
    else this.logger.info('requests.ProactiveDisclosureSuggested has no contract yet: suggestions are not consumed');
  }
}

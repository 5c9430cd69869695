import { createHmac } from 'node:crypto';
import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  BLOB_STORE,
  CommandHandler,
  ConsumerRegistry,
  GONGKAI_CONFIG,
  LOGGER,
  NoticeOutbox,
  PERSONAL_DATA_KEYS,
  ReadModelConnections,
  readModelProvider,
  startNoticeSender,
  type BlobStore,
  type GongkaiConfig,
  type Logger,
  type NoticeSender,
  type PersonalDataKeys,
} from '@gongkai/platform';
import { CatalogueSpreadsheets } from './application/catalogue-import';
import { importLimitsOf } from './application/import-limits';
import { CatalogueItems } from './application/items';
import { CatalogueNegativeList } from './application/negative-list';
import { CataloguePortal } from './application/portal';
import { CatalogueReference } from './application/reference';
import { CatalogueFeeds } from './application/feeds';
import { UnitGuides } from './application/guides';
import { ChecklistReactions, ProactiveChecklist } from './application/checklist';
import { PublicationAlerts, SubscriptionComposer, Subscriptions } from './application/subscriptions';
import { ItemsController } from './http/items.controller';
import { NegativeListController } from './http/negative-list.controller';
import { PortalController } from './http/portal.controller';
import { ReferenceController } from './http/reference.controller';
import { GuidesController } from './http/guides.controller';
import { ChecklistController } from './http/checklist.controller';
import { SubscriptionsController } from './http/subscriptions.controller';
import { UnitsController } from './http/units.controller';
import { CatalogueGuidelineMatchesProjection } from './read-models/guideline-matches.projection';
import { CatalogueGuidelinesProjection } from './read-models/guidelines.projection';
import { CatalogueItemSummariesProjection } from './read-models/item-summaries.projection';
import { CatalogueItemsProjection } from './read-models/items.projection';
import { CatalogueNegativeListProjection } from './read-models/negative-list.projection';
import { CatalogueGuidesProjection } from './read-models/guides.projection';
import { CatalogueChecklistProjection, CatalogueDisclosedDocumentsProjection } from './read-models/checklist.projection';
import { CataloguePublicationsProjection } from './read-models/publications.projection';
import { CatalogueUnitsProjection } from './read-models/units.projection';

/** The catalogue service: units, the standard catalogue, the negative list. */
@Module({
  // Portal before the units controller, so that `/api/catalogue/portal/...` is never taken for a unit.
  controllers: [
    PortalController,
    SubscriptionsController,
    GuidesController,
    ChecklistController,
    ReferenceController,
    ItemsController,
    NegativeListController,
    UnitsController,
  ],
  providers: [
    readModelProvider('catalogue', CatalogueUnitsProjection),
    readModelProvider('catalogue', CatalogueItemsProjection),
    readModelProvider('catalogue', CatalogueItemSummariesProjection),
    readModelProvider('catalogue', CatalogueGuidelinesProjection),
    readModelProvider('catalogue', CatalogueNegativeListProjection),
    readModelProvider('catalogue', CataloguePublicationsProjection),
    readModelProvider('catalogue', CatalogueGuidesProjection),
    readModelProvider('catalogue', CatalogueChecklistProjection),
    readModelProvider('catalogue', CatalogueDisclosedDocumentsProjection),
    {
      provide: ProactiveChecklist,
      inject: [
        CommandHandler,
        CatalogueUnitsProjection,
        CatalogueItemsProjection,
        CatalogueDisclosedDocumentsProjection,
        CatalogueChecklistProjection,
      ],
      useFactory: (
        commands: CommandHandler,
        units: CatalogueUnitsProjection,
        items: CatalogueItemsProjection,
        documents: CatalogueDisclosedDocumentsProjection,
        checklists: CatalogueChecklistProjection,
      ) => new ProactiveChecklist(commands, units, items, documents, checklists),
    },
    {
      provide: ChecklistReactions,
      inject: [CommandHandler, CatalogueUnitsProjection],
      useFactory: (commands: CommandHandler, units: CatalogueUnitsProjection) => new ChecklistReactions(commands, units),
    },
    {
      provide: UnitGuides,
      inject: [CommandHandler, CatalogueGuidesProjection, CatalogueUnitsProjection],
      useFactory: (commands: CommandHandler, guides: CatalogueGuidesProjection, units: CatalogueUnitsProjection) =>
        new UnitGuides(commands, guides, units),
    },
    readModelProvider('catalogue', NoticeOutbox),
    {
      provide: Subscriptions,
      inject: [ReadModelConnections, NoticeOutbox, CatalogueUnitsProjection, GONGKAI_CONFIG, PERSONAL_DATA_KEYS],
      useFactory: (
        connections: ReadModelConnections,
        outbox: NoticeOutbox,
        units: CatalogueUnitsProjection,
        config: GongkaiConfig,
        keys: PersonalDataKeys | null,
      ) => new Subscriptions(connections.get('catalogue'), outbox, units, subscriptionLinkKey(config), keys),
    },
    {
      provide: PublicationAlerts,
      inject: [CataloguePublicationsProjection, Subscriptions, NoticeOutbox],
      useFactory: (publications: CataloguePublicationsProjection, subscriptions: Subscriptions, outbox: NoticeOutbox) =>
        new PublicationAlerts(publications, subscriptions, outbox),
    },
    {
      provide: SubscriptionComposer,
      inject: [Subscriptions, CataloguePublicationsProjection, GONGKAI_CONFIG],
      useFactory: (subscriptions: Subscriptions, publications: CataloguePublicationsProjection, config: GongkaiConfig) =>
        new SubscriptionComposer(subscriptions, publications, config.PORTAL_BASE_URL),
    },
    {
      provide: CatalogueFeeds,
      inject: [CataloguePublicationsProjection, Subscriptions, GONGKAI_CONFIG],
      useFactory: (publications: CataloguePublicationsProjection, subscriptions: Subscriptions, config: GongkaiConfig) =>
        new CatalogueFeeds(publications, subscriptions, config.PORTAL_BASE_URL),
    },
    readModelProvider('catalogue', CatalogueGuidelineMatchesProjection),
    {
      provide: CatalogueItems,
      inject: [CommandHandler],
      useFactory: (commands: CommandHandler) => new CatalogueItems(commands),
    },
    {
      provide: CatalogueNegativeList,
      inject: [CommandHandler],
      useFactory: (commands: CommandHandler) => new CatalogueNegativeList(commands),
    },
    {
      provide: CatalogueSpreadsheets,
      inject: [CommandHandler, CatalogueItemsProjection, BLOB_STORE, GONGKAI_CONFIG],
      useFactory: (commands: CommandHandler, items: CatalogueItemsProjection, blobs: BlobStore, config: GongkaiConfig) =>
        new CatalogueSpreadsheets(commands, items, blobs, importLimitsOf(config)),
    },
    {
      provide: CataloguePortal,
      inject: [CatalogueUnitsProjection, CatalogueItemsProjection, CatalogueGuidelinesProjection, CatalogueItemSummariesProjection],
      useFactory: (
        units: CatalogueUnitsProjection,
        items: CatalogueItemsProjection,
        guidelines: CatalogueGuidelinesProjection,
        summaries: CatalogueItemSummariesProjection,
      ) => new CataloguePortal(units, items, guidelines, summaries),
    },
    {
      provide: CatalogueReference,
      inject: [
        CatalogueUnitsProjection,
        CatalogueItemsProjection,
        CatalogueGuidelinesProjection,
        CatalogueGuidelineMatchesProjection,
        CommandHandler,
        CatalogueItemSummariesProjection,
      ],
      useFactory: (
        units: CatalogueUnitsProjection,
        items: CatalogueItemsProjection,
        guidelines: CatalogueGuidelinesProjection,
        matches: CatalogueGuidelineMatchesProjection,
        commands: CommandHandler,
        summaries: CatalogueItemSummariesProjection,
      ) => new CatalogueReference(units, items, guidelines, matches, commands, summaries),
    },
  ],
  exports: [CatalogueItemsProjection],
})
export class CatalogueModule implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private sender: NoticeSender | null = null;

  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly units: CatalogueUnitsProjection,
    private readonly items: CatalogueItemsProjection,
    private readonly summaries: CatalogueItemSummariesProjection,
    private readonly guidelines: CatalogueGuidelinesProjection,
    private readonly negativeList: CatalogueNegativeListProjection,
    private readonly publications: CataloguePublicationsProjection,
    private readonly guides: CatalogueGuidesProjection,
    private readonly alerts: PublicationAlerts,
    private readonly outbox: NoticeOutbox,
    private readonly composer: SubscriptionComposer,
    @Inject(GONGKAI_CONFIG) private readonly config: GongkaiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly matches: CatalogueGuidelineMatchesProjection,
    private readonly checklists: CatalogueChecklistProjection,
    private readonly disclosedDocuments: CatalogueDisclosedDocumentsProjection,
    private readonly checklistReactions: ChecklistReactions,
    private readonly subscriptions: Subscriptions,
  ) {}

  onModuleInit(): void {
    // The publications read the items (a document's domains), the alerts the publications: declared with `readsAfter` (ADR 0017).
    this.registry.register(
      'catalogue',
      this.units,
      this.items,
      this.summaries,
      this.guidelines,
      this.negativeList,
      this.matches,
      this.guides,
      this.publications,
      this.alerts,
      this.disclosedDocuments,
      this.checklists,
      this.checklistReactions,
    );
  }

  /** Sends the subscription e-mails (confirmations, new publications) when SMTP_URL is set. */
  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.subscriptions.sealPlaintext();
    if (sealed > 0) this.logger.info({ subscriptions: sealed }, "subscribers' addresses sealed with their keys (crypto-shredding)");
    await this.outbox.ensureIndexes();
    this.sender = startNoticeSender(this.config, this.outbox, this.composer, this.logger);
    // The portal's search index loads in the background (stored tokens, yielding): only a search waits for it.
    const started = Date.now();
    this.items.loadSearchIndex().then(
      (index) => this.logger.info({ items: index.size, ms: Date.now() - started }, 'catalogue search index loaded'),
      (error: unknown) => this.logger.warn({ err: error }, 'catalogue search index not loaded (the first search loads it)'),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.sender?.stop();
  }
}

/** The key of the subscription links' HMAC: SUBSCRIPTIONS_LINK_KEY, else derived from AUTH_JWT_SECRET (loadConfig requires one). */
function subscriptionLinkKey(config: GongkaiConfig): Buffer {
  return Buffer.from(
    config.SUBSCRIPTIONS_LINK_KEY ??
      createHmac('sha256', config.AUTH_JWT_SECRET ?? '')
        .update('gongkai.catalogue.subscriptions')
        .digest('hex'),
  );
}

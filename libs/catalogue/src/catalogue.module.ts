import { Module, type OnModuleInit } from '@nestjs/common';
import { CommandHandler, ConsumerRegistry, GONGKAI_CONFIG, readModelProvider, type GongkaiConfig } from '@gongkai/platform';
import { CatalogueSpreadsheets } from './application/catalogue-import';
import { importLimitsOf } from './application/import-limits';
import { CatalogueItems } from './application/items';
import { CatalogueNegativeList } from './application/negative-list';
import { CataloguePortal } from './application/portal';
import { CatalogueReference } from './application/reference';
import { ItemsController } from './http/items.controller';
import { NegativeListController } from './http/negative-list.controller';
import { PortalController } from './http/portal.controller';
import { ReferenceController } from './http/reference.controller';
import { UnitsController } from './http/units.controller';
import { CatalogueGuidelinesProjection } from './read-models/guidelines.projection';
import { CatalogueItemsProjection } from './read-models/items.projection';
import { CatalogueNegativeListProjection } from './read-models/negative-list.projection';
import { CatalogueUnitsProjection } from './read-models/units.projection';

/** The catalogue service: units, the standard catalogue, the negative list. */
@Module({
  // Portal before the units controller, so that `/api/catalogue/portal/...` is never taken for a unit.
  controllers: [PortalController, ReferenceController, ItemsController, NegativeListController, UnitsController],
  providers: [
    readModelProvider('catalogue', CatalogueUnitsProjection),
    readModelProvider('catalogue', CatalogueItemsProjection),
    readModelProvider('catalogue', CatalogueGuidelinesProjection),
    readModelProvider('catalogue', CatalogueNegativeListProjection),
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
      inject: [CommandHandler, CatalogueItemsProjection, GONGKAI_CONFIG],
      useFactory: (commands: CommandHandler, items: CatalogueItemsProjection, config: GongkaiConfig) =>
        new CatalogueSpreadsheets(commands, items, importLimitsOf(config)),
    },
    {
      provide: CataloguePortal,
      inject: [CatalogueUnitsProjection, CatalogueItemsProjection, CatalogueGuidelinesProjection],
      useFactory: (units: CatalogueUnitsProjection, items: CatalogueItemsProjection, guidelines: CatalogueGuidelinesProjection) =>
        new CataloguePortal(units, items, guidelines),
    },
    {
      provide: CatalogueReference,
      inject: [CatalogueUnitsProjection, CatalogueItemsProjection, CatalogueGuidelinesProjection],
      useFactory: (units: CatalogueUnitsProjection, items: CatalogueItemsProjection, guidelines: CatalogueGuidelinesProjection) =>
        new CatalogueReference(units, items, guidelines),
    },
  ],
  exports: [CatalogueItemsProjection],
})
export class CatalogueModule implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly units: CatalogueUnitsProjection,
    private readonly items: CatalogueItemsProjection,
    private readonly guidelines: CatalogueGuidelinesProjection,
    private readonly negativeList: CatalogueNegativeListProjection,
  ) {}

  onModuleInit(): void {
    this.registry.register('catalogue', this.units, this.items, this.guidelines, this.negativeList);
  }
}

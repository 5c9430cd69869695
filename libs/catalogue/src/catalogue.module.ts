import { Module, type OnModuleInit } from '@nestjs/common';
import { CommandHandler, ConsumerRegistry, ReadModelConnections } from '@gongkai/platform';
import { CatalogueSpreadsheets } from './application/catalogue-import';
import { ItemsController } from './http/items.controller';
import { NegativeListController } from './http/negative-list.controller';
import { PortalController } from './http/portal.controller';
import { ReferenceController } from './http/reference.controller';
import { UnitsController } from './http/units.controller';
import { CatalogueGuidelinesProjection } from './read-models/guidelines.projection';
import { CatalogueItemsProjection } from './read-models/items.projection';
import { CatalogueNegativeListProjection } from './read-models/negative-list.projection';
import { CatalogueUnitsProjection } from './read-models/units.projection';

const projection = <T>(type: new (connection: ReturnType<ReadModelConnections['get']>) => T) => ({
  provide: type,
  inject: [ReadModelConnections],
  useFactory: (connections: ReadModelConnections) => new type(connections.get('catalogue')),
});

/** The catalogue service: units, the standard catalogue, the negative list. */
@Module({
  // Portal before the units controller, so that `/api/catalogue/portal/...` is never taken for a unit.
  controllers: [PortalController, ReferenceController, ItemsController, NegativeListController, UnitsController],
  providers: [
    projection(CatalogueUnitsProjection),
    projection(CatalogueItemsProjection),
    projection(CatalogueGuidelinesProjection),
    projection(CatalogueNegativeListProjection),
    {
      provide: CatalogueSpreadsheets,
      inject: [CommandHandler, CatalogueItemsProjection],
      useFactory: (commands: CommandHandler, items: CatalogueItemsProjection) => new CatalogueSpreadsheets(commands, items),
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

import { Module, type OnModuleInit } from '@nestjs/common';
import { ConsumerRegistry, ReadModelConnections } from '@gongkai/platform';
import { UnitsController } from './http/units.controller';
import { CatalogueUnitsProjection } from './read-models/units.projection';

/** The catalogue service: units, the standard catalogue, the negative list. */
@Module({
  controllers: [UnitsController],
  providers: [
    {
      provide: CatalogueUnitsProjection,
      inject: [ReadModelConnections],
      useFactory: (connections: ReadModelConnections) => new CatalogueUnitsProjection(connections.get('catalogue')),
    },
  ],
})
export class CatalogueModule implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly units: CatalogueUnitsProjection,
  ) {}

  onModuleInit(): void {
    this.registry.register('catalogue', this.units);
  }
}

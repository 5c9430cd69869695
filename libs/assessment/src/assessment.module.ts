import { Module, type OnModuleInit } from '@nestjs/common';
import { ConsumerRegistry, ReadModelConnections } from '@gongkai/platform';
import { AssessmentUnitsController } from './http/units.controller';
import { AssessmentUnitsProjection } from './read-models/units.projection';

/** The assessment service: facts from every other service's events, schemes, scores. */
@Module({
  controllers: [AssessmentUnitsController],
  providers: [
    {
      provide: AssessmentUnitsProjection,
      inject: [ReadModelConnections],
      useFactory: (connections: ReadModelConnections) => new AssessmentUnitsProjection(connections.get('assessment')),
    },
  ],
})
export class AssessmentModule implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly units: AssessmentUnitsProjection,
  ) {}

  onModuleInit(): void {
    this.registry.register('assessment', this.units);
  }
}

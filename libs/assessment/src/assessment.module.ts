import { Module, type OnModuleInit } from '@nestjs/common';
import { CommandHandler, ConsumerRegistry, ReadModelConnections } from '@gongkai/platform';
import { ScoringService } from './application/scoring.service';
import { SchemesController } from './http/schemes.controller';
import { ScoresController } from './http/scores.controller';
import { AssessmentUnitsController } from './http/units.controller';
import { AssessmentFactsProjection } from './read-models/facts.projection';
import { AssessmentSchemesProjection } from './read-models/schemes.projection';
import { AssessmentUnitsProjection } from './read-models/units.projection';

const readModel = <T>(type: new (connection: ReturnType<ReadModelConnections['get']>) => T) => ({
  provide: type,
  inject: [ReadModelConnections],
  useFactory: (connections: ReadModelConnections) => new type(connections.get('assessment')),
});

/** The assessment service: facts from every other service's events, schemes, scores. */
@Module({
  controllers: [AssessmentUnitsController, SchemesController, ScoresController],
  providers: [
    readModel(AssessmentUnitsProjection),
    readModel(AssessmentFactsProjection),
    readModel(AssessmentSchemesProjection),
    {
      provide: ScoringService,
      inject: [CommandHandler, AssessmentFactsProjection],
      useFactory: (commands: CommandHandler, facts: AssessmentFactsProjection) => new ScoringService(commands, facts),
    },
  ],
})
export class AssessmentModule implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly units: AssessmentUnitsProjection,
    private readonly facts: AssessmentFactsProjection,
    private readonly schemes: AssessmentSchemesProjection,
  ) {}

  onModuleInit(): void {
    this.registry.register('assessment', this.units, this.facts, this.schemes);
    void this.facts
      .ensureIndexes()
      .then(() => this.facts.cached())
      .catch(() => undefined);
  }
}

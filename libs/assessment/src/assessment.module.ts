import { Module, type OnModuleInit } from '@nestjs/common';
import {
  CommandHandler,
  ConsumerCatchUp,
  ConsumerRegistry,
  EVENT_STORE,
  GONGKAI_CONFIG,
  readModelProvider,
  type EventStore,
  type GongkaiConfig,
} from '@gongkai/platform';
import { AssessmentSchemes } from './application/schemes';
import { AssessmentScores } from './application/scores';
import { ScoringService } from './application/scoring.service';
import { SchemesController } from './http/schemes.controller';
import { ScoresController } from './http/scores.controller';
import { AssessmentUnitsController } from './http/units.controller';
import { AssessmentFactsProjection } from './read-models/facts.projection';
import { AssessmentSchemesProjection } from './read-models/schemes.projection';
import { AssessmentUnitsProjection } from './read-models/units.projection';

/** The assessment service: facts from every other service's events, schemes, scores. */
@Module({
  controllers: [AssessmentUnitsController, SchemesController, ScoresController],
  providers: [
    readModelProvider('assessment', AssessmentUnitsProjection),
    readModelProvider('assessment', AssessmentFactsProjection),
    readModelProvider('assessment', AssessmentSchemesProjection),
    {
      provide: ScoringService,
      inject: [CommandHandler, AssessmentFactsProjection],
      useFactory: (commands: CommandHandler, facts: AssessmentFactsProjection) => new ScoringService(commands, facts),
    },
    {
      provide: AssessmentSchemes,
      inject: [CommandHandler, ScoringService, AssessmentUnitsProjection, ConsumerCatchUp, GONGKAI_CONFIG],
      useFactory: (
        commands: CommandHandler,
        scoring: ScoringService,
        units: AssessmentUnitsProjection,
        catchUp: ConsumerCatchUp,
        config: GongkaiConfig,
      ) => new AssessmentSchemes(commands, scoring, units, catchUp, config.ASSESSMENT_FREEZE_CATCH_UP_S),
    },
    {
      provide: AssessmentScores,
      inject: [ScoringService, AssessmentSchemesProjection, AssessmentFactsProjection, EVENT_STORE],
      useFactory: (scoring: ScoringService, schemes: AssessmentSchemesProjection, facts: AssessmentFactsProjection, store: EventStore) =>
        new AssessmentScores(scoring, schemes, facts, store),
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

import { Module, type OnModuleInit } from '@nestjs/common';
import { CommandHandler, ConsumerRegistry, GONGKAI_CONFIG, ReadModelConnections, type GongkaiConfig } from '@gongkai/platform';
import { defaultWorkingDayCalendar } from '@gongkai/working-days';
import { ObligationOpener } from './application/obligation-opener';
import { INTERPRETATION_SETTINGS, interpretationSettingsFrom, PersonalDataStore } from './application/personal-data';
import './application/upcasters';
import { ConcernsController } from './http/concerns.controller';
import { ObligationsController } from './http/obligations.controller';
import { PersonalDataController } from './http/personal-data.controller';
import { ParticipationController } from './http/participation.controller';
import { ConcernsProjection } from './read-models/concerns.projection';
import { ConsultationsProjection } from './read-models/consultations.projection';
import { OpenDaysProjection } from './read-models/open-days.projection';
import { ParticipationCataloguesProjection } from './read-models/participation-catalogues.projection';
import { PoliciesProjection } from './read-models/policies.projection';
import { VillagePostingsProjection } from './read-models/village-postings.projection';

const readModel = <T>(type: new (connection: ReturnType<ReadModelConnections['get']>) => T) => ({
  provide: type,
  inject: [ReadModelConnections],
  useFactory: (connections: ReadModelConnections) => new type(connections.get('interpretation')),
});

/** The interpretation service (政策解读与回应): interpretation obligations, concerns, participation, open days, village postings. */
@Module({
  controllers: [ObligationsController, ConcernsController, ParticipationController, PersonalDataController],
  providers: [
    readModel(PoliciesProjection),
    readModel(ConcernsProjection),
    readModel(ConsultationsProjection),
    readModel(ParticipationCataloguesProjection),
    readModel(OpenDaysProjection),
    readModel(VillagePostingsProjection),
    readModel(PersonalDataStore),
    {
      provide: INTERPRETATION_SETTINGS,
      inject: [GONGKAI_CONFIG],
      useFactory: (config: GongkaiConfig) => interpretationSettingsFrom(config),
    },
    {
      provide: ObligationOpener,
      inject: [CommandHandler],
      useFactory: (commands: CommandHandler) => new ObligationOpener(commands, defaultWorkingDayCalendar()),
    },
  ],
})
export class InterpretationModule implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly policies: PoliciesProjection,
    private readonly concerns: ConcernsProjection,
    private readonly consultations: ConsultationsProjection,
    private readonly catalogues: ParticipationCataloguesProjection,
    private readonly openDays: OpenDaysProjection,
    private readonly villages: VillagePostingsProjection,
    private readonly opener: ObligationOpener,
  ) {}

  onModuleInit(): void {
    this.registry.register(
      'interpretation',
      this.opener,
      this.policies,
      this.concerns,
      this.consultations,
      this.catalogues,
      this.openDays,
      this.villages,
    );
  }
}

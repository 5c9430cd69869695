import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  BLOB_STORE,
  CommandHandler,
  ConsumerRegistry,
  GONGKAI_CONFIG,
  LOGGER,
  PERSONAL_DATA_KEYS,
  ReadModelConnections,
  readModelProvider,
  type BlobStore,
  type GongkaiConfig,
  type Logger,
  type PersonalDataKeys,
  startRetentionJob,
  type RetentionJob,
} from '@gongkai/platform';
import { defaultWorkingDayCalendar } from '@gongkai/working-days';
import { Concerns } from './application/concerns';
import { Consultations } from './application/consultations';
import { ObligationOpener } from './application/obligation-opener';
import { Obligations } from './application/obligations';
import { OpenDays } from './application/open-days';
import { Participation } from './application/participation';
import {
  INTERPRETATION_SETTINGS,
  interpretationSettingsFrom,
  PersonalDataStore,
  type InterpretationSettings,
} from './application/personal-data';
import { PersonalDataAccess } from './application/personal-data-access';
import './application/upcasters';
import { Villages } from './application/villages';
import { ConcernsController } from './http/concerns.controller';
import { ConsultationsController } from './http/consultations.controller';
import { ObligationsController } from './http/obligations.controller';
import { OpenDaysController } from './http/open-days.controller';
import { PersonalDataController } from './http/personal-data.controller';
import { ParticipationController } from './http/participation.controller';
import { VillagesController } from './http/villages.controller';
import { ConcernsProjection } from './read-models/concerns.projection';
import { ConsultationsProjection } from './read-models/consultations.projection';
import { OpenDaysProjection } from './read-models/open-days.projection';
import { ParticipationCataloguesProjection } from './read-models/participation-catalogues.projection';
import { PersonalDataProjection } from './read-models/personal-data.projection';
import { PoliciesProjection } from './read-models/policies.projection';
import { VillagePostingsProjection } from './read-models/village-postings.projection';

/** The interpretation service (政策解读与回应): interpretation obligations, concerns, participation, open days, village postings. */
@Module({
  controllers: [
    ObligationsController,
    ConcernsController,
    ParticipationController,
    ConsultationsController,
    OpenDaysController,
    VillagesController,
    PersonalDataController,
  ],
  providers: [
    readModelProvider('interpretation', PoliciesProjection),
    readModelProvider('interpretation', ConcernsProjection),
    readModelProvider('interpretation', ConsultationsProjection),
    readModelProvider('interpretation', ParticipationCataloguesProjection),
    readModelProvider('interpretation', OpenDaysProjection),
    readModelProvider('interpretation', VillagePostingsProjection),
    readModelProvider('interpretation', PersonalDataProjection),
    {
      provide: PersonalDataStore,
      inject: [ReadModelConnections, PERSONAL_DATA_KEYS, PersonalDataProjection],
      useFactory: (connections: ReadModelConnections, keys: PersonalDataKeys | null, sealed: PersonalDataProjection) =>
        new PersonalDataStore(connections.get('interpretation'), keys, sealed),
    },
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
    {
      provide: Obligations,
      inject: [CommandHandler, PoliciesProjection, BLOB_STORE],
      useFactory: (commands: CommandHandler, policies: PoliciesProjection, blobs: BlobStore) =>
        new Obligations(commands, policies, defaultWorkingDayCalendar(), blobs),
    },
    { provide: Concerns, inject: [CommandHandler], useFactory: (commands: CommandHandler) => new Concerns(commands) },
    { provide: Participation, inject: [CommandHandler], useFactory: (commands: CommandHandler) => new Participation(commands) },
    {
      provide: Consultations,
      inject: [CommandHandler, INTERPRETATION_SETTINGS],
      useFactory: (commands: CommandHandler, settings: InterpretationSettings) =>
        new Consultations(commands, defaultWorkingDayCalendar(), settings.personalDataKey),
    },
    {
      provide: OpenDays,
      inject: [CommandHandler, INTERPRETATION_SETTINGS],
      useFactory: (commands: CommandHandler, settings: InterpretationSettings) => new OpenDays(commands, settings.personalDataKey),
    },
    {
      provide: Villages,
      inject: [CommandHandler, VillagePostingsProjection],
      useFactory: (commands: CommandHandler, postings: VillagePostingsProjection) => new Villages(commands, postings),
    },
    {
      provide: PersonalDataAccess,
      inject: [PersonalDataStore, CommandHandler, LOGGER, ConsultationsProjection, OpenDaysProjection, INTERPRETATION_SETTINGS],
      useFactory: (
        store: PersonalDataStore,
        commands: CommandHandler,
        logger: Logger,
        consultations: ConsultationsProjection,
        openDays: OpenDaysProjection,
        settings: InterpretationSettings,
      ) =>
        new PersonalDataAccess(store, commands, defaultWorkingDayCalendar(), logger, { consultations, openDays }, settings.retentionDays),
    },
  ],
})
export class InterpretationModule implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private retention: RetentionJob | null = null;

  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly policies: PoliciesProjection,
    private readonly concerns: ConcernsProjection,
    private readonly consultations: ConsultationsProjection,
    private readonly catalogues: ParticipationCataloguesProjection,
    private readonly openDays: OpenDaysProjection,
    private readonly villages: VillagePostingsProjection,
    private readonly sealedPersonalData: PersonalDataProjection,
    private readonly opener: ObligationOpener,
    private readonly personalData: PersonalDataStore,
    private readonly access: PersonalDataAccess,
    @Inject(INTERPRETATION_SETTINGS) private readonly settings: InterpretationSettings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Personal data written in clear before crypto-shredding is sealed with its subject's key (idempotent, ADR 0010). */
  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.personalData.rekeyPlaintext();
    if (sealed > 0) this.logger.info({ documents: sealed }, "personal data sealed with its subjects' keys (crypto-shredding)");
    // The personal-data retention job, as the requests service's: every INTERPRETATION_RETENTION_CHECK_HOURS
    // the commenters and registrants whose period ended are erased, each recorded with the reason.
    this.retention = startRetentionJob(
      this.settings.retentionCheckHours,
      'interpretation.citizens',
      async () => (await this.access.eraseExpired()).length,
      this.logger,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.retention?.stop();
    this.retention = null;
  }

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
      this.sealedPersonalData,
    );
  }
}

import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import {
  CommandHandler,
  ConsumerRegistry,
  createBlobStore,
  GONGKAI_CONFIG,
  LOGGER,
  Metrics,
  PERSONAL_DATA_KEYS,
  readModelProvider,
  type BlobStore,
  type GongkaiConfig,
  type Logger,
  type PersonalDataKeys,
} from '@gongkai/platform';
import { defaultWorkingDayCalendar, toShanghaiDate } from '@gongkai/working-days';
import { AnnualReports, PublishedAnnualReports } from './application/annual-reports';
import { RequestHandling } from './application/handling';
import { RequestIntake } from './application/intake';
import { ApplicantPersonalData } from './application/personal-data';
import { LetterSettings } from './application/letter-settings';
import { ProactiveDisclosureProcess } from './application/proactive-disclosure';
import { RequestImport } from './application/request-import';
import { RequestReads } from './application/request-reads';
import { RequestScans } from './application/request-scans';
import { requestsSettingsFrom, REQUESTS_SETTINGS, type RequestsSettings } from './application/settings';
import { AnnualReportsController } from './http/reports.controller';
import { PublishedAnnualReportsController } from './http/published-reports.controller';
import { RequestsController } from './http/requests.controller';
import { LetterSettingsController } from './http/letter-settings.controller';
import { PersonalDataController } from './http/personal-data.controller';
import { RequestsProjection } from './read-models/requests.projection';
import { RequestsUnitsProjection } from './read-models/units.projection';
import { RequestsDocumentFiguresProjection } from './read-models/document-figures.projection';
import { AnnualReportsProjection } from './read-models/annual-reports.projection';

/** The file store of the scanned applications. */
const REQUESTS_BLOB_STORE = Symbol('REQUESTS_BLOB_STORE');

/** A 20-working-day reply period plus its extension spans about two months. */
const HOLIDAY_ARRANGEMENT_WARNING_DAYS = 60;
/** Once per process: a standalone app or a test may build the module more than once. */
let holidayArrangementWarned = false;

/** The requests service (依申请公开): intake, the statutory clock, handling, letters, the annual report and its publication. */
@Module({
  // The portal's published reports first: its routes sit under the staff report's path prefix.
  controllers: [
    PublishedAnnualReportsController,
    AnnualReportsController,
    LetterSettingsController,
    PersonalDataController,
    RequestsController,
  ],
  providers: [
    {
      provide: REQUESTS_SETTINGS,
      inject: [GONGKAI_CONFIG],
      useFactory: (config: GongkaiConfig) => requestsSettingsFrom(config),
    },
    readModelProvider('requests', RequestsProjection),
    readModelProvider('requests', RequestsUnitsProjection),
    readModelProvider('requests', RequestsDocumentFiguresProjection),
    readModelProvider('requests', AnnualReportsProjection),
    {
      // The scanned applications (BLOB_STORE_URL: the file system in the standalone, S3 in production).
      provide: REQUESTS_BLOB_STORE,
      inject: [GONGKAI_CONFIG],
      useFactory: (config: GongkaiConfig) => createBlobStore(config),
    },
    {
      provide: RequestScans,
      inject: [REQUESTS_BLOB_STORE],
      useFactory: (files: BlobStore) => new RequestScans(files),
    },
    {
      provide: RequestIntake,
      inject: [CommandHandler, RequestsProjection, REQUESTS_SETTINGS, RequestsUnitsProjection, REQUESTS_BLOB_STORE],
      useFactory: (
        commands: CommandHandler,
        requests: RequestsProjection,
        settings: RequestsSettings,
        units: RequestsUnitsProjection,
        files: BlobStore,
      ) => new RequestIntake(commands, requests, settings, defaultWorkingDayCalendar(), units, files),
    },
    {
      provide: RequestHandling,
      inject: [CommandHandler, RequestsProjection, REQUESTS_SETTINGS, RequestsUnitsProjection],
      useFactory: (commands: CommandHandler, requests: RequestsProjection, settings: RequestsSettings, units: RequestsUnitsProjection) =>
        new RequestHandling(commands, requests, settings, defaultWorkingDayCalendar(), units),
    },
    {
      provide: RequestImport,
      inject: [RequestIntake, CommandHandler],
      useFactory: (intake: RequestIntake, commands: CommandHandler) => new RequestImport(intake, commands, defaultWorkingDayCalendar()),
    },
    {
      provide: LetterSettings,
      inject: [CommandHandler, RequestsUnitsProjection, REQUESTS_SETTINGS],
      useFactory: (commands: CommandHandler, units: RequestsUnitsProjection, settings: RequestsSettings) =>
        new LetterSettings(commands, units, settings),
    },
    {
      provide: ApplicantPersonalData,
      inject: [PERSONAL_DATA_KEYS, CommandHandler, RequestsProjection, REQUESTS_SETTINGS],
      useFactory: (keys: PersonalDataKeys | null, commands: CommandHandler, requests: RequestsProjection, settings: RequestsSettings) =>
        new ApplicantPersonalData(keys, commands, requests, defaultWorkingDayCalendar(), settings.applicantRetentionYears),
    },
    {
      provide: RequestReads,
      inject: [RequestsProjection, REQUESTS_SETTINGS, LetterSettings, ApplicantPersonalData, REQUESTS_BLOB_STORE],
      useFactory: (
        requests: RequestsProjection,
        settings: RequestsSettings,
        letters: LetterSettings,
        personalData: ApplicantPersonalData,
        files: BlobStore,
      ) => new RequestReads(requests, settings, defaultWorkingDayCalendar(), letters, personalData, files),
    },
    {
      provide: AnnualReports,
      inject: [
        CommandHandler,
        RequestsProjection,
        RequestsUnitsProjection,
        RequestsDocumentFiguresProjection,
        AnnualReportsProjection,
        REQUESTS_SETTINGS,
      ],
      useFactory: (
        commands: CommandHandler,
        requests: RequestsProjection,
        units: RequestsUnitsProjection,
        documentFigures: RequestsDocumentFiguresProjection,
        published: AnnualReportsProjection,
        settings: RequestsSettings,
      ) => new AnnualReports(commands, requests, units, documentFigures, published, settings.districtReportScope),
    },
    {
      provide: PublishedAnnualReports,
      inject: [AnnualReportsProjection, RequestsUnitsProjection],
      useFactory: (reports: AnnualReportsProjection, units: RequestsUnitsProjection) => new PublishedAnnualReports(reports, units),
    },
    {
      provide: ProactiveDisclosureProcess,
      inject: [CommandHandler, RequestsProjection, REQUESTS_SETTINGS],
      useFactory: (commands: CommandHandler, requests: RequestsProjection, settings: RequestsSettings) =>
        new ProactiveDisclosureProcess(commands, requests, settings.frequentThreshold, defaultWorkingDayCalendar()),
    },
  ],
})
export class RequestsModule implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private retentionTimer: NodeJS.Timeout | null = null;
  private retentionRun: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(REQUESTS_BLOB_STORE) private readonly files: BlobStore,
    private readonly registry: ConsumerRegistry,
    private readonly requests: RequestsProjection,
    private readonly units: RequestsUnitsProjection,
    private readonly documentFigures: RequestsDocumentFiguresProjection,
    private readonly annualReports: AnnualReportsProjection,
    private readonly proactive: ProactiveDisclosureProcess,
    private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly personalData: ApplicantPersonalData,
    @Inject(REQUESTS_SETTINGS) private readonly settings: RequestsSettings,
  ) {}

  /**
   * The personal-data retention job (个人信息保护法 Art. 19, 47): every REQUESTS_RETENTION_CHECK_HOURS,
   * the applicants whose retention period ended are erased, each recorded with the reason. Every
   * replica runs it: the erasure is recorded once per request and the key deleted once, so two runs
   * at the same time do the same thing.
   */
  onApplicationBootstrap(): void {
    const hours = this.settings.retentionCheckHours;
    if (hours === 0) return;
    this.retentionTimer = setInterval(
      () => {
        this.retentionRun = this.personalData.eraseExpired().then(
          (erased) => erased.length > 0 && this.logger.info({ applicants: erased.length }, 'personal data erased: retention period ended'),
          (error: Error) => this.logger.error({ err: error }, 'personal-data retention job failed'),
        );
      },
      hours * 3600 * 1000,
    );
    this.retentionTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.retentionTimer = null;
    await this.retentionRun;
    await this.files.close();
  }

  onModuleInit(): void {
    this.registry.register('requests', this.proactive, this.requests, this.units, this.documentFigures, this.annualReports);
    this.watchHolidayArrangements();
  }

  /**
   * Reply deadlines past the last published holiday arrangement are provisional (libs/working-days).
   * Operators see how long the published calendar lasts, and are warned when the next year's notice
   * is due to be loaded: the State Council publishes it around November.
   */
  private watchHolidayArrangements(): void {
    const calendar = defaultWorkingDayCalendar();
    const daysLeft = () => calendar.publishedDaysLeft(toShanghaiDate(new Date()));
    new Gauge({
      name: 'gongkai_working_day_calendar_published_days_left',
      help: 'Days until the end of the last published holiday arrangement; reply deadlines after it are provisional',
      registers: [this.metrics.registry],
      collect() {
        this.set(daysLeft());
      },
    });
    if (daysLeft() <= HOLIDAY_ARRANGEMENT_WARNING_DAYS && !holidayArrangementWarned) {
      holidayArrangementWarned = true;
      this.logger.warn(
        { publishedThrough: calendar.publishedRange().to, daysLeft: daysLeft() },
        'the next holiday arrangement is not loaded: reply deadlines after publishedThrough are provisional; add its <year>.json (libs/working-days/README.md)',
      );
    }
  }
}

import {
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { Gauge } from 'prom-client';
import {
  CommandHandler,
  ConsumerRegistry,
  createBlobStore,
  GONGKAI_CONFIG,
  LOGGER,
  Metrics,
  NoticeOutbox,
  PERSONAL_DATA_KEYS,
  readModelProvider,
  type BlobStore,
  startNoticeSender,
  type NoticeSender,
  type GongkaiConfig,
  type Logger,
  type PersonalDataKeys,
  startRetentionJob,
  type RetentionJob,
} from '@gongkai/platform';
import { defaultWorkingDayCalendar, toShanghaiDate } from '@gongkai/working-days';
import { AnnualReports, PublishedAnnualReports } from './application/annual-reports';
import { ApplicantNoticeComposer, ApplicantNoticesProcess } from './application/applicant-notices';
import { RequestNotices } from './application/notices';
import { digestRecipients, RequestsNoticeComposer, StaffDigest } from './application/staff-digest';
import { RequestHandling } from './application/handling';
import { RequestIntake } from './application/intake';
import { ApplicantPersonalData } from './application/personal-data';
import { LetterSettings } from './application/letter-settings';
import { ProactiveDisclosureProcess } from './application/proactive-disclosure';
import { RequestImport } from './application/request-import';
import { RequestReads } from './application/request-reads';
import { RequestScans } from './application/request-scans';
import { ReplyFiles } from './application/reply-files';
import { requestsSettingsFrom, REQUESTS_BLOB_STORE, REQUESTS_SETTINGS, type RequestsSettings } from './application/settings';
import { AnnualReportsController } from './http/reports.controller';
import { PublishedAnnualReportsController } from './http/published-reports.controller';
import { ReplyFilesController } from './http/reply-files.controller';
import { RequestsController } from './http/requests.controller';
import { LetterSettingsController } from './http/letter-settings.controller';
import { NoticesController } from './http/notices.controller';
import { PersonalDataController } from './http/personal-data.controller';
import { RequestsProjection } from './read-models/requests.projection';
import { RequestsUnitsProjection } from './read-models/units.projection';
import { RequestsDocumentFiguresProjection } from './read-models/document-figures.projection';
import { AnnualReportsProjection } from './read-models/annual-reports.projection';

/** A 20-working-day reply period plus its extension spans about two months. */
const HOLIDAY_ARRANGEMENT_WARNING_DAYS = 60;
/** Once per process: a standalone app or a test may build the module more than once. */
let holidayArrangementWarned = false;

/** The requests service (依申请公开): intake, the statutory clock, handling, letters, the annual report and its publication. */
@Module({
  // The portal's published reports first: its routes sit under the staff report's path prefix.
  // The notices list before the requests: `api/requests/notices` is not a request id.
  controllers: [
    PublishedAnnualReportsController,
    AnnualReportsController,
    LetterSettingsController,
    PersonalDataController,
    NoticesController,
    // Before the requests: their catch-all `POST :requestId/:action` would take `reply-files`.
    ReplyFilesController,
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
    readModelProvider('requests', NoticeOutbox),
    { provide: ApplicantNoticesProcess, inject: [NoticeOutbox], useFactory: (outbox: NoticeOutbox) => new ApplicantNoticesProcess(outbox) },
    { provide: RequestNotices, inject: [NoticeOutbox], useFactory: (outbox: NoticeOutbox) => new RequestNotices(outbox) },
    {
      provide: StaffDigest,
      inject: [NoticeOutbox, RequestReads, GONGKAI_CONFIG],
      useFactory: (outbox: NoticeOutbox, reads: RequestReads, config: GongkaiConfig) =>
        new StaffDigest(outbox, reads, digestRecipients(config.NOTICES_DIGEST_TO), config.NOTICES_DIGEST_HOUR),
    },
    {
      provide: RequestsNoticeComposer,
      inject: [RequestsProjection, LetterSettings, REQUESTS_SETTINGS, StaffDigest, ApplicantPersonalData],
      useFactory: (
        requests: RequestsProjection,
        letters: LetterSettings,
        settings: RequestsSettings,
        digest: StaffDigest,
        personalData: ApplicantPersonalData,
      ) =>
        new RequestsNoticeComposer(
          new ApplicantNoticeComposer(requests, letters, settings, defaultWorkingDayCalendar(), personalData),
          digest,
        ),
    },
    {
      // The scanned applications (BLOB_STORE_URL: the file system in the standalone, S3 in production).
      provide: REQUESTS_BLOB_STORE,
      inject: [GONGKAI_CONFIG],
      useFactory: (config: GongkaiConfig) => createBlobStore(config),
    },
    {
      provide: ReplyFiles,
      inject: [CommandHandler, REQUESTS_BLOB_STORE, RequestsProjection],
      useFactory: (commands: CommandHandler, files: BlobStore, requests: RequestsProjection) =>
        new ReplyFiles(commands, files, requests, defaultWorkingDayCalendar()),
    },
    {
      provide: RequestScans,
      inject: [REQUESTS_BLOB_STORE],
      useFactory: (files: BlobStore) => new RequestScans(files),
    },
    {
      provide: RequestIntake,
      inject: [CommandHandler, RequestsProjection, REQUESTS_SETTINGS, RequestsUnitsProjection, REQUESTS_BLOB_STORE, ApplicantPersonalData],
      useFactory: (
        commands: CommandHandler,
        requests: RequestsProjection,
        settings: RequestsSettings,
        units: RequestsUnitsProjection,
        files: BlobStore,
        personalData: ApplicantPersonalData,
      ) => new RequestIntake(commands, requests, settings, defaultWorkingDayCalendar(), units, files, personalData),
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
      inject: [PERSONAL_DATA_KEYS, CommandHandler, RequestsProjection, REQUESTS_SETTINGS, REQUESTS_BLOB_STORE],
      useFactory: (
        keys: PersonalDataKeys | null,
        commands: CommandHandler,
        requests: RequestsProjection,
        settings: RequestsSettings,
        files: BlobStore,
      ) => new ApplicantPersonalData(keys, commands, requests, defaultWorkingDayCalendar(), settings.applicantRetentionYears, files),
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
export class RequestsModule implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private retention: RetentionJob | null = null;
  private sender: NoticeSender | null = null;
  private digestTimer: NodeJS.Timeout | null = null;

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
    private readonly applicantNotices: ApplicantNoticesProcess,
    private readonly outbox: NoticeOutbox,
    private readonly composer: RequestsNoticeComposer,
    private readonly digest: StaffDigest,
    @Inject(GONGKAI_CONFIG) private readonly config: GongkaiConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.retention?.stop();
    this.retention = null;
    await this.files.close();
  }

  onModuleInit(): void {
    // The notices and proactive disclosure read the requests read model: they declare it (`readsAfter`, ADR 0017).
    this.registry.register(
      'requests',
      this.proactive,
      this.requests,
      this.units,
      this.documentFigures,
      this.annualReports,
      this.applicantNotices,
    );
    this.watchHolidayArrangements();
  }

  async onApplicationBootstrap(): Promise<void> {
    // The personal-data retention job (个人信息保护法 Arts. 19, 47): every REQUESTS_RETENTION_CHECK_HOURS,
    // the applicants whose retention period ended are erased, each recorded with the reason.
    this.retention = startRetentionJob(
      this.settings.retentionCheckHours,
      'requests.applicants',
      async () => (await this.personalData.eraseExpired()).length,
      this.logger,
    );
    this.warmRegister();
    await this.startNotices();
  }

  /**
   * Loads the register's in-memory rows in the background (ADR 0013): the one scan of the requests
   * collection is paid at start, not by the first clerk who opens the register (who then shares it).
   */
  private warmRegister(): void {
    const started = Date.now();
    void this.requests.registerRows().then(
      (rows) => this.logger.info({ rows: rows.length, ms: Date.now() - started }, 'request register loaded'),
      (error: unknown) => this.logger.warn({ err: error }, 'request register not loaded at start; the first register read loads it'),
    );
  }

  /** Sends the notices outbox by e-mail when SMTP_URL is set; queues the staff's daily digest. */
  private async startNotices(): Promise<void> {
    await this.outbox.ensureIndexes();
    this.sender = startNoticeSender(this.config, this.outbox, this.composer, this.logger);
    if (!this.sender) return;
    const queueDigest = () =>
      void this.digest
        .enqueueDue(new Date())
        .catch((error: unknown) => this.logger.warn({ err: error }, 'daily digest not queued; trying again'));
    queueDigest();
    this.digestTimer = setInterval(queueDigest, 60_000).unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.digestTimer) clearInterval(this.digestTimer);
    await this.sender?.stop();
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

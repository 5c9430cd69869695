import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import {
  ConsumerRegistry,
  GONGKAI_CONFIG,
  LOGGER,
  Metrics,
  ReadModelConnections,
  type GongkaiConfig,
  type Logger,
} from '@gongkai/platform';
import { defaultWorkingDayCalendar, toShanghaiDate } from '@gongkai/working-days';
import { requestsSettingsFrom, REQUESTS_SETTINGS } from './application/settings';
import { AnnualReportsController } from './http/reports.controller';
import { PublishedAnnualReportsController } from './http/published-reports.controller';
import { RequestsController } from './http/requests.controller';
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
  controllers: [PublishedAnnualReportsController, AnnualReportsController, RequestsController],
  providers: [
    {
      provide: REQUESTS_SETTINGS,
      inject: [GONGKAI_CONFIG],
      useFactory: (config: GongkaiConfig) => requestsSettingsFrom(config),
    },
    {
      provide: RequestsProjection,
      inject: [ReadModelConnections],
      useFactory: (c: ReadModelConnections) => new RequestsProjection(c.get('requests')),
    },
    {
      provide: RequestsUnitsProjection,
      inject: [ReadModelConnections],
      useFactory: (c: ReadModelConnections) => new RequestsUnitsProjection(c.get('requests')),
    },
    {
      provide: RequestsDocumentFiguresProjection,
      inject: [ReadModelConnections],
      useFactory: (c: ReadModelConnections) => new RequestsDocumentFiguresProjection(c.get('requests')),
    },
    {
      provide: AnnualReportsProjection,
      inject: [ReadModelConnections],
      useFactory: (c: ReadModelConnections) => new AnnualReportsProjection(c.get('requests')),
    },
  ],
})
export class RequestsModule implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly requests: RequestsProjection,
    private readonly units: RequestsUnitsProjection,
    private readonly documentFigures: RequestsDocumentFiguresProjection,
    private readonly annualReports: AnnualReportsProjection,
    private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.registry.register('requests', this.requests, this.units, this.documentFigures, this.annualReports);
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

import { Module, type OnModuleInit } from '@nestjs/common';
import { ConsumerRegistry, GONGKAI_CONFIG, ReadModelConnections, type GongkaiConfig } from '@gongkai/platform';
import { requestsSettingsFrom, REQUESTS_SETTINGS } from './application/settings';
import { AnnualReportsController } from './http/reports.controller';
import { PublishedAnnualReportsController } from './http/published-reports.controller';
import { RequestsController } from './http/requests.controller';
import { RequestsProjection } from './read-models/requests.projection';
import { RequestsUnitsProjection } from './read-models/units.projection';
import { RequestsDocumentFiguresProjection } from './read-models/document-figures.projection';
import { AnnualReportsProjection } from './read-models/annual-reports.projection';

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
    { provide: RequestsProjection, inject: [ReadModelConnections], useFactory: (c: ReadModelConnections) => new RequestsProjection(c.get('requests')) },
    { provide: RequestsUnitsProjection, inject: [ReadModelConnections], useFactory: (c: ReadModelConnections) => new RequestsUnitsProjection(c.get('requests')) },
    { provide: RequestsDocumentFiguresProjection, inject: [ReadModelConnections], useFactory: (c: ReadModelConnections) => new RequestsDocumentFiguresProjection(c.get('requests')) },
    { provide: AnnualReportsProjection, inject: [ReadModelConnections], useFactory: (c: ReadModelConnections) => new AnnualReportsProjection(c.get('requests')) },
  ],
})
export class RequestsModule implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly requests: RequestsProjection,
    private readonly units: RequestsUnitsProjection,
    private readonly documentFigures: RequestsDocumentFiguresProjection,
    private readonly annualReports: AnnualReportsProjection,
  ) {}

  onModuleInit(): void {
    this.registry.register('requests', this.requests, this.units, this.documentFigures, this.annualReports);
  }
}

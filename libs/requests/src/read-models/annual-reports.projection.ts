import type { AnnualReportCorrected, AnnualReportFinalised, AnnualReportNarrative, EventEnvelope } from '@gongkai/contracts';
import { asTyped, BatchedProjection, documentChange, viewOf, type DocumentChange, type TypedEnvelope } from '@gongkai/platform';
import type { Table2, Table3, Table4 } from '../domain/annual-report';
import type { UnitNamed } from './units.projection';

type Handled =
  | TypedEnvelope<'requests.AnnualReportFinalised', AnnualReportFinalised>
  | TypedEnvelope<'requests.AnnualReportCorrected', AnnualReportCorrected>
  | UnitNamed;

/** The district-wide report's unit id and the name it is published under. */
export const DISTRICT_UNIT_ID = 'district';
export const DISTRICT_NAME = '台儿庄区';

/** One finalised annual report (Art. 49–50), exactly as the AnnualReportFinalised event carries it. */
export interface PublishedAnnualReport {
  unitId: string;
  /** The unit's name when the report was finalised (the unit id when the name was not known then). */
  unitName: string;
  year: number;
  /** When the report was finalised (the event's time). */
  finalisedAt: string;
  table2: Partial<Table2>;
  table3: Table3;
  table4: Table4;
  /** The narrative sections as written; null when the unit wrote none (and for reports finalised before texts were recorded). */
  narrative: AnnualReportNarrative | null;
  /** Section 六: the fees collected; null for reports finalised before it was recorded. */
  feesCollected?: { requests: number; amountYuan: number } | null;
  /** Set once corrected: the current version, why, and when (null as finalised). */
  correction?: { version: number; reason: string; correctedAt: string } | null;
}

export type PublishedAnnualReportSummary = Pick<PublishedAnnualReport, 'unitId' | 'unitName' | 'year' | 'finalisedAt'> & {
  /** Present once the report was corrected: the portal says so in the list too; when it was last corrected. */
  corrected?: boolean;
  correctedAt?: string;
};

/**
 * As stored: Table 3 as a list of `{ row, cells }` in its order, because its row keys are the
 * reply-category codes (`withhold.state_secret`…) and FerretDB refuses field names with a dot (and
 * nested arrays).
 */
type StoredAnnualReport = Omit<PublishedAnnualReport, 'table3'> & { table3: { row: string; cells: Table3[keyof Table3] }[] };

export const annualReportDocumentId = (unitId: string, year: number) => `${unitId}:${year}`;

const collator = new Intl.Collator('zh-CN');

/**
 * The published annual reports (政府信息公开工作年度报告): one document per unit and year in
 * `annual_reports`, from `requests.AnnualReportFinalised` — the tables as finalised, never
 * recomputed. The unit names come from the catalogue's events into this read model's own
 * `annual_report_units` (not from `requests.units`), so a replay of this read model alone (audit
 * `rebuild`, `as-of`) gives the same documents as the live one. Batched, split at each finalised
 * report: the unit's name is read once the batch's earlier events are written, as one at a time.
 */
export class AnnualReportsProjection extends BatchedProjection {
  readonly name = 'requests.annual-reports';
  readonly collections = ['annual_reports', 'annual_report_units'];
  readonly eventTypes = [
    'catalogue.UnitRegistered',
    'catalogue.UnitRenamed',
    'requests.AnnualReportFinalised',
    'requests.AnnualReportCorrected',
  ];

  /** The unit names read for the finalised reports of the run in hand, by event id. */
  private readonly unitNames = new Map<string, string>();

  private get reports() {
    return this.connection.collection('annual_reports');
  }

  private get units() {
    return this.connection.collection('annual_report_units');
  }

  override async handleBatch(events: readonly EventEnvelope[]): Promise<void> {
    let run: EventEnvelope[] = [];
    for (const envelope of events) {
      if (envelope.type !== 'requests.AnnualReportFinalised') {
        run.push(envelope);
        continue;
      }
      if (run.length > 0) await super.handleBatch(run);
      run = [];
      const { unitId } = asTyped<Extract<Handled, { type: 'requests.AnnualReportFinalised' }>>(envelope).data;
      const unitName =
        unitId === DISTRICT_UNIT_ID
          ? DISTRICT_NAME
          : (((await this.units.findOne({ _id: unitId as never }))?.name as string | undefined) ?? unitId);
      this.unitNames.set(envelope.eventId, unitName);
      try {
        await super.handleBatch([envelope]);
      } finally {
        this.unitNames.delete(envelope.eventId);
      }
    }
    if (run.length > 0) await super.handleBatch(run);
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<Handled>(envelope);
    if (event.type === 'requests.AnnualReportCorrected') {
      // The current version replaces the content; the finalisation time stays, the correction is said.
      const { unitId, year, table2, table3, table4, narrative, feesCollected, version, reason } = event.data;
      return [
        documentChange<StoredAnnualReport>('annual_reports', annualReportDocumentId(unitId, year), (current) =>
          current
            ? {
                unitId,
                unitName: current.unitName,
                year,
                finalisedAt: current.finalisedAt,
                table2: table2 as Partial<Table2>,
                table3: Object.entries(table3).map(([row, cells]) => ({ row, cells: cells as Table3[keyof Table3] })),
                table4: table4 as Table4,
                narrative: narrative ?? null,
                feesCollected: feesCollected ?? null,
                correction: { version, reason, correctedAt: event.occurredAt },
              }
            : null,
        ),
      ];
    }
    if (event.type === 'requests.AnnualReportFinalised') {
      const { unitId, year, table2, table3, table4, narrative, feesCollected } = event.data;
      const unitName = this.unitNames.get(envelope.eventId) ?? unitId;
      return [
        documentChange<StoredAnnualReport>('annual_reports', annualReportDocumentId(unitId, year), () => ({
          unitId,
          unitName,
          year,
          finalisedAt: event.occurredAt,
          table2: table2 as Partial<Table2>,
          table3: Object.entries(table3).map(([row, cells]) => ({ row, cells: cells as Table3[keyof Table3] })),
          table4: table4 as Table4,
          narrative: narrative ?? null,
          feesCollected: feesCollected ?? null,
          correction: null,
        })),
      ];
    }
    const { unitId, name } = event.data;
    return [
      documentChange<{ unitId: string; name: string; kind?: string }>('annual_report_units', unitId, (current) => {
        const kind = event.type === 'catalogue.UnitRegistered' ? event.data.kind : current?.kind;
        return { unitId, name, ...(kind ? { kind } : {}) };
      }),
    ];
  }

  /** The registered units with their kind (district_office: the government's own office), by unit id. */
  async registeredUnits(): Promise<{ unitId: string; name: string; kind: string | null }[]> {
    const docs = await this.units.find({}).toArray();
    return docs
      .map((doc) => viewOf<{ unitId: string; name: string; kind?: string }>(doc))
      .map(({ unitId, name, kind }) => ({ unitId, name, kind: kind ?? null }))
      .sort((a, b) => a.unitId.localeCompare(b.unitId));
  }

  async get(unitId: string, year: number): Promise<PublishedAnnualReport | null> {
    const doc = await this.reports.findOne({ _id: annualReportDocumentId(unitId, year) as never });
    if (!doc) return null;
    const stored = viewOf<StoredAnnualReport>(doc);
    return { ...stored, table3: Object.fromEntries(stored.table3.map(({ row, cells }) => [row, cells])) as Table3 };
  }

  /** Every published report (of one year when given): newest year first, then by unit name (Chinese collation). */
  async list(year?: number): Promise<PublishedAnnualReportSummary[]> {
    const docs = await this.reports
      .find(year === undefined ? {} : { year }, { projection: { unitId: 1, unitName: 1, year: 1, finalisedAt: 1, correction: 1 } })
      .toArray();
    return docs
      .map((doc) => viewOf<PublishedAnnualReportSummary & Pick<PublishedAnnualReport, 'correction'>>(doc))
      .map(({ unitId, unitName, year: y, finalisedAt, correction }) => ({
        unitId,
        unitName,
        year: y,
        finalisedAt,
        ...(correction ? { corrected: true, correctedAt: correction.correctedAt } : {}),
      }))
      .sort((a, b) => b.year - a.year || collator.compare(a.unitName, b.unitName) || a.unitId.localeCompare(b.unitId));
  }
}

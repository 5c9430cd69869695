import type { AnnualReportNarrative } from '@gongkai/contracts';
import { assertReadsUnit, DomainError, readsEveryUnit, type CommandContext, type CommandHandler, type Principal } from '@gongkai/platform';
import {
  computeTable3,
  computeTable4,
  TABLE2_HAND_ENTERED_FIELDS,
  table3Violations,
  type Table2,
  type Table2HandEnteredField,
} from '../domain/annual-report';
import { annualReportDecider, annualReportStreamId } from '../domain/annual-report.decide';
import { annualReportTables, type AnnualReport, type AnnualReportTable } from '../documents/annual-report-export';
import {
  DISTRICT_NAME,
  DISTRICT_UNIT_ID,
  type AnnualReportsProjection,
  type PublishedAnnualReport,
  type PublishedAnnualReportSummary,
} from '../read-models/annual-reports.projection';
import type { RequestsDocumentFiguresProjection } from '../read-models/document-figures.projection';
import type { RequestsProjection } from '../read-models/requests.projection';
import type { RequestsUnitsProjection } from '../read-models/units.projection';

/** What the unit enters when it finalises: Table 2's rows no service records, and the narrative. */
export type FinaliseInput = Partial<Record<Table2HandEnteredField, number>> & { narrative?: AnnualReportNarrative };

/** The portal's view of one published report: the tables as finalised, and ready to print. */
export type PublishedAnnualReportBody = PublishedAnnualReport & { tables: Omit<AnnualReportTable, 'sheetName'>[] };

/** The presentation-ready tables (key, title, rows) the console and the portal print without their own labels. */
const printable = (report: Pick<AnnualReport, 'table2' | 'table3' | 'table4'>) =>
  annualReportTables(report).map(({ key, title, rows }) => ({ key, title, rows }));

/**
 * The annual report (Art. 49): Tables 3 and 4 computed from the requests' read model; Table 2's 规章
 * and 行政规范性文件 rows from document-attributes' events; the rest of Table 2 entered by the unit
 * when it finalises.
 */
export class AnnualReports {
  constructor(
    private readonly commands: CommandHandler,
    private readonly requests: RequestsProjection,
    private readonly units: RequestsUnitsProjection,
    private readonly documentFigures: RequestsDocumentFiguresProjection,
  ) {}

  /** One unit's report (or the district's, `unitId = 'district'`, for the district office, admins and auditors). */
  async report(unitId: string, year: number, principal: Principal): Promise<AnnualReport> {
    if (unitId !== DISTRICT_UNIT_ID) assertReadsUnit(principal, unitId);
    if (unitId === DISTRICT_UNIT_ID && !readsEveryUnit(principal)) {
      throw DomainError.forbidden('ROLE_NOT_ALLOWED', '全区汇总报告仅区政府办公室可查看。');
    }
    const docs = await this.requests.find(
      unitId === DISTRICT_UNIT_ID ? { receivedOn: { $lte: `${year}-12-31` } } : { unitId, receivedOn: { $lte: `${year}-12-31` } },
    );
    const finalised = (await this.commands.load(annualReportDecider, annualReportStreamId(unitId, year))).state.finalised;
    const table3 = computeTable3(docs, year);
    const entered = finalised?.table2 ?? {};
    const handEntered = Object.fromEntries(
      TABLE2_HAND_ENTERED_FIELDS.filter((f) => typeof entered[f] === 'number').map((f) => [f, entered[f]]),
    );
    return {
      unitId,
      unitName: unitId === DISTRICT_UNIT_ID ? DISTRICT_NAME : await this.units.nameOf(unitId),
      year,
      table2: { ...(await this.documentFigures.table2Rows(unitId, year)), ...handEntered } as Partial<Table2>,
      table3,
      table4: computeTable4(docs, year),
      balanced: table3Violations(table3).length === 0,
      finalised: finalised !== null,
      ...(finalised?.narrative ? { narrative: finalised.narrative } : {}),
    };
  }

  /** The report with its printable tables, as the console shows it. */
  async reportWithTables(unitId: string, year: number, principal: Principal) {
    const report = await this.report(unitId, year, principal);
    return { ...report, tables: printable(report) };
  }

  /** Finalises the report as computed now, with the hand-entered rows: the whole Table 2 is kept in the event. */
  async finalise(unitId: string, year: number, input: FinaliseInput, principal: Principal, context: CommandContext) {
    const { narrative, ...handEntered } = input;
    const report = await this.report(unitId, year, principal);
    const table2 = { ...(report.table2 as Record<string, number>), ...handEntered } as Table2;
    const result = await this.commands.handle(
      annualReportDecider,
      annualReportStreamId(unitId, report.year),
      {
        type: 'FinaliseAnnualReport',
        unitId,
        year: report.year,
        table2,
        table3: report.table3,
        table4: report.table4,
        ...(narrative ? { narrative } : {}),
      },
      context,
    );
    return { unitId, year: report.year, revision: result.revision, finalised: true };
  }
}

/**
 * The published annual reports (条例第四十九条、第五十条): every finalised report, for anyone, as
 * finalised (never recomputed).
 */
export class PublishedAnnualReports {
  constructor(
    private readonly reports: AnnualReportsProjection,
    private readonly units: RequestsUnitsProjection,
  ) {}

  /** Newest year first, then by unit name; of one year when given. */
  async list(year?: number): Promise<PublishedAnnualReportSummary[]> {
    return Promise.all((await this.reports.list(year)).map((report) => this.named(report)));
  }

  /** One published report with its printable tables. */
  async get(unitId: string, year: number): Promise<PublishedAnnualReportBody> {
    const published = await this.published(unitId, year);
    return { ...published, tables: printable(published) };
  }

  /** One published report as the .xlsx and .docx print it: the same files as the staff's. */
  async asReport(unitId: string, year: number): Promise<AnnualReport> {
    const published = await this.published(unitId, year);
    return {
      unitId: published.unitId,
      unitName: published.unitName,
      year: published.year,
      table2: published.table2,
      table3: published.table3,
      table4: published.table4,
      balanced: table3Violations(published.table3).length === 0,
      finalised: true,
      ...(published.narrative ? { narrative: published.narrative } : {}),
    };
  }

  private async published(unitId: string, year: number): Promise<PublishedAnnualReport> {
    const found = await this.reports.get(unitId, year);
    if (!found) throw DomainError.notFound('ANNUAL_REPORT_NOT_PUBLISHED', '该单位该年度的政府信息公开工作年度报告尚未发布。');
    return this.named(found);
  }

  /** The name a report was finalised under; the current name when the unit was not yet known then. */
  private async named<T extends PublishedAnnualReportSummary>(report: T): Promise<T> {
    if (report.unitName !== report.unitId || report.unitId === DISTRICT_UNIT_ID) return report;
    return { ...report, unitName: await this.units.nameOf(report.unitId) };
  }
}

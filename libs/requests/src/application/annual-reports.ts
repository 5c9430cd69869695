import type { AnnualReportNarrative } from '@gongkai/contracts';
import {
  assertReadsUnit,
  DomainError,
  readsEveryUnit,
  unitActionError,
  type CommandContext,
  type CommandHandler,
  type Principal,
} from '@gongkai/platform';
import { toShanghaiDate, type LocalDate } from '@gongkai/working-days';
import type { ReportDeadlinesView } from '@gongkai/contracts/vocabulary';
import {
  computeFeesCollected,
  computeTable3,
  computeTable4,
  TABLE2_HAND_ENTERED_FIELDS,
  table3Violations,
  type Table2,
  type Table2HandEnteredField,
} from '../domain/annual-report';
import { annualReportDecider, annualReportStreamId } from '../domain/annual-report.decide';
import { reportsDue, reportYearsInPlay, type Reporter, type ReportProgress } from '../domain/report-deadlines';
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
  annualReportTables(report).map(({ sheetName: _s, ...table }) => table);

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
    private readonly published: AnnualReportsProjection,
    private readonly districtReportScope: 'government' | 'all' = 'government',
  ) {}

  /**
   * The units the district government's own report covers (Art. 49, L: a setting): the government and
   * its office as an agency (units of kind district_office) by default; null: every unit.
   */
  private async governmentUnitIds(): Promise<string[] | null> {
    if (this.districtReportScope === 'all') return null;
    return (await this.published.registeredUnits()).filter((u) => u.kind === 'district_office').map((u) => u.unitId);
  }

  /** Table 2's document rows of the reporting units (the government's own units for the district report by default). */
  private async table2Documents(unitId: string, year: number): Promise<Partial<Table2>> {
    const governmentUnits = unitId === DISTRICT_UNIT_ID ? await this.governmentUnitIds() : null;
    if (!governmentUnits) return this.documentFigures.table2Rows(unitId, year);
    const rows = await Promise.all(governmentUnits.map((id) => this.documentFigures.table2Rows(id, year)));
    return rows.reduce<Partial<Table2>>((sum, row) => {
      for (const [field, value] of Object.entries(row)) sum[field as keyof Table2] = (sum[field as keyof Table2] ?? 0) + value;
      return sum;
    }, {});
  }

  /** Whose report the principal may read (and, with the route's roles, draft, finalise and correct). */
  private assertReadsReport(unitId: string, principal: Principal) {
    if (unitId !== DISTRICT_UNIT_ID) assertReadsUnit(principal, unitId);
    if (unitId === DISTRICT_UNIT_ID && !readsEveryUnit(principal)) {
      throw DomainError.forbidden('ROLE_NOT_ALLOWED', '全区汇总报告仅区政府办公室可查看。');
    }
  }

  /** One unit's report (or the district's, `unitId = 'district'`, for the district office, admins and auditors). */
  async report(unitId: string, year: number, principal: Principal): Promise<AnnualReport> {
    this.assertReadsReport(unitId, principal);
    const governmentUnits = unitId === DISTRICT_UNIT_ID ? await this.governmentUnitIds() : null;
    const docs = await this.requests.find(
      unitId !== DISTRICT_UNIT_ID
        ? { unitId, receivedOn: { $lte: `${year}-12-31` } }
        : governmentUnits
          ? { unitId: { $in: governmentUnits }, receivedOn: { $lte: `${year}-12-31` } }
          : { receivedOn: { $lte: `${year}-12-31` } },
    );
    const { finalised, version } = (await this.commands.load(annualReportDecider, annualReportStreamId(unitId, year))).state;
    const table3 = computeTable3(docs, year);
    const entered = finalised?.table2 ?? {};
    const handEntered = Object.fromEntries(
      TABLE2_HAND_ENTERED_FIELDS.filter((f) => typeof entered[f] === 'number').map((f) => [f, entered[f]]),
    );
    return {
      unitId,
      unitName: unitId === DISTRICT_UNIT_ID ? DISTRICT_NAME : await this.units.nameOf(unitId),
      year,
      table2: { ...(await this.table2Documents(unitId, year)), ...handEntered } as Partial<Table2>,
      table3,
      table4: computeTable4(docs, year),
      balanced: table3Violations(table3).length === 0,
      finalised: finalised !== null,
      version,
      ...(finalised?.narrative ? { narrative: finalised.narrative } : {}),
      feesCollected: computeFeesCollected(docs, year),
    };
  }

  /**
   * The report deadlines for the console's home page (Art. 49): the previous year's report of each unit
   * the principal reads (its own; every unit and the government's for the district roles), due by
   * 31 January (departments and towns) or 31 March (the government), with where each stands today.
   */
  async deadlines(principal: Principal, today: LocalDate): Promise<ReportDeadlinesView> {
    const everyUnit = readsEveryUnit(principal);
    const units = (await this.published.registeredUnits()).filter((u) => everyUnit || u.unitId === principal.unitId);
    const reporters: { unitId: string; unitName: string; reporter: Reporter }[] = [
      ...(everyUnit ? [{ unitId: DISTRICT_UNIT_ID, unitName: DISTRICT_NAME, reporter: 'government' as const }] : []),
      ...units.map((u) => ({ unitId: u.unitId, unitName: u.name, reporter: 'unit' as const })),
    ];
    const progress = new Map<string, ReportProgress>();
    for (const year of reportYearsInPlay(today)) {
      // Finalised and drafted from the report's own stream; published when the portal's read model has it.
      const published = new Map((await this.published.list(year)).map((r) => [r.unitId, r]));
      await Promise.all(
        reporters.map(async ({ unitId }) => {
          const { state } = await this.commands.load(annualReportDecider, annualReportStreamId(unitId, year));
          const onPortal = published.get(unitId);
          progress.set(`${unitId}:${year}`, {
            draftSaved: state.draft !== null,
            finalised: state.finalised !== null,
            published: onPortal !== undefined,
            correctedOn: onPortal?.correctedAt ? toShanghaiDate(onPortal.correctedAt) : null,
          });
        }),
      );
    }
    const names = new Map(reporters.map((r) => [r.unitId, r.unitName]));
    const due = reportsDue(reporters, (unitId, year) => progress.get(`${unitId}:${year}`), today);
    return { today, deadlines: due.map((d) => ({ ...d, unitName: names.get(d.unitId) ?? d.unitId })) };
  }

  /**
   * Saves a draft of a report not yet finalised (office head or district office): the hand-entered
   * Table 2 rows and the narrative so far, so the home page says 草稿 and the form opens with them.
   */
  async saveDraft(unitId: string, year: number, input: FinaliseInput, context: CommandContext) {
    const { narrative, ...handEntered } = input;
    const command = { type: 'SaveAnnualReportDraft' as const, unitId, year, table2: handEntered, ...(narrative ? { narrative } : {}) };
    const result = await this.commands.handle(annualReportDecider, annualReportStreamId(unitId, year), command, context, {
      // The unit's own office head, or the district office (also for the government's own report).
      authorize: () => unitActionError(context.actor, unitId),
    });
    return { unitId, year, revision: result.revision, draftSaved: true };
  }

  /** The draft saved before finalising (null when none, or once finalised): the console's form opens with it. */
  async draftOf(unitId: string, year: number) {
    const { state } = await this.commands.load(annualReportDecider, annualReportStreamId(unitId, year));
    return state.finalised ? null : state.draft;
  }

  /** The report with its printable tables, as the console shows it. */
  async reportWithTables(unitId: string, year: number, principal: Principal) {
    const report = await this.report(unitId, year, principal);
    return { ...report, tables: printable(report), draft: await this.draftOf(unitId, year) };
  }

  /**
   * The report's content as computed now for the given year, with the hand-entered Table 2 rows and
   * the narrative (the current version's when `keepNarrative` and none is given): what a finalisation
   * or a correction records (the whole Table 2 is kept in the event).
   */
  private async content(
    unitId: string,
    year: number,
    input: FinaliseInput,
    principal: Principal,
    context: CommandContext,
    keepNarrative: boolean,
  ) {
    const { narrative: given, ...handEntered } = input;
    const report = await this.report(unitId, year, principal);
    const narrative = given ?? (keepNarrative ? report.narrative : undefined);
    return {
      unitId,
      year: report.year,
      today: toShanghaiDate(context.now),
      table2: { ...(report.table2 as Record<string, number>), ...handEntered } as Table2,
      table3: report.table3,
      table4: report.table4,
      ...(narrative ? { narrative } : {}),
      ...(report.feesCollected ? { feesCollected: report.feesCollected } : {}),
    };
  }

  /** Finalises the report as computed now, with the hand-entered rows. */
  async finalise(unitId: string, year: number, input: FinaliseInput, principal: Principal, context: CommandContext) {
    const content = await this.content(unitId, year, input, principal, context, false);
    const command = { type: 'FinaliseAnnualReport' as const, ...content };
    const result = await this.commands.handle(annualReportDecider, annualReportStreamId(unitId, content.year), command, context);
    return { unitId, year: content.year, revision: result.revision, finalised: true };
  }

  /**
   * Corrects a published report (office head or district office, with a reason): a new version with
   * the figures as computed now, the hand-entered rows and narrative as given (the current version's
   * when not given). The earlier version stays in the event history.
   */
  async correct(unitId: string, year: number, input: FinaliseInput & { reason: string }, principal: Principal, context: CommandContext) {
    const { reason, ...rest } = input;
    const content = await this.content(unitId, year, rest, principal, context, true);
    const command = { type: 'CorrectAnnualReport' as const, ...content, reason, by: context.actor };
    const result = await this.commands.handle(annualReportDecider, annualReportStreamId(unitId, content.year), command, context);
    return { unitId, year: content.year, revision: result.revision, corrected: true };
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
      ...(published.feesCollected ? { feesCollected: published.feesCollected } : {}),
      ...(published.correction ? { correction: published.correction } : {}),
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

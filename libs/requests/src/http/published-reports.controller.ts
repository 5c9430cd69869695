import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { DomainError, Public, ZodPipe } from '@gongkai/platform';
import { table3Violations } from '../domain/annual-report';
import { annualReportTables, type AnnualReport, type AnnualReportTable } from '../documents/annual-report-export';
import {
  AnnualReportsProjection,
  DISTRICT_UNIT_ID,
  type PublishedAnnualReport,
  type PublishedAnnualReportSummary,
} from '../read-models/annual-reports.projection';
import { RequestsUnitsProjection } from '../read-models/units.projection';
import { isAnnualReportFormat, reportYear, sendAnnualReportFile } from './annual-report-download';
import { publishedReportsQuery } from './request.schemas';

/** The portal's view of one published report: the tables as finalised, and ready to print. */
export type PublishedAnnualReportBody = PublishedAnnualReport & { tables: Omit<AnnualReportTable, 'sheetName'>[] };

/**
 * The published annual reports (条例第四十九条、第五十条): every finalised report, for anyone, as
 * finalised (never recomputed), with the same .xlsx and .docx as the staff see.
 */
@ApiTags('requests: 年度报告（公开）')
@Controller('api/requests/reports/annual/published')
export class PublishedAnnualReportsController {
  constructor(
    private readonly reports: AnnualReportsProjection,
    private readonly units: RequestsUnitsProjection,
  ) {}

  /** The name a report was finalised under; the current name when the unit was not yet known then. */
  private async named<T extends PublishedAnnualReportSummary>(report: T): Promise<T> {
    if (report.unitName !== report.unitId || report.unitId === DISTRICT_UNIT_ID) return report;
    return { ...report, unitName: await this.units.nameOf(report.unitId) };
  }

  @Get()
  @Public()
  @ApiOperation({ summary: '已发布的政府信息公开工作年度报告列表（年度从新到旧，再按单位名称）；year 可选' })
  @ApiQuery({ name: 'year', required: false, type: Number })
  async list(
    @Query(new ZodPipe(publishedReportsQuery)) query: z.infer<typeof publishedReportsQuery>,
  ): Promise<PublishedAnnualReportSummary[]> {
    return Promise.all((await this.reports.list(query.year)).map((report) => this.named(report)));
  }

  @Get(':unitId/:year')
  @Public()
  @ApiOperation({ summary: '已发布的年度报告：定稿时的表二、表三、表四和正文（format=xlsx|docx 下载）' })
  @ApiQuery({ name: 'format', required: false, enum: ['xlsx', 'docx'] })
  async get(
    @Param('unitId') unitId: string,
    @Param('year') yearText: string,
    @Query('format') format: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const year = reportYear(yearText);
    const found = await this.reports.get(unitId, year);
    if (!found) throw DomainError.notFound('ANNUAL_REPORT_NOT_PUBLISHED', '该单位该年度的政府信息公开工作年度报告尚未发布。');
    const published = await this.named(found);
    if (isAnnualReportFormat(format)) {
      const report: AnnualReport = {
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
      await sendAnnualReportFile(response, report, format);
      return;
    }
    const body: PublishedAnnualReportBody = {
      ...published,
      tables: annualReportTables(published).map(({ key, title, rows }) => ({ key, title, rows })),
    };
    response.json(body);
  }
}

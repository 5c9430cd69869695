import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { CachedRead, type Page, pageOf, Public, ReturnsPage, ZodPipe } from '@gongkai/platform';
import { PublishedAnnualReports } from '../application/annual-reports';
import type { PublishedAnnualReportSummary } from '../read-models/annual-reports.projection';
import { isAnnualReportFormat, reportYear, sendAnnualReportFile } from './annual-report-download';
import { publishedReportsQuery } from './request.schemas';
import { Returns } from '@gongkai/platform';
import { someObjectSchema } from '@gongkai/contracts';

/**
 * The published annual reports (条例第四十九条、第五十条): every finalised report, for anyone, as
 * finalised (never recomputed), with the same .xlsx and .docx as the staff see.
 */
@ApiTags('requests: 年度报告（公开）')
@Controller('api/requests/reports/annual/published')
export class PublishedAnnualReportsController {
  constructor(private readonly reports: PublishedAnnualReports) {}

  @Get()
  @ReturnsPage(someObjectSchema)
  @Public()
  @CachedRead('requests')
  @ApiOperation({ summary: '已发布的政府信息公开工作年度报告列表（年度从新到旧，再按单位名称）；year 可选' })
  async list(
    @Query(new ZodPipe(publishedReportsQuery)) query: z.infer<typeof publishedReportsQuery>,
  ): Promise<Page<PublishedAnnualReportSummary>> {
    return pageOf(await this.reports.list(query.year), query);
  }

  @Get(':unitId/:year')
  @Returns(someObjectSchema, {
    files: [
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
  })
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
    if (isAnnualReportFormat(format)) {
      await sendAnnualReportFile(response, await this.reports.asReport(unitId, year), format);
      return;
    }
    response.json(await this.reports.get(unitId, year));
  }
}

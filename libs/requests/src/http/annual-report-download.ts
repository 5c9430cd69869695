import type { Response } from 'express';
import { DomainError } from '@gongkai/platform';
import { annualReportFile, type AnnualReport } from '../documents/annual-report-export';

export type AnnualReportFormat = 'xlsx' | 'docx';

export const isAnnualReportFormat = (format: unknown): format is AnnualReportFormat => format === 'xlsx' || format === 'docx';

/** The year of a report path (`/:unitId/:year`): a four-digit year from 2019 (the revised Regulations) on. */
export function reportYear(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || !Number.isInteger(year) || year < 2019 || year > 2100)
    throw DomainError.validation('INVALID_YEAR', '年度应为 2019 年以后的四位年份。');
  return year;
}

/** Sends the report as an .xlsx or .docx download (staff and portal alike). */
export async function sendAnnualReportFile(response: Response, report: AnnualReport, format: AnnualReportFormat): Promise<void> {
  const file = await annualReportFile(report, format);
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  response.send(file.buffer);
}

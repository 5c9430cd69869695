import type { AnnualReportFinalised, AnnualReportNarrative } from '@gongkai/contracts';
import { DomainError, type Decider, type DomainEvent } from '@gongkai/platform/domain';
import { table3Violations, type Table2, type Table3, type Table4 } from './annual-report';

export type AnnualReportEvent = DomainEvent<'requests.AnnualReportFinalised', AnnualReportFinalised>;
export type AnnualReportState = { finalised: AnnualReportFinalised | null };
export type FinaliseAnnualReport = {
  type: 'FinaliseAnnualReport';
  unitId: string;
  year: number;
  table2: Table2;
  table3: Table3;
  table4: Table4;
  /** The narrative sections (一、五、六) as the unit wrote them; optional, each text too. */
  narrative?: AnnualReportNarrative;
};

/** The narrative with blank texts left out; undefined when nothing was written (the event then has no `narrative`). */
export function writtenNarrative(narrative: AnnualReportNarrative | undefined): AnnualReportNarrative | undefined {
  const written = Object.entries(narrative ?? {})
    .map(([section, text]) => [section, typeof text === 'string' ? text.trim() : ''] as const)
    .filter(([, text]) => text.length > 0);
  return written.length > 0 ? (Object.fromEntries(written) as AnnualReportNarrative) : undefined;
}

export const annualReportDecider: Decider<FinaliseAnnualReport, AnnualReportEvent, AnnualReportState> = {
  initialState: { finalised: null },
  evolve: (_s, e) => ({ finalised: e.data }),
  decide(command, state) {
    if (state.finalised) return DomainError.conflict('REPORT_ALREADY_FINALISED', `${command.year} 年度报告已定稿，不能重复定稿。`);
    const broken = table3Violations(command.table3);
    if (broken.length > 0) {
      return DomainError.rule(
        'TABLE3_UNBALANCED',
        `表三不平衡：“${broken.join('、')}”列不满足“本年新收 + 上年结转 = 办理结果总计 + 结转下年度”，不能定稿。`,
        { columns: broken },
      );
    }
    const { type: _t, narrative: _n, ...figures } = command;
    const narrative = writtenNarrative(command.narrative);
    const data: AnnualReportFinalised = { ...figures, ...(narrative ? { narrative } : {}) };
    return [{ type: 'requests.AnnualReportFinalised', data }];
  },
};

export const annualReportStreamId = (unitId: string, year: number) => `requests.annual-report-${unitId}-${year}`;

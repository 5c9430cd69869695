import type {
  Actor,
  AnnualReportCorrected,
  AnnualReportDraftSaved,
  AnnualReportFinalised,
  AnnualReportNarrative,
} from '@gongkai/contracts';
import { DISTRICT_ROLES, hasRole } from '@gongkai/contracts/vocabulary';
import { DomainError, type Decider, type DomainEvent } from '@gongkai/platform/domain';
import { table3Violations, type Table2, type Table3, type Table4 } from './annual-report';

export type AnnualReportEvent =
  | DomainEvent<'requests.AnnualReportFinalised', AnnualReportFinalised>
  | DomainEvent<'requests.AnnualReportCorrected', AnnualReportCorrected>
  | DomainEvent<'requests.AnnualReportDraftSaved', AnnualReportDraftSaved>;
/**
 * `finalised`: the current version's content (the latest correction's once corrected); `version`: 1 when
 * finalised; `draft`: the latest draft saved before finalising (hand-entered Table 2 rows, narrative).
 */
export type AnnualReportState = {
  finalised: AnnualReportFinalised | null;
  version: number;
  draft: Pick<AnnualReportDraftSaved, 'table2' | 'narrative'> | null;
};
export type FinaliseAnnualReport = {
  type: 'FinaliseAnnualReport';
  unitId: string;
  year: number;
  /** The Beijing date of the command: a year's report is finalised only after the year has ended. */
  today: string;
  table2: Table2;
  table3: Table3;
  table4: Table4;
  /** The narrative sections (一、五、六) as the unit wrote them; optional, each text too. */
  narrative?: AnnualReportNarrative;
  /** Section 六: the information-processing fees collected in the year. */
  feesCollected?: AnnualReportFinalised['feesCollected'];
};
/** A published report corrected: the whole new content, with the reason; by the office head (or the district office). */
export type CorrectAnnualReport = Omit<FinaliseAnnualReport, 'type'> & { type: 'CorrectAnnualReport'; reason: string; by: Actor };
/** A draft of a report not yet finalised: the hand-entered Table 2 rows and the narrative so far. */
export type SaveAnnualReportDraft = {
  type: 'SaveAnnualReportDraft';
  unitId: string;
  year: number;
  table2: Partial<Table2>;
  narrative?: AnnualReportNarrative;
};
export type AnnualReportCommand = FinaliseAnnualReport | CorrectAnnualReport | SaveAnnualReportDraft;

const unbalanced = (table3: Table3, action: string): DomainError | null => {
  const broken = table3Violations(table3);
  return broken.length === 0
    ? null
    : DomainError.rule(
        'TABLE3_UNBALANCED',
        `表三不平衡：“${broken.join('、')}”列不满足“本年新收 + 上年结转 = 办理结果总计 + 结转下年度”，不能${action}。`,
        { columns: broken },
      );
};

/** The content an event records: the figures, the written narrative, the fees (no command fields). */
function content(command: FinaliseAnnualReport | CorrectAnnualReport): AnnualReportFinalised {
  const { unitId, year, table2, table3, table4, feesCollected } = command;
  const narrative = writtenNarrative(command.narrative);
  return { unitId, year, table2, table3, table4, ...(narrative ? { narrative } : {}), ...(feesCollected ? { feesCollected } : {}) };
}

function correct(command: CorrectAnnualReport, state: AnnualReportState): AnnualReportEvent[] | DomainError {
  if (!state.finalised) return DomainError.rule('REPORT_NOT_FINALISED', `${command.year} 年度报告尚未定稿公布，无需更正；请直接定稿。`);
  if (command.by.role !== 'office_head' && !hasRole(command.by.role, DISTRICT_ROLES)) {
    return DomainError.forbidden('CORRECTION_ROLE_REQUIRED', '已公布的年度报告只能由政府信息公开工作机构负责人更正。');
  }
  if (command.reason.trim().length < 5)
    return DomainError.rule('CORRECTION_REASON_REQUIRED', '更正已公布的年度报告须说明理由（至少 5 个字）。');
  const broken = unbalanced(command.table3, '更正');
  if (broken) return broken;
  return [
    { type: 'requests.AnnualReportCorrected', data: { ...content(command), version: state.version + 1, reason: command.reason.trim() } },
  ];
}

function saveDraft(command: SaveAnnualReportDraft, state: AnnualReportState): AnnualReportEvent[] | DomainError {
  if (state.finalised) {
    return DomainError.conflict(
      'REPORT_ALREADY_FINALISED',
      `${command.year} 年度报告已定稿公布，不能再保存草稿；如需修改，请更正已公布的报告。`,
    );
  }
  const narrative = writtenNarrative(command.narrative);
  const table2 = Object.fromEntries(Object.entries(command.table2).filter(([, value]) => typeof value === 'number'));
  const same =
    state.draft !== null &&
    JSON.stringify(state.draft.table2) === JSON.stringify(table2) &&
    JSON.stringify(state.draft.narrative ?? null) === JSON.stringify(narrative ?? null);
  if (same) return [];
  return [
    {
      type: 'requests.AnnualReportDraftSaved',
      data: { unitId: command.unitId, year: command.year, table2, ...(narrative ? { narrative } : {}) },
    },
  ];
}

/** The narrative with blank texts left out; undefined when nothing was written (the event then has no `narrative`). */
export function writtenNarrative(narrative: AnnualReportNarrative | undefined): AnnualReportNarrative | undefined {
  const written = Object.entries(narrative ?? {})
    .map(([section, text]) => [section, typeof text === 'string' ? text.trim() : ''] as const)
    .filter(([, text]) => text.length > 0);
  return written.length > 0 ? (Object.fromEntries(written) as AnnualReportNarrative) : undefined;
}

export const annualReportDecider: Decider<AnnualReportCommand, AnnualReportEvent, AnnualReportState> = {
  initialState: { finalised: null, version: 0, draft: null },
  evolve: (s, e) => {
    switch (e.type) {
      case 'requests.AnnualReportDraftSaved':
        return { ...s, draft: { table2: e.data.table2, ...(e.data.narrative ? { narrative: e.data.narrative } : {}) } };
      case 'requests.AnnualReportFinalised':
        return { ...s, finalised: e.data, version: 1 };
      case 'requests.AnnualReportCorrected': {
        const { version, reason: _reason, ...current } = e.data;
        return { ...s, finalised: current, version };
      }
    }
  },
  decide(command, state) {
    if (command.type === 'CorrectAnnualReport') return correct(command, state);
    if (command.type === 'SaveAnnualReportDraft') return saveDraft(command, state);
    if (state.finalised) return DomainError.conflict('REPORT_ALREADY_FINALISED', `${command.year} 年度报告已定稿，不能重复定稿。`);
    if (command.today <= `${command.year}-12-31`) {
      return DomainError.rule('REPORT_YEAR_NOT_ENDED', `${command.year} 年度尚未结束，年度报告须在次年定稿（报告内容截至 12 月 31 日）。`, {
        year: command.year,
      });
    }
    const broken = unbalanced(command.table3, '定稿');
    if (broken) return broken;
    return [{ type: 'requests.AnnualReportFinalised', data: content(command) }];
  },
};

export const annualReportStreamId = (unitId: string, year: number) => `requests.annual-report-${unitId}-${year}`;

import type { Writable } from 'node:stream';
import { PUBLIC_CONSULTATION_KIND_LABELS, type PublicConsultationKind } from '@gongkai/contracts';
import {
  DomainError,
  inDateRange,
  MAX_EXPORT_ROWS,
  pageOf,
  sortRows,
  textMatcher,
  writeListWorkbook,
  type ListColumn,
  type Page,
} from '@gongkai/platform';
import type { ConsultationView } from '../read-models/consultations.projection';

/**
 * Where a consultation stands on a day: not yet open, open for comments, closed without its adoption
 * published (采纳情况待公布), adoption published.
 */
export const CONSULTATION_STAGES = ['upcoming', 'open', 'adoption_due', 'adoption_published'] as const;
export type ConsultationStage = (typeof CONSULTATION_STAGES)[number];
export const CONSULTATION_STAGE_LABELS: Record<ConsultationStage, string> = {
  upcoming: '未开始',
  open: '征求意见中',
  adoption_due: '已截止，采纳情况待公布',
  adoption_published: '已公布采纳情况',
};
/** `moderation_pending`: comments waiting for moderation. */
export const CONSULTATION_FLAGS = ['moderation_pending'] as const;
export const CONSULTATION_SORTS = ['-opensOn', 'opensOn', 'closesOn', '-closesOn'] as const;
export type ConsultationSort = (typeof CONSULTATION_SORTS)[number];

export interface ConsultationFilter {
  unitId?: string;
  stage?: ConsultationStage[];
  kind?: PublicConsultationKind;
  flag?: (typeof CONSULTATION_FLAGS)[number][];
  opensFrom?: string;
  opensTo?: string;
  closesFrom?: string;
  closesTo?: string;
  q?: string;
  sort: ConsultationSort;
}

export function stageOf(c: Pick<ConsultationView, 'opensOn' | 'closesOn' | 'adoption'>, today: string): ConsultationStage {
  if (c.adoption) return 'adoption_published';
  if (today < c.opensOn) return 'upcoming';
  return today <= c.closesOn ? 'open' : 'adoption_due';
}

/** The consultations the filters select, sorted (pure); ties keep the id order. */
export function selectConsultations(rows: readonly ConsultationView[], f: ConsultationFilter, today: string): ConsultationView[] {
  const matches = textMatcher(f.q);
  const selected = rows.filter(
    (c) =>
      (!f.unitId || c.unitId === f.unitId) &&
      (!f.stage?.length || f.stage.includes(stageOf(c, today))) &&
      (!f.kind || c.kind === f.kind) &&
      (!f.flag?.includes('moderation_pending') || c.comments.some((comment) => comment.status === 'pending')) &&
      inDateRange(c.opensOn, f.opensFrom, f.opensTo) &&
      inDateRange(c.closesOn, f.closesFrom, f.closesTo) &&
      matches(`${c.title} ${c.draft}`),
  );
  return sortRows(
    selected,
    f.sort,
    (c, field) => c[field as 'opensOn' | 'closesOn'],
    (c) => c.consultationId,
  );
}

export function consultationPage(
  rows: readonly ConsultationView[],
  query: ConsultationFilter & { page: number; pageSize: number },
  today: string,
): Page<ConsultationView> {
  return pageOf(selectConsultations(rows, query, today), query);
}

const count = (c: ConsultationView, status: ConsultationView['comments'][number]['status']) =>
  c.comments.filter((comment) => comment.status === status).length;

const columns = (today: string): ListColumn<ConsultationView>[] => [
  { header: '序号', width: 6, value: (_c, index) => index + 1 },
  { header: '标题', width: 40, value: (c) => c.title },
  { header: '类别', width: 16, value: (c) => PUBLIC_CONSULTATION_KIND_LABELS[c.kind] ?? c.kind },
  { header: '开始日期', width: 12, value: (c) => c.opensOn },
  { header: '截止日期', width: 12, value: (c) => c.closesOn },
  { header: '期限', width: 12, value: (c) => `${c.periodDays}${c.periodUnit === 'working_days' ? '个工作日' : '日'}` },
  { header: '期限少于规定的理由', width: 24, value: (c) => c.shortPeriodReason },
  { header: '依据', width: 24, value: (c) => c.legalBasis },
  { header: '状态', width: 20, value: (c) => CONSULTATION_STAGE_LABELS[stageOf(c, today)] },
  { header: '收到意见', width: 9, value: (c) => c.comments.length },
  { header: '已公开意见', width: 9, value: (c) => count(c, 'approved') },
  { header: '待审核意见', width: 9, value: (c) => count(c, 'pending') },
  { header: '不予公开意见', width: 9, value: (c) => count(c, 'rejected') },
  { header: '采纳', width: 8, value: (c) => c.adoption?.adopted },
  { header: '部分采纳', width: 8, value: (c) => c.adoption?.partlyAdopted },
  { header: '未采纳', width: 8, value: (c) => c.adoption?.notAdopted },
  { header: '采纳情况公布日期', width: 14, value: (c) => c.adoption?.publishedOn },
];
export const CONSULTATION_EXPORT_HEADERS = columns('2000-01-01').map((c) => c.header);

/** The consultations the filters select as .xlsx (征求意见台账), for staff; refused above MAX_EXPORT_ROWS. */
export function exportConsultations(
  rows: readonly ConsultationView[],
  filter: ConsultationFilter,
  today: string,
): { filename: string; rows: number; write: (out: Writable) => Promise<void> } {
  const selected = selectConsultations(rows, filter, today);
  if (selected.length > MAX_EXPORT_ROWS) {
    throw DomainError.rule('REGISTER_TOO_MANY_ROWS', `符合条件的征求意见超过 ${MAX_EXPORT_ROWS} 件，请缩小筛选范围后再导出。`, {
      max: MAX_EXPORT_ROWS,
    });
  }
  const title = `公开征求意见台账（${today}导出）`;
  return {
    filename: `${title}.xlsx`,
    rows: selected.length,
    write: (out) => writeListWorkbook(out, { title, sheet: '征求意见', columns: columns(today) }, selected),
  };
}

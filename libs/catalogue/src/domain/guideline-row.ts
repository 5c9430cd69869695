import { PILOT_DOMAINS, UNIT_LEVELS, type GuidelineItem } from '@gongkai/contracts';

/** Columns of the guideline spreadsheet the district office loads (标准指引). */
export const GUIDELINE_COLUMNS = ['所属领域', '指引事项编码', '公开层级', '一级事项', '二级事项'] as const;
export type GuidelineColumn = (typeof GUIDELINE_COLUMNS)[number];

export function parseGuidelineRow(
  row: Partial<Record<GuidelineColumn, string>>,
): { ok: true; item: GuidelineItem } | { ok: false; errors: string[] } {
  const cell = (c: GuidelineColumn) => (row[c] ?? '').trim();
  const errors: string[] = [];
  const domain = PILOT_DOMAINS.find(
    (d) => d.name === cell('所属领域') || d.code === cell('所属领域') || d.name.replace(/（.*）$/, '') === cell('所属领域'),
  );
  if (!domain) errors.push(cell('所属领域') ? `所属领域“${cell('所属领域')}”不是26个试点领域之一` : '缺少所属领域');
  const code = cell('指引事项编码');
  if (!code) errors.push('缺少指引事项编码');
  else if (code.length > 40) errors.push('指引事项编码过长（最多40个字符）');
  const level = cell('公开层级');
  if (!(UNIT_LEVELS as readonly string[]).includes(level)) errors.push(level ? `公开层级“${level}”应为“县级”或“乡级”` : '缺少公开层级');
  if (!cell('一级事项')) errors.push('缺少一级事项');
  if (!cell('二级事项')) errors.push('缺少二级事项');
  if (errors.length > 0 || !domain) return { ok: false, errors };
  return {
    ok: true,
    item: {
      code,
      domainCode: domain.code,
      level: level as GuidelineItem['level'],
      firstLevel: cell('一级事项'),
      secondLevel: cell('二级事项'),
    },
  };
}

import type { DomainCode, GuidelineItem, GuidelineSource, UnitLevel } from '@gongkai/contracts';

/**
 * One row of a published standard catalogue (标准目录) as read: its 一级事项 and 二级事项, and the
 * other elements only where the page shows them. `levels`: the 公开层级 the row applies to — read
 * from the row's 层级 marks or, where the table has none, from its 公开主体 (a 县民政局 is 县级,
 * a 乡镇人民政府 is 乡级).
 */
export interface SourcedRow {
  firstLevel: string;
  secondLevel: string;
  levels: readonly UnitLevel[];
  timeLimit?: string;
  subject?: string;
  channels?: readonly string[];
  audience?: readonly string[];
  method?: readonly string[];
}

/** The date these rows were read from their pages. */
export const READ_ON = '2026-12-07';

/**
 * One domain's rows from one source, as guideline items: `<domain>.X01…` (县级) and `<domain>.S01…`
 * (乡级), in the source's order; `after` numbers them after another source's rows of the domain.
 */
export function sourcedItems(
  domainCode: DomainCode,
  source: GuidelineSource,
  rows: readonly SourcedRow[],
  after: Partial<Record<UnitLevel, number>> = {},
): GuidelineItem[] {
  const counters: Record<UnitLevel, number> = { 县级: after.县级 ?? 0, 乡级: after.乡级 ?? 0 };
  return rows.flatMap((row) =>
    row.levels.map((level): GuidelineItem => {
      counters[level] += 1;
      return {
        code: `${domainCode}.${level === '县级' ? 'X' : 'S'}${String(counters[level]).padStart(2, '0')}`,
        domainCode,
        level,
        firstLevel: row.firstLevel,
        secondLevel: row.secondLevel,
        ...(row.timeLimit ? { timeLimit: row.timeLimit } : {}),
        ...(row.subject ? { subject: row.subject } : {}),
        ...(row.channels ? { channels: [...row.channels] } : {}),
        ...(row.audience ? { audience: [...row.audience] } : {}),
        ...(row.method ? { method: [...row.method] } : {}),
        source,
      };
    }),
  );
}

import type { DomainCode, GuidelineItem, UnitLevel } from '@gongkai/contracts';
import { toShanghaiDate } from '@gongkai/working-days';
import { computeCoverage } from './coverage';

/**
 * The plan's milestones (seed 二): compiled and published by 2020-12-31, refined by 2022-09-30
 * (the province says 2022-06-30), the full standard system by 2023. Dates are configurable.
 */
export interface MilestoneDeadlines {
  compiled: string;
  refined: string;
  standardSystem: string;
}
export const DEFAULT_MILESTONE_DEADLINES: MilestoneDeadlines = {
  compiled: '2020-12-31',
  refined: '2022-09-30',
  standardSystem: '2023-12-31',
};

/** One publication fact of the unit's catalogue, in the order they happened. */
export interface CatalogueFact {
  itemId: string;
  at: string;
  kind: 'published' | 'withdrawn';
  domainCode: DomainCode;
  guidelineItemCode: string | null;
  /** The version carries post, authority and procedure (ready for embedding in business systems). */
  embeddable: boolean;
}

export type MilestoneStatus = 'on_time' | 'late' | 'open';
export interface Milestone {
  key: keyof MilestoneDeadlines;
  label: string;
  deadline: string;
  achievedOn: string | null;
  status: MilestoneStatus;
}

const LABELS: Record<keyof MilestoneDeadlines, string> = {
  compiled: '编制完成并公开发布目录（各负责领域均有已发布事项）',
  refined: '进一步完善目录（覆盖全部标准指引事项）',
  standardSystem: '建成标准体系（全覆盖且全部事项具备岗位、职权、流程，可嵌入业务系统）',
};

/** YYYY-MM-DD of an ISO instant, in China Standard Time (a date stays as it is). */
const shanghaiDate = (iso: string): string => (iso.length === 10 ? iso : toShanghaiDate(iso));

/**
 * Replays the unit's publication facts and records when each milestone was first reached:
 * on time (reached by the deadline), late (reached after it, or not reached and the deadline has
 * passed), or open (not reached, deadline ahead). Coverage is judged against `guideline` (the
 * current version: a simplification, the guideline in force at each date is not replayed).
 */
export function computeMilestones(
  unit: { level: UnitLevel; responsibleDomains: readonly DomainCode[] },
  facts: readonly CatalogueFact[],
  guideline: readonly GuidelineItem[],
  today: string,
  deadlines: MilestoneDeadlines = DEFAULT_MILESTONE_DEADLINES,
): Milestone[] {
  const live = new Map<string, CatalogueFact>();
  const achieved: Record<keyof MilestoneDeadlines, string | null> = { compiled: null, refined: null, standardSystem: null };
  const sorted = [...facts].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const fact of sorted) {
    if (fact.kind === 'published') live.set(fact.itemId, fact);
    else live.delete(fact.itemId);
    if (unit.responsibleDomains.length === 0) continue;
    const items = [...live.values()];
    const day = shanghaiDate(fact.at);
    const compiled = unit.responsibleDomains.every((code) => items.some((i) => i.domainCode === code));
    const coverage = computeCoverage(
      unit,
      items.map((i) => ({ itemId: i.itemId, name: '', domainCode: i.domainCode, guidelineItemCode: i.guidelineItemCode })),
      guideline,
    );
    const refined = compiled && coverage.overall.missing === 0;
    const standard = refined && items.every((i) => i.embeddable);
    if (compiled) achieved.compiled ??= day;
    if (refined) achieved.refined ??= day;
    if (standard) achieved.standardSystem ??= day;
  }
  return (Object.keys(deadlines) as (keyof MilestoneDeadlines)[]).map((key) => {
    const deadline = deadlines[key];
    const achievedOn = achieved[key];
    const status: MilestoneStatus = achievedOn ? (achievedOn <= deadline ? 'on_time' : 'late') : today > deadline ? 'late' : 'open';
    return { key, label: LABELS[key], deadline, achievedOn, status };
  });
}

import type { UnitGuideContent, UnitGuidePublished } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';
import { addCalendarDays, parseLocalDate } from '@gongkai/working-days';

/** A unit's 政府信息公开指南 (Art. 12), versioned: each publication is a new version. */
export type GuideEvent = DomainEvent<'catalogue.UnitGuidePublished', UnitGuidePublished>;

export type GuideState = { version: 0 } | { version: number; unitId: string; content: UnitGuideContent; publishedOn: string };

export const initialGuideState: GuideState = { version: 0 };

export function evolveGuide(_state: GuideState, event: GuideEvent): GuideState {
  const { unitId, version, content, publishedOn } = event.data;
  return { unitId, version, content, publishedOn };
}

export const guideStreamId = (unitId: string) => `catalogue.guide-${unitId}`;

/** Art. 12 asks for a guide kept up to date: the district office looks again at one older than this. */
export const GUIDE_REVIEW_DAYS = 365;

/** Whether a guide published on `publishedOn` is due for review on `today` (both Beijing dates). */
export const guideOutdated = (publishedOn: string, today: string) =>
  addCalendarDays(parseLocalDate(publishedOn), GUIDE_REVIEW_DAYS) <= today;

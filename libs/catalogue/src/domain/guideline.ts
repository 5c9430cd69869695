import type { GuidelineVersionLoaded } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/**
 * The district's guideline reference data (标准指引): the items expected of a 县级 or 乡级 unit in
 * each pilot domain. One stream, versioned: each load is a complete new version.
 */
export type GuidelineEvent = DomainEvent<'catalogue.GuidelineVersionLoaded', GuidelineVersionLoaded>;
export interface GuidelineState {
  version: number;
  effectiveFrom: string | null;
}

export const initialGuidelineState: GuidelineState = { version: 0, effectiveFrom: null };

export const evolveGuideline = (_state: GuidelineState, event: GuidelineEvent): GuidelineState => ({
  version: event.data.version,
  effectiveFrom: event.data.effectiveFrom,
});

export const GUIDELINE_STREAM_ID = 'catalogue.guidelines-district';

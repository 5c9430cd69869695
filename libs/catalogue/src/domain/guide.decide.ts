import type { Actor, UnitGuideContent } from '@gongkai/contracts';
import { DomainError, unitActionError, type Decider } from '@gongkai/platform/domain';
import { evolveGuide, guideOutdated, initialGuideState, type GuideEvent, type GuideState } from './guide';

/** `today`: the Beijing date of the command. */
export type GuideCommand = { type: 'PublishGuide'; unitId: string; content: UnitGuideContent; today: string; by: Actor };

const canonical = (c: UnitGuideContent) => JSON.stringify(Object.entries(c).sort(([a], [b]) => a.localeCompare(b)));

/**
 * Publishes a new version of the unit's guide, by the unit's own staff or the district. The same
 * content again records nothing while the current version is less than a year old; a year or more
 * on, it is recorded as a new version (the review Art. 12 asks for, on record with its date).
 */
export function decideGuide(command: GuideCommand, state: GuideState): GuideEvent[] | DomainError {
  const refused = unitActionError(command.by, command.unitId);
  if (refused) return refused;
  if ('content' in state && canonical(state.content) === canonical(command.content)) {
    if (!guideOutdated(state.publishedOn, command.today)) return [];
  }
  return [
    {
      type: 'catalogue.UnitGuidePublished',
      data: { unitId: command.unitId, version: state.version + 1, content: command.content, publishedOn: command.today },
    },
  ];
}

export const guideDecider: Decider<GuideCommand, GuideEvent, GuideState> = {
  initialState: initialGuideState,
  evolve: evolveGuide,
  decide: decideGuide,
};

import type { ProactiveDisclosureSuggested } from '@gongkai/contracts';
import type { Decider, DomainEvent } from '@gongkai/platform/domain';
import { ART_44_PROACTIVE } from './legal-basis';

/** Requests for the same information in one unit (Art. 44): suggests proactive disclosure once per threshold crossing. */
export type FrequentEvent = DomainEvent<'requests.ProactiveDisclosureSuggested', ProactiveDisclosureSuggested>;
export type FrequentState = { suggestedAtCount: number };
export type FrequentCommand = {
  type: 'ConsiderProactiveDisclosure';
  unitId: string;
  informationKey: string;
  information: string;
  requestIds: string[];
  /** Distinct applicants who obtained the information. */
  applicants: number;
  threshold: number;
  documentId?: string;
};

export const frequentDecider: Decider<FrequentCommand, FrequentEvent, FrequentState> = {
  initialState: { suggestedAtCount: 0 },
  evolve: (_state, event) => ({ suggestedAtCount: event.data.count }),
  decide(command, state) {
    if (command.applicants < command.threshold || state.suggestedAtCount > 0) return [];
    const { unitId, informationKey, information, requestIds, documentId } = command;
    return [
      {
        type: 'requests.ProactiveDisclosureSuggested',
        data: {
          unitId,
          informationKey,
          information,
          requestIds,
          count: command.applicants,
          ...(documentId ? { documentId } : {}),
          legalBasis: ART_44_PROACTIVE,
        },
      },
    ];
  },
};

export const frequentStreamId = (unitId: string, informationKey: string) => `requests.frequent-${unitId}-${informationKey}`;

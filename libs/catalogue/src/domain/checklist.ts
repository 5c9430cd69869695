import type {
  ChecklistContentLinked,
  ChecklistContentUnlinked,
  ChecklistLinkProposed,
  ChecklistProposalDismissed,
  ChecklistTargetKind,
} from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/**
 * A unit's proactive-disclosure checklist (Arts. 20–21): which catalogue items and 主动公开 documents
 * satisfy which statutory category, and the system's proposals still waiting for the officer.
 */
export type ChecklistEvent =
  | DomainEvent<'catalogue.ChecklistContentLinked', ChecklistContentLinked>
  | DomainEvent<'catalogue.ChecklistContentUnlinked', ChecklistContentUnlinked>
  | DomainEvent<'catalogue.ChecklistLinkProposed', ChecklistLinkProposed>
  | DomainEvent<'catalogue.ChecklistProposalDismissed', ChecklistProposalDismissed>;

export interface ChecklistEntry {
  categoryCode: string;
  targetKind: ChecklistTargetKind;
  targetId: string;
  title: string;
}

export interface ChecklistState {
  /** Linked content, by `entryKey`. */
  links: Record<string, ChecklistEntry>;
  /** Open proposals, by `entryKey`. */
  proposals: Record<string, ChecklistEntry & { matched: string[] }>;
  /** Proposals the officer dismissed (never proposed again), and links once made (never proposed again). */
  settled: string[];
}

export const initialChecklistState: ChecklistState = { links: {}, proposals: {}, settled: [] };

export const entryKey = (e: Pick<ChecklistEntry, 'categoryCode' | 'targetKind' | 'targetId'>) =>
  `${e.categoryCode}|${e.targetKind}|${e.targetId}`;

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  const { [key]: _removed, ...rest } = record;
  return rest;
};
const settle = (settled: string[], key: string) => (settled.includes(key) ? settled : [...settled, key]);

export function evolveChecklist(state: ChecklistState, event: ChecklistEvent): ChecklistState {
  const key = entryKey(event.data);
  switch (event.type) {
    case 'catalogue.ChecklistContentLinked': {
      const { categoryCode, targetKind, targetId, title } = event.data;
      return {
        links: { ...state.links, [key]: { categoryCode, targetKind, targetId, title } },
        proposals: without(state.proposals, key),
        settled: settle(state.settled, key),
      };
    }
    case 'catalogue.ChecklistContentUnlinked':
      return { ...state, links: without(state.links, key) };
    case 'catalogue.ChecklistLinkProposed': {
      const { categoryCode, targetKind, targetId, title, matched } = event.data;
      return { ...state, proposals: { ...state.proposals, [key]: { categoryCode, targetKind, targetId, title, matched } } };
    }
    case 'catalogue.ChecklistProposalDismissed':
      return { ...state, proposals: without(state.proposals, key), settled: settle(state.settled, key) };
  }
}

export const checklistStreamId = (unitId: string) => `catalogue.checklist-${unitId}`;

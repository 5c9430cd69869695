import type {
  InterpretationMaterialAdded,
  InterpretationObligationOpened,
  InterpretationPlanned,
  InterpretationPublished,
  InterpretationSignedOff,
} from '@gongkai/contracts';
import type { DomainError, DomainEvent } from '@gongkai/platform/domain';
import { parseLocalDate, type LocalDate, type WorkingDayCalendar } from '@gongkai/working-days';

/** An interpretation obligation (解读义务): the drafting unit interprets the policy it drafted. */
export type ObligationEvent =
  | DomainEvent<'interpretation.InterpretationObligationOpened', InterpretationObligationOpened>
  | DomainEvent<'interpretation.InterpretationPlanned', InterpretationPlanned>
  | DomainEvent<'interpretation.InterpretationMaterialAdded', InterpretationMaterialAdded>
  | DomainEvent<'interpretation.InterpretationSignedOff', InterpretationSignedOff>
  | DomainEvent<'interpretation.InterpretationPublished', InterpretationPublished>;

export type ObligationState =
  | { status: 'none' }
  | {
      status: 'open' | 'signed_off' | 'published';
      opened: InterpretationObligationOpened;
      plan: InterpretationPlanned | null;
      materials: InterpretationMaterialAdded[];
      signedOff: InterpretationSignedOff | null;
      published: InterpretationPublished | null;
    };

export const initialObligationState: ObligationState = { status: 'none' };

export function evolveObligation(state: ObligationState, event: ObligationEvent): ObligationState {
  if (event.type === 'interpretation.InterpretationObligationOpened') {
    return { status: 'open', opened: event.data, plan: null, materials: [], signedOff: null, published: null };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'interpretation.InterpretationPlanned':
      return { ...state, plan: event.data };
    case 'interpretation.InterpretationMaterialAdded':
      // Materials change after sign-off void it: the signed version is what gets published.
      return {
        ...state,
        status: 'open',
        signedOff: null,
        materials: [...state.materials.filter((m) => m.materialId !== event.data.materialId), event.data],
      };
    case 'interpretation.InterpretationSignedOff':
      return { ...state, status: 'signed_off', signedOff: event.data };
    case 'interpretation.InterpretationPublished':
      return { ...state, status: 'published', published: event.data };
  }
}

/**
 * The interpretation's due date: `limitWorkingDays` after the policy's publication (`from`: its first
 * publication when recorded, its issue otherwise), counted with the given
 * calendar. Counted again at publication and in the staff views, so that a holiday arrangement loaded
 * after the obligation opened is taken into account (ADR 0009). A date beyond the calendar's range is
 * refused as a value, like every rule.
 */
export const interpretationDueOn = (calendar: WorkingDayCalendar, from: string, limitWorkingDays: number): LocalDate | DomainError =>
  calendar.addWorkingDaysChecked(parseLocalDate(from), limitWorkingDays);

export const obligationStreamId = (documentId: string) => `interpretation.obligation-${documentId}`;

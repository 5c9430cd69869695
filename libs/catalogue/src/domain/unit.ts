import type { UnitKind, UnitLevel, UnitOpennessOfficeDesignated, UnitRegistered, UnitRenamed } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/** A unit (单位): a town, the sub-district, a district department or the district office. */
export type UnitEvent =
  | DomainEvent<'catalogue.UnitRegistered', UnitRegistered>
  | DomainEvent<'catalogue.UnitRenamed', UnitRenamed>
  | DomainEvent<'catalogue.UnitOpennessOfficeDesignated', UnitOpennessOfficeDesignated>;

export type UnitState =
  | { status: 'unregistered' }
  | {
      status: 'registered';
      unitId: string;
      name: string;
      level: UnitLevel;
      kind: UnitKind;
      opennessOffice: { office: string; officerName: string; officerPhone?: string } | null;
    };

export const initialUnitState: UnitState = { status: 'unregistered' };

export function evolveUnit(state: UnitState, event: UnitEvent): UnitState {
  switch (event.type) {
    case 'catalogue.UnitRegistered':
      return { status: 'registered', ...event.data, opennessOffice: null };
    case 'catalogue.UnitRenamed':
      return state.status === 'registered' ? { ...state, name: event.data.name } : state;
    case 'catalogue.UnitOpennessOfficeDesignated': {
      if (state.status !== 'registered') return state;
      const { office, officerName, officerPhone } = event.data;
      return { ...state, opennessOffice: { office, officerName, officerPhone } };
    }
  }
}

export const unitStreamId = (unitId: string) => `catalogue.unit-${unitId}`;

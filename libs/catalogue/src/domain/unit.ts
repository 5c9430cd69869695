import type {
  DomainCode,
  UnitKind,
  UnitLevel,
  UnitOpennessOfficeDesignated,
  UnitRegistered,
  UnitRenamed,
  UnitResponsibleDomainsAssigned,
} from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/** A unit (单位): a town, the sub-district, a district department or the district office. */
export type UnitEvent =
  | DomainEvent<'catalogue.UnitRegistered', UnitRegistered>
  | DomainEvent<'catalogue.UnitRenamed', UnitRenamed>
  | DomainEvent<'catalogue.UnitOpennessOfficeDesignated', UnitOpennessOfficeDesignated>
  | DomainEvent<'catalogue.UnitResponsibleDomainsAssigned', UnitResponsibleDomainsAssigned>;

export type UnitState =
  | { status: 'unregistered' }
  | {
      status: 'registered';
      unitId: string;
      name: string;
      level: UnitLevel;
      kind: UnitKind;
      opennessOffice: { office: string; officerName: string; officerPhone?: string } | null;
      /** The pilot domains this unit is responsible for (负责的试点领域). */
      responsibleDomains: DomainCode[];
    };

export const initialUnitState: UnitState = { status: 'unregistered' };

export function evolveUnit(state: UnitState, event: UnitEvent): UnitState {
  switch (event.type) {
    case 'catalogue.UnitRegistered':
      return { status: 'registered', ...event.data, opennessOffice: null, responsibleDomains: [] };
    case 'catalogue.UnitRenamed':
      return state.status === 'registered' ? { ...state, name: event.data.name } : state;
    case 'catalogue.UnitOpennessOfficeDesignated': {
      if (state.status !== 'registered') return state;
      const { office, officerName, officerPhone } = event.data;
      return { ...state, opennessOffice: { office, officerName, officerPhone } };
    }
    case 'catalogue.UnitResponsibleDomainsAssigned':
      return state.status === 'registered' ? { ...state, responsibleDomains: event.data.domainCodes } : state;
  }
}

export const unitStreamId = (unitId: string) => `catalogue.unit-${unitId}`;

import type { Connection } from 'mongoose';
import type {
  EventEnvelope,
  UnitOpennessOfficeDesignated,
  UnitRegistered,
  UnitRenamed,
  UnitResponsibleDomainsAssigned,
} from '@gongkai/contracts';
import { projectDocument, withoutMeta, type Projection, viewOf } from '@gongkai/platform';

export interface UnitView {
  unitId: string;
  name: string;
  level: string;
  kind: string;
  opennessOffice: { office: string; officerName: string; officerPhone?: string } | null;
  /** 负责的试点领域 (codes) */
  responsibleDomains: string[];
  registeredAt: string;
  updatedAt: string;
}

/** The catalogue's own list of units, for the portal and the staff console. */
export class CatalogueUnitsProjection implements Projection {
  readonly name = 'catalogue.units';
  readonly collections = ['units'];
  readonly eventTypes = [
    'catalogue.UnitRegistered',
    'catalogue.UnitRenamed',
    'catalogue.UnitOpennessOfficeDesignated',
    'catalogue.UnitResponsibleDomainsAssigned',
  ];

  constructor(private readonly connection: Connection) {}

  private get units() {
    return this.connection.collection('units');
  }

  async handle(event: EventEnvelope): Promise<void> {
    await projectDocument<UnitView>(this.units, event.data.unitId as string, event, (current) => {
      const unit = current ? (withoutMeta(current) as UnitView) : null;
      switch (event.type) {
        case 'catalogue.UnitRegistered': {
          const data = event.data as UnitRegistered;
          return {
            unitId: data.unitId,
            name: data.name,
            level: data.level,
            kind: data.kind,
            opennessOffice: null,
            responsibleDomains: [],
            registeredAt: event.occurredAt,
            updatedAt: event.occurredAt,
          };
        }
        case 'catalogue.UnitRenamed':
          return unit && { ...unit, name: (event.data as UnitRenamed).name, updatedAt: event.occurredAt };
        case 'catalogue.UnitOpennessOfficeDesignated': {
          const { office, officerName, officerPhone } = event.data as UnitOpennessOfficeDesignated;
          return (
            unit && {
              ...unit,
              opennessOffice: { office, officerName, ...(officerPhone ? { officerPhone } : {}) },
              updatedAt: event.occurredAt,
            }
          );
        }
        case 'catalogue.UnitResponsibleDomainsAssigned':
          return (
            unit && { ...unit, responsibleDomains: (event.data as UnitResponsibleDomainsAssigned).domainCodes, updatedAt: event.occurredAt }
          );
        default:
          return unit;
      }
    });
  }

  async list(): Promise<UnitView[]> {
    const docs = await this.units.find({}, { sort: { level: 1, unitId: 1 } }).toArray();
    return docs.map(unitView);
  }

  async get(unitId: string): Promise<UnitView | null> {
    const doc = await this.units.findOne({ _id: unitId as never });
    if (!doc) return null;
    return unitView(doc);
  }
}

/** Units registered before responsible domains existed have none. */
function unitView(doc: object): UnitView {
  return { responsibleDomains: [], ...viewOf<Omit<UnitView, 'responsibleDomains'> & Partial<UnitView>>(doc) };
}

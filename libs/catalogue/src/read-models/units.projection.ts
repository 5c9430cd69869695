import type {
  EventEnvelope,
  UnitOpennessOfficeDesignated,
  UnitRegistered,
  UnitRenamed,
  UnitResponsibleDomainsAssigned,
} from '@gongkai/contracts';
import { asTyped, BatchedProjection, documentChange, withoutMeta, type TypedEnvelope, viewOf } from '@gongkai/platform';

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

type UnitEnvelope =
  | TypedEnvelope<'catalogue.UnitRegistered', UnitRegistered>
  | TypedEnvelope<'catalogue.UnitRenamed', UnitRenamed>
  | TypedEnvelope<'catalogue.UnitOpennessOfficeDesignated', UnitOpennessOfficeDesignated>
  | TypedEnvelope<'catalogue.UnitResponsibleDomainsAssigned', UnitResponsibleDomainsAssigned>;

/** The catalogue's own list of units, for the portal and the staff console. */
export class CatalogueUnitsProjection extends BatchedProjection {
  readonly name = 'catalogue.units';
  readonly collections = ['units'];
  readonly eventTypes = [
    'catalogue.UnitRegistered',
    'catalogue.UnitRenamed',
    'catalogue.UnitOpennessOfficeDesignated',
    'catalogue.UnitResponsibleDomainsAssigned',
  ];

  private get units() {
    return this.connection.collection('units');
  }

  changesOf(envelope: EventEnvelope) {
    const event = asTyped<UnitEnvelope>(envelope);
    return [
      documentChange<UnitView>('units', event.data.unitId, (current) => {
        const unit = current ? (withoutMeta(current) as UnitView) : null;
        switch (event.type) {
          case 'catalogue.UnitRegistered': {
            const { data } = event;
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
            return unit && { ...unit, name: event.data.name, updatedAt: event.occurredAt };
          case 'catalogue.UnitOpennessOfficeDesignated': {
            const { office, officerName, officerPhone } = event.data;
            return (
              unit && {
                ...unit,
                opennessOffice: { office, officerName, ...(officerPhone ? { officerPhone } : {}) },
                updatedAt: event.occurredAt,
              }
            );
          }
          case 'catalogue.UnitResponsibleDomainsAssigned':
            return unit && { ...unit, responsibleDomains: event.data.domainCodes, updatedAt: event.occurredAt };
          default:
            return unit;
        }
      }),
    ];
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

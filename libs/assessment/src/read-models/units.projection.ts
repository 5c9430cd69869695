import type { EventEnvelope, UnitOpennessOfficeDesignated, UnitRegistered, UnitRenamed } from '@gongkai/contracts';
import {
  asTyped,
  BatchedProjection,
  documentChange,
  type DocumentChange,
  withoutMeta,
  type TypedEnvelope,
  viewOf,
} from '@gongkai/platform';

/** What assessment knows of a unit: who it is, and whether it has an openness office and officer. */
export interface AssessedUnit {
  unitId: string;
  name: string;
  level: string;
  kind: string;
  /** 有机构承担、有专人负责: an assessment fact. */
  hasOpennessOffice: boolean;
  opennessOffice: string | null;
  officerName: string | null;
  /** The catalogue events this document was built from, for explaining scores. */
  sourceEventIds: string[];
}

type UnitEnvelope =
  | TypedEnvelope<'catalogue.UnitRegistered', UnitRegistered>
  | TypedEnvelope<'catalogue.UnitRenamed', UnitRenamed>
  | TypedEnvelope<'catalogue.UnitOpennessOfficeDesignated', UnitOpennessOfficeDesignated>;

export class AssessmentUnitsProjection extends BatchedProjection {
  readonly name = 'assessment.units';
  readonly collections = ['units'];
  readonly eventTypes = ['catalogue.UnitRegistered', 'catalogue.UnitRenamed', 'catalogue.UnitOpennessOfficeDesignated'];

  private get units() {
    return this.connection.collection('units');
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<UnitEnvelope>(envelope);
    return [
      documentChange<AssessedUnit>('units', event.data.unitId, (current) => {
        const unit = current ? (withoutMeta(current) as AssessedUnit) : null;
        const sourceEventIds = [...(unit?.sourceEventIds ?? []), event.eventId];
        switch (event.type) {
          case 'catalogue.UnitRegistered': {
            const { unitId, name, level, kind } = event.data;
            return { unitId, name, level, kind, hasOpennessOffice: false, opennessOffice: null, officerName: null, sourceEventIds };
          }
          case 'catalogue.UnitRenamed':
            return unit && { ...unit, name: event.data.name, sourceEventIds };
          case 'catalogue.UnitOpennessOfficeDesignated': {
            const { office, officerName } = event.data;
            return unit && { ...unit, hasOpennessOffice: true, opennessOffice: office, officerName, sourceEventIds };
          }
          default:
            return unit;
        }
      }),
    ];
  }

  async list(): Promise<AssessedUnit[]> {
    const docs = await this.units.find({}, { sort: { unitId: 1 } }).toArray();
    return docs.map((doc) => viewOf<AssessedUnit>(doc));
  }

  async get(unitId: string): Promise<AssessedUnit | null> {
    const doc = await this.units.findOne({ _id: unitId as never });
    if (!doc) return null;
    return viewOf<AssessedUnit>(doc);
  }
}

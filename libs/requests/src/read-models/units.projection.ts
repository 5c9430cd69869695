import type { EventEnvelope, UnitRegistered, UnitRenamed } from '@gongkai/contracts';
import { asTyped, BatchedProjection, documentChange, type DocumentChange, type TypedEnvelope } from '@gongkai/platform';

/** The catalogue's unit events that carry a unit's name. */
export type UnitNamed = TypedEnvelope<'catalogue.UnitRegistered', UnitRegistered> | TypedEnvelope<'catalogue.UnitRenamed', UnitRenamed>;

/** Unit names from the catalogue's events, for the letters' signature (the requests service keeps its own copy). */
export class RequestsUnitsProjection extends BatchedProjection {
  readonly name = 'requests.units';
  readonly collections = ['units'];
  readonly eventTypes = ['catalogue.UnitRegistered', 'catalogue.UnitRenamed'];

  private get units() {
    return this.connection.collection('units');
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<UnitNamed>(envelope);
    const { unitId, name } = event.data;
    return [documentChange<{ unitId: string; name: string }>('units', unitId, () => ({ unitId, name }))];
  }

  async nameOf(unitId: string): Promise<string> {
    const doc = await this.units.findOne({ _id: unitId as never });
    return (doc?.name as string | undefined) ?? unitId;
  }
}

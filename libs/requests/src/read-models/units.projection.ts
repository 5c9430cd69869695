import type { Connection } from 'mongoose';
import type { EventEnvelope, UnitRegistered, UnitRenamed } from '@gongkai/contracts';
import { asTyped, projectDocument, type Projection, type TypedEnvelope } from '@gongkai/platform';

/** The catalogue's unit events that carry a unit's name. */
export type UnitNamed = TypedEnvelope<'catalogue.UnitRegistered', UnitRegistered> | TypedEnvelope<'catalogue.UnitRenamed', UnitRenamed>;

/**
 * The units from the catalogue's events (the requests service keeps its own copy): their names for the
 * letters' signature, and which exist, for the filing and transfer checks. As current as the consumer:
 * a unit registered moments ago may not be here yet.
 */
export class RequestsUnitsProjection implements Projection {
  readonly name = 'requests.units';
  readonly collections = ['units'];
  readonly eventTypes = ['catalogue.UnitRegistered', 'catalogue.UnitRenamed'];

  constructor(private readonly connection: Connection) {}

  private get units() {
    return this.connection.collection('units');
  }

  async handle(envelope: EventEnvelope): Promise<void> {
    const event = asTyped<UnitNamed>(envelope);
    const { unitId, name } = event.data;
    await projectDocument<{ unitId: string; name: string }>(this.units, unitId, envelope, () => ({ unitId, name }));
  }

  /** Whether the catalogue has registered the unit (every registered unit handles requests; none is dissolved yet). */
  async exists(unitId: string): Promise<boolean> {
    return (await this.units.countDocuments({ _id: unitId as never }, { limit: 1 })) > 0;
  }

  async nameOf(unitId: string): Promise<string> {
    const doc = await this.units.findOne({ _id: unitId as never });
    return (doc?.name as string | undefined) ?? unitId;
  }
}

import type { Connection } from 'mongoose';
import type { EventEnvelope } from '@gongkai/contracts';
import { projectDocument, type Projection } from '@gongkai/platform';

/** Unit names from the catalogue's events, for the letters' signature (the requests service keeps its own copy). */
export class RequestsUnitsProjection implements Projection {
  readonly name = 'requests.units';
  readonly collections = ['units'];
  readonly eventTypes = ['catalogue.UnitRegistered', 'catalogue.UnitRenamed'];

  constructor(private readonly connection: Connection) {}

  private get units() {
    return this.connection.collection('units');
  }

  async handle(event: EventEnvelope): Promise<void> {
    const { unitId, name } = event.data as { unitId: string; name: string };
    await projectDocument<{ unitId: string; name: string }>(this.units, unitId, event, () => ({ unitId, name }));
  }

  async nameOf(unitId: string): Promise<string> {
    const doc = await this.units.findOne({ _id: unitId as never });
    return (doc?.name as string | undefined) ?? unitId;
  }
}

import type { Connection } from 'mongoose';
import type { EventEnvelope, UnitGuidePublished } from '@gongkai/contracts';
import { asTyped, projectDocument, viewOf, type Projection, type TypedEnvelope } from '@gongkai/platform';

/** The current version of each unit's 政府信息公开指南. */
export class CatalogueGuidesProjection implements Projection {
  readonly name = 'catalogue.guides';
  readonly collections = ['guides'];
  readonly eventTypes = ['catalogue.UnitGuidePublished'];

  constructor(private readonly connection: Connection) {}

  private get guides() {
    return this.connection.collection('guides');
  }

  async handle(envelope: EventEnvelope): Promise<void> {
    const event = asTyped<TypedEnvelope<'catalogue.UnitGuidePublished', UnitGuidePublished>>(envelope);
    await projectDocument<UnitGuidePublished>(this.guides, event.data.unitId, envelope, () => event.data);
  }

  async get(unitId: string): Promise<UnitGuidePublished | null> {
    const doc = await this.guides.findOne({ _id: unitId as never });
    return doc ? viewOf<UnitGuidePublished>(doc) : null;
  }

  async all(): Promise<UnitGuidePublished[]> {
    return (await this.guides.find({}).toArray()).map((d) => viewOf<UnitGuidePublished>(d));
  }
}

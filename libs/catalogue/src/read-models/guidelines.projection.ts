import type { Connection } from 'mongoose';
import type { EventEnvelope, GuidelineItem, GuidelineVersionLoaded } from '@gongkai/contracts';
import { asTyped, projectDocument, type Projection, type TypedEnvelope, viewOf } from '@gongkai/platform';

export interface GuidelineVersionView extends GuidelineVersionLoaded {
  loadedAt: string;
}

/** The versions of the guideline reference data (标准指引); the newest is in force. */
export class CatalogueGuidelinesProjection implements Projection {
  readonly name = 'catalogue.guidelines';
  readonly collections = ['guidelines'];
  readonly eventTypes = ['catalogue.GuidelineVersionLoaded'];

  constructor(private readonly connection: Connection) {}

  private get guidelines() {
    return this.connection.collection('guidelines');
  }

  async handle(envelope: EventEnvelope): Promise<void> {
    const event = asTyped<TypedEnvelope<'catalogue.GuidelineVersionLoaded', GuidelineVersionLoaded>>(envelope);
    const { data } = event;
    await projectDocument<GuidelineVersionView>(this.guidelines, `v${data.version}`, event, () => ({
      ...data,
      loadedAt: event.occurredAt,
    }));
  }

  async current(): Promise<GuidelineVersionView | null> {
    const [doc] = await this.guidelines.find({}, { sort: { version: -1 }, limit: 1 }).toArray();
    if (!doc) return null;
    return viewOf<GuidelineVersionView>(doc);
  }

  async currentItems(): Promise<GuidelineItem[]> {
    return (await this.current())?.items ?? [];
  }

  async versions(): Promise<Omit<GuidelineVersionView, 'items'>[]> {
    const docs = await this.guidelines.find({}, { sort: { version: 1 }, projection: { items: 0 } }).toArray();
    return docs.map((doc) => viewOf<GuidelineVersionView>(doc));
  }
}

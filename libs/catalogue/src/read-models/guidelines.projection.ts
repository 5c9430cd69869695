import type { Connection } from 'mongoose';
import type { EventEnvelope, GuidelineItem, GuidelineVersionLoaded } from '@gongkai/contracts';
import { projectDocument, type Projection, viewOf } from '@gongkai/platform';

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

  async handle(event: EventEnvelope): Promise<void> {
    const data = event.data as GuidelineVersionLoaded;
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

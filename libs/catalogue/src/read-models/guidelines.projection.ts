import type { EventEnvelope, GuidelineItem, GuidelineVersionLoaded } from '@gongkai/contracts';
import { asTyped, BatchedProjection, documentChange, type DocumentChange, type TypedEnvelope, viewOf } from '@gongkai/platform';

export interface GuidelineVersionView extends GuidelineVersionLoaded {
  loadedAt: string;
}

/** The versions of the guideline reference data (标准指引); the newest is in force. */
export class CatalogueGuidelinesProjection extends BatchedProjection {
  readonly name = 'catalogue.guidelines';
  readonly collections = ['guidelines'];
  readonly eventTypes = ['catalogue.GuidelineVersionLoaded'];

  private get guidelines() {
    return this.connection.collection('guidelines');
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<TypedEnvelope<'catalogue.GuidelineVersionLoaded', GuidelineVersionLoaded>>(envelope);
    const { data } = event;
    return [
      documentChange<GuidelineVersionView>('guidelines', `v${data.version}`, () => ({
        ...data,
        loadedAt: event.occurredAt,
      })),
    ];
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

import type { EventEnvelope, ParticipationCataloguePublished } from '@gongkai/contracts';
import {
  asTyped,
  BatchedProjection,
  documentChange,
  type DocumentChange,
  withoutMeta,
  type TypedEnvelope,
  viewOf,
} from '@gongkai/platform';

export interface ParticipationCatalogueView extends ParticipationCataloguePublished {
  publishedAt: string;
}

/** Each unit's current participation catalogue (`_id` = unit id); earlier versions stay in the event store. */
export class ParticipationCataloguesProjection extends BatchedProjection {
  readonly name = 'interpretation.participation-catalogues';
  readonly collections = ['participation-catalogues'];
  readonly eventTypes = ['interpretation.ParticipationCataloguePublished'];

  private get catalogues() {
    return this.connection.collection('participation-catalogues');
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<TypedEnvelope<'interpretation.ParticipationCataloguePublished', ParticipationCataloguePublished>>(envelope);
    const published = event.data;
    return [
      documentChange<ParticipationCatalogueView>('participation-catalogues', published.unitId, (current) => {
        const catalogue = current ? (withoutMeta(current) as ParticipationCatalogueView) : null;
        return catalogue && catalogue.version >= published.version ? catalogue : { ...published, publishedAt: event.occurredAt };
      }),
    ];
  }

  async get(unitId: string): Promise<ParticipationCatalogueView | null> {
    const doc = await this.catalogues.findOne({ _id: unitId as never });
    if (!doc) return null;
    return viewOf<ParticipationCatalogueView>(doc);
  }
}

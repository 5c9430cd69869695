import type {
  EventEnvelope,
  NegativeEntryContent,
  NegativeEntryDrafted,
  NegativeEntryPublished,
  NegativeEntryReviewed,
  NegativeEntryWithdrawn,
} from '@gongkai/contracts';
import {
  asTyped,
  BatchedProjection,
  documentChange,
  type DocumentChange,
  withoutMeta,
  type TypedEnvelope,
  viewOf,
} from '@gongkai/platform';
import { isReviewOverdue } from '../domain/negative-entry';

export interface NegativeEntryView {
  entryId: string;
  ownerUnitId: string;
  status: 'draft' | 'published' | 'withdrawn';
  content: NegativeEntryContent;
  publishedAt: string | null;
  reviews: { reviewedOn: string; note: string; by: string }[];
  withdrawal: { at: string; reason: string } | null;
  updatedAt: string;
}

type NegativeEntryEnvelope =
  | TypedEnvelope<'catalogue.NegativeEntryDrafted', NegativeEntryDrafted>
  | TypedEnvelope<'catalogue.NegativeEntryAmended', NegativeEntryDrafted>
  | TypedEnvelope<'catalogue.NegativeEntryPublished', NegativeEntryPublished>
  | TypedEnvelope<'catalogue.NegativeEntryReviewed', NegativeEntryReviewed>
  | TypedEnvelope<'catalogue.NegativeEntryWithdrawn', NegativeEntryWithdrawn>;

/** The negative list (负面清单). */
export class CatalogueNegativeListProjection extends BatchedProjection {
  readonly name = 'catalogue.negative-list';
  readonly collections = ['negative_list'];
  readonly eventTypes = [
    'catalogue.NegativeEntryDrafted',
    'catalogue.NegativeEntryAmended',
    'catalogue.NegativeEntryPublished',
    'catalogue.NegativeEntryReviewed',
    'catalogue.NegativeEntryWithdrawn',
  ];

  private get entries() {
    return this.connection.collection('negative_list');
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<NegativeEntryEnvelope>(envelope);
    return [
      documentChange<NegativeEntryView>('negative_list', event.data.entryId, (current) => {
        const entry = current ? (withoutMeta(current) as NegativeEntryView) : null;
        const base = { updatedAt: event.occurredAt };
        switch (event.type) {
          case 'catalogue.NegativeEntryDrafted': {
            const { entryId, ownerUnitId, content } = event.data;
            return { entryId, ownerUnitId, status: 'draft' as const, content, publishedAt: null, reviews: [], withdrawal: null, ...base };
          }
          case 'catalogue.NegativeEntryAmended':
            return entry && { ...entry, content: event.data.content, ...base };
          case 'catalogue.NegativeEntryPublished':
            return entry && { ...entry, status: 'published' as const, publishedAt: event.data.publishedAt, ...base };
          case 'catalogue.NegativeEntryReviewed': {
            const { reviewedOn, note } = event.data;
            return (
              entry && {
                ...entry,
                content: { ...entry.content, lastReviewedOn: reviewedOn },
                reviews: [...entry.reviews, { reviewedOn, note, by: event.actor.userId }],
                ...base,
              }
            );
          }
          case 'catalogue.NegativeEntryWithdrawn':
            return (
              entry && {
                ...entry,
                status: 'withdrawn' as const,
                withdrawal: { at: event.occurredAt, reason: event.data.reason },
                ...base,
              }
            );
          default:
            return entry;
        }
      }),
    ];
  }

  async get(entryId: string): Promise<NegativeEntryView | null> {
    const doc = await this.entries.findOne({ _id: entryId as never });
    if (!doc) return null;
    return viewOf<NegativeEntryView>(doc);
  }

  /** Entries with the flag `reviewOverdue` (not reviewed for 12 months as of `today`). */
  async list(
    filter: { status?: string; ownerUnitId?: string },
    today: string,
  ): Promise<(NegativeEntryView & { reviewOverdue: boolean })[]> {
    const docs = await this.entries.find(filter, { sort: { ownerUnitId: 1, entryId: 1 } }).toArray();
    return docs.map((doc) => {
      const entry = viewOf<NegativeEntryView>(doc);
      return { ...entry, reviewOverdue: entry.status !== 'withdrawn' && isReviewOverdue(entry.content.lastReviewedOn, today) };
    });
  }
}

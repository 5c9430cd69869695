import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { EventEnvelope, ItemPublished, ItemRevised } from '@gongkai/contracts';
import { asTyped, DomainError, projectDocument, viewOf, type Projection, type TypedEnvelope } from '@gongkai/platform';

/** One new publication, for the Atom feeds and the subscribers' e-mails. */
export interface PublicationEntry {
  /** The event's id: one entry per publication event. */
  entryId: string;
  kind: 'document' | 'item';
  unitId: string;
  /** The domains it belongs to: an item's own, a document's through the catalogue items it implements. */
  domainCodes: string[];
  title: string;
  summary: string;
  /** Where the public reads it: the document's publication address, or the item's portal path (`/items/<id>`). */
  link: string;
  publishedAt: string;
}

/** This service's own reading of document-attributes' events: only the fields used here. */
const documentRegisteredShape = z.object({
  documentId: z.string().min(1),
  unitId: z.string().min(1),
  title: z.string().min(1),
  documentNumber: z.string().min(1),
  catalogueItemIds: z.array(z.string()),
});
const publicationRecordedShape = z.object({
  documentId: z.string().min(1),
  unitId: z.string().min(1),
  url: z.string().min(1),
  publishedOn: z.string().min(10),
});
type DocumentRef = z.infer<typeof documentRegisteredShape>;

/** A foreign event without the fields read here cannot succeed on retry: parked. */
function consumed<T>(shape: z.ZodType<T>, event: EventEnvelope): T {
  const parsed = shape.safeParse(event.data);
  if (!parsed.success) throw DomainError.validation('PUBLICATION_SHAPE', `公文事件缺少所需字段：${event.type}`);
  return parsed.data;
}

type ItemEvent = TypedEnvelope<'catalogue.ItemPublished', ItemPublished> | TypedEnvelope<'catalogue.ItemRevised', ItemRevised>;

/**
 * The publications feed (精准推送, Atom): published and revised catalogue items, and documents of
 * document-attributes when their publication is recorded (their domains through the catalogue items
 * they were registered with). Newest first per unit or domain.
 */
export class CataloguePublicationsProjection implements Projection {
  readonly name = 'catalogue.publications';
  readonly collections = ['publications', 'document_refs'];
  /** A document's domains come from the items read model: it has applied everything up to the event. */
  readonly readsAfter = ['catalogue.items'];
  readonly eventTypes = [
    'catalogue.ItemPublished',
    'catalogue.ItemRevised',
    'document-attributes.DocumentRegistered',
    'document-attributes.PublicationRecorded',
  ];

  constructor(private readonly connection: Connection) {}

  private get publications() {
    return this.connection.collection('publications');
  }

  private get documentRefs() {
    return this.connection.collection('document_refs');
  }

  private get items() {
    return this.connection.collection('items');
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (event.type === 'document-attributes.DocumentRegistered') {
      const ref = consumed(documentRegisteredShape, event);
      await projectDocument<DocumentRef>(this.documentRefs, ref.documentId, event, () => ref);
      return;
    }
    const entry = event.type === 'document-attributes.PublicationRecorded' ? await this.documentEntry(event) : this.itemEntry(event);
    if (entry) await projectDocument<PublicationEntry>(this.publications, entry.entryId, event, () => entry);
  }

  private itemEntry(envelope: EventEnvelope): PublicationEntry {
    const event = asTyped<ItemEvent>(envelope);
    const { itemId, unitId, domainCode, content } = event.data;
    const name = content.secondLevel ? `${content.firstLevel}：${content.secondLevel}` : content.firstLevel;
    return {
      entryId: event.eventId,
      kind: 'item',
      unitId,
      domainCodes: [domainCode],
      title: `${event.type === 'catalogue.ItemRevised' ? '公开事项更新' : '新增公开事项'}：${name}`,
      summary: content.content ?? name,
      link: `/items/${itemId}`,
      publishedAt: event.data.publishedAt,
    };
  }

  private async documentEntry(event: EventEnvelope): Promise<PublicationEntry | null> {
    const published = consumed(publicationRecordedShape, event);
    const ref = await this.documentRefs.findOne({ _id: published.documentId as never });
    if (!ref) return null; // registered before this read model existed: a rebuild fills it
    const document = viewOf<DocumentRef>(ref);
    const items = document.catalogueItemIds.length
      ? await this.items.find({ _id: { $in: document.catalogueItemIds as never[] } }, { projection: { domainCode: 1 } }).toArray()
      : [];
    return {
      entryId: event.eventId,
      kind: 'document',
      unitId: published.unitId,
      domainCodes: [...new Set(items.map((i) => i.domainCode as string))],
      title: document.title,
      summary: `${document.title}（${document.documentNumber}）`,
      link: published.url,
      publishedAt: `${published.publishedOn}T00:00:00+08:00`,
    };
  }

  async get(entryId: string): Promise<PublicationEntry | null> {
    const doc = await this.publications.findOne({ _id: entryId as never });
    return doc ? viewOf<PublicationEntry>(doc) : null;
  }

  /** The newest entries of a unit or a domain. */
  async latest(filter: { unitId: string } | { domainCode: string }, limit = 50): Promise<PublicationEntry[]> {
    const query = 'unitId' in filter ? { unitId: filter.unitId } : { domainCodes: filter.domainCode };
    const docs = await this.publications.find(query, { sort: { publishedAt: -1, _id: 1 }, limit }).toArray();
    return docs.map((d) => viewOf<PublicationEntry>(d));
  }
}

import type { Connection } from 'mongoose';
import { z } from 'zod';
import type {
  ChecklistContentLinked,
  ChecklistContentUnlinked,
  ChecklistLinkProposed,
  ChecklistProposalDismissed,
  EventEnvelope,
} from '@gongkai/contracts';
import { appliedRevision, asTyped, DomainError, projectDocument, viewOf, type Projection, type TypedEnvelope } from '@gongkai/platform';
import { checklistStreamId, entryKey, type ChecklistEntry } from '../domain/checklist';

/** A unit's checklist as stored (lists, not keyed objects: ids may hold dots). */
export interface ChecklistDoc {
  unitId: string;
  links: (ChecklistEntry & { linkedAt: string })[];
  proposals: (ChecklistEntry & { matched: string[]; proposedAt: string })[];
}

type Handled =
  | TypedEnvelope<'catalogue.ChecklistContentLinked', ChecklistContentLinked>
  | TypedEnvelope<'catalogue.ChecklistContentUnlinked', ChecklistContentUnlinked>
  | TypedEnvelope<'catalogue.ChecklistLinkProposed', ChecklistLinkProposed>
  | TypedEnvelope<'catalogue.ChecklistProposalDismissed', ChecklistProposalDismissed>;

const others = <T extends ChecklistEntry>(list: T[], key: string) => list.filter((e) => entryKey(e) !== key);

/** Each unit's proactive-disclosure checklist: its links and the proposals waiting for the officer. */
export class CatalogueChecklistProjection implements Projection {
  readonly name = 'catalogue.checklists';
  readonly collections = ['checklists'];
  readonly eventTypes = [
    'catalogue.ChecklistContentLinked',
    'catalogue.ChecklistContentUnlinked',
    'catalogue.ChecklistLinkProposed',
    'catalogue.ChecklistProposalDismissed',
  ];

  constructor(private readonly connection: Connection) {}

  private get checklists() {
    return this.connection.collection('checklists');
  }

  async handle(envelope: EventEnvelope): Promise<void> {
    const event = asTyped<Handled>(envelope);
    const { unitId } = event.data;
    const key = entryKey(event.data);
    await projectDocument<ChecklistDoc>(this.checklists, unitId, envelope, (current) => {
      const doc: ChecklistDoc = current ? viewOf<ChecklistDoc>(current) : { unitId, links: [], proposals: [] };
      switch (event.type) {
        case 'catalogue.ChecklistContentLinked': {
          const { categoryCode, targetKind, targetId, title } = event.data;
          const link = { categoryCode, targetKind, targetId, title, linkedAt: event.occurredAt };
          return { ...doc, links: [...others(doc.links, key), link], proposals: others(doc.proposals, key) };
        }
        case 'catalogue.ChecklistContentUnlinked':
          return { ...doc, links: others(doc.links, key) };
        case 'catalogue.ChecklistLinkProposed': {
          const { categoryCode, targetKind, targetId, title, matched } = event.data;
          const proposal = { categoryCode, targetKind, targetId, title, matched, proposedAt: event.occurredAt };
          return { ...doc, proposals: [...others(doc.proposals, key), proposal] };
        }
        case 'catalogue.ChecklistProposalDismissed':
          return { ...doc, proposals: others(doc.proposals, key) };
      }
    });
  }

  /** The unit's checklist and the revision of its stream it reflects (-1: nothing recorded yet). */
  async get(unitId: string): Promise<ChecklistDoc & { revision: number }> {
    const doc = await this.checklists.findOne({ _id: unitId as never });
    if (!doc) return { unitId, links: [], proposals: [], revision: -1 };
    return { ...viewOf<ChecklistDoc>(doc), revision: appliedRevision(doc, checklistStreamId(unitId)) };
  }

  async all(): Promise<ChecklistDoc[]> {
    return (await this.checklists.find({}).toArray()).map((d) => viewOf<ChecklistDoc>(d));
  }
}

/** An issued 主动公开 document as the checklist reads it (catalogue's own reading of document-attributes' events). */
export interface DisclosedDocument {
  documentId: string;
  unitId: string;
  title: string;
  documentNumber: string;
  documentType: string;
  issuedOn: string;
  /** Where the public reads it, once its publication is recorded. */
  url: string | null;
  /** 失效 / 废止 */
  invalidated: boolean;
}

/** This service's own consumer schemas: only the fields read here. */
export const consumedIssuedShape = z.object({
  documentId: z.string().min(1),
  unitId: z.string().min(1),
  title: z.string().min(1),
  documentNumber: z.string().min(1),
  documentType: z.string().min(1),
  attribute: z.string().min(1),
  issuedOn: z.string().min(10),
});
const publishedShape = z.object({ documentId: z.string().min(1), url: z.string().min(1) });
const invalidatedShape = z.object({ documentId: z.string().min(1) });

export function consumed<T>(shape: z.ZodType<T>, event: EventEnvelope): T {
  const parsed = shape.safeParse(event.data);
  if (!parsed.success) throw DomainError.validation('CHECKLIST_DOCUMENT_SHAPE', `公文事件缺少所需字段：${event.type}`);
  return parsed.data;
}

/** The 主动公开 documents each unit issued: what a checklist category can be linked to. */
export class CatalogueDisclosedDocumentsProjection implements Projection {
  readonly name = 'catalogue.disclosed-documents';
  readonly collections = ['disclosed_documents'];
  readonly eventTypes = [
    'document-attributes.DocumentIssued',
    'document-attributes.PublicationRecorded',
    'document-attributes.DocumentInvalidated',
  ];

  constructor(private readonly connection: Connection) {}

  private get documents() {
    return this.connection.collection('disclosed_documents');
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (event.type === 'document-attributes.DocumentIssued') {
      const { attribute, ...issued } = consumed(consumedIssuedShape, event);
      if (attribute !== '主动公开') return;
      await projectDocument<DisclosedDocument>(this.documents, issued.documentId, event, () => ({
        ...issued,
        url: null,
        invalidated: false,
      }));
      return;
    }
    const { documentId, ...rest } = consumed<{ documentId: string; url?: string }>(
      event.type === 'document-attributes.PublicationRecorded' ? publishedShape : invalidatedShape,
      event,
    );
    await projectDocument<DisclosedDocument>(this.documents, documentId, event, (current) => {
      if (!current) return null; // not a 主动公开 document
      const doc = viewOf<DisclosedDocument>(current);
      return event.type === 'document-attributes.PublicationRecorded' ? { ...doc, url: rest.url ?? null } : { ...doc, invalidated: true };
    });
  }

  async get(documentId: string): Promise<DisclosedDocument | null> {
    const doc = await this.documents.findOne({ _id: documentId as never });
    return doc ? viewOf<DisclosedDocument>(doc) : null;
  }

  /** The unit's documents in force, newest first, at most `limit` (what the officer picks from). */
  async ofUnit(unitId: string, limit = 200): Promise<DisclosedDocument[]> {
    return (await this.documents.find({ unitId, invalidated: false }, { sort: { issuedOn: -1, _id: 1 }, limit }).toArray()).map((d) =>
      viewOf<DisclosedDocument>(d),
    );
  }
}

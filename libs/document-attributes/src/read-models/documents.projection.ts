import type { EventEnvelope } from '@gongkai/contracts';
import { appliedRevision, asTyped, BatchedProjection, documentChange, type DocumentChange, withoutMeta } from '@gongkai/platform';
import { documentStreamId } from '../domain/document';
import {
  applyToDocumentView,
  DOCUMENT_VIEW_EVENT_TYPES,
  isPublicationOverdue,
  PUBLIC_FILTER,
  toPublicDocument,
  type DocumentEnvelope,
  type DocumentView,
  type PublicDocument,
} from './document-view';

const strip = ({ _id, ...doc }: Record<string, unknown>) => withoutMeta(doc) as unknown as DocumentView;

/** Annual report Table 2 (规章 and 行政规范性文件): 本年制发件数, 本年废止件数, 现行有效件数. */
export interface DocumentFigures {
  year: number;
  unitId: string | null;
  rows: { documentType: '规章' | '行政规范性文件'; issued: number; repealed: number; expired: number; inForce: number }[];
}

export interface ReviewProgress {
  year: number;
  units: { unitId: string; tasks: number; open: number; kept: number; released: number; complete: boolean }[];
}

/** Computes Table 2 from document views (which are built from events only). Pure. */
export function computeFigures(views: readonly DocumentView[], year: number, unitId: string | null): DocumentFigures {
  const end = `${year}-12-31`;
  const start = `${year}-01-01`;
  const inYear = (date: string | null) => date !== null && date >= start && date <= end;
  const rows = (['规章', '行政规范性文件'] as const).map((documentType) => {
    const ofType = views.filter((v) => v.documentType === documentType && v.issuedOn !== null && (!unitId || v.unitId === unitId));
    const invalidatedIn = (status: string) => ofType.filter((v) => v.validity === status && inYear(v.invalidatedOn)).length;
    return {
      documentType,
      issued: ofType.filter((v) => inYear(v.issuedOn)).length,
      repealed: invalidatedIn('废止'),
      expired: invalidatedIn('失效'),
      inForce: ofType.filter((v) => (v.issuedOn ?? '') <= end && (v.validity === '现行有效' || (v.invalidatedOn ?? '') > end)).length,
    };
  });
  return { year, unitId, rows };
}

/** The documents read model: staff views, portal queries, overdue publications, figures. */
export class DocumentsProjection extends BatchedProjection {
  readonly name = 'document-attributes.documents';
  readonly collections = ['documents'];
  readonly eventTypes = DOCUMENT_VIEW_EVENT_TYPES;

  private get documents() {
    return this.connection.collection('documents');
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<DocumentEnvelope>(envelope);
    return [
      documentChange<DocumentView>('documents', event.data.documentId, (current) =>
        applyToDocumentView(current ? (withoutMeta(current) as DocumentView) : null, event),
      ),
    ];
  }

  /** The document with the revision of its stream it reflects (see `appliedRevision`). */
  async get(documentId: string): Promise<(DocumentView & { revision: number }) | null> {
    const doc = await this.documents.findOne({ _id: documentId as never });
    return doc && { ...strip(doc), revision: appliedRevision(doc, documentStreamId(documentId)) };
  }

  /** The highest revision of the document's stream applied here (-1: none): lets tests wait for catch-up. */
  async appliedRevision(documentId: string): Promise<number> {
    const doc = await this.documents.findOne({ _id: documentId as never });
    return doc ? appliedRevision(doc, documentStreamId(documentId)) : -1;
  }

  async list(filter: { unitId?: string; attribute?: string; phase?: string }): Promise<DocumentView[]> {
    const query: Record<string, unknown> = {};
    if (filter.unitId) query.unitId = filter.unitId;
    if (filter.attribute) query.attribute = filter.attribute;
    if (filter.phase) query.phase = filter.phase;
    const docs = await this.documents.find(query, { sort: { registeredAt: -1 } }).toArray();
    return docs.map(strip);
  }

  /** Documents that a review cycle must re-assess: issued, in force, not proactive. */
  async withheldInForce(): Promise<DocumentView[]> {
    const docs = await this.documents
      .find({ phase: 'issued', validity: '现行有效', attribute: { $in: ['依申请公开', '不予公开'] } })
      .toArray();
    return docs.map(strip);
  }

  // ---- public (portal) queries: every one filters on PUBLIC_FILTER and maps through toPublicDocument

  async listPublic(filter: { unitId?: string; q?: string; documentType?: string }): Promise<PublicDocument[]> {
    const query: Record<string, unknown> = { ...PUBLIC_FILTER };
    if (filter.unitId) query.unitId = filter.unitId;
    if (filter.documentType) query.documentType = filter.documentType;
    const docs = await this.documents.find(query, { sort: { issuedOn: -1 } }).toArray();
    const needle = filter.q?.trim();
    return docs
      .map(strip)
      .filter((v) => !needle || v.title.includes(needle) || v.documentNumber.includes(needle))
      .map(toPublicDocument)
      .filter((d): d is PublicDocument => d !== null);
  }

  async getPublic(documentId: string): Promise<PublicDocument | null> {
    const doc = await this.documents.findOne({ _id: documentId as never, ...PUBLIC_FILTER });
    return doc ? toPublicDocument(strip(doc)) : null;
  }

  /** Public documents among these ids (for the portal's cleanup lists). */
  async publicAmong(documentIds: string[]): Promise<Map<string, PublicDocument>> {
    if (documentIds.length === 0) return new Map();
    const docs = await this.documents.find({ _id: { $in: documentIds as never[] }, ...PUBLIC_FILTER }).toArray();
    return new Map(
      docs
        .map(strip)
        .map(toPublicDocument)
        .filter((d): d is PublicDocument => d !== null)
        .map((d) => [d.documentId, d]),
    );
  }

  // ---- staff queries

  async overdue(asOf: string, unitId?: string): Promise<DocumentView[]> {
    const query: Record<string, unknown> = { attribute: '主动公开', phase: 'issued', publicationDueOn: { $lt: asOf } };
    if (unitId) query.unitId = unitId;
    const docs = await this.documents.find(query, { sort: { publicationDueOn: 1 } }).toArray();
    return docs.map(strip).filter((v) => isPublicationOverdue(v, asOf));
  }

  async figures(year: number, unitId: string | null): Promise<DocumentFigures> {
    const query: Record<string, unknown> = { phase: 'issued', documentType: { $in: ['规章', '行政规范性文件'] } };
    if (unitId) query.unitId = unitId;
    const docs = await this.documents.find(query).toArray();
    return computeFigures(docs.map(strip), year, unitId);
  }

  async reviewProgress(year: number, unitId?: string): Promise<ReviewProgress> {
    const query: Record<string, unknown> = { [`reviews.${year}`]: { $exists: true } };
    if (unitId) query.unitId = unitId;
    const docs = (await this.documents.find(query).toArray()).map(strip);
    const byUnit = new Map<string, ReviewProgress['units'][number]>();
    for (const view of docs) {
      const status = view.reviews[String(year)]?.status;
      if (!status) continue;
      const unit = byUnit.get(view.unitId) ?? { unitId: view.unitId, tasks: 0, open: 0, kept: 0, released: 0, complete: false };
      unit.tasks += 1;
      unit[status === 'open' ? 'open' : status] += 1;
      byUnit.set(view.unitId, unit);
    }
    const units = [...byUnit.values()].map((u) => ({ ...u, complete: u.open === 0 })).sort((a, b) => a.unitId.localeCompare(b.unitId));
    return { year, units };
  }
}

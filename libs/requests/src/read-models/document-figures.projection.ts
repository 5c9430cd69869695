import type { DocumentInvalidated, DocumentIssued, EventEnvelope } from '@gongkai/contracts';
import { asTyped, BatchedProjection, documentChange, type DocumentChange, withoutMeta, type TypedEnvelope } from '@gongkai/platform';
import { computeTable2Documents, type ReportableDocument, type Table2DocumentField } from '../domain/annual-report';

/** One unit's 规章 and 行政规范性文件: `_id` is the unit id (FerretDB indexes only `_id` equality, ADR 0006). */
export interface UnitDocuments {
  unitId: string;
  documents: ReportableDocument[];
}

type Handled =
  | TypedEnvelope<'document-attributes.DocumentIssued', DocumentIssued>
  | TypedEnvelope<'document-attributes.DocumentInvalidated', DocumentInvalidated>;

const COUNTED_TYPES: readonly string[] = ['规章', '行政规范性文件'];

/**
 * Annual report Table 2's document rows, from document-attributes' events by contract (the requests
 * service keeps its own copy; it never reads document-attributes' database): per unit, each issued
 * 规章 or 行政规范性文件 with its issue date and its 失效/废止. Documents of type 其他 are not kept.
 */
export class RequestsDocumentFiguresProjection extends BatchedProjection {
  readonly name = 'requests.document-figures';
  readonly collections = ['document_figures'];
  readonly eventTypes = ['document-attributes.DocumentIssued', 'document-attributes.DocumentInvalidated'];

  private get figures() {
    return this.connection.collection('document_figures');
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<Handled>(envelope);
    if (event.type === 'document-attributes.DocumentIssued') {
      const { documentId, unitId, documentType, issuedOn } = event.data;
      if (!COUNTED_TYPES.includes(documentType)) return [];
      return [
        documentChange<UnitDocuments>('document_figures', unitId, (current) => {
          const documents = (current?.documents ?? []).filter((d) => d.documentId !== documentId);
          const previous = current?.documents.find((d) => d.documentId === documentId);
          return {
            unitId,
            documents: [
              ...documents,
              {
                documentId,
                documentType: documentType as ReportableDocument['documentType'],
                issuedOn,
                invalidation: previous?.invalidation ?? null,
              },
            ],
          };
        }),
      ];
    }
    if (event.type === 'document-attributes.DocumentInvalidated') {
      const { documentId, unitId, status, effectiveOn } = event.data;
      return [
        documentChange<UnitDocuments>('document_figures', unitId, (current) => {
          // Not a counted document (其他, or unknown here): keep the unit's document as it is.
          if (current === null) return null;
          return {
            unitId,
            documents: current.documents.map((d) => (d.documentId === documentId ? { ...d, invalidation: { status, effectiveOn } } : d)),
          };
        }),
      ];
    }
    return [];
  }

  /** The counted documents of one unit, or of every unit (`'district'`). */
  async documentsOf(unitId: string): Promise<ReportableDocument[]> {
    if (unitId === 'district') {
      const all = await this.figures.find({}).toArray();
      return all.flatMap((doc) => (withoutMeta(doc) as unknown as UnitDocuments).documents ?? []);
    }
    const doc = await this.figures.findOne({ _id: unitId as never });
    return (doc?.documents as ReportableDocument[] | undefined) ?? [];
  }

  /** Table 2's document rows for a unit (or the district: the sum of the units) and year. */
  async table2Rows(unitId: string, year: number): Promise<Record<Table2DocumentField, number>> {
    return computeTable2Documents(await this.documentsOf(unitId), year);
  }
}

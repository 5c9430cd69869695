import type { EventEnvelope } from '@gongkai/contracts';
import {
  appliedRevision,
  asTyped,
  BatchedProjection,
  documentChange,
  type DocumentChange,
  indexTokens,
  indexTokensYielding,
  withoutMeta,
  yieldToEventLoop,
  type WrittenDocument,
} from '@gongkai/platform';
import { documentStreamId } from '../domain/document';
import { PublicDocumentIndex, type DocumentSearchFilter, type DocumentSearchHit, type IndexedDocument } from './public-search';
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

/** A stored document: the view, with the tokens of its title and number (for the search index; never shown). */
type StoredDocumentView = DocumentView & { titleTokens?: string[] };

const stored = ({ _id, ...doc }: Record<string, unknown>) => withoutMeta(doc) as unknown as StoredDocumentView;
const strip = (doc: Record<string, unknown>): DocumentView => {
  const { titleTokens: _tokens, ...view } = stored(doc);
  return view;
};

/** Documents (and texts) per batch when the search index is loaded (a yield to the event loop after each). */
const SEARCH_LOAD_BATCH = 200;

/** A file's stored text with its search tokens (document_texts). */
interface StoredText {
  text: string;
  tokens: string[];
}

/** The files of a document the public gets (its published body and annexes, a redacted annex as its redacted file). */
function publicHashes(view: DocumentView): string[] {
  const files = toPublicDocument(view)?.files;
  return files ? [...(files.body ? [files.body.sha256] : []), ...files.annexes.map((a) => a.file.sha256)] : [];
}

/** What the search index takes from a public document, and the files whose texts it adds (in order: body, annexes). */
interface SearchFields {
  fields: Omit<IndexedDocument, 'text' | 'textTokens'>;
  hashes: string[];
}

function searchFieldsOf(view: StoredDocumentView): SearchFields {
  const publishedOn = view.firstPublishedOn ?? view.issuedOn;
  return {
    fields: {
      documentId: view.documentId,
      unitId: view.unitId,
      documentType: view.documentType,
      topic: view.topic ?? null,
      year: publishedOn ? Number(publishedOn.slice(0, 4)) : null,
      publishedOn,
      title: view.title,
      documentNumber: view.documentNumber,
      titleTokens: view.titleTokens ?? indexTokens(view.title, view.documentNumber),
    },
    hashes: publicHashes(view),
  };
}

/** A public document as the search index holds it: its fields, and the texts (and their tokens) of its files found in `texts`. */
function withTexts({ fields, hashes }: SearchFields, texts: ReadonlyMap<string, StoredText>): IndexedDocument {
  const files = hashes.flatMap((hash) => texts.get(hash) ?? []);
  return {
    ...fields,
    text: files
      .map((file) => file.text)
      .filter(Boolean)
      .join('\n\n'),
    textTokens: [...new Set(files.flatMap((file) => file.tokens))],
  };
}

/**
 * The next stored document after an event: the view, with its title's and number's search tokens
 * (segmented here, when they change, so that loading the search index segments nothing).
 */
export function applyToStoredDocument(current: StoredDocumentView | null, event: DocumentEnvelope): StoredDocumentView | null {
  const next: StoredDocumentView | null = applyToDocumentView(current, event);
  if (!next) return null;
  const same = current?.titleTokens && current.title === next.title && current.documentNumber === next.documentNumber;
  return { ...next, titleTokens: same ? current.titleTokens : indexTokens(next.title, next.documentNumber) };
}

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

  /** Texts of files, written by DocumentTextsProjection (registered before this one, so a file's text is there when its document becomes public). */
  private get texts() {
    return this.connection.collection('document_texts');
  }

  private searchIndex: Promise<PublicDocumentIndex> | null = null;

  /** Keeps the search index (once loaded) in step with what the batch wrote. */
  protected override async afterBatch(written: readonly WrittenDocument[]): Promise<void> {
    if (!this.searchIndex) return;
    const index = await this.searchIndex;
    const views = written.map(({ id, document }) => ({ id, view: document ? stored(document) : null }));
    const indexed = new Map(
      (await this.indexable(views.flatMap(({ view }) => (view?.isPublic ? [view] : [])))).map((doc) => [doc.documentId, doc]),
    );
    for (const { id, view } of views) {
      const doc = view && indexed.get(view.documentId);
      if (doc) index.upsert(doc);
      else index.remove(view?.documentId ?? id);
    }
  }

  /**
   * A file's text was extracted after its document was indexed (the texts and the documents read
   * models consume independently): the public documents that publish it are indexed again.
   */
  async textExtracted(sha256: string): Promise<void> {
    if (!this.searchIndex) return;
    const index = await this.searchIndex;
    const candidates = await this.documents
      .find({
        ...PUBLIC_FILTER,
        $or: [{ 'body.sha256': sha256 }, { 'annexes.file.sha256': sha256 }, { 'annexes.redacted.file.sha256': sha256 }],
      })
      .toArray();
    for (const doc of await this.indexable(candidates.map(stored))) index.upsert(doc);
  }

  /**
   * Public documents as the search index holds them: metadata, the text of their published files, and
   * the tokens stored with both when they were projected.
   */
  private async indexable(views: readonly StoredDocumentView[]): Promise<IndexedDocument[]> {
    const texts = await this.storedTexts(new Set(views.flatMap(publicHashes)));
    return views.map(searchFieldsOf).map((search) => withTexts(search, texts));
  }

  /**
   * The in-memory search index of the public documents: loaded from the stored tokens (nothing is
   * segmented): one pass over the public documents, one over the texts, each document indexed as
   * soon as its files' texts have come, always yielding to the event loop every 200 documents or
   * texts, so that a request arriving meanwhile waits for a few milliseconds at most (a search waits for the load).
   * Started at boot (`loadSearchIndex` from the module), else by the first search.
   */
  loadSearchIndex(): Promise<PublicDocumentIndex> {
    this.searchIndex ??= (async () => {
      const index = new PublicDocumentIndex();
      // Only what the index keeps is held while loading (issue 17): each document's search fields,
      // then each text until every document publishing it is indexed.
      const waiting = new Map<string, { search: SearchFields; texts: Map<string, StoredText>; missing: number }[]>();
      let read = 0;
      for await (const doc of this.documents.find({ ...PUBLIC_FILTER })) {
        const search = searchFieldsOf(stored(doc));
        const hashes = new Set(search.hashes);
        if (hashes.size === 0) index.upsert(withTexts(search, new Map()));
        else {
          const pending = { search, texts: new Map<string, StoredText>(), missing: hashes.size };
          for (const hash of hashes) waiting.set(hash, [...(waiting.get(hash) ?? []), pending]);
        }
        if (++read % SEARCH_LOAD_BATCH === 0) await yieldToEventLoop();
      }
      for await (const [hash, text] of this.eachStoredText(new Set(waiting.keys()))) {
        for (const pending of waiting.get(hash) ?? []) {
          pending.texts.set(hash, text);
          if (--pending.missing === 0) index.upsert(withTexts(pending.search, pending.texts));
        }
        waiting.delete(hash);
      }
      // A file without an extracted text: its document is indexed with the texts it has.
      const incomplete = new Set([...waiting.values()].flat());
      for (const pending of incomplete) if (pending.missing > 0) index.upsert(withTexts(pending.search, pending.texts));
      return index;
    })().catch((error: unknown) => {
      this.searchIndex = null;
      throw error;
    });
    return this.searchIndex;
  }

  /**
   * The stored texts (with their tokens) of these files. A few are read by `_id` (the one filter
   * FerretDB serves from its index, ADR 0006); many (the boot load) in one pass over the collection,
   * yielding between batches. A text stored before its tokens were is segmented once (yielding) and
   * its tokens saved.
   */
  private async storedTexts(hashes: ReadonlySet<string>): Promise<Map<string, StoredText>> {
    const texts = new Map<string, StoredText>();
    for await (const [hash, text] of this.eachStoredText(hashes)) texts.set(hash, text);
    return texts;
  }

  /** `storedTexts`, one text at a time (the boot load keeps a text only until its documents are indexed). */
  private async *eachStoredText(hashes: ReadonlySet<string>, scan = hashes.size > 50): AsyncGenerator<[string, StoredText]> {
    const keep = async (doc: Record<string, unknown>): Promise<[string, StoredText] | null> => {
      if (!doc.extracted) return null;
      let tokens = doc.tokens as string[] | undefined;
      if (!tokens) {
        tokens = await indexTokensYielding(doc.text as string);
        await this.texts.updateOne({ _id: doc._id as never }, { $set: { tokens } });
      }
      return [String(doc._id), { text: doc.text as string, tokens }];
    };
    if (!scan) {
      for (const hash of hashes) {
        const doc = await this.texts.findOne({ _id: hash as never });
        const kept = doc && (await keep(doc));
        if (kept) yield kept;
      }
      return;
    }
    let read = 0;
    for await (const doc of this.texts.find({})) {
      const kept = hashes.has(String(doc._id)) ? await keep(doc) : null;
      if (kept) yield kept;
      if (++read % SEARCH_LOAD_BATCH === 0) await yieldToEventLoop();
    }
  }

  /** Portal search over the public documents' titles, numbers and texts (abbreviations expanded). */
  async searchPublic(query: string, filter: DocumentSearchFilter, limit: number): Promise<DocumentSearchHit[]> {
    return (await this.loadSearchIndex()).search(query, filter, limit);
  }

  /** The extracted text of a public document's body, or null (no body, or no text could be read). */
  async publicBodyText(document: PublicDocument): Promise<string | null> {
    const body = document.files.body;
    if (!body) return null;
    const doc = await this.texts.findOne({ _id: body.sha256 as never });
    return doc?.extracted ? (doc.text as string) : null;
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<DocumentEnvelope>(envelope);
    return [
      documentChange<StoredDocumentView>('documents', event.data.documentId, (current) =>
        applyToStoredDocument(current ? (withoutMeta(current) as StoredDocumentView) : null, event),
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

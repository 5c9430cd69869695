import {
  Interner,
  SlotTable,
  TokenPostings,
  expandQuery,
  indexTokens,
  markTerms,
  queryTokens,
  snippetOf,
  type Snippet,
} from '@gongkai/platform';

/** One public document as the portal's search holds it: its metadata and the text of its published files. */
export interface SearchableDocument {
  documentId: string;
  unitId: string;
  documentType: string;
  topic: string | null;
  /** Year of publication (发布日期), for the year filter. */
  year: number | null;
  publishedOn: string | null;
  title: string;
  documentNumber: string;
  /** The body's text, then the public annexes' texts (redacted files only, never a redacted original). */
  text: string;
}

/**
 * A public document with its search tokens, as stored when the read models were projected: the
 * title's and number's (in the documents read model) and its published files' texts' (in
 * `document_texts`), so that loading the index segments nothing.
 */
export interface IndexedDocument extends SearchableDocument {
  titleTokens: readonly string[];
  textTokens: readonly string[];
}

/** A document's tokens computed here and now (tests; the stored tokens are the same words). */
export const withTokens = (doc: SearchableDocument): IndexedDocument => ({
  ...doc,
  titleTokens: indexTokens(doc.title, doc.documentNumber),
  textTokens: indexTokens(doc.text),
});

export interface DocumentSearchFilter {
  unitId?: string;
  documentType?: string;
  topic?: string;
  year?: number;
}

export interface DocumentSearchHit {
  documentId: string;
  unitId: string;
  documentType: string;
  topic: string | null;
  publishedOn: string | null;
  documentNumber: string;
  /** The title with the matched words marked. */
  title: Snippet;
  /** The passage of the text around the first match, matched words marked; null when only the title matched. */
  snippet: Snippet | null;
  score: number;
  /** The query words (or their full forms / abbreviations) found. */
  matched: string[];
}

/** Plain string order (ISO dates, ids): thousands of candidates are sorted per query, and `localeCompare` costs far more. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * An in-memory inverted index over the public documents' titles, numbers and texts (the same reason
 * as the catalogue's SearchIndex: FerretDB has no text index). Queries are segmented (jieba) and
 * expanded with the abbreviation list: a query word matches when it, or one of its other forms, is
 * among the document's words; a form the segmenter splits (最低生活保障) matches when all its parts are.
 * Documents are numbered slots and their words are held compactly (TokenPostings; issue 17).
 */
export class PublicDocumentIndex {
  private readonly docs = new SlotTable<SearchableDocument>();
  /** Title, number and text words. */
  private readonly words = new TokenPostings();
  private readonly titleWords = new TokenPostings();
  /** unitId, documentType, topic, publishedOn: few distinct values, each held once. */
  private readonly shared = new Interner();

  get size(): number {
    return this.docs.size;
  }

  /** Adds or replaces a document: integer and set work only (its tokens come with it, nothing is segmented). */
  upsert(indexed: IndexedDocument): void {
    const { titleTokens, textTokens, ...doc } = indexed;
    this.remove(doc.documentId);
    const slot = this.docs.claim(doc.documentId, {
      ...doc,
      unitId: this.shared.of(doc.unitId),
      documentType: this.shared.of(doc.documentType),
      topic: doc.topic === null ? null : this.shared.of(doc.topic),
      publishedOn: doc.publishedOn === null ? null : this.shared.of(doc.publishedOn),
    });
    this.words.set(slot, [...titleTokens, ...textTokens]);
    this.titleWords.set(slot, titleTokens);
  }

  remove(documentId: string): void {
    const slot = this.docs.release(documentId);
    if (slot === undefined) return;
    this.words.clear(slot);
    this.titleWords.clear(slot);
  }

  /** Slots of the documents containing every part of `form` (one token, or the tokens a longer form is cut into). */
  private containing(form: string): Set<number> {
    const direct = this.words.slots(form.toLowerCase());
    if (direct.length > 0) return new Set(direct);
    const parts = queryTokens(form);
    if (parts.length <= 1) return new Set();
    const [first, ...rest] = parts;
    return new Set(this.words.slots(first).filter((slot) => rest.every((part) => this.words.has(slot, part))));
  }

  /** Ranked: more query words matched first, then words in the title, then the newest. */
  search(query: string, filter: DocumentSearchFilter = {}, limit = 50): DocumentSearchHit[] {
    const groups = expandQuery(query, queryTokens(query));
    // Integer work per candidate; which forms a document matched is worked out for the returned hits only.
    const found = new Map<string, Set<number>>();
    const scores = new Map<number, number>();
    for (const group of groups) {
      const seen = new Set<number>();
      for (const form of group) {
        const slots = found.get(form) ?? this.containing(form);
        found.set(form, slots);
        const lower = form.toLowerCase();
        for (const slot of slots) {
          if (seen.has(slot)) continue;
          seen.add(slot);
          const doc = this.docs.at(slot) as SearchableDocument;
          scores.set(slot, (scores.get(slot) ?? 0) + 10 + (this.titleWords.has(slot, lower) || doc.title.includes(form) ? 3 : 0));
        }
      }
    }
    // Filter and rank first; the snippets (the costly part) only for the hits returned.
    const ranked: { slot: number; doc: SearchableDocument; score: number }[] = [];
    for (const [slot, score] of scores) {
      const doc = this.docs.at(slot) as SearchableDocument;
      if (filter.unitId && doc.unitId !== filter.unitId) continue;
      if (filter.documentType && doc.documentType !== filter.documentType) continue;
      if (filter.topic && doc.topic !== filter.topic) continue;
      if (filter.year && doc.year !== filter.year) continue;
      ranked.push({ slot, doc, score });
    }
    ranked.sort(
      (a, b) =>
        b.score - a.score ||
        byCodeUnits(b.doc.publishedOn ?? '', a.doc.publishedOn ?? '') ||
        byCodeUnits(a.doc.documentId, b.doc.documentId),
    );
    const words = queryTokens(query);
    return ranked.slice(0, limit).map(({ slot, doc, score }) => {
      const matched = [...found].filter(([, slots]) => slots.has(slot)).map(([form]) => form);
      // The whole query first (marked as one where it occurs as typed), then the forms and words found.
      const terms = [query.trim(), ...matched, ...words];
      return {
        documentId: doc.documentId,
        unitId: doc.unitId,
        documentType: doc.documentType,
        topic: doc.topic,
        publishedOn: doc.publishedOn,
        documentNumber: doc.documentNumber,
        title: markTerms(doc.title, terms),
        snippet: snippetOf(doc.text, terms),
        score,
        matched,
      };
    });
  }
}

import { expandQuery, indexTokens, markTerms, queryTokens, snippetOf, type Snippet } from '@gongkai/platform';

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

interface Entry {
  doc: SearchableDocument;
  tokens: Set<string>;
  titleTokens: Set<string>;
}

/**
 * An in-memory inverted index over the public documents' titles, numbers and texts (the same reason
 * as the catalogue's SearchIndex: FerretDB has no text index). Queries are segmented (jieba) and
 * expanded with the abbreviation list: a query word matches when it, or one of its other forms, is
 * among the document's words; a form the segmenter splits (最低生活保障) matches when all its parts are.
 */
export class PublicDocumentIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly postings = new Map<string, Set<string>>();

  get size(): number {
    return this.entries.size;
  }

  /** Adds or replaces a document: integer and set work only (its tokens come with it, nothing is segmented). */
  upsert(indexed: IndexedDocument): void {
    const { titleTokens: title, textTokens, ...doc } = indexed;
    this.remove(doc.documentId);
    const titleTokens = new Set(title);
    const tokens = new Set([...title, ...textTokens]);
    this.entries.set(doc.documentId, { doc, tokens, titleTokens });
    for (const token of tokens) {
      let ids = this.postings.get(token);
      if (!ids) this.postings.set(token, (ids = new Set()));
      ids.add(doc.documentId);
    }
  }

  remove(documentId: string): void {
    const entry = this.entries.get(documentId);
    if (!entry) return;
    for (const token of entry.tokens) {
      const ids = this.postings.get(token);
      ids?.delete(documentId);
      if (ids?.size === 0) this.postings.delete(token);
    }
    this.entries.delete(documentId);
  }

  /** Documents containing every part of `form` (one token, or the tokens a longer form is cut into). */
  private containing(form: string): Set<string> {
    const direct = this.postings.get(form.toLowerCase());
    if (direct) return direct;
    const parts = queryTokens(form);
    if (parts.length <= 1) return new Set();
    const [first, ...rest] = parts.map((p) => this.postings.get(p) ?? new Set<string>());
    return new Set([...first].filter((id) => rest.every((ids) => ids.has(id))));
  }

  /** Ranked: more query words matched first, then words in the title, then the newest. */
  search(query: string, filter: DocumentSearchFilter = {}, limit = 50): DocumentSearchHit[] {
    const groups = expandQuery(query, queryTokens(query));
    // Integer work per candidate; which forms a document matched is worked out for the returned hits only.
    const found = new Map<string, Set<string>>();
    const scores = new Map<string, number>();
    for (const group of groups) {
      const seen = new Set<string>();
      for (const form of group) {
        const ids = found.get(form) ?? this.containing(form);
        found.set(form, ids);
        const lower = form.toLowerCase();
        for (const id of ids) {
          if (seen.has(id)) continue;
          seen.add(id);
          const entry = this.entries.get(id) as Entry;
          scores.set(id, (scores.get(id) ?? 0) + 10 + (entry.titleTokens.has(lower) || entry.doc.title.includes(form) ? 3 : 0));
        }
      }
    }
    // Filter and rank first; the snippets (the costly part) only for the hits returned.
    const ranked: { entry: Entry; score: number }[] = [];
    for (const [id, score] of scores) {
      const entry = this.entries.get(id) as Entry;
      const { doc } = entry;
      if (filter.unitId && doc.unitId !== filter.unitId) continue;
      if (filter.documentType && doc.documentType !== filter.documentType) continue;
      if (filter.topic && doc.topic !== filter.topic) continue;
      if (filter.year && doc.year !== filter.year) continue;
      ranked.push({ entry, score });
    }
    ranked.sort(
      (a, b) =>
        b.score - a.score ||
        byCodeUnits(b.entry.doc.publishedOn ?? '', a.entry.doc.publishedOn ?? '') ||
        byCodeUnits(a.entry.doc.documentId, b.entry.doc.documentId),
    );
    const words = queryTokens(query);
    return ranked.slice(0, limit).map(({ entry: { doc }, score }) => {
      const matched = [...found].filter(([, ids]) => ids.has(doc.documentId)).map(([form]) => form);
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

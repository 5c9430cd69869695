import { Interner, SlotTable, TokenPostings } from '@gongkai/platform';

/** One published item as the search index holds it. */
export interface IndexedItem {
  itemId: string;
  unitId: string;
  domainCode: string;
  name: string;
  firstLevel: string;
  tokens: readonly string[];
  nameTokens: readonly string[];
}

export interface SearchHit {
  itemId: string;
  unitId: string;
  domainCode: string;
  name: string;
  firstLevel: string;
  score: number;
  matched: string[];
}

/** What the index keeps of an item besides its words (those are in the postings, by number). */
type Entry = Omit<IndexedItem, 'tokens' | 'nameTokens'>;

/**
 * An in-process inverted index (token → item ids) over the published items. FerretDB 1.24 on
 * SQLite pushes no filter but `_id` equality down to storage, so a query on the indexed `tokens`
 * array still scans every item document (≈1 s at 18k items, measured); the index is therefore
 * kept in memory, loaded once from the read model and then maintained by the projection. Its words
 * are held compactly (TokenPostings: each word once, numbers elsewhere; issue 17).
 */
export class SearchIndex {
  /** Items by slot number; postings hold slots, so that scoring is integer work. */
  private readonly items = new SlotTable<Entry>();
  private readonly words = new TokenPostings();
  private readonly nameWords = new TokenPostings();
  /** unitId, domainCode, firstLevel: few distinct values, each held once (BSON decoding makes a new string per document). */
  private readonly shared = new Interner();

  get size(): number {
    return this.items.size;
  }

  upsert(item: IndexedItem): void {
    this.remove(item.itemId);
    const slot = this.items.claim(item.itemId, {
      itemId: item.itemId,
      unitId: this.shared.of(item.unitId),
      domainCode: this.shared.of(item.domainCode),
      name: item.name,
      firstLevel: this.shared.of(item.firstLevel),
    });
    this.words.set(slot, item.tokens);
    this.nameWords.set(slot, item.nameTokens);
  }

  remove(itemId: string): void {
    const slot = this.items.release(itemId);
    if (slot === undefined) return;
    this.words.clear(slot);
    this.nameWords.clear(slot);
  }

  /** Ranked: more distinct query words first, then words in the name, then the shorter name. */
  search(words: readonly string[], limit: number, filter: { unitId?: string; domainCode?: string } = {}): SearchHit[] {
    const matched = new Uint8Array(this.items.capacity);
    const inName = new Uint8Array(this.items.capacity);
    const touched: number[] = [];
    for (const word of words) {
      for (const slot of this.words.slots(word)) {
        if (matched[slot] === 0) touched.push(slot);
        matched[slot] += 1;
      }
      for (const slot of this.nameWords.slots(word)) inName[slot] += 1;
    }
    // Top-k by insertion: candidates can be thousands for a common word, k is small.
    type Ranked = { slot: number; score: number; itemId: string };
    const top: Ranked[] = [];
    const before = (a: Ranked, b: Ranked) => a.score > b.score || (a.score === b.score && a.itemId < b.itemId);
    for (const slot of touched) {
      const item = this.items.at(slot);
      if (!item) continue;
      if ((filter.unitId && item.unitId !== filter.unitId) || (filter.domainCode && item.domainCode !== filter.domainCode)) continue;
      const entry = { slot, itemId: item.itemId, score: matched[slot] * 10 + inName[slot] * 3 - Math.min(item.name.length, 60) / 100 };
      if (top.length === limit && !before(entry, top[top.length - 1])) continue;
      let at = top.length;
      while (at > 0 && before(entry, top[at - 1])) at -= 1;
      top.splice(at, 0, entry);
      if (top.length > limit) top.pop();
    }
    return top.map(({ slot, score }) => {
      const item = this.items.at(slot) as Entry;
      return {
        itemId: item.itemId,
        unitId: item.unitId,
        domainCode: item.domainCode,
        name: item.name,
        firstLevel: item.firstLevel,
        score,
        matched: words.filter((w) => this.words.has(slot, w)),
      };
    });
  }
}

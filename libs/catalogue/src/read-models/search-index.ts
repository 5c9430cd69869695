/** One published item as the search index holds it. */
export interface IndexedItem {
  itemId: string;
  unitId: string;
  domainCode: string;
  name: string;
  firstLevel: string;
  tokens: string[];
  nameTokens: string[];
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

/**
 * An in-process inverted index (token → item ids) over the published items. FerretDB 1.24 on
 * SQLite pushes no filter but `_id` equality down to storage, so a query on the indexed `tokens`
 * array still scans every item document (≈1 s at 18k items, measured); the index is therefore
 * kept in memory, loaded once from the read model and then maintained by the projection.
 */
export class SearchIndex {
  /** Items by slot number; postings hold slots, so that scoring is integer work. */
  private readonly docs: (IndexedItem | undefined)[] = [];
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  private readonly postings = new Map<string, Set<number>>();
  private readonly namePostings = new Map<string, Set<number>>();

  get size(): number {
    return this.slots.size;
  }

  upsert(item: IndexedItem): void {
    this.remove(item.itemId);
    const slot = this.free.pop() ?? this.docs.length;
    this.docs[slot] = item;
    this.slots.set(item.itemId, slot);
    add(this.postings, item.tokens, slot);
    add(this.namePostings, item.nameTokens, slot);
  }

  remove(itemId: string): void {
    const slot = this.slots.get(itemId);
    if (slot === undefined) return;
    const item = this.docs[slot];
    if (!item) return;
    drop(this.postings, item.tokens, slot);
    drop(this.namePostings, item.nameTokens, slot);
    this.docs[slot] = undefined;
    this.slots.delete(itemId);
    this.free.push(slot);
  }

  /** Ranked: more distinct query words first, then words in the name, then the shorter name. */
  search(words: readonly string[], limit: number, filter: { unitId?: string; domainCode?: string } = {}): SearchHit[] {
    const matched = new Uint8Array(this.docs.length);
    const inName = new Uint8Array(this.docs.length);
    const touched: number[] = [];
    for (const word of words) {
      for (const slot of this.postings.get(word) ?? []) {
        if (matched[slot] === 0) touched.push(slot);
        matched[slot] += 1;
      }
      for (const slot of this.namePostings.get(word) ?? []) inName[slot] += 1;
    }
    // Top-k by insertion: candidates can be thousands for a common word, k is small.
    type Entry = { slot: number; score: number; itemId: string };
    const top: Entry[] = [];
    const before = (a: Entry, b: Entry) => a.score > b.score || (a.score === b.score && a.itemId < b.itemId);
    for (const slot of touched) {
      const item = this.docs[slot];
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
      const item = this.docs[slot] as IndexedItem;
      return {
        itemId: item.itemId,
        unitId: item.unitId,
        domainCode: item.domainCode,
        name: item.name,
        firstLevel: item.firstLevel,
        score,
        matched: words.filter((w) => this.postings.get(w)?.has(slot)),
      };
    });
  }
}

function add(postings: Map<string, Set<number>>, tokens: readonly string[], slot: number): void {
  for (const token of tokens) {
    let slots = postings.get(token);
    if (!slots) postings.set(token, (slots = new Set()));
    slots.add(slot);
  }
}

function drop(postings: Map<string, Set<number>>, tokens: readonly string[], slot: number): void {
  for (const token of tokens) {
    const slots = postings.get(token);
    slots?.delete(slot);
    if (slots?.size === 0) postings.delete(token);
  }
}

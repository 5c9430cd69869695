/**
 * The compact core of an in-memory inverted index (ADR 0006, issue 17): which numbered slots (the
 * index's documents or items) hold which words, and the reverse.
 * - Each word is held once, as a key of the vocabulary, and elsewhere by its number.
 * - A slot's words are one sorted Int32Array of word numbers (a membership test is a binary search).
 * - A word's slots are a plain array of small integers.
 * A Set per document and per word, as before, cost about four times as much at district scale
 * (5,000 documents: 65 MB → see docs/adr/0016).
 */
export class TokenPostings {
  private readonly vocabulary = new Map<string, number>();
  /** By word number: the word (the same string as the vocabulary's key). */
  private readonly tokens: string[] = [];
  /** By word number: the slots holding it (unordered); empty for a free number. */
  private readonly postings: number[][] = [];
  private readonly freeWords: number[] = [];
  /** By slot: its words' numbers, sorted. */
  private readonly words: (Int32Array | undefined)[] = [];

  /** The slot now holds exactly these words (replacing any it held). */
  set(slot: number, tokens: Iterable<string>): void {
    this.clear(slot);
    const ids = new Set<number>();
    for (const token of tokens) ids.add(this.intern(token));
    const sorted = Int32Array.from(ids).sort();
    for (const id of sorted) this.postings[id].push(slot);
    this.words[slot] = sorted;
  }

  /** The slot holds no word any more. */
  clear(slot: number): void {
    const ids = this.words[slot];
    if (!ids) return;
    for (const id of ids) {
      const slots = this.postings[id];
      const at = slots.indexOf(slot);
      if (at >= 0) {
        slots[at] = slots[slots.length - 1];
        slots.pop();
      }
      if (slots.length === 0) this.release(id);
    }
    this.words[slot] = undefined;
  }

  /** The slots holding the word (read only; empty when none does). */
  slots(token: string): readonly number[] {
    const id = this.vocabulary.get(token);
    return id === undefined ? [] : this.postings[id];
  }

  has(slot: number, token: string): boolean {
    const id = this.vocabulary.get(token);
    const ids = this.words[slot];
    if (id === undefined || !ids) return false;
    let low = 0;
    let high = ids.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (ids[middle] === id) return true;
      if (ids[middle] < id) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  /** How many distinct words the slots hold. */
  get vocabularySize(): number {
    return this.vocabulary.size;
  }

  private intern(token: string): number {
    let id = this.vocabulary.get(token);
    if (id === undefined) {
      id = this.freeWords.pop() ?? this.postings.length;
      this.vocabulary.set(token, id);
      this.tokens[id] = token;
      this.postings[id] = [];
    }
    return id;
  }

  private release(id: number): void {
    this.vocabulary.delete(this.tokens[id]);
    this.tokens[id] = '';
    this.freeWords.push(id);
  }
}

/**
 * Holds each distinct string once. A value decoded from BSON is a new string in every document, so
 * a unit id repeated on 18,000 items is 18,000 strings until interned; for fields with few distinct
 * values (unit, type, topic, date), never for free text.
 */
export class Interner {
  private readonly held = new Map<string, string>();

  of(value: string): string {
    const held = this.held.get(value);
    if (held !== undefined) return held;
    this.held.set(value, value);
    return value;
  }
}

/** Ids numbered by small integers (a freed number is reused), each with its value: what postings point at. */
export class SlotTable<T> {
  private readonly values: (T | undefined)[] = [];
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];

  /** How many ids hold a slot. */
  get size(): number {
    return this.slots.size;
  }

  /** One more than the highest slot ever used (the length of an array indexed by slot). */
  get capacity(): number {
    return this.values.length;
  }

  /** A slot for the id (which holds none: `release` it first) with its value. */
  claim(id: string, value: T): number {
    const slot = this.free.pop() ?? this.values.length;
    this.values[slot] = value;
    this.slots.set(id, slot);
    return slot;
  }

  /** Frees the id's slot and answers it (undefined: the id held none). */
  release(id: string): number | undefined {
    const slot = this.slots.get(id);
    if (slot === undefined) return undefined;
    this.values[slot] = undefined;
    this.slots.delete(id);
    this.free.push(slot);
    return slot;
  }

  at(slot: number): T | undefined {
    return this.values[slot];
  }
}

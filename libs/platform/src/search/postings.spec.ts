import { SlotTable, TokenPostings } from './postings';

describe('TokenPostings', () => {
  it('finds the slots holding a word and answers membership, duplicates counted once', () => {
    const postings = new TokenPostings();
    postings.set(0, ['低保', '标准', '低保']);
    postings.set(3, ['标准', '公积金']);
    expect([...postings.slots('标准')].sort()).toEqual([0, 3]);
    expect(postings.slots('低保')).toEqual([0]);
    expect(postings.slots('没有')).toEqual([]);
    expect(postings.has(0, '低保')).toBe(true);
    expect(postings.has(3, '低保')).toBe(false);
    expect(postings.has(7, '低保')).toBe(false);
    expect(postings.vocabularySize).toBe(3);
  });

  it('replaces a slot’s words, and forgets a word no slot holds any more (its number is reused)', () => {
    const postings = new TokenPostings();
    postings.set(0, ['甲', '乙']);
    postings.set(1, ['乙']);
    postings.set(0, ['丙']);
    expect(postings.slots('甲')).toEqual([]);
    expect(postings.slots('乙')).toEqual([1]);
    expect(postings.has(0, '丙')).toBe(true);
    expect(postings.vocabularySize).toBe(2);
    postings.clear(1);
    postings.clear(1); // twice: nothing left to clear
    expect(postings.slots('乙')).toEqual([]);
    expect(postings.vocabularySize).toBe(1);
    postings.set(2, ['丁', '戊']);
    expect(postings.slots('丁')).toEqual([2]);
    expect(postings.slots('戊')).toEqual([2]);
    expect(postings.has(2, '丙')).toBe(false);
    expect(postings.has(0, '丁')).toBe(false);
  });

  it('answers membership by binary search over many words', () => {
    const postings = new TokenPostings();
    const words = Array.from({ length: 500 }, (_, n) => `词${n}`);
    postings.set(
      0,
      words.filter((_, n) => n % 2 === 0),
    );
    postings.set(1, words);
    for (const [n, word] of words.entries()) expect({ word, held: postings.has(0, word) }).toEqual({ word, held: n % 2 === 0 });
  });
});

describe('SlotTable', () => {
  it('numbers ids densely, reuses a released number, and answers nothing for an id without a slot', () => {
    const table = new SlotTable<string>();
    expect([table.claim('a', 'A'), table.claim('b', 'B')]).toEqual([0, 1]);
    expect(table.release('a')).toBe(0);
    expect(table.release('a')).toBeUndefined();
    expect(table.at(0)).toBeUndefined();
    expect(table.claim('c', 'C')).toBe(0);
    expect([table.at(0), table.at(1), table.size, table.capacity]).toEqual(['C', 'B', 2, 2]);
  });
});

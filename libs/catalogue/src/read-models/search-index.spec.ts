import { indexTokens, queryTokens } from '../application/tokenize';
import { SearchIndex } from './search-index';

const item = (itemId: string, name: string, extra = '', unitId = 'TEZ-A') => ({
  itemId,
  unitId,
  domainCode: 'compulsory-education',
  name,
  firstLevel: '学生资助',
  tokens: indexTokens(name, extra),
  nameTokens: indexTokens(name),
});

describe('search index and Chinese segmentation', () => {
  it('finds a word inside a longer phrase, not by substring', () => {
    const index = new SearchIndex();
    index.upsert(item('a', '义务教育阶段学生资助政策及资助名单'));
    expect(index.search(queryTokens('资助'), 10).map((h) => h.itemId)).toEqual(['a']);
    expect(index.search(queryTokens('教育'), 10).map((h) => h.itemId)).toEqual(['a']);
    // 育阶 is a substring but not a word.
    expect(index.search(queryTokens('育阶'), 10)).toEqual([]);
  });

  it('ranks more matched words first, then words in the name', () => {
    const index = new SearchIndex();
    index.upsert(item('one-word', '学生资助政策'));
    index.upsert(item('two-words', '学生资助名单'));
    index.upsert(item('in-content', '年度报告', '学生资助名单汇总'));
    expect(index.search(queryTokens('资助名单'), 10).map((h) => h.itemId)).toEqual(['two-words', 'in-content', 'one-word']);
  });

  it('filters by unit, replaces on update and forgets removed items', () => {
    const index = new SearchIndex();
    index.upsert(item('a', '最低生活保障申请', '', 'TEZ-A'));
    index.upsert(item('b', '最低生活保障公示', '', 'TEZ-B'));
    expect(index.search(queryTokens('最低生活保障'), 10, { unitId: 'TEZ-B' }).map((h) => h.itemId)).toEqual(['b']);
    index.upsert(item('a', '临时救助申请', '', 'TEZ-A'));
    expect(index.search(queryTokens('最低生活保障'), 10).map((h) => h.itemId)).toEqual(['b']);
    index.remove('b');
    expect(index.search(queryTokens('最低生活保障'), 10)).toEqual([]);
    expect(index.size).toBe(1);
  });

  it('drops punctuation and stop words from queries', () => {
    expect(queryTokens('资助、的 名单！')).toEqual(['资助', '名单']);
  });
});

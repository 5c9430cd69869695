import { expandQuery } from './abbreviations';
import { markTerms, snippetOf } from './snippet';
import { queryTokens } from './tokenize';

describe('query expansion', () => {
  it('adds the full forms of an abbreviation, and the abbreviation of a full form', () => {
    expect(expandQuery('低保', queryTokens('低保'))).toContainEqual(['低保', '最低生活保障']);
    expect(expandQuery('最低生活保障标准', queryTokens('最低生活保障标准'))).toContainEqual(['最低生活保障', '低保']);
  });
});

describe('snippets', () => {
  it('cuts the passage around the first match and marks every match in it, never producing markup', () => {
    const text = `${'甲'.repeat(200)}<b>低保</b>标准${'乙'.repeat(200)}`;
    const snippet = snippetOf(text, ['低保'], 60) ?? [];
    expect(snippet[0]).toEqual({ text: '…', hit: false });
    expect(snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['低保']);
    expect(snippet.map((p) => p.text).join('')).toContain('<b>低保</b>标准');
    expect(snippetOf('没有匹配', ['低保'])).toBeNull();
  });

  it('marks the longest term where terms overlap', () => {
    expect(markTerms('最低生活保障', ['最低', '最低生活保障'])).toEqual([{ text: '最低生活保障', hit: true }]);
  });
});

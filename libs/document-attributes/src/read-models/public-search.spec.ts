import { PublicDocumentIndex, withTokens, type IndexedDocument, type SearchableDocument } from './public-search';

const doc = (documentId: string, overrides: Partial<SearchableDocument> = {}): IndexedDocument =>
  withTokens({
    documentId,
    unitId: 'TEZ-MZJ',
    documentType: '行政规范性文件',
    topic: '民政、扶贫、救灾',
    year: 2026,
    publishedOn: '2026-03-05',
    title: '关于调整救助标准的通知（示例）',
    documentNumber: `台民发〔2026〕${documentId.length}号`,
    text: '',
    ...overrides,
  });
const marked = (pieces: { text: string; hit: boolean }[] | null) => (pieces ?? []).filter((p) => p.hit).map((p) => p.text);

describe('PublicDocumentIndex', () => {
  const index = new PublicDocumentIndex();
  index.upsert(doc('a', { text: '自2026年1月1日起，城乡最低生活保障标准提高到每人每月860元，由各镇街道负责核对申请家庭的收入。' }));
  index.upsert(
    doc('bb', { title: '关于做好住房公积金缴存工作的通知', topic: '城乡建设、环境保护', text: '住房公积金缴存比例为百分之十二。' }),
  );
  index.upsert(
    doc('ccc', {
      unitId: 'TEZ-EDU',
      year: 2025,
      publishedOn: '2025-05-01',
      title: '义务教育招生入学办法',
      documentType: '其他',
      topic: '科技、教育',
      text: '低保家庭子女优先安排就近入学。',
    }),
  );

  it('finds a document by a word only in its text, with the passage around it and the word marked', () => {
    const [hit, ...rest] = index.search('核对');
    expect(rest).toEqual([]);
    expect(hit.documentId).toBe('a');
    expect(marked(hit.snippet)).toEqual(['核对']);
    expect(hit.snippet?.map((p) => p.text).join('')).toContain('由各镇街道负责核对申请家庭的收入');
  });

  it('expands an abbreviation to what documents write, and a full form to its abbreviation', () => {
    expect(index.search('低保').map((h) => h.documentId)).toEqual(expect.arrayContaining(['a', 'ccc']));
    expect(marked(index.search('低保').find((h) => h.documentId === 'a')?.snippet ?? null)).toContain('最低生活保障');
    expect(index.search('公积金').map((h) => h.documentId)).toEqual(['bb']);
  });

  it('filters by unit, type, topic and year', () => {
    expect(index.search('低保', { unitId: 'TEZ-EDU' }).map((h) => h.documentId)).toEqual(['ccc']);
    expect(index.search('低保', { year: 2026 }).map((h) => h.documentId)).toEqual(['a']);
    expect(index.search('低保', { documentType: '其他' }).map((h) => h.documentId)).toEqual(['ccc']);
    expect(index.search('低保', { topic: '民政、扶贫、救灾' }).map((h) => h.documentId)).toEqual(['a']);
  });

  it('forgets a removed document', () => {
    const local = new PublicDocumentIndex();
    local.upsert(doc('a', { text: '核对收入' }));
    local.remove('a');
    expect(local.search('核对')).toEqual([]);
    expect(local.size).toBe(0);
  });
});

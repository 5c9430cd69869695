import type { GuidelineItem } from '@gongkai/contracts';
import { canonicalTerms, matchScore, proposeMatches, type MatchableItem } from './coverage-match';
import { matchedGuidelineCode } from './guideline-match';
import { SAMPLE_GUIDELINE_ITEMS } from './sample-guidelines';

/** A stand-in for jieba: the longest dictionary word at each place, else one character. */
const WORDS = [
  '最低生活保障',
  '临时救助',
  '申请',
  '受理',
  '公示',
  '审批',
  '结果',
  '政策',
  '程序',
  '城乡',
  '居民',
  '特困人员救助供养',
  '高龄津贴',
  '发放',
  '财政',
  '预算',
  '决算',
  '乡镇',
  '招生入学',
  '学生资助',
  '辖区',
  '学校',
  '信息',
  '指南',
  '名单',
  '情况',
];
const segment = (text: string) => {
  const words: string[] = [];
  for (let i = 0; i < text.length;) {
    const word = WORDS.filter((w) => text.startsWith(w, i)).sort((a, b) => b.length - a.length)[0] ?? text[i];
    if (/[\p{L}\p{N}]/u.test(word)) words.push(word);
    i += word.length;
  }
  return words;
};

const town = (
  itemId: string,
  domainCode: MatchableItem['domainCode'],
  firstLevel: string,
  secondLevel: string,
  content = '',
): MatchableItem => ({
  itemId,
  domainCode,
  level: '乡级',
  firstLevel,
  secondLevel,
  content,
  guidelineItemCode: null,
});

describe('matching catalogue items to guideline items', () => {
  it('writes abbreviations as the full term, longest first, once', () => {
    expect(canonicalTerms('低保对象公示')).toBe('最低生活保障对象公示');
    expect(canonicalTerms('最低生活保障')).toBe('最低生活保障');
    expect(canonicalTerms('公租房和经适房')).toBe('公共租赁住房和经济适用住房');
  });

  it('低保 reads as 最低生活保障: the abbreviated item matches the guideline item best', () => {
    const item = town('a', 'social-assistance', '低保', '低保申请受理公示');
    const [s01, s02] = SAMPLE_GUIDELINE_ITEMS.filter((g) => g.domainCode === 'social-assistance' && g.level === '乡级');
    const best = matchScore(item, s01, segment);
    expect(best.shared).toEqual(expect.arrayContaining(['最低生活保障', '申请', '受理', '公示']));
    expect(best.score).toBeGreaterThan(0.7);
    expect(matchScore(item, s02, segment).score).toBeLessThan(best.score);
    // Without the synonym the names share only the procedure words.
    const literal = matchScore({ ...item, firstLevel: '低', secondLevel: '低申请受理公示' }, s01, segment);
    expect(literal.score).toBeLessThan(best.score);
  });

  it('proposes one guideline item per item, never the same one twice, within domain and level, above the threshold', () => {
    const items: MatchableItem[] = [
      town('a', 'social-assistance', '低保', '低保申请受理公示'),
      town('b', 'social-assistance', '最低生活保障', '最低生活保障对象名单'),
      town('c', 'social-assistance', '临时救助', '临时救助审批结果公示'),
      town('d', 'budget', '乡镇财政', '乡镇预算'),
      town('e', 'elderly-care', '机关事务', '食堂管理'),
      { ...town('f', 'social-assistance', '临时救助', '临时救助申请'), guidelineItemCode: 'social-assistance.S02' },
    ];
    const proposals = proposeMatches(items, SAMPLE_GUIDELINE_ITEMS, segment);
    const proposed = Object.fromEntries(proposals.map((p) => [p.itemId, p.proposed]));
    expect(proposed).toEqual({
      a: 'social-assistance.S01',
      b: null, // S01 went to the better match a
      c: null, // S02 is already matched by f
      d: 'budget.S01',
      e: null, // nothing alike
    });
    expect(proposals.find((p) => p.itemId === 'b')!.candidates.map((c) => c.code)).toEqual(['social-assistance.S01']);
    expect(proposals.find((p) => p.itemId === 'e')!.candidates).toEqual([]);
  });

  it('a guideline item of another level is never proposed', () => {
    const guideline: GuidelineItem[] = [
      { code: 'X', domainCode: 'social-assistance', level: '县级', firstLevel: '临时救助', secondLevel: '临时救助' },
    ];
    expect(proposeMatches([town('a', 'social-assistance', '临时救助', '临时救助')], guideline, segment)[0].candidates).toEqual([]);
  });
});

describe('the officer’s decisions in matching and coverage', () => {
  it('a rejected guideline item is never proposed again for that item, and the next candidate may be', () => {
    const item = town('a', 'social-assistance', '低保', '低保申请受理及公示');
    expect(proposeMatches([item], SAMPLE_GUIDELINE_ITEMS, segment)[0].proposed).toBe('social-assistance.S01');
    const after = proposeMatches([{ ...item, rejected: ['social-assistance.S01'] }], SAMPLE_GUIDELINE_ITEMS, segment)[0];
    expect(after.candidates.map((c) => c.code)).not.toContain('social-assistance.S01');
    expect(after.proposed).not.toBe('social-assistance.S01');
  });

  it('coverage counts the confirmed match; without one, the item’s own code unless that pair was rejected', () => {
    const S01 = 'social-assistance.S01';
    const S02 = 'social-assistance.S02';
    expect(matchedGuidelineCode(null, [])).toBeNull();
    expect(matchedGuidelineCode(S01, [])).toBe(S01);
    expect(matchedGuidelineCode(null, [{ guidelineItemCode: S02, decision: 'confirmed' }])).toBe(S02);
    expect(matchedGuidelineCode(S01, [{ guidelineItemCode: S02, decision: 'confirmed' }])).toBe(S02);
    expect(matchedGuidelineCode(S01, [{ guidelineItemCode: S01, decision: 'rejected' }])).toBeNull();
    expect(matchedGuidelineCode(S01, [{ guidelineItemCode: S02, decision: 'rejected' }])).toBe(S01);
  });
});

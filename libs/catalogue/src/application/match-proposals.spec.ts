import { proposeMatches, type MatchableItem } from '../domain/coverage-match';
import { SAMPLE_GUIDELINE_ITEMS } from '../domain/sample-guidelines';
import { indexTokens } from './tokenize';

/** The matching with the segmentation the application gives it (jieba, search mode). */
describe('match proposals with jieba', () => {
  const item = (
    itemId: string,
    domainCode: MatchableItem['domainCode'],
    level: MatchableItem['level'],
    firstLevel: string,
    secondLevel: string,
    content = '',
  ) => ({
    itemId,
    domainCode,
    level,
    firstLevel,
    secondLevel,
    content,
    guidelineItemCode: null,
  });

  it('proposes the guideline item a person would pick', () => {
    const proposals = proposeMatches(
      [
        item('a', 'social-assistance', '乡级', '低保', '低保申请受理和审核结果公示', '申请条件、审核结果'),
        item('b', 'social-assistance', '县级', '特困供养', '特困供养审批结果', '审批结果'),
        item('c', 'compulsory-education', '县级', '招生', '小学招生划片范围', '划片范围、招生政策'),
        item('d', 'budget', '县级', '三公经费', '部门“三公”经费预决算公开'),
        item('e', 'elderly-care', '县级', '机关事务', '机关食堂管理办法'),
      ],
      SAMPLE_GUIDELINE_ITEMS,
      (text) => indexTokens(text),
    );
    expect(Object.fromEntries(proposals.map((p) => [p.itemId, p.proposed]))).toEqual({
      a: 'social-assistance.S01',
      b: 'social-assistance.X02',
      c: 'compulsory-education.X02',
      d: 'budget.X03',
      e: null,
    });
  });
});

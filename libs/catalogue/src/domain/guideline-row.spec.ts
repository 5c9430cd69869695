import { parseGuidelineRow } from './guideline-row';

describe('guideline spreadsheet rows', () => {
  it('parses a row, accepting the domain by name or code', () => {
    expect(
      parseGuidelineRow({ 所属领域: '医疗卫生', 指引事项编码: 'H1', 公开层级: '县级', 一级事项: '公共卫生', 二级事项: '疫苗接种' }),
    ).toEqual({
      ok: true,
      item: { code: 'H1', domainCode: 'health', level: '县级', firstLevel: '公共卫生', secondLevel: '疫苗接种' },
    });
    expect(parseGuidelineRow({ 所属领域: 'health', 指引事项编码: 'H1', 公开层级: '乡级', 一级事项: 'a', 二级事项: 'b' }).ok).toBe(true);
  });

  it('names every problem', () => {
    expect(parseGuidelineRow({ 所属领域: '天气', 公开层级: '市级' })).toEqual({
      ok: false,
      errors: [
        '所属领域“天气”不是26个试点领域之一',
        '缺少指引事项编码',
        '公开层级“市级”应为“县级”或“乡级”',
        '缺少一级事项',
        '缺少二级事项',
      ],
    });
  });
});

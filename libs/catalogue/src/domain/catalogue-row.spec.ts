import { parseCatalogueRow, parseChannels, parseLegalBases, parseTimeLimit, toCatalogueRow, type CatalogueRow } from './catalogue-row';

const row: CatalogueRow = {
  序号: '1',
  一级事项: '最低生活保障',
  二级事项: '最低生活保障申请受理及公示',
  '公开内容（要素）': '申请条件、申请材料、审核结果',
  公开依据: '《社会救助暂行办法》第十一条；《中华人民共和国政府信息公开条例》',
  公开时限: '信息形成或者变更之日起20个工作日内',
  公开主体: '张山子镇人民政府',
  公开渠道和载体: '政府网站、社区/企事业单位/村公示栏(电子屏)、其他（镇广播站）',
  公开对象: '特定群体（申请人）',
  公开方式: '主动公开',
  公开层级: '乡级',
  所属领域: '社会救助',
};

describe('catalogue spreadsheet rows', () => {
  it('parses a valid row into structured content', () => {
    const parsed = parseCatalogueRow(row);
    expect(parsed).toMatchObject({
      ok: true,
      itemId: null,
      content: {
        domainCode: 'social-assistance',
        legalBases: [{ law: '社会救助暂行办法', article: '第十一条' }, { law: '中华人民共和国政府信息公开条例' }],
        timeLimit: { rule: { kind: 'working_days_after_formation', days: 20 } },
        channels: [{ channel: '政府网站' }, { channel: '社区/企事业单位/村公示栏(电子屏)' }, { channel: '其他', other: '镇广播站' }],
        audience: { kind: '特定群体', detail: '申请人' },
        method: '主动',
        level: '乡级',
      },
    });
  });

  it('formats back to the same cells (round trip)', () => {
    const parsed = parseCatalogueRow(row);
    if (!parsed.ok) throw new Error('expected a valid row');
    const back = toCatalogueRow(1, 'item-1', parsed.content);
    expect(back).toMatchObject({ ...row, 公开方式: '主动', 事项编号: 'item-1' });
    expect(parseCatalogueRow(back)).toEqual({ ...parsed, itemId: 'item-1' });
  });

  it.each([
    [{ 公开依据: '' }, '缺少公开依据（依据）'],
    [{ 公开渠道和载体: '政府网站、微博大V' }, '公开渠道“微博大V”不在标准渠道列表中'],
    [{ 所属领域: '星座运势' }, '所属领域“星座运势”不是26个试点领域之一'],
    [{ 公开对象: '部分人' }, '公开对象“部分人”应为“全社会”或“特定群体”'],
    [{ 公开方式: '随机' }, '公开方式“随机”应为“主动”或“依申请”'],
    [{ 公开层级: '省级' }, '公开层级“省级”应为“县级”或“乡级”'],
    [{ 公开环节: '监督' }, '公开环节“监督”应为决策、执行、管理、服务、结果之一'],
    [{ 二级事项: '' }, '缺少二级事项（名称）'],
    [{ 公开渠道和载体: '其他' }, '缺少渠道（“其他”须注明具体渠道）'],
  ] as [CatalogueRow, string][])('reports %o', (change, message) => {
    const parsed = parseCatalogueRow({ ...row, ...change });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.errors).toEqual([expect.stringContaining(message)]);
  });

  it('cells', () => {
    expect(parseLegalBases('')).toEqual([]);
    expect(parseTimeLimit('实时公开')).toEqual({ text: '实时公开', rule: null });
    expect(parseTimeLimit('自批准之日起7日内')).toEqual({
      text: '自批准之日起7日内',
      rule: { kind: 'calendar_days_after_formation', days: 7 },
    });
    expect(parseChannels('两微一端，发布会/听证会;入户/现场')).toEqual({
      channels: [{ channel: '两微一端' }, { channel: '发布会/听证会' }, { channel: '入户/现场' }],
      unknown: [],
    });
  });
});

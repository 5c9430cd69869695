import { domainNamedIn, formatChannelChecklist, levelNamed, parseChannelChecklist, readMark, standardChannel } from './published-cells';

describe('cells of published catalogues', () => {
  it.each([
    ['√', { marked: true }],
    ['✓', { marked: true }],
    ['■', { marked: true }],
    ['√（申请人）', { marked: true, detail: '申请人' }],
    ['低保对象', { marked: true, detail: '低保对象' }],
    ['', { marked: false }],
    ['□', { marked: false }],
    ['◆', { marked: true }],
    ['◇', { marked: false }],
    [' ', { marked: false }],
  ])('mark %j', (cell, mark) => expect(readMark(cell)).toEqual(mark));

  it('checkbox channel lists: the checked ones, in the standard words; unknown ones as 其他 with their text', () => {
    expect(
      parseChannelChecklist('■政府网站  □政府公报 □两微一端 ■纸质媒体 ■公开查阅点□行政服务中心 ■便民服务中心\n■12345政务服务热线 □其他'),
    ).toEqual([
      { channel: '政府网站' },
      { channel: '纸质媒体' },
      { channel: '公开查阅点' },
      { channel: '便民服务站' },
      { channel: '其他', other: '12345政务服务热线' },
    ]);
    expect(parseChannelChecklist('☑政务微信 ☑村务公开栏 ☑其他：镇广播站')).toEqual([
      { channel: '两微一端' },
      { channel: '社区/企事业单位/村公示栏(电子屏)' },
      { channel: '其他', other: '镇广播站' },
    ]);
    expect(parseChannelChecklist('□政府网站 □其他')).toEqual([]);
    // Some counties mark with ◆ (checked) and ◇ (not).
    expect(parseChannelChecklist('◆政府网站 ◇政府公报 ◆广播电视')).toEqual([{ channel: '政府网站' }, { channel: '广播电视' }]);
    expect(parseChannelChecklist('政府网站、政务服务中心')).toBeNull();
    expect(standardChannel('其他')).toEqual({ channel: '其他' });
  });

  it('the checklist the export writes reads back to the same channels', () => {
    const channels = [{ channel: '政府网站' as const }, { channel: '入户/现场' as const }, { channel: '其他' as const, other: '村广播' }];
    expect(parseChannelChecklist(formatChannelChecklist(channels))).toEqual(channels);
    expect(formatChannelChecklist([{ channel: '政府网站' }])).toMatch(/^■政府网站 □政府公报 .* □其他$/);
  });

  it('the domain a title or sheet names; the longest name wins', () => {
    expect(domainNamedIn('复兴镇社会救助领域基层政务公开标准目录')).toBe('social-assistance');
    expect(domainNamedIn('（三）生态环境领域')).toBe('environment');
    expect(domainNamedIn('国土空间规划（城乡规划）')).toBe('spatial-planning');
    expect(domainNamedIn('Sheet1')).toBeNull();
  });

  it.each([
    ['县级', '县级'],
    ['区级', '县级'],
    ['乡级', '乡级'],
    ['乡、村级', '乡级'],
    ['乡（村）级', '乡级'],
    ['镇级', '乡级'],
    ['省级', null],
  ])('level %s', (text, level) => expect(levelNamed(text)).toBe(level));
});

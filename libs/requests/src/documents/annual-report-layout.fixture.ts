/**
 * The official layout of the annual report's tables (中华人民共和国政府信息公开工作年度报告格式,
 * 国办公开办函〔2021〕30号, 2021-09-26), written out by hand, position by position, as a fixture for the
 * tests: every position of the grid holds the heading that covers it (a merged heading repeats over
 * its span), and `null` where the format has a figure. Independent of the code that builds the tables.
 *
 * Where the headings were read (stored public copies of the format and of reports filed in it):
 * - Table 2: the 附件 of 30号 as reposted by 宁国市商务局 (https://275167.com/OpennessContent/download/2277958.html):
 *   "第二十条第（一）项 / 信息内容 / 本年制发件数 / 本年废止件数 / 现行有效件数 / 规章 / 行政规范性文件 /
 *   第二十条第（五）项 / 信息内容 / 本年处理决定数量 / 行政许可 / 第二十条第（六）项 …".
 * - Table 4: reports filed in the format (威海市文登区信访局 2022, http://180.76.149.248:88/book/2022dzs/xinfang/files/basic-html/page8.html;
 *   a 2020 审计局 report, http://180.76.149.248:88/book/dzs/shenji/files/basic-html/page9.html): "行政复议 | 行政诉讼 /
 *   未经复议直接起诉 | 复议后起诉 / 结果维持 结果纠正 其他结果 尚未审结 总计 ×3 / one row of 15 figures".
 * - Table 3: the row labels are those of libs/contracts REPLY_CATEGORIES (checked against the format by the
 *   2026-12 legal review, item A); the 申请人情况 / 法人或其他组织 headings and the corner note from the
 *   format as reported in the review (item B12). Rows 六 (其他处理) (M): to be checked by the legal office
 *   against the printed 30号 before the first report.
 * - Table 2 parts (六) and (八): 行政处罚 / 行政强制 × 本年处理决定数量; 行政事业性收费 × 本年收费金额（单位：万元）
 *   (DOMAIN.md §3, H/M).
 */

const span = <T>(value: T, n: number): T[] => Array<T>(n).fill(value);
const figures = (n: number): null[] => span(null, n);

export type FixtureGrid = (string | null)[][];

export const OFFICIAL_TABLE2: FixtureGrid = [
  span('第二十条第（一）项', 4),
  ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
  ['规章', ...figures(3)],
  ['行政规范性文件', ...figures(3)],
  span('第二十条第（五）项', 4),
  ['信息内容', ...span('本年处理决定数量', 3)],
  ['行政许可', ...figures(3)],
  span('第二十条第（六）项', 4),
  ['信息内容', ...span('本年处理决定数量', 3)],
  ['行政处罚', ...figures(3)],
  ['行政强制', ...figures(3)],
  span('第二十条第（八）项', 4),
  ['信息内容', ...span('本年收费金额（单位：万元）', 3)],
  ['行政事业性收费', ...figures(3)],
];

const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const RESULTS = '三、本年度办理结果';
const result = (group: string, item: string | null): (string | null)[] => [RESULTS, group, item ?? group, ...figures(7)];

export const OFFICIAL_TABLE3: FixtureGrid = [
  [...span(NOTE, 3), ...span('申请人情况', 7)],
  [...span(NOTE, 3), '自然人', ...span('法人或其他组织', 5), '总计'],
  [...span(NOTE, 3), '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
  [...span('一、本年新收政府信息公开申请数量', 3), ...figures(7)],
  [...span('二、上年结转政府信息公开申请数量', 3), ...figures(7)],
  result('（一）予以公开', null),
  result('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', null),
  result('（三）不予公开', '1.属于国家秘密'),
  result('（三）不予公开', '2.其他法律行政法规禁止公开'),
  result('（三）不予公开', '3.危及“三安全一稳定”'),
  result('（三）不予公开', '4.保护第三方合法权益'),
  result('（三）不予公开', '5.属于三类内部事务信息'),
  result('（三）不予公开', '6.属于四类过程性信息'),
  result('（三）不予公开', '7.属于行政执法案卷'),
  result('（三）不予公开', '8.属于行政查询事项'),
  result('（四）无法提供', '1.本机关不掌握相关政府信息'),
  result('（四）无法提供', '2.没有现成信息需要另行制作'),
  result('（四）无法提供', '3.补正后申请内容仍不明确'),
  result('（五）不予处理', '1.信访举报投诉类申请'),
  result('（五）不予处理', '2.重复申请'),
  result('（五）不予处理', '3.要求提供公开出版物'),
  result('（五）不予处理', '4.无正当理由大量反复申请'),
  result('（五）不予处理', '5.要求行政机关确认或重新出具已获取信息'),
  result('（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'),
  result('（六）其他处理', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'),
  result('（六）其他处理', '3.其他'),
  result('（七）总计', null),
  [...span('四、结转下年度继续办理', 3), ...figures(7)],
];

const RESULT_HEADINGS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

export const OFFICIAL_TABLE4: FixtureGrid = [
  [...span('行政复议', 5), ...span('行政诉讼', 10)],
  [...span('行政复议', 5), ...span('未经复议直接起诉', 5), ...span('复议后起诉', 5)],
  [...RESULT_HEADINGS, ...RESULT_HEADINGS, ...RESULT_HEADINGS],
  figures(15),
];

/** The merged ranges of the format (0-based, inclusive): what the .xlsx must merge and the .docx span. */
export const OFFICIAL_MERGES = {
  table2: [
    [0, 0, 0, 3],
    [4, 0, 4, 3],
    [5, 1, 5, 3],
    [6, 1, 6, 3],
    [7, 0, 7, 3],
    [8, 1, 8, 3],
    [9, 1, 9, 3],
    [10, 1, 10, 3],
    [11, 0, 11, 3],
    [12, 1, 12, 3],
    [13, 1, 13, 3],
  ],
  table3: [
    [0, 0, 2, 2],
    [0, 3, 0, 9],
    [1, 3, 2, 3],
    [1, 4, 1, 8],
    [1, 9, 2, 9],
    [3, 0, 3, 2],
    [4, 0, 4, 2],
    [5, 0, 26, 0],
    [5, 1, 5, 2],
    [6, 1, 6, 2],
    [7, 1, 14, 1],
    [15, 1, 17, 1],
    [18, 1, 22, 1],
    [23, 1, 25, 1],
    [26, 1, 26, 2],
    [27, 0, 27, 2],
  ],
  table4: [
    [0, 0, 1, 4],
    [0, 5, 0, 14],
    [1, 5, 1, 9],
    [1, 10, 1, 14],
  ],
} as const;

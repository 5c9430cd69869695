import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { DISCLOSURE_CHANNELS } from '@gongkai/contracts';

/**
 * Catalogue tables in the layouts county and town portals publish, built in code for the import
 * tests. Each imitates the shape (headings, merges, marks, channel lists, where the domain is named)
 * of a real published table, named at each fixture; the item texts are our own.
 *
 * A table is written as HTML writes one: rows of cells, a cell spanning columns or rows, the
 * positions it covers left out of the following cells and rows.
 */
export type Cell = string | { text: string; cols?: number; rows?: number; formula?: string };
export interface TableSpec {
  title?: string;
  rows: Cell[][];
}

const span = (cell: Cell) => (typeof cell === 'string' ? { text: cell, cols: 1, rows: 1 } : { cols: 1, rows: 1, ...cell });

/** The positions (0-based row, column) of each cell of a table written as HTML writes one. */
function place(rows: Cell[][]): { r: number; c: number; cell: ReturnType<typeof span> }[] {
  const taken = new Set<string>();
  const placed: { r: number; c: number; cell: ReturnType<typeof span> }[] = [];
  rows.forEach((cells, r) => {
    let c = 0;
    for (const raw of cells) {
      while (taken.has(`${r},${c}`)) c++;
      const cell = span(raw);
      for (let dr = 0; dr < cell.rows; dr++) for (let dc = 0; dc < cell.cols; dc++) taken.add(`${r + dr},${c + dc}`);
      placed.push({ r, c, cell });
      c += cell.cols;
    }
  });
  return placed;
}

/** One sheet per table; the title (if any) on a first row merged across the table. */
export async function workbookOf(sheets: { name: string; table: TableSpec }[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const { name, table } of sheets) {
    const sheet = book.addWorksheet(name);
    const placed = place(table.rows);
    const width = Math.max(...placed.map((p) => p.c + p.cell.cols));
    const offset = table.title ? 1 : 0;
    if (table.title) {
      sheet.getCell(1, 1).value = table.title;
      sheet.mergeCells(1, 1, 1, width);
    }
    for (const { r, c, cell } of placed) {
      const target = sheet.getCell(r + 1 + offset, c + 1);
      target.value = cell.formula ? { formula: cell.formula, date1904: false } : cell.text;
      if (cell.rows > 1 || cell.cols > 1) sheet.mergeCells(r + 1 + offset, c + 1, r + offset + cell.rows, c + cell.cols);
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A Word document: each table after its title paragraph, merges as gridSpan / vMerge. */
export async function documentOf(tables: TableSpec[]): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [new Paragraph({ text: '附件' })];
  for (const table of tables) {
    if (table.title) children.push(new Paragraph({ text: table.title }));
    children.push(
      new Table({
        rows: table.rows.map(
          (cells) =>
            new TableRow({
              children: cells.map((raw) => {
                const cell = span(raw);
                return new TableCell({
                  children: cell.text.split('\n').map((line) => new Paragraph({ text: line })),
                  ...(cell.cols > 1 ? { columnSpan: cell.cols } : {}),
                  ...(cell.rows > 1 ? { rowSpan: cell.rows } : {}),
                });
              }),
            }),
        ),
      }),
    );
    children.push(new Paragraph({ text: '' }));
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

const down = (text: string, rows: number): Cell => ({ text, rows });
const across = (text: string, cols: number): Cell => ({ text, cols });

/** The guideline tables' two-row header: 公开事项 over 一级/二级事项, 公开对象, 公开方式, 公开层级 over their choices. */
function twoRowHeader(options: { items: string[]; audience: string[]; method: string[]; levels: string[]; extra?: string[] }): Cell[][] {
  return [
    [
      down('序号', 2),
      across('公开事项', options.items.length),
      down('公开内容（要素）', 2),
      down('公开依据', 2),
      down('公开时限', 2),
      down('公开主体', 2),
      down('公开渠道和载体', 2),
      across('公开对象', options.audience.length),
      across('公开方式', options.method.length),
      across('公开层级', options.levels.length),
      ...(options.extra ?? []).map((e) => down(e, 2)),
    ],
    [...options.items, ...options.audience, ...options.method, ...options.levels],
  ];
}

/** The county's list: the standard one with 纸质载体 for 纸质媒体 and a 12345 hotline before 其他. */
const CHANNEL_BOXES = (checked: string[]) =>
  [...DISCLOSURE_CHANNELS.filter((c) => c !== '其他').map((c) => (c === '纸质媒体' ? '纸质载体' : c)), '12345政务服务热线', '其他']
    .map((c) => `${checked.includes(c) ? '■' : '□'}${c}`)
    .join(' ');

/** An expected row: its source row number, 一级事项, name, level, channels, audience, method (and domain, when not the fixture's). */
const expect_ = (
  rowNumber: number,
  firstLevel: string,
  name: string,
  level: '县级' | '乡级',
  channels: string,
  audience: string,
  method: string,
  domainCode?: string,
) => ({ rowNumber, firstLevel, name, level, channels, audience, method, ...(domainCode ? { domainCode } : {}) });

const REGULATION = '《中华人民共和国政府信息公开条例》';
const TWENTY = '信息形成或者变更之日起20个工作日内';

export interface Fixture {
  name: string;
  /** The real table whose layout it imitates. */
  imitates: string;
  file: (malformed?: boolean) => Promise<Buffer>;
  /** Rows expected, by source row number: 一级事项, name, level, and the elements that show the layout's reading. */
  expected: {
    rowNumber: number;
    firstLevel: string;
    name: string;
    level: '县级' | '乡级';
    channels: string;
    audience: string;
    method: string;
    domainCode?: string;
  }[];
  /** The level of the unit importing it (a row marking both levels takes it). */
  unitLevel: '县级' | '乡级';
  domainCode: string;
  domainFrom: 'column' | 'sheet' | 'title' | 'choice';
  /** The malformed variant: which row, and what its message says. */
  malformed: { rowNumber: number; source?: string; message: string };
}

/**
 * A. Two-row merged header, √ columns, 公开层级 县级 / 乡、村级, the checkbox channel list with
 * 12345政务服务热线, domain in the sheet name. Imitates 巩留县住房和城乡建设局《基层政务公开标准目录》
 * (保障性住房, https://20153.cn/xjgl/c115617/202311/47b1d2cfed304fe6a32cd187ba979422.shtml).
 * 一级事项 merged down its two rows.
 */
const housing: Fixture = {
  unitLevel: '县级',
  name: 'two-row header with √ columns (county housing bureau)',
  imitates: '巩留县保障性住房领域基层政务公开标准目录（附件2）',
  domainCode: 'affordable-housing',
  domainFrom: 'sheet',
  file: (malformed = false) =>
    workbookOf([
      {
        name: '保障性住房',
        table: {
          title: '基层政务公开标准目录',
          rows: [
            ...twoRowHeader({
              items: ['一级事项', '二级事项'],
              audience: ['全社会', '特定群体'],
              method: ['主动', '依申请'],
              levels: ['县级', '乡、村级'],
            }),
            [
              '1',
              down('住房保障资格', 2),
              '公租房租赁补贴资格确认',
              '申请条件、申请材料、审核程序、确认结果',
              '《城镇住房保障家庭租赁补贴工作指导意见》',
              '20工作日',
              '巩留县住房和城乡建设局',
              CHANNEL_BOXES(['政府网站', '社区/企事业单位/村公示栏(电子屏)']),
              '√',
              '',
              '√',
              '',
              '√',
              '',
            ],
            [
              '2',
              '公租房承租资格确认',
              '承租条件、轮候规则、确认结果',
              malformed ? '' : '《公共租赁住房管理办法》（住房和城乡建设部令第11号）',
              '20工作日',
              '巩留县住房和城乡建设局',
              CHANNEL_BOXES(['政府网站', '12345政务服务热线']),
              '√',
              '',
              '√',
              '',
              '√',
              '',
            ],
            [
              '3',
              '保障性住房分配',
              '分配结果公示',
              '房源、分配对象、分配结果',
              '《公共租赁住房管理办法》第十八条',
              '分配结果形成之日起5个工作日内',
              '巩留县住房和城乡建设局',
              CHANNEL_BOXES(['政府网站', '政务服务中心']),
              '',
              '√（申请家庭）',
              '√',
              '',
              '√',
              '√',
            ],
          ],
        },
      },
    ]),
  expected: [
    expect_(4, '住房保障资格', '公租房租赁补贴资格确认', '县级', '政府网站、社区/企事业单位/村公示栏(电子屏)', '全社会', '主动'),
    expect_(5, '住房保障资格', '公租房承租资格确认', '县级', '政府网站、其他（12345政务服务热线）', '全社会', '主动'),
    // Both levels marked: the unit keeps it at its own level (县级 in these tests).
    expect_(6, '保障性住房分配', '分配结果公示', '县级', '政府网站、政务服务中心', '特定群体（申请家庭）', '主动'),
  ],
  malformed: { rowNumber: 5, message: '缺少公开依据（依据）' },
};

/**
 * B. ■/□ channel lists with the county's own words (行政服务中心, 纸质媒体), one 公开事项 column with
 * no 一级/二级 split, 公开层级 with only 乡级, 特定群体 naming the group. Imitates 德安县
 * 《涉农资金领域基层政务公开标准目录》 (http://www.dean.gov.cn/ztzl/zwgkzl/wszzt/gklw001/snxx/202302/t20230214_5934672.html),
 * here in the pilot domain 涉农补贴 named by the sheet.
 */
const subsidies: Fixture = {
  unitLevel: '乡级',
  name: '■/□ channel lists, one 公开事项 column (town, agricultural subsidies)',
  imitates: '德安县涉农资金领域基层政务公开标准目录',
  domainCode: 'agricultural-subsidies',
  domainFrom: 'sheet',
  file: (malformed = false) =>
    workbookOf([
      {
        name: '涉农补贴领域',
        table: {
          rows: [
            [
              down('序号', 2),
              down('公开事项', 2),
              down('公开内容 (要素)', 2),
              down('公开依据', 2),
              down('公开时限', 2),
              down('公开主体', 2),
              down('公开渠道和载体', 2),
              across('公开对象', 2),
              across('公开方式', 2),
              '公开层级',
            ],
            ['全社会', '特定群体', '主动', '依申请', '乡级'],
            [
              '1',
              '政策文件',
              '上级及本镇涉农补贴政策文件',
              `${REGULATION}（国令第711号）`,
              TWENTY,
              '宝塔乡人民政府',
              '■政府网站  □政府公报 □两微一端 □发布会/听证会 □广播电视 ■纸质媒体 ■公开查阅点□行政服务中心 □便民服务站□入户/现场 □社区/企事业单位/村公示栏(电子屏) □精准推送 □其他',
              '√',
              '',
              '√',
              '',
              '√',
            ],
            [
              '2',
              '补贴对象及金额',
              '享受补贴对象名单、补贴标准、发放金额',
              `${REGULATION}第二十条`,
              TWENTY,
              '宝塔乡人民政府',
              malformed
                ? '□政府网站 □两微一端 □社区/企事业单位/村公示栏(电子屏)'
                : '□政府网站 ■行政服务中心 ■社区/企事业单位/村公示栏(电子屏) ■其他：村广播',
              '',
              '补贴对象',
              '√',
              '',
              '√',
            ],
          ],
        },
      },
    ]),
  expected: [
    expect_(3, '政策文件', '政策文件', '乡级', '政府网站、纸质媒体、公开查阅点', '全社会', '主动'),
    expect_(
      4,
      '补贴对象及金额',
      '补贴对象及金额',
      '乡级',
      '政务服务中心、社区/企事业单位/村公示栏(电子屏)、其他（村广播）',
      '特定群体（补贴对象）',
      '主动',
    ),
  ],
  malformed: { rowNumber: 4, message: '公开渠道和载体未勾选任何渠道' },
};

/**
 * C. A Word document with one table per domain, each after its title paragraph, 公开层级 with
 * only 乡级, 依申请公开 as the heading. Imitates 通海县九龙街道办事处《试点领域基层政务公开标准目录》
 * (https://www.tonghai.gov.cn/thxzfxxgk/jljd/20240816/1549045.html).
 */
const streetHeader = () =>
  twoRowHeader({ items: ['一级事项', '二级事项'], audience: ['全社会', '特定群众'], method: ['主动', '依申请公开'], levels: ['乡级'] });
const street: Fixture = {
  unitLevel: '乡级',
  name: '.docx tables, one per domain, domain in the paragraph before each (street office)',
  imitates: '通海县九龙街道办事处试点领域基层政务公开标准目录',
  domainCode: 'major-projects',
  domainFrom: 'title',
  file: (malformed = false) =>
    documentOf([
      {
        title: '（一）重大建设项目领域基层政务公开标准目录',
        rows: [
          ...streetHeader(),
          [
            '1',
            '批准服务信息',
            '审批结果',
            '项目名称、建设地点、审批部门、审批结果',
            '《关于推进重大建设项目批准和实施领域政府信息公开的意见》',
            TWENTY,
            '九龙街道办事处',
            '■政府网站\n■社区/企事业单位/村公示栏(电子屏)',
            '√',
            '',
            '√',
            malformed ? '√' : '',
            '√',
          ],
          [
            '2',
            '征收土地信息',
            '征收土地信息',
            '征地告知书、征地补偿安置方案公告',
            `${REGULATION}`,
            TWENTY,
            '九龙街道办事处',
            '■政府网站',
            '√',
            '',
            '√',
            '',
            '√',
          ],
        ],
      },
      {
        title: '（二）公共资源交易领域基层政务公开标准目录',
        rows: [
          ...streetHeader(),
          [
            '1',
            '政府采购信息',
            '采购结果',
            '中标（成交）供应商、金额',
            '《中华人民共和国政府采购法》',
            TWENTY,
            '九龙街道办事处',
            '■政府网站',
            '√',
            '',
            '√',
            '',
            '√',
          ],
        ],
      },
    ]),
  expected: [
    expect_(3, '批准服务信息', '审批结果', '乡级', '政府网站、社区/企事业单位/村公示栏(电子屏)', '全社会', '主动'),
    expect_(4, '征收土地信息', '征收土地信息', '乡级', '政府网站', '全社会', '主动'),
    expect_(3, '政府采购信息', '采购结果', '乡级', '政府网站', '全社会', '主动', 'public-resource-trading'),
  ],
  malformed: { rowNumber: 3, source: '表格1', message: '公开方式同时勾选了“主动”和“依申请”' },
};

/**
 * D. The domain only in the title row (the sheet is Sheet1), 区级 / 乡、村级, a ■ list one channel a
 * line with 便民服务中心. Imitates 复兴镇《试点领域基层政务公开标准目录》(义务教育, http://limingquan.com/xxgk-show-25132.html
 * reproduces it), here for 社会救助.
 */
const assistance: Fixture = {
  unitLevel: '乡级',
  name: 'domain only in the title (town, social assistance)',
  imitates: '复兴镇义务教育领域基层政务公开标准目录',
  domainCode: 'social-assistance',
  domainFrom: 'title',
  file: (malformed = false) =>
    workbookOf([
      {
        name: 'Sheet1',
        table: {
          title: '复兴镇社会救助领域基层政务公开标准目录',
          rows: [
            ...twoRowHeader({
              items: ['一级事项', '二级事项'],
              audience: ['全社会', '特定群众'],
              method: ['主动', '依申请公开'],
              levels: ['区级', '乡、村级'],
            }),
            [
              down('1', 2),
              down('最低生活保障', 2),
              '低保政策',
              '低保政策法规、申请条件、保障标准',
              '《社会救助暂行办法》第九条',
              TWENTY,
              '复兴镇人民政府',
              '■政府网站\n■便民服务中心\n■社区/企事业单位/村公示栏(电子屏)',
              '√',
              '',
              '√',
              '',
              '',
              malformed ? '' : '√',
            ],
            [
              '低保对象',
              '低保对象姓名、保障人数、保障金额（隐去身份证号等个人信息）',
              '《社会救助暂行办法》第十一条',
              '每月公示',
              '复兴镇人民政府',
              '■社区/企事业单位/村公示栏(电子屏)',
              '√',
              '',
              '√',
              '',
              '',
              '√',
            ],
          ],
        },
      },
    ]),
  expected: [
    expect_(4, '最低生活保障', '低保政策', '乡级', '政府网站、便民服务站、社区/企事业单位/村公示栏(电子屏)', '全社会', '主动'),
    expect_(5, '最低生活保障', '低保对象', '乡级', '社区/企事业单位/村公示栏(电子屏)', '全社会', '主动'),
  ],
  malformed: { rowNumber: 4, message: '公开层级未勾选' },
};

/**
 * E. 一级/二级/三级目录 (the item is the third level), 二级目录 merged down its 三级 rows, an extra
 * 网站所属栏目 column (ignored), 县级/乡级 as marks, the domain in the title. Imitates 保安镇人民政府
 * 《政务信息主动公开基本目录》 (http://www.h40v.com.cn/zfxxgk/fdgknr/jczwgkbzml/xzjiczwgk/202412/t20241218_1175777.html),
 * here for 义务教育. The malformed variant has a 公开时限 written as a formula never calculated.
 */
const education: Fixture = {
  unitLevel: '县级',
  name: '三级事项 (county education bureau)',
  imitates: '保安镇人民政府政务信息主动公开基本目录',
  domainCode: 'compulsory-education',
  domainFrom: 'title',
  file: (malformed = false) =>
    workbookOf([
      {
        name: '目录',
        table: {
          title: '义务教育领域政务公开事项标准目录',
          rows: [
            ...twoRowHeader({
              items: ['一级目录', '二级目录', '三级目录'],
              audience: ['全社会', '特定群众'],
              method: ['主动', '依申请公开'],
              levels: ['县级', '乡级'],
              extra: ['网站所属栏目'],
            }),
            [
              '1',
              down('招生入学', 3),
              down('招生政策', 2),
              '招生范围',
              '各学校招生划片范围',
              '《中华人民共和国义务教育法》第十二条',
              '招生工作开始前',
              '区教育局',
              '■政府网站 ■两微一端',
              '√',
              '',
              '√',
              '',
              '√',
              '',
              '政府信息公开平台—教育—招生',
            ],
            [
              '2',
              '招生程序',
              '报名时间、报名材料、录取办法',
              '《中华人民共和国义务教育法》第十二条',
              malformed ? { text: '', formula: 'CONCATENATE("招生","前")' } : '招生工作开始前',
              '区教育局',
              '■政府网站',
              '√',
              '',
              '√',
              '',
              '√',
              '',
              '政府信息公开平台—教育—招生',
            ],
            [
              '3',
              '招生结果',
              '录取结果',
              '录取名单（隐去个人信息）',
              '《中华人民共和国义务教育法》',
              '录取结束后10日内',
              '区教育局',
              '■政府网站',
              '',
              '√（学生及家长）',
              '√',
              '',
              '√',
              '',
              '',
            ],
          ],
        },
      },
    ]),
  expected: [
    expect_(4, '招生入学', '招生政策—招生范围', '县级', '政府网站、两微一端', '全社会', '主动'),
    expect_(5, '招生入学', '招生政策—招生程序', '县级', '政府网站', '全社会', '主动'),
    expect_(6, '招生入学', '招生结果—录取结果', '县级', '政府网站', '特定群体（学生及家长）', '主动'),
  ],
  malformed: { rowNumber: 5, message: '是公式（=CONCATENATE("招生","前")）且没有计算结果' },
};

/**
 * F. A 相应领域 column (the domain named in every row, here merged down the table, as 城乡规划 for
 * 国土空间规划（城乡规划）), the 公开层级 as 县级 / 镇级, channels as ◆ (checked) / ◇ lists, no title.
 * Imitates 廉江市车板镇《城乡规划领域基层政务公开标准目录》
 * (http://www.lianjiang.gov.cn/ljgov/zj/chb/cskh/content/post_1196399.html), with the ◆ marks of
 * another county's 城乡规划 catalogue. The malformed variant names a domain that is not a pilot domain.
 */
const planning: Fixture = {
  unitLevel: '乡级',
  name: '相应领域 column, ◆/◇ channel marks, 县级/镇级 (town, spatial planning)',
  imitates: '车板镇城乡规划领域基层政务公开标准目录',
  domainCode: 'spatial-planning',
  domainFrom: 'column',
  file: (malformed = false) =>
    workbookOf([
      {
        name: '城乡规划',
        table: {
          rows: [
            [
              down('序号', 2),
              down('相应领域', 2),
              across('公开事项', 2),
              down('公开内容（要素）', 2),
              down('公开依据', 2),
              down('公开时限', 2),
              down('公开主体', 2),
              down('公开渠道和载体', 2),
              across('公开对象', 2),
              across('公开方式', 2),
              across('公开层级', 2),
            ],
            ['一级事项', '二级事项', '全社会', '特定群众', '主动', '依申请公开', '县级', '镇级'],
            [
              '1',
              malformed ? '城乡建设' : down('城乡规划', 2),
              '规划编制',
              '镇总体规划及土地利用规划',
              '规划批准文件、脱密后的文本及图纸等',
              '《土地管理法》、《城乡规划法》、《政府信息公开条例》',
              TWENTY,
              '车板镇人民政府',
              '◆政府网站 ◇政府公报 ◇两微一端 ◆党群服务中心',
              '√',
              '',
              '√',
              '',
              '',
              '√',
            ],
            [
              '2',
              ...(malformed ? ['城乡规划'] : []),
              '规划许可',
              '乡村建设规划许可证',
              '新办、变更、延续、补证、注销的办理情况',
              '《城乡规划法》、《政府信息公开条例》',
              TWENTY,
              '车板镇人民政府',
              '◆政府网站 ◆公示栏',
              '√',
              '',
              '√',
              '',
              '',
              '√',
            ],
          ],
        },
      },
    ]),
  expected: [
    expect_(3, '规划编制', '镇总体规划及土地利用规划', '乡级', '政府网站、其他（党群服务中心）', '全社会', '主动'),
    expect_(4, '规划许可', '乡村建设规划许可证', '乡级', '政府网站、社区/企事业单位/村公示栏(电子屏)', '全社会', '主动'),
  ],
  malformed: { rowNumber: 3, message: '所属领域“城乡建设”不是26个试点领域之一' },
};

export const PUBLISHED_FIXTURES: Fixture[] = [housing, subsidies, street, assistance, education, planning];

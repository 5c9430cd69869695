import { READ_ON, sourcedItems } from './sourced-rows';
import { TONGHAI_JIULONG } from './tonghai-jiulong';

/**
 * 重大建设项目: rows 1–2 of a city's catalogue for its townships (公开主体 乡镇人民政府, so 乡级; the
 * table has a 三级事项 column, empty in these rows). Row 2's channel list is cut off in the page's
 * text, so it is left out. A street office's table adds 征收土地信息 (√ under 全社会, 主动 and 乡级).
 */
const SOURCE = {
  title: '重大建设项目领域基层政务公开标准目录',
  issuer: 'jiande.gov.cn（来源：建德市）',
  url: 'http://www.jiande.gov.cn/col/col1229432950/index.html',
  publishedOn: '2023-06-09',
  readOn: READ_ON,
};

export const MAJOR_PROJECTS_GUIDELINE = [
  ...sourcedItems('major-projects', SOURCE, [
    {
      firstLevel: '批准服务信息',
      secondLevel: '办事指南',
      levels: ['乡级'],
      timeLimit: '实时公开',
      subject: '乡镇人民政府',
      channels: ['政府网站', '两微一端', '纸质媒体', '公开查阅点', '政务服务中心', '便民服务站', '投资项目在线审批监管平台'],
    },
    {
      firstLevel: '批准结果信息',
      secondLevel: '政府投资项目建议书审批',
      levels: ['乡级'],
      timeLimit: '信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示',
      subject: '乡镇人民政府',
    },
  ]),
  ...sourcedItems(
    'major-projects',
    { ...TONGHAI_JIULONG, title: '(一)重大建设项目领域基层政务公开标准目录', readOn: READ_ON },
    [
      {
        firstLevel: '征收土地信息',
        secondLevel: '征收土地信息',
        levels: ['乡级'],
        timeLimit: '信息形成20个工作日内公开',
        subject: '九龙街道办事处',
        channels: ['政府网站'],
        audience: ['全社会'],
        method: ['主动'],
      },
    ],
    { 乡级: 2 },
  ),
];

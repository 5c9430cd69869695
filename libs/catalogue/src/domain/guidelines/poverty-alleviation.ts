import { READ_ON, sourcedItems } from './sourced-rows';

/**
 * 扶贫: rows 1–3 of a county's published catalogue. 公开主体 names both the county's poverty
 * alleviation office and the townships, so each row is 县级 and 乡级; 一级事项 “政策文件” is one cell
 * over the three rows. Row 3's channel list is cut off in the page's text, so it is not recorded.
 */
const SOURCE = {
  title: '扶贫领域基层政务公开标准目录',
  issuer: 'scnj.gov.cn（试点领域基层政务公开标准目录）',
  url: 'https://scnj.gov.cn/ztzl/sdlyjczwgkbzmlbz/xjbm/13787848.html',
  publishedOn: '2022-09-26',
  readOn: READ_ON,
};

const common = {
  levels: ['县级', '乡级'],
  timeLimit: '信息形成(变更)20个工作日内',
  subject: '县级扶贫部门、乡镇人民政府',
} as const;
const channels = ['政府网站', '政务服务中心', '社区/企事业单位/村公示栏(电子屏)'];

export const POVERTY_ALLEVIATION_GUIDELINE = sourcedItems('poverty-alleviation', SOURCE, [
  { firstLevel: '政策文件', secondLevel: '行政法规、规章', ...common, channels },
  { firstLevel: '政策文件', secondLevel: '规范性文件', ...common, channels },
  { firstLevel: '政策文件', secondLevel: '其他政策文件', ...common },
]);

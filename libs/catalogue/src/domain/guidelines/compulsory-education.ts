import { READ_ON, sourcedItems } from './sourced-rows';

/** 义务教育: rows 1–4 of a district education bureau's catalogue (公开主体 区教育局, a 县级 unit). */
const SOURCE = {
  title: '青浦区教育局义务教育领域基层政务公开标准目录(2023年)',
  issuer: '上海市青浦区教育局',
  url: 'https://www.shqp.gov.cn/edu/eduzwgk/xxgk/sm/20230927/1140127.html',
  readOn: READ_ON,
};

const timeLimit = '信息形成或者变更之日起20个工作日内';
const subject = '区教育局';
const channels = ['政府网站'];

export const COMPULSORY_EDUCATION_GUIDELINE = sourcedItems('compulsory-education', SOURCE, [
  { firstLevel: '政策文件', secondLevel: '教育法律', levels: ['县级'], timeLimit, subject, channels },
  { firstLevel: '政策文件', secondLevel: '规范性文件', levels: ['县级'], timeLimit, subject, channels },
  { firstLevel: '教育概况', secondLevel: '教育事业发展主要情况', levels: ['县级'], timeLimit, subject, channels },
  { firstLevel: '教育概况', secondLevel: '教育统计数据', levels: ['县级'], timeLimit, subject, channels },
]);

import { READ_ON, sourcedItems } from './sourced-rows';

/**
 * 社会救助: rows 1–4 of a county's published catalogue (the page's text ends after row 4's
 * elements for our reading; later rows are not recorded rather than guessed). 公开主体 names both
 * the county bureau and the townships, so each row is 县级 and 乡级.
 */
const SOURCE = {
  title: '社会救助领域基层政务公开标准目录',
  issuer: '县信息公开办（dazhu.gov.cn）',
  url: 'http://www.dazhu.gov.cn/xxgk-show-199777.html',
  publishedOn: '2022-09-28',
  readOn: READ_ON,
};

const timeLimit = '制定或获取信息之日起10个工作日内';
const subject = '县民政局、各乡(镇)人民政府(街道办事处)';
const channels = ['政府网站', '公开查阅点', '政务服务中心'];

export const SOCIAL_ASSISTANCE_GUIDELINE = sourcedItems('social-assistance', SOURCE, [
  { firstLevel: '综合业务', secondLevel: '政策法规文件', levels: ['县级', '乡级'], timeLimit, subject, channels },
  {
    firstLevel: '综合业务',
    secondLevel: '监督检查',
    levels: ['县级', '乡级'],
    timeLimit,
    subject,
    channels: [...channels, '社区/企事业单位/村公示栏(电子屏)'],
  },
  { firstLevel: '最低生活保障', secondLevel: '政策法规文件', levels: ['县级', '乡级'], timeLimit, subject, channels },
  { firstLevel: '最低生活保障', secondLevel: '办事指南', levels: ['县级', '乡级'], timeLimit, subject, channels },
]);

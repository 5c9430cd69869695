import { READ_ON, sourcedItems } from './sourced-rows';

/**
 * 户籍管理: rows 1–5 of the catalogue published on the district's own portal (tez.gov.cn). The
 * table has no 公开层级 column; 公开主体 is the public security organ, so the rows are 县级.
 */
const SOURCE = {
  title: '户籍管理领域基层政务公开标准目录',
  issuer: 'tez.gov.cn（户籍管理领域专栏）',
  url: 'http://tez.gov.cn/zwgk/zwgkzt/jczwgk/sdly/202011/t20201120_1104051.html',
  publishedOn: '2023-06-28',
  readOn: READ_ON,
};

const timeLimit = '形成或者变更之日起20个工作日内予以公开';
const subject = '公安机关';
const channels = ['政府网站', '入户/现场'];

export const HOUSEHOLD_REGISTRATION_GUIDELINE = sourcedItems('household-registration', SOURCE, [
  {
    firstLevel: '出生登记',
    secondLevel: '出生登记',
    levels: ['县级'],
    timeLimit,
    subject,
    channels: ['政府网站', '山东政务服务网', '入户/现场'],
  },
  { firstLevel: '收养、入籍等登记', secondLevel: '收养登记', levels: ['县级'], timeLimit, subject, channels },
  { firstLevel: '注销登记', secondLevel: '死亡注销', levels: ['县级'], timeLimit, subject, channels },
  { firstLevel: '注销登记', secondLevel: '服现役注销', levels: ['县级'], timeLimit, subject, channels },
  { firstLevel: '迁移登记', secondLevel: '迁出、迁入登记', levels: ['县级'], timeLimit, subject, channels },
]);

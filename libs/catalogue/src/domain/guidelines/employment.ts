import { READ_ON, sourcedItems } from './sourced-rows';

/** 就业创业: the first row of a county's catalogue (公开主体 乡镇人民政府, so 乡级); the next rows' elements were not legible. */
const SOURCE = {
  title: '就业领域基层政务公开标准目录',
  issuer: '腾冲市人民政府网站（tengchong.gov.cn）',
  url: 'https://www.tengchong.gov.cn/info/7151/5817803.htm',
  readOn: READ_ON,
};

export const EMPLOYMENT_GUIDELINE = sourcedItems('employment', SOURCE, [
  {
    firstLevel: '就业信息服务',
    secondLevel: '就业政策法规咨询',
    levels: ['乡级'],
    timeLimit: '信息形成或变更之日起20个工作日内公开',
    subject: '乡镇人民政府',
    channels: ['政府网站', '政务服务中心', '其他基层公共服务平台'],
  },
]);

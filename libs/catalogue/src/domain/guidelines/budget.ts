import { READ_ON, sourcedItems } from './sourced-rows';

/**
 * 财政预决算: row 1 of a township's published catalogue (公开主体 江上乡人民政府, so 乡级; the table
 * has no 公开层级 column). Its rows 2 onwards, and the county tables found, were not read whole.
 */
const SOURCE = {
  title: '财政预决算领域基层政务公开标准目录',
  issuer: 'yongxiu.gov.cn（基层政务公开标准目录）',
  url: 'https://www.yongxiu.gov.cn/jsx/02/glyjczwgkml/202403/t20240301_6423112.html',
  readOn: READ_ON,
};

export const BUDGET_GUIDELINE = sourcedItems('budget', SOURCE, [
  {
    firstLevel: '财政预决算',
    secondLevel: '政府预算',
    levels: ['乡级'],
    timeLimit: '本级人民代表大会或其常务委员会批准后20日内',
    subject: '江上乡人民政府',
    channels: ['政府网站'],
  },
]);

import { READ_ON, sourcedItems } from './sourced-rows';

/**
 * 食品药品监管: rows 1–2 of a district's published catalogue (公开主体 区市场监督管理局, so 县级);
 * 一级事项 “行政审批” is one cell over both rows. Row 3's 公开主体 is cut off in the page's text, so
 * the rows from 3 on are not recorded.
 */
const SOURCE = {
  title: '食品药品监管领域基层政务公开标准目录',
  issuer: 'hetang.gov.cn',
  url: 'http://www.hetang.gov.cn/c12192/20250815/i2410578.html',
  readOn: READ_ON,
};

const common = { levels: ['县级'], timeLimit: '信息形成或变更之日起20个工作日内', subject: '区市场监督管理局' } as const;

export const FOOD_DRUG_GUIDELINE = sourcedItems('food-drug', SOURCE, [
  { firstLevel: '行政审批', secondLevel: '食品经营许可服务指南', ...common, channels: ['政府网站', '政务服务中心'] },
  {
    firstLevel: '行政审批',
    secondLevel: '食品经营许可基本信息',
    ...common,
    channels: ['政府网站', '政务服务中心', '其他:国家企业信用信息公示系统'],
  },
]);

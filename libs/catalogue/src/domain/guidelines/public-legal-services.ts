import { READ_ON, sourcedItems } from './sourced-rows';

/**
 * 公共法律服务: rows 1–2 of a county's published catalogue (公开主体 the county's 司法局 and its
 * 法律援助中心, so 县级). Row 1's 一级事项 “法治宣传教育” is one cell over three 二级事项.
 */
const SOURCE = {
  title: '公共法律服务领域基层政务公开标准目录',
  issuer: 'jyx.gov.cn（政府办）',
  url: 'https://www.jyx.gov.cn/jyxrmzf/c100907/202101/243727.shtml',
  publishedOn: '2021-01-09',
  readOn: READ_ON,
};

const timeLimit = '自制作或获取该信息之日起20个工作日内公开';
const bureau = { levels: ['县级'], timeLimit, subject: '嘉荫县司法局', channels: ['嘉荫县司法局公众号'] } as const;

export const PUBLIC_LEGAL_SERVICES_GUIDELINE = sourcedItems('public-legal-services', SOURCE, [
  { firstLevel: '法治宣传教育', secondLevel: '法律知识普及服务', ...bureau },
  { firstLevel: '法治宣传教育', secondLevel: '推广法治文化服务', ...bureau },
  { firstLevel: '法治宣传教育', secondLevel: '对在法治宣传教育工作中作出显著成绩的单位和个人进行表彰奖励', ...bureau },
  {
    firstLevel: '法律援助',
    secondLevel: '法律援助服务',
    levels: ['县级'],
    timeLimit,
    subject: '嘉荫县法律援助中心',
    channels: ['精准推送'],
  },
]);

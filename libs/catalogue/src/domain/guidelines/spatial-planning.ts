import { READ_ON, sourcedItems } from './sourced-rows';

/**
 * 国土空间规划（城乡规划）: rows 1, 3 and 4 of a township's published catalogue (公开主体 乡人民政府;
 * 公开层级 乡级/村级). Row 2's name is cut off in the page's text, so it is left out.
 */
const SOURCE = {
  title: '戌街乡城乡规划领域基层政务公开标准目录',
  issuer: '牟定县人民政府网站（mdx.gov.cn）',
  url: 'http://mdx.gov.cn/info/1477/43906.htm',
  publishedOn: '2022-08-10',
  readOn: READ_ON,
};

const timeLimit = '信息形成或者变更之日起20个工作日';
const subject = '乡人民政府';
const channels = ['政府网站', '政府服务中心'];

export const SPATIAL_PLANNING_GUIDELINE = sourcedItems('spatial-planning', SOURCE, [
  { firstLevel: '规划编制', secondLevel: '镇规划及土地利用规划', levels: ['乡级'], timeLimit, subject, channels },
  { firstLevel: '规划许可', secondLevel: '乡村建设规划许可证', levels: ['乡级'], timeLimit, subject, channels },
  {
    firstLevel: '行政处罚',
    secondLevel: '事后公开',
    levels: ['乡级'],
    timeLimit: '7个工作日',
    subject,
    channels: [...channels, '公示公开栏'],
  },
]);

import { READ_ON, sourcedItems } from './sourced-rows';

/**
 * 救灾: rows 1–3 of a town's published catalogue (公开主体 镇级人民政府, 公开层级 乡级), a 三级事项
 * layout: 一级 “政策文件” and 二级 “政策规范文件” are cells merged down the rows; the 三级事项 is
 * joined into the name as the importer does (二级—三级). The channel list of row 3 is cut off in
 * the page's text, so it is not recorded for that row.
 */
const SOURCE = {
  title: '救灾领域基层政务公开标准目录',
  issuer: '浮梁县三龙镇（fuliang.gov.cn）',
  url: 'https://www.fuliang.gov.cn/ztzl/zwxjczwgk_247/zegkbzml/t880760.shtml',
  publishedOn: '2022-09-03',
  readOn: READ_ON,
};

const common = { levels: ['乡级'], timeLimit: '信息形成或变更之日起20个工作日内', subject: '镇级人民政府' } as const;
const channels = ['政府网站', '公开查阅点', '政务服务中心'];

export const DISASTER_RELIEF_GUIDELINE = sourcedItems('disaster-relief', SOURCE, [
  { firstLevel: '政策文件', secondLevel: '政策规范文件—法律法规', ...common, channels },
  { firstLevel: '政策文件', secondLevel: '政策规范文件—部门和地方规章', ...common, channels },
  { firstLevel: '政策文件', secondLevel: '政策规范文件—其他政策文件', ...common },
]);

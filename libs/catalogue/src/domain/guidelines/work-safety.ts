import { READ_ON, sourcedItems } from './sourced-rows';

/**
 * 安全生产: rows 1–3 of a county's published catalogue: √ under 全社会, 主动, 县级 and 乡级, so each
 * row is a 县级 and a 乡级 item; 一级事项 “政策文件” is one cell merged down the rows. The channel
 * list is read for row 1 only (its cell's text runs into the next rows').
 */
const SOURCE = {
  title: '安全生产领域基层政务公开标准目录',
  issuer: 'xinping.gov.cn',
  url: 'https://www.xinping.gov.cn/xpxzfxxgk/aqsc23/20240827/1551175.html',
  readOn: READ_ON,
};

const common = {
  levels: ['县级', '乡级'],
  timeLimit: '信息形成或变更之日起20个工作日内',
  subject: '应急管理部门',
  audience: ['全社会'],
  method: ['主动'],
} as const;

export const WORK_SAFETY_GUIDELINE = sourcedItems('work-safety', SOURCE, [
  { firstLevel: '政策文件', secondLevel: '法律法规', ...common, channels: ['政府网站', '两微一端', '公开查阅点', '政务服务中心'] },
  { firstLevel: '政策文件', secondLevel: '部门和地方规章', ...common },
  { firstLevel: '政策文件', secondLevel: '其他政策文件', ...common },
]);

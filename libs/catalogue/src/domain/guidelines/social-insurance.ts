import { READ_ON, sourcedItems } from './sourced-rows';

/**
 * 社会保险: rows 1–3 of a county's catalogue for its townships (公开主体 乡镇人民政府, so 乡级; the
 * table names 公开方式 主动公开 and 公开对象 全社会 in words rather than marks).
 */
const SOURCE = {
  title: '(七)社会保险领域基层政务公开标准目录',
  issuer: '平武县（pingwu.gov.cn）',
  url: 'http://www.pingwu.gov.cn/xxgk/jczwgkbzml/xz/sezzx/25170821.html',
  publishedOn: '2023-11-30',
  readOn: READ_ON,
};

const common = {
  levels: ['乡级'],
  timeLimit: '公开事项信息形成或变更之日起20个工作日内公开',
  subject: '乡镇人民政府',
  channels: ['乡镇便民服务中心'],
  audience: ['全社会'],
  method: ['主动'],
} as const;

export const SOCIAL_INSURANCE_GUIDELINE = sourcedItems('social-insurance', SOURCE, [
  { firstLevel: '社会保险登记', secondLevel: '城乡居民养老保险参保登记', ...common },
  { firstLevel: '社会保险参保信息维护', secondLevel: '个人基本信息变更', ...common },
  { firstLevel: '社会保险参保信息维护', secondLevel: '养老保险待遇发放账户维护申请', ...common },
]);

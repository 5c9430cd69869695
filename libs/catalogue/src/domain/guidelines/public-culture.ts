import { READ_ON, sourcedItems } from './sourced-rows';

/**
 * 公共文化服务: rows 1 and 22 of a county's catalogue for its townships (公开主体 乡镇便民服务中心,
 * so 乡级). Rows 2–4 share row 1's merged cells but their own cells are not all legible in the
 * page's text, so they are left out.
 */
const SOURCE = {
  title: '公共文化服务领域基层政务公开标准目录',
  issuer: 'rangtang.gov.cn',
  url: 'http://www.rangtang.gov.cn/xtxrmzf/c107695/202106/c4e1cf1f8a704d1fa73d5ab10991592e.shtml',
  publishedOn: '2023-06-01',
  readOn: READ_ON,
};

export const PUBLIC_CULTURE_GUIDELINE = sourcedItems('public-culture', SOURCE, [
  {
    firstLevel: '文化馆服务',
    secondLevel: '文化馆娱乐活动室等公共空间设施场地的免费开放服务',
    levels: ['乡级'],
    timeLimit: '公开事项信息形成或变更之日起20个工作日内公开',
    subject: '乡镇便民服务中心',
    channels: ['政府网站'],
  },
  {
    firstLevel: '乡镇综合文化站服务',
    secondLevel: '举办文化公益性讲座服务和展览宣传',
    levels: ['乡级'],
    timeLimit: '执法决定信息在决定作出之日起7个工作日内公开，其他相关信息形成或变更之日起20个工作日内公开',
    subject: '乡镇便民服务中心',
    channels: ['政府网站'],
  },
]);

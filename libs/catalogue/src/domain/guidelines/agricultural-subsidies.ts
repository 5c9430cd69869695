import { READ_ON, sourcedItems } from './sourced-rows';

/** 涉农补贴: rows from two counties' published catalogues; 公开主体 is the county department, so 县级. */
const GUANGXI = {
  title: '2022年广西涉农补贴领域基层政务公开标准目录',
  issuer: 'bbstxq.liuzhou.gov.cn（基层政务公开专栏）',
  url: 'http://bbstxq.liuzhou.gov.cn/ztzl/dqzt/jczwgkzl/202211/t20221121_3177156.shtml',
  readOn: READ_ON,
};
const TIELI = {
  title: '涉农补贴领域基层政务公开标准目录',
  issuer: '铁力市人民政府网站（tls.gov.cn）',
  url: 'https://www.tls.gov.cn/newtlsrmzf/c103254/202101/261324.shtml',
  readOn: READ_ON,
};

const timeLimit = '信息形成或者变更之日起20个工作日内（法律、法规另有规定的从其规定）';

export const AGRICULTURAL_SUBSIDIES_GUIDELINE = [
  ...sourcedItems('agricultural-subsidies', TIELI, [
    {
      firstLevel: '农业生产发展资金',
      secondLevel: '农机购置补贴',
      levels: ['县级'],
      timeLimit,
      subject: '铁力市农业农村局',
      channels: ['铁力市政府网站'],
    },
  ]),
  ...sourcedItems(
    'agricultural-subsidies',
    GUANGXI,
    [
      {
        firstLevel: '农业生产发展资金',
        secondLevel: '耕地地力保护补贴',
        levels: ['县级'],
        timeLimit,
        subject: '县级农业农村部门',
        channels: ['政府网站'],
      },
      {
        firstLevel: '动物防疫等补助经费',
        secondLevel: '强制扑杀、强制免疫和养殖环节无害化处理补助',
        levels: ['县级'],
        timeLimit,
        subject: '县级农业农村部门',
        channels: ['政府网站'],
      },
    ],
    { 县级: 1 },
  ),
];

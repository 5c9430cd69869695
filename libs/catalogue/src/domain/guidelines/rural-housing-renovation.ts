import { READ_ON, sourcedItems } from './sourced-rows';

/**
 * 农村危房改造: rows 1–2 of a district housing bureau's published catalogue (公开主体 the district's
 * 住房和城乡建设局, so 县级), and rows 1–3 of a street office's (公开主体 街道办事处, so 乡级).
 */
const DUODAO = {
  title: '农村危房改造领域基层政务公开标准目录',
  issuer: '荆门市掇刀区住房和城乡建设局（duodao.gov.cn）',
  url: 'http://www.duodao.gov.cn/art/2020/11/27/art_14662_748033.html',
  publishedOn: '2020-11-27',
  readOn: READ_ON,
};
const ZHONGBA = {
  title: '(十三)农村危房改造领域基层政务公开标准目录',
  issuer: '江油市中坝街道办（jiangyou.gov.cn）',
  url: 'http://www.jiangyou.gov.cn/zwgk/jczwgkbzml/jd/zbjdbsc/25098451.html',
  publishedOn: '2023-09-19',
  readOn: READ_ON,
};

const bureau = {
  levels: ['县级'],
  timeLimit: '信息形成之日起20个工作日内',
  subject: '荆门市掇刀区住房和城乡建设局',
  channels: ['高新区(掇刀区)政府网站'],
} as const;
const street = { levels: ['乡级'], subject: '街道办事处', channels: ['政府网站', '社区/村公示栏(电子屏)'] } as const;

export const RURAL_HOUSING_RENOVATION_GUIDELINE = [
  ...sourcedItems('rural-housing-renovation', DUODAO, [
    { firstLevel: '部门文件', secondLevel: '农村危房改造相关文件', ...bureau },
    { firstLevel: '条件与标准', secondLevel: '农村危房改造对象申请条件', ...bureau },
  ]),
  ...sourcedItems('rural-housing-renovation', ZHONGBA, [
    { firstLevel: '政策文件', secondLevel: '农村危房改造文件', timeLimit: '信息形成之后20个工作日内', ...street },
    { firstLevel: '计划实施', secondLevel: '任务分配', timeLimit: '分配结果确定后20个工作日内', ...street },
    { firstLevel: '条件、标准与程序', secondLevel: '农村危房等级评定标准', timeLimit: '信息形成之日起20个工作日内', ...street },
  ]),
];

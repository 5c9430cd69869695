import { READ_ON, sourcedItems } from './sourced-rows';

/**
 * 养老服务: rows 1–3 of a county's published catalogue (公开主体 县级人民政府民政部门, so 县级). 一级事项
 * “养老服务通用政策” is one cell merged down the three rows; each row's own first cell is its
 * 二级事项. The √ marks under 公开对象/方式/层级 are not legible by column in the page's text, so
 * they are not recorded; later rows are not recorded either.
 */
const SOURCE = {
  title: '养老服务领域基层政务公开标准目录(2024年)',
  issuer: 'yunyang.gov.cn（基层政务公开标准目录）',
  url: 'https://yunyang.gov.cn/bm_257/xmzj/zwgk_62088/zfxxgkml/jczfxxgk_1/ylfw/bzml/202401/t20240118_12836675.html',
  readOn: READ_ON,
};

const subject = '县级人民政府民政部门';
const channels = ['政府网站', '两微一端', '政府服务中心'];

export const ELDERLY_CARE_GUIDELINE = sourcedItems('elderly-care', SOURCE, [
  {
    firstLevel: '养老服务通用政策',
    secondLevel: '国家和地方层面养老服务相关法律、法规、政策文件',
    levels: ['县级'],
    timeLimit: '制定或获取文件之日起10个工作日内',
    subject,
    channels,
  },
  {
    firstLevel: '养老服务通用政策',
    secondLevel: '养老服务扶持政策措施清单',
    levels: ['县级'],
    timeLimit: '制定或获取扶持政策措施之日起10个工作日内',
    subject,
    channels,
  },
  {
    firstLevel: '养老服务通用政策',
    secondLevel: '养老机构投资指南',
    levels: ['县级'],
    timeLimit: '制定或获取指南之日起10个工作日内',
    subject,
    channels,
  },
]);

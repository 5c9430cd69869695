import type { GuidelineItem } from '@gongkai/contracts';
import type { GuidelineCommand } from './guideline.decide';

/**
 * 示例 (sample) guideline data for a few pilot domains, paraphrasing the shape of the State
 * Council departments' guidelines (标准指引). It is NOT the official text: the district office loads
 * the real guidelines from a spreadsheet, which supersedes this version.
 */
const items = (
  domainCode: GuidelineItem['domainCode'],
  level: GuidelineItem['level'],
  rows: [string, string][],
  offset = 0,
): GuidelineItem[] =>
  rows.map(([firstLevel, secondLevel], i) => ({
    code: `${domainCode}.${level === '县级' ? 'X' : 'S'}${String(i + 1 + offset).padStart(2, '0')}`,
    domainCode,
    level,
    firstLevel,
    secondLevel,
  }));

export const SAMPLE_GUIDELINE_ITEMS: GuidelineItem[] = [
  ...items('compulsory-education', '县级', [
    ['政策文件', '义务教育相关政策文件'],
    ['招生入学', '义务教育学校招生入学政策及划片范围'],
    ['学生资助', '义务教育阶段学生资助政策及资助名单'],
    ['教育经费', '义务教育经费投入及使用情况'],
  ]),
  ...items('compulsory-education', '乡级', [
    ['招生入学', '辖区学校招生入学信息'],
    ['学生资助', '辖区学生资助申请指南'],
  ]),
  ...items('social-assistance', '县级', [
    ['最低生活保障', '城乡居民最低生活保障政策及申请审批程序'],
    ['特困人员救助供养', '特困人员救助供养政策及审批结果'],
    ['临时救助', '临时救助政策及救助结果'],
  ]),
  ...items('social-assistance', '乡级', [
    ['最低生活保障', '最低生活保障申请受理及公示'],
    ['临时救助', '临时救助申请受理及公示'],
  ]),
  ...items('elderly-care', '县级', [
    ['养老服务政策', '养老服务政策法规'],
    ['养老机构', '养老机构备案及监督检查结果'],
    ['高龄津贴', '高龄津贴发放政策及发放情况'],
  ]),
  ...items('elderly-care', '乡级', [['高龄津贴', '高龄津贴申请受理及发放公示']]),
  ...items('budget', '县级', [
    ['财政预算', '政府预算及部门预算'],
    ['财政决算', '政府决算及部门决算'],
    ['三公经费', '“三公”经费预决算'],
  ]),
  ...items('budget', '乡级', [
    ['财政预算', '乡镇财政预算'],
    ['财政决算', '乡镇财政决算'],
  ]),
];

export const SAMPLE_GUIDELINE_COMMAND: GuidelineCommand = {
  type: 'LoadGuidelineVersion',
  title: '26个试点领域标准指引（示例数据，仅含义务教育、社会救助、养老服务、财政预决算）',
  sample: true,
  effectiveFrom: '2020-01-01',
  source: '示例：按国务院部门标准指引的结构编写，非正式文本',
  items: SAMPLE_GUIDELINE_ITEMS,
};

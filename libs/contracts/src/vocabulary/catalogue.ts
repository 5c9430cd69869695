/** Catalogue vocabulary: the 26 pilot domains, disclosure channels, audiences, methods, stages. Plain data, no zod: the web app imports this too. */

/**
 * The 26 pilot domains (试点领域) of the State Council's guidelines, with our own stable codes
 * (no official numeric codes exist; DOMAIN.md §1). Codes never change; names may be refined.
 */
export const PILOT_DOMAINS = [
  { code: 'major-projects', name: '重大建设项目' },
  { code: 'public-resource-trading', name: '公共资源交易' },
  { code: 'tax', name: '税收管理' },
  { code: 'budget', name: '财政预决算' },
  { code: 'spatial-planning', name: '国土空间规划（城乡规划）' },
  { code: 'land-expropriation', name: '征地补偿（农村集体土地征收）' },
  { code: 'housing-expropriation', name: '国有土地上房屋征收与补偿' },
  { code: 'affordable-housing', name: '保障性住房' },
  { code: 'rural-housing-renovation', name: '农村危房改造' },
  { code: 'municipal-services', name: '市政服务' },
  { code: 'urban-enforcement', name: '城市综合执法' },
  { code: 'environment', name: '环境保护（生态环境）' },
  { code: 'public-culture', name: '公共文化服务' },
  { code: 'public-legal-services', name: '公共法律服务' },
  { code: 'poverty-alleviation', name: '扶贫' },
  { code: 'disaster-relief', name: '救灾' },
  { code: 'work-safety', name: '安全生产' },
  { code: 'social-assistance', name: '社会救助' },
  { code: 'elderly-care', name: '养老服务' },
  { code: 'household-registration', name: '户籍管理' },
  { code: 'agricultural-subsidies', name: '涉农补贴' },
  { code: 'compulsory-education', name: '义务教育' },
  { code: 'employment', name: '就业创业' },
  { code: 'social-insurance', name: '社会保险' },
  { code: 'health', name: '医疗卫生（卫生健康）' },
  { code: 'food-drug', name: '食品药品监管' },
] as const;
export type DomainCode = (typeof PILOT_DOMAINS)[number]['code'];

export const DOMAIN_CODES = PILOT_DOMAINS.map((d) => d.code) as [DomainCode, ...DomainCode[]];

/** 公开渠道和载体: the standard multi-choice list; 其他 needs a text. */
export const DISCLOSURE_CHANNELS = [
  '政府网站',
  '政府公报',
  '两微一端',
  '发布会/听证会',
  '广播电视',
  '纸质媒体',
  '公开查阅点',
  '政务服务中心',
  '便民服务站',
  '入户/现场',
  '社区/企事业单位/村公示栏(电子屏)',
  '精准推送',
  '其他',
] as const;
export type DisclosureChannel = (typeof DISCLOSURE_CHANNELS)[number];

export const AUDIENCES = ['全社会', '特定群体'] as const;

export const DISCLOSURE_METHODS = ['主动', '依申请'] as const;

/** 过程: the optional stage some domains add. */
export const ITEM_STAGES = ['决策', '执行', '管理', '服务', '结果'] as const;

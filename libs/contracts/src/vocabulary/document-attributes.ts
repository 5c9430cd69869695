/** Document-attribute vocabulary: disclosure attributes, document types, withholding grounds (Arts. 14–16), cleanup outcomes. Plain data, no zod: the web app imports this too. */

/** 公开属性 of a document. */
export const DISCLOSURE_ATTRIBUTES = ['主动公开', '依申请公开', '不予公开'] as const;
export type DisclosureAttribute = (typeof DISCLOSURE_ATTRIBUTES)[number];

export const DOCUMENT_TYPES = ['规章', '行政规范性文件', '其他'] as const;
export type OfficialDocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * Grounds for not disclosing proactively, from the regulation (政府信息公开条例, 2019) Arts. 14–16.
 * Art. 14: must not disclose; Art. 15: not without the third party's consent or an overriding public
 * interest; Art. 16: may withhold.
 */
export const WITHHOLDING_GROUNDS = {
  STATE_SECRET: { label: '属于国家秘密', article: '第十四条' },
  LAW_PROHIBITS: { label: '法律、行政法规禁止公开', article: '第十四条' },
  ENDANGERS_SECURITY_STABILITY: { label: '公开后可能危及国家安全、公共安全、经济安全、社会稳定', article: '第十四条' },
  TRADE_SECRET: { label: '涉及商业秘密', article: '第十五条' },
  PERSONAL_PRIVACY: { label: '涉及个人隐私', article: '第十五条' },
  INTERNAL_AFFAIRS: { label: '内部事务信息（人事管理、后勤管理、内部工作流程等）', article: '第十六条第一款' },
  PROCESS_INFORMATION: { label: '过程性信息（讨论记录、过程稿、磋商信函、请示报告等）', article: '第十六条第二款' },
  ENFORCEMENT_CASE_FILES: { label: '行政执法案卷信息', article: '第十六条第二款' },
} as const satisfies Record<string, { label: string; article: string }>;

export type WithholdingGround = keyof typeof WITHHOLDING_GROUNDS;

export const WITHHOLDING_GROUND_CODES = Object.keys(WITHHOLDING_GROUNDS) as [WithholdingGround, ...WithholdingGround[]];

/** A withholding (or redaction) ground as people read it, with its article: 涉及个人隐私（《政府信息公开条例》第十五条）. */
export function withholdingGroundLabel(ground: string): string {
  const known = WITHHOLDING_GROUNDS[ground as WithholdingGround];
  return known ? `${known.label}（《政府信息公开条例》${known.article}）` : ground;
}

export const CLEANUP_OUTCOMES = ['继续有效', '拟修改', '失效', '废止'] as const;

/**
 * 主题分类 of a 政府信息公开目录 entry: the top level of the State Council's document subject
 * classification (国务院公文主题分类), as government portals show it.
 */
export const TOPIC_CATEGORIES = [
  '综合政务',
  '国民经济管理、国有资产监管',
  '财政、金融、审计',
  '国土资源、能源',
  '农业、林业、水利',
  '工业、交通',
  '商贸、海关、旅游',
  '市场监管、安全生产监管',
  '城乡建设、环境保护',
  '科技、教育',
  '文化、广电、新闻出版',
  '卫生、体育',
  '人口与计划生育、妇女儿童工作',
  '劳动、人事、监察',
  '公安、安全、司法',
  '民政、扶贫、救灾',
  '民族、宗教',
  '对外事务',
  '其他',
] as const;
export type TopicCategory = (typeof TOPIC_CATEGORIES)[number];

/** What a file is to a document: its body (正文), an annex (附件), or the redacted version of an annex published in its place. */
export const DOCUMENT_FILE_ROLES = ['body', 'annex', 'redacted-annex'] as const;
export type DocumentFileRole = (typeof DOCUMENT_FILE_ROLES)[number];

/** Interpretation vocabulary: forms and channels, concern sources/severities/response kinds, participation methods, consultation kinds. Plain data, no zod: the web app imports this too. */

/** 解读形式 (seed 三(四)). */
export const INTERPRETATION_FORMS = ['简明问答', '图表图解', '音频视频', '案例说明'] as const;
export type InterpretationForm = (typeof INTERPRETATION_FORMS)[number];

/** 解读渠道. */
export const INTERPRETATION_CHANNELS = ['政府网站', '政务新媒体', '新闻发布会', '广播电视', '纸质媒体', '其他'] as const;

/** 关切来源. */
export const CONCERN_SOURCES = ['12345热线', '媒体', '网络', '其他'] as const;

/** major_emergency 重大突发事件 · hot_issue 社会热点 · ordinary 一般关切. */
export const CONCERN_SEVERITIES = ['major_emergency', 'hot_issue', 'ordinary'] as const;
export type ConcernSeverity = (typeof CONCERN_SEVERITIES)[number];

/** authoritative_information 发布权威信息 · press_conference 召开新闻发布会 · response 回应. */
export const CONCERN_RESPONSE_KINDS = ['authoritative_information', 'press_conference', 'response'] as const;
export type ConcernResponseKind = (typeof CONCERN_RESPONSE_KINDS)[number];

/** 公众参与方式 (seed 三(五)). */
export const PARTICIPATION_METHODS = [
  '座谈会',
  '听证会',
  '实地走访',
  '书面征求意见',
  '向社会公开征求意见',
  '问卷调查',
  '民意调查',
] as const;

/** major_decision 重大行政决策 · normative_document 行政规范性文件 · other 其他. */
export const PUBLIC_CONSULTATION_KINDS = ['major_decision', 'normative_document', 'other'] as const;
export type PublicConsultationKind = (typeof PUBLIC_CONSULTATION_KINDS)[number];

export const ADOPTION_OUTCOMES = ['采纳', '部分采纳', '未采纳'] as const;

/** 列席人员类别. */
export const ATTENDEE_CATEGORIES = ['利益相关方', '群众代表', '专家', '媒体'] as const;

/** ordinary 一般村(居)务 · finances 财务 · major 重大事项. */
export const VILLAGE_POSTING_CATEGORIES = ['ordinary', 'finances', 'major'] as const;
export type VillagePostingCategory = (typeof VILLAGE_POSTING_CATEGORIES)[number];

export const CONCERN_SEVERITY_LABELS: Record<ConcernSeverity, string> = {
  major_emergency: '重大突发事件',
  hot_issue: '社会热点',
  ordinary: '一般关切',
};
export const CONCERN_RESPONSE_KIND_LABELS: Record<ConcernResponseKind, string> = {
  authoritative_information: '发布权威信息',
  press_conference: '召开新闻发布会',
  response: '回应',
};
export const PUBLIC_CONSULTATION_KIND_LABELS: Record<PublicConsultationKind, string> = {
  major_decision: '重大行政决策',
  normative_document: '行政规范性文件',
  other: '其他',
};

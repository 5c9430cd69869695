import type { EventLabels } from '../event-labels';
import { WITHHOLDING_GROUNDS } from './document-attributes';

/** 不予公开（依申请公开）依据 in Chinese, with the article of the regulation, by code. */
const GROUND_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(WITHHOLDING_GROUNDS).map(([code, g]) => [code, `${g.label}（《政府信息公开条例》${g.article}）`]),
);
const REVIEW_OUTCOMES = { approved: '通过', changed: '变更公开属性', returned: '退回' };

/**
 * Chinese labels of the document-attributes service's events (convention: libs/contracts/src/event-labels.ts).
 * Attribute decisions (proposal, confidentiality review, yearly review) carry `legalBasis` and
 * `reason` always (null when the attribute is 主动公开): the decider requires both for 依申请公开 and
 * 不予公开 (Arts. 14–16) and a reason for every change or return at review.
 */
export const documentAttributesEventLabels = {
  'document-attributes.DocumentRegistered': {
    label: '拟文登记',
    fields: {
      title: '标题',
      documentNumber: '文号',
      documentType: '文件类型',
      catalogueItemIds: '关联目录事项',
      needsInterpretation: '需要解读',
      forwardsDocumentId: '转发的公文',
      draftedBy: '起草人',
      writtenOn: '成文日期',
      topic: '主题分类',
    },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'document-attributes.DocumentNumberReserved': {
    label: '占用文号',
    fields: { documentNumber: '文号' },
  },
  'document-attributes.AttributeProposed': {
    label: '提出公开属性（源头认定）',
    fields: {
      attribute: '公开属性',
      legalBasis: '不予公开依据',
      reason: '理由',
      redactedAnnexes: '不公开的附件',
      inheritedFrom: '沿用属性的被转发公文',
      proposedBy: '提出人',
    },
    values: { legalBasis: GROUND_LABELS },
    decision: { groundRequired: true, reasonRequired: true },
  },
  'document-attributes.ConfidentialityReviewed': {
    label: '保密审查',
    fields: {
      outcome: '审查结果',
      attribute: '审查后公开属性',
      previousAttribute: '原公开属性',
      legalBasis: '不予公开依据',
      reason: '理由',
      redactedAnnexes: '不公开的附件',
      reviewedBy: '审查人',
    },
    values: { legalBasis: GROUND_LABELS, outcome: REVIEW_OUTCOMES },
    decision: { groundRequired: true, reasonRequired: true },
  },
  'document-attributes.DocumentIssued': {
    label: '印发',
    fields: {
      title: '标题',
      documentNumber: '文号',
      documentType: '文件类型',
      attribute: '公开属性',
      marking: '标注',
      needsInterpretation: '需要解读',
      approvedBy: '签发人',
      issuedOn: '印发日期',
      publicationDueOn: '公开期限',
      ground: '不予公开依据',
      forwardsDocumentId: '转发的公文',
      indexNumber: '索引号',
      publishedFiles: '公开发布的正文与附件',
    },
    values: { ground: GROUND_LABELS },
    // Signing the issue decides no attribute: the ground and reason of a withheld document are
    // decided and recorded at the confidentiality review; `ground` here is an optional copy.
    decision: { groundRequired: false, reasonRequired: false },
  },
  'document-attributes.PublicationRecorded': {
    label: '登记公开发布',
    fields: { channel: '发布渠道', url: '网址', publishedOn: '发布日期', late: '逾期发布' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'document-attributes.ReviewCycleOpened': {
    label: '启动年度评估',
    fields: { year: '年度', openedOn: '启动日期', dueOn: '完成期限' },
    decision: { districtWide: true, groundRequired: false, reasonRequired: false },
  },
  'document-attributes.ReviewTasksAssigned': {
    label: '分派年度评估任务',
    fields: { year: '年度', documentIds: '待评估公文' },
  },
  'document-attributes.YearlyReviewOpened': {
    label: '开始公文年度评估',
    fields: { year: '年度', attribute: '公开属性' },
  },
  'document-attributes.YearlyReviewDecided': {
    label: '年度评估决定',
    fields: {
      year: '年度',
      decision: '评估结论',
      previousAttribute: '原公开属性',
      attribute: '评估后公开属性',
      legalBasis: '不予公开依据',
      reason: '理由',
      decidedOn: '评估日期',
      publicationDueOn: '公开期限',
      decidedBy: '评估人',
    },
    values: { legalBasis: GROUND_LABELS, decision: { keep: '继续不予公开（依申请公开）', release: '转为主动公开' } },
    decision: { groundRequired: true, reasonRequired: true },
  },
  'document-attributes.UnitYearlyReviewCompleted': {
    label: '单位完成年度评估',
    fields: {
      year: '年度',
      tasks: '评估任务数',
      kept: '继续不予公开数',
      released: '转为公开数',
      completedOn: '完成日期',
      onTime: '按期完成',
    },
  },
  'document-attributes.DocumentInvalidated': {
    label: '宣布失效（废止）',
    fields: { status: '效力状态', effectiveOn: '失效（废止）日期', legalBasis: '失效（废止）依据', campaignId: '清理工作' },
    decision: { groundRequired: true, reasonRequired: false },
  },
  'document-attributes.CleanupCampaignOpened': {
    label: '启动文件清理',
    fields: { campaignId: '清理工作', title: '名称', openedOn: '启动日期' },
    decision: { districtWide: true, groundRequired: false, reasonRequired: false },
  },
  'document-attributes.CleanupResultPublished': {
    label: '公布清理结果',
    fields: { campaignId: '清理工作', publishedOn: '公布日期', entries: '清理结果' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'document-attributes.ProactiveDisclosureSuggestionReceived': {
    label: '收到转为主动公开的建议',
    fields: { suggestionId: '建议编号', requestCount: '申请数', suggestedOn: '建议日期' },
  },
  'document-attributes.ProactiveDisclosureSuggestionAnswered': {
    label: '答复转为主动公开的建议',
    fields: {
      suggestionId: '建议编号',
      answer: '答复',
      reason: '理由',
      answeredOn: '答复日期',
      publicationDueOn: '公开期限',
      answeredBy: '答复人',
    },
    values: { answer: { accepted: '采纳，转为主动公开', declined: '不采纳' } },
    decision: { groundRequired: false, reasonRequired: true },
  },
  'document-attributes.DocumentFileAttached': {
    label: '上传公文文件',
    fields: { role: '文件用途', annexId: '附件编号', title: '名称', file: '文件', redactions: '删除处理及依据', attachedBy: '上传人' },
    values: { role: { body: '正文', annex: '附件', 'redacted-annex': '附件的删除处理版本' } },
    // The grounds of a redacted annex are per redaction (`redactions[].ground`); the decision on what is
    // published is taken at the confidentiality review and fixed at issue.
    decision: { groundRequired: false, reasonRequired: false },
  },
  'document-attributes.IndexNumberAssigned': {
    label: '编制索引号',
    fields: { year: '年度', sequence: '顺序号', indexNumber: '索引号' },
  },
} as const satisfies EventLabels;

import type { EventLabels } from '../event-labels';
import { CHALLENGE_KIND_LABELS, CHALLENGE_PARTY_LABELS, CHALLENGE_SUBJECT_LABELS, REASONS_OUTCOME_LABELS } from '../vocabulary/requests';
import { CONSULTATION_ANSWER_LABELS, FEE_METHOD_LABELS, REPLY_CATEGORIES, REQUEST_CHANNEL_LABELS } from './requests';

/** Reply categories (annual report Table 3) in Chinese, e.g. 不予公开：属于国家秘密. */
const CATEGORY_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(REPLY_CATEGORIES).map(([code, c]) => [code, c.group === c.label ? c.label : `${c.group}：${c.label}`]),
);
const CONSULTATION_KIND_LABELS = { third_party: '征求第三方意见', agency: '征求其他机关意见', co_producer: '征求共同制作机关意见' };
/** The statutory reply deadline published with the events that set or move it (empty while paused). */
const DUE_ON = '法定答复期限（暂停计时期间为空）';
const REPLY_FIELDS = {
  category: '答复类型（办理结果）',
  withheld: '不予公开的内容、依据和理由',
  content: '答复内容',
  legalBasis: '法律依据',
  draftedBy: '起草人',
  access: '获取信息的方式、途径和时间',
  holdingAgency: '负责公开该信息的机关及联系方式',
};

/**
 * Chinese labels of the requests service's events (依申请公开; convention: libs/contracts/src/event-labels.ts).
 * A reply's reason is its statutory category (`category`: the annual report's 不予公开/无法提供/不予处理
 * reasons, Art. 36), with item-by-item reasons in `withheld` for 部分公开; its `legalBasis` is the
 * article the category rests on.
 */
export const requestsEventLabels = {
  'requests.RequestReceived': {
    label: '登记申请',
    fields: {
      channel: '申请方式',
      receivedOn: '收到申请日期',
      receiptBasis: '收到日期的认定（条例第三十一条）',
      applicant: '申请人',
      applicantKey: '申请人标识',
      description: '申请内容',
      purpose: '用途',
      preferredForm: '获取形式',
      delivery: '获取方式',
      trackingCodeHash: '查询码摘要',
      possibleRepeatOf: '可能重复的申请',
      jointApplicants: '共同申请人',
      backEntry: '补录（补录人、补录原因）',
      scan: '申请书扫描件',
      dueOn: DUE_ON,
    },
    values: { channel: REQUEST_CHANNEL_LABELS },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'requests.CorrectionRequested': {
    label: '通知补正',
    fields: {
      noticeOn: '通知日期',
      items: '需补正的事项',
      periodWorkingDays: '补正期限（工作日）',
      correctionDueOn: '补正截止日期',
      dueOn: DUE_ON,
    },
    decision: { groundRequired: true, reasonRequired: false },
  },
  'requests.CorrectionReceived': {
    label: '收到补正材料',
    fields: { receivedOn: '收到补正日期', lateAccepted: '逾期补正经负责人同意受理（理由）', dueOn: DUE_ON },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'requests.RequestAssigned': {
    label: '分办',
    fields: { handlerId: '承办人', handlerName: '承办人姓名', assignedOn: '分办日期' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'requests.RequestTransferred': {
    label: '移交',
    fields: { toUnitId: '移交至单位', reason: '移交理由', transferredOn: '移交日期' },
    decision: { groundRequired: false, reasonRequired: true },
  },
  'requests.InvestigationRequested': {
    label: '请求协助调查',
    fields: { taskId: '任务编号', assistingUnitId: '协助单位', question: '调查事项', requestedOn: '请求日期', internalDueOn: '内部期限' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'requests.InvestigationAnswered': {
    label: '协助调查答复',
    fields: { taskId: '任务编号', answer: '答复', answeredOn: '答复日期' },
  },
  'requests.ConsultationStarted': {
    label: '开始征求意见（会商）',
    fields: {
      consultationId: '征求意见编号',
      kind: '类别',
      party: '被征求意见方',
      subject: '征求意见事项',
      startedOn: '开始日期',
      answerDueOn: '答复期限',
      dueOn: DUE_ON,
    },
    values: { kind: CONSULTATION_KIND_LABELS },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'requests.ConsultationLetterReceived': {
    label: '被征求意见方收到征询函',
    fields: { consultationId: '征求意见编号', receivedOn: '收到征询函日期', answerDueOn: '答复期限' },
  },
  'requests.ConsultationEnded': {
    label: '结束征求意见（会商）',
    fields: { consultationId: '征求意见编号', endedOn: '结束日期', outcome: '意见', answer: '对方意见', dueOn: DUE_ON },
    values: { answer: CONSULTATION_ANSWER_LABELS },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'requests.DeadlineExtended': {
    label: '延长答复期限',
    fields: {
      workingDays: '延长工作日数',
      reason: '延期理由',
      approvedBy: '批准人',
      noticeSentOn: '告知申请人日期',
      newDueOn: '新答复期限',
      dueOn: DUE_ON,
    },
    decision: { groundRequired: true, reasonRequired: true },
  },
  'requests.FeeNoticeIssued': {
    label: '发出收费通知',
    fields: {
      method: '计费方式',
      quantity: '数量',
      items: '一事一申请计件数',
      amountYuan: '金额（元）',
      noticeOn: '通知日期',
      payByOn: '缴费期限',
      pausesClock: '缴费期间暂停计时',
      dueOn: DUE_ON,
    },
    values: { method: FEE_METHOD_LABELS },
    decision: { groundRequired: true, reasonRequired: false },
  },
  'requests.FeeNoticeReceived': {
    label: '申请人收到收费通知',
    fields: { receivedOn: '收到收费通知日期', payByOn: '缴费期限' },
  },
  'requests.FeePaid': {
    label: '缴纳信息处理费',
    fields: { paidOn: '缴费日期', amountYuan: '金额（元）', dueOn: DUE_ON },
  },
  'requests.ReplyDrafted': {
    label: '起草答复',
    fields: REPLY_FIELDS,
    values: { category: CATEGORY_LABELS },
    decision: { reasonField: 'category', groundRequired: true, reasonRequired: true },
  },
  'requests.ReplyReviewed': {
    label: '审核答复',
    fields: {
      approved: '审核通过',
      comment: '审核意见',
      reviewedOn: '审核日期',
      reviewedBy: '审核人',
      selfReview: '起草人自行审核（按设置允许）',
    },
    decision: { reasonField: 'comment', groundRequired: false, reasonRequired: false },
  },
  'requests.ReplyIssued': {
    label: '作出答复',
    fields: {
      ...REPLY_FIELDS,
      repliedOn: '答复日期',
      workingDaysUsed: '用时（工作日）',
      onTime: '按期答复',
      files: '提供的信息文件（删除处理的为处理后版本）',
    },
    values: { category: CATEGORY_LABELS },
    decision: { reasonField: 'category', groundRequired: true, reasonRequired: true },
  },
  'requests.RequestAbandoned': {
    label: '终止办理（视为放弃申请）',
    fields: { category: '终止情形', abandonedOn: '终止日期' },
    values: { category: CATEGORY_LABELS },
    decision: { reasonField: 'category', groundRequired: true, reasonRequired: true },
  },
  'requests.PastOutcomeRecorded': {
    label: '补录办理结果',
    fields: { category: '办理结果', closedOn: '答复（办结）日期', note: '说明' },
    values: { category: CATEGORY_LABELS },
    decision: { reasonField: 'category', groundRequired: true, reasonRequired: false },
  },
  'requests.ReplyDelivered': {
    label: '送达答复',
    fields: { deliveredOn: '送达日期', method: '送达方式', reference: '送达凭证' },
  },
  'requests.ReplyFileAttached': {
    label: '答复附上信息文件',
    fields: { fileId: '文件编号', file: '文件', attachedBy: '上传人' },
  },
  'requests.ReplyFileRedacted': {
    label: '上传答复文件的删除处理版本',
    fields: { fileId: '文件编号', file: '删除处理后的文件', redactions: '删除处理及依据', attachedBy: '上传人' },
    // Each redaction carries its ground (`redactions[].ground`, Arts. 14–16); the decision to disclose in
    // part is the reply itself (ReplyIssued, category 部分公开, with its withheld items).
    decision: { groundRequired: false, reasonRequired: false },
  },
  'requests.ReplyFileRemoved': {
    label: '移除答复文件',
    fields: { fileId: '文件编号', removedBy: '操作人' },
  },
  'requests.ReplyFileDownloaded': {
    label: '申请人下载答复文件',
    fields: { fileId: '文件编号', file: '文件', downloadedAt: '下载时间' },
  },
  'requests.RequestArchived': {
    label: '归档',
    fields: { archivedOn: '归档日期', archiveNo: '档案号' },
  },
  'requests.InformationLinked': {
    label: '标记所申请的信息',
    fields: { informationKey: '信息标识', information: '信息' },
  },
  'requests.ChallengeFiled': {
    label: '登记行政复议或行政诉讼',
    fields: { challengeId: '案件编号', kind: '类别', filedOn: '立案日期', body: '复议机关或法院', party: '提起人', against: '针对事项' },
    values: { kind: CHALLENGE_KIND_LABELS, party: CHALLENGE_PARTY_LABELS, against: CHALLENGE_SUBJECT_LABELS },
  },
  'requests.ChallengeDecided': {
    label: '登记复议或诉讼结果',
    fields: { challengeId: '案件编号', outcome: '结果', decidedOn: '审结日期' },
  },
  'requests.ItemsCounted': {
    label: '按一事一申请分项计件',
    fields: { items: '计件数' },
    decision: { groundRequired: true, reasonRequired: true },
  },
  'requests.ThirdPartyDisclosureNotified': {
    label: '书面告知第三方决定公开（条例第三十二条）',
    fields: { consultationId: '征求意见编号', party: '第三方', noticeOn: '告知日期' },
    decision: { groundRequired: true, reasonRequired: true },
  },
  'requests.ReasonsRequested': {
    label: '要求申请人说明理由（条例第三十五条）',
    fields: { noticeOn: '通知日期', answerDueOn: '说明理由期限' },
    decision: { groundRequired: true, reasonRequired: false },
  },
  'requests.ReasonsAnswered': {
    label: '登记申请人说明理由的结果',
    fields: { outcome: '结果', answeredOn: '登记日期' },
    values: { outcome: REASONS_OUTCOME_LABELS },
    decision: { reasonField: 'outcome', groundRequired: false, reasonRequired: true },
  },
  'requests.ReplyDeferred': {
    label: '确定延迟答复的合理期限（条例第三十五条）',
    fields: { replyByOn: '答复期限', noticeSentOn: '告知申请人日期', dueOn: DUE_ON },
    decision: { groundRequired: true, reasonRequired: true },
  },
  'requests.PersonalDataErased': {
    label: '删除申请人个人信息',
    fields: { note: '说明', erasedOn: '删除日期', retentionEndedOn: '保存期限届满日期' },
    values: { reason: { retention: '保存期限届满', request_by_person: '本人申请删除', court_order: '法院裁判要求' } },
    decision: { groundRequired: false, reasonRequired: true },
  },
  'requests.LetterSettingsUpdated': {
    label: '修改答复书设置',
    fields: {
      version: '版本',
      printedName: '答复书署名',
      reconsiderationBody: '行政复议机关',
      contact: '联系方式',
      numberPrefix: '答复书文号前缀',
    },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'requests.ProactiveDisclosureSuggested': {
    label: '建议转为主动公开（条例第四十四条）',
    fields: { informationKey: '信息标识', information: '信息', requestIds: '申请', count: '申请数' },
  },
  'requests.AnnualReportFinalised': {
    label: '确定年度报告数据',
    fields: {
      year: '年度',
      table2: '主动公开情况（表二）',
      table3: '依申请公开情况（表三）',
      table4: '复议诉讼情况（表四）',
      narrative: '报告正文（总体情况、存在的主要问题及改进情况、其他需要报告的事项）',
      feesCollected: '收取信息处理费（第六部分）',
    },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'requests.AnnualReportDraftSaved': {
    label: '保存年度报告草稿',
    fields: {
      year: '年度',
      table2: '主动公开情况（表二）人工填报数',
      narrative: '报告正文（草稿）',
    },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'requests.AnnualReportCorrected': {
    label: '更正已公布的年度报告',
    fields: {
      year: '年度',
      version: '版本',
      reason: '更正理由',
      table2: '主动公开情况（表二）',
      table3: '依申请公开情况（表三）',
      table4: '复议诉讼情况（表四）',
      narrative: '报告正文',
      feesCollected: '收取信息处理费（第六部分）',
    },
    decision: { groundRequired: false, reasonRequired: true },
  },
} as const satisfies EventLabels;

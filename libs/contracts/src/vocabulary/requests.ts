/** Request vocabulary: applicant types, channels, forms, delivery methods, reply categories (annual-report Table 3). Plain data, no zod: the web app imports this too. */

/** The applicant columns of annual-report Table 3 (自然人; 法人或其他组织 → five kinds). */
export const APPLICANT_TYPES = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** How the request arrived; decides the receipt date (Art. 31). */
export const REQUEST_CHANNELS = ['online', 'fax', 'in_person', 'registered_post', 'ordinary_letter'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const REQUEST_CHANNEL_LABELS: Record<RequestChannel, string> = {
  online: '网上申请',
  fax: '传真',
  in_person: '当面申请',
  registered_post: '挂号信/邮政快递',
  ordinary_letter: '平信',
};

/** The statuses of a request, in the order of handling, and their labels (the register's filter). */
export const REQUEST_STATUS_LABELS = {
  registered: '已登记',
  awaiting_correction: '待补正',
  in_progress: '办理中',
  under_review: '待审核',
  approved: '审核通过待答复',
  replied: '已答复',
  delivered: '已送达',
  archived: '已归档',
  abandoned: '已终止（视为放弃申请）',
} as const;
export type RequestStatusCode = keyof typeof REQUEST_STATUS_LABELS;
export const REQUEST_STATUSES = Object.keys(REQUEST_STATUS_LABELS) as [RequestStatusCode, ...RequestStatusCode[]];

/** The day a request counts as received, per channel (Art. 31); `portal`: submitted online and confirmed by the system at once. */
export const RECEIPT_BASIS: Record<RequestChannel | 'portal', string> = {
  portal: '网上提交并经系统即时确认之日',
  in_person: '申请人当面提交之日',
  registered_post: '本机关签收之日',
  ordinary_letter: '本机关与申请人确认之日',
  fax: '双方确认之日',
  online: '双方确认之日',
};

export const ID_DOCUMENT_KINDS = [
  '居民身份证',
  '护照',
  '港澳居民来往内地通行证',
  '台湾居民来往大陆通行证',
  '统一社会信用代码',
  '其他',
] as const;

export const PREFERRED_FORMS = ['纸质', '电子'] as const;

export const DELIVERY_METHODS = ['邮寄', '电子邮件', '当面领取', '网上获取'] as const;

/**
 * The reply categories of the annual report (国办公开办函〔2021〕30号 Table 3, 三、本年度办理结果),
 * exactly. `group` is the row group, `label` the row.
 */
export const REPLY_CATEGORIES = {
  disclose: { group: '予以公开', label: '予以公开' },
  partial: { group: '部分公开', label: '部分公开（区分处理的，只计这一情形，不计其他情形）' },
  'withhold.state_secret': { group: '不予公开', label: '属于国家秘密' },
  'withhold.law_forbids': { group: '不予公开', label: '其他法律行政法规禁止公开' },
  'withhold.three_security': { group: '不予公开', label: '危及“三安全一稳定”' },
  'withhold.third_party': { group: '不予公开', label: '保护第三方合法权益' },
  'withhold.internal_affairs': { group: '不予公开', label: '属于三类内部事务信息' },
  'withhold.process_info': { group: '不予公开', label: '属于四类过程性信息' },
  'withhold.enforcement_file': { group: '不予公开', label: '属于行政执法案卷' },
  'withhold.query_matter': { group: '不予公开', label: '属于行政查询事项' },
  'unable.not_held': { group: '无法提供', label: '本机关不掌握相关政府信息' },
  'unable.needs_creation': { group: '无法提供', label: '没有现成信息需要另行制作' },
  'unable.still_unclear': { group: '无法提供', label: '补正后申请内容仍不明确' },
  'reject.petition': { group: '不予处理', label: '信访举报投诉类申请' },
  'reject.repeat': { group: '不予处理', label: '重复申请' },
  'reject.publication': { group: '不予处理', label: '要求提供公开出版物' },
  'reject.mass_repeat': { group: '不予处理', label: '无正当理由大量反复申请' },
  'reject.reconfirm': { group: '不予处理', label: '要求行政机关确认或重新出具已获取信息' },
  'other.no_correction': { group: '其他处理', label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
  'other.unpaid': { group: '其他处理', label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
  'other.other': { group: '其他处理', label: '其他' },
} as const;

export type ReplyCategory = keyof typeof REPLY_CATEGORIES;

export const REPLY_CATEGORY_CODES = Object.keys(REPLY_CATEGORIES) as [ReplyCategory, ...ReplyCategory[]];

export const REPLY_GROUPS = ['予以公开', '部分公开', '不予公开', '无法提供', '不予处理', '其他处理'] as const;

/**
 * Said wherever a reply due date falls in a year whose holiday arrangement is not yet published
 * (libs/working-days: the provisional year): the published arrangement may still move it.
 */
export const PROVISIONAL_DUE_NOTE = '该日期所在年度的节假日安排尚未公布，暂按法定节假日推算；节假日安排公布后，以据其计算的日期为准。';

/**
 * Where an annual report stands against its deadline (the console's home page): nothing saved yet, a
 * draft saved, finalised (not yet on the portal), published on the portal, or not finalised after the
 * due date.
 */
export const REPORT_DEADLINE_STATUSES = ['not_started', 'draft', 'finalised', 'published', 'overdue'] as const;
export type ReportDeadlineStatus = (typeof REPORT_DEADLINE_STATUSES)[number];
export const REPORT_DEADLINE_STATUS_LABELS: Record<ReportDeadlineStatus, string> = {
  not_started: '未开始',
  draft: '草稿',
  finalised: '已定稿',
  published: '已公布',
  overdue: '已逾期',
};

/** How the information-processing fee is charged (国办函〔2020〕109号): one method per request. */
export const FEE_METHODS = ['per_request', 'per_page'] as const;
export type FeeMethod = (typeof FEE_METHODS)[number];
export const FEE_METHOD_LABELS: Record<FeeMethod, string> = { per_request: '按件计收', per_page: '按量计收' };

/** Whom a request's handler consults: a third party (Art. 32), another agency, or the co-producing agency (Art. 34). */
export const CONSULTATION_KINDS = ['third_party', 'agency', 'co_producer'] as const;
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];
export const CONSULTATION_KIND_LABELS: Record<ConsultationKind, string> = {
  third_party: '第三方',
  agency: '其他机关',
  co_producer: '共同制作机关',
};

/** Annual report Table 2 (主动公开政府信息情况): its rows, by the codes the report's JSON uses. */
export const TABLE2_FIELDS = {
  regulations_issued: '规章·本年制发件数',
  regulations_repealed: '规章·本年废止件数',
  regulations_in_force: '规章·现行有效件数',
  normative_issued: '行政规范性文件·本年制发件数',
  normative_repealed: '行政规范性文件·本年废止件数',
  normative_in_force: '行政规范性文件·现行有效件数',
  licensing_decisions: '行政许可·本年处理决定数量',
  penalty_decisions: '行政处罚·本年处理决定数量',
  enforcement_decisions: '行政强制·本年处理决定数量',
  fees_amount_10k_yuan: '行政事业性收费·本年收费金额（万元）',
} as const;
/** The Table 2 rows the unit enters by hand when it finalises the report; the others come from the document register. */
export const TABLE2_HAND_ENTERED_FIELDS = [
  'licensing_decisions',
  'penalty_decisions',
  'enforcement_decisions',
  'fees_amount_10k_yuan',
] as const;

/** What the consulted party answered (Art. 32: a third party's silence leaves the decision to the unit; Art. 34: a co-producer's silence is consent). */
export const CONSULTATION_ANSWERS = ['agreed', 'objected', 'no_answer'] as const;
export type ConsultationAnswer = (typeof CONSULTATION_ANSWERS)[number];
export const CONSULTATION_ANSWER_LABELS: Record<ConsultationAnswer, string> = {
  agreed: '同意公开',
  objected: '不同意公开',
  no_answer: '逾期未提出意见',
};

/**
 * Challenges to a request (annual report Table 4) and the Art. 35 reasons, in Chinese, by the codes of
 * the events' CHALLENGE_KINDS, CHALLENGE_PARTIES, CHALLENGE_SUBJECTS, CHALLENGE_OUTCOMES and REASONS_OUTCOMES.
 */
export const CHALLENGE_KIND_LABELS: Readonly<Record<string, string>> = {
  reconsideration: '行政复议',
  litigation_direct: '行政诉讼（未经复议直接起诉）',
  litigation_after_reconsideration: '行政诉讼（复议后起诉）',
};
export const CHALLENGE_PARTY_LABELS: Readonly<Record<string, string>> = { applicant: '申请人', third_party: '第三方' };
export const CHALLENGE_SUBJECT_LABELS: Readonly<Record<string, string>> = {
  no_reply: '未按期答复',
  reply: '答复',
  disclosure: '公开决定',
};
export const CHALLENGE_OUTCOME_LABELS: Readonly<Record<string, string>> = { 维持: '结果维持', 纠正: '结果纠正', 其他: '其他结果' };
export const REASONS_OUTCOME_LABELS: Readonly<Record<string, string>> = {
  accepted: '理由合理',
  rejected: '理由不合理',
  no_answer: '逾期未说明理由',
};

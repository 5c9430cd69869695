/** Chinese labels the API gives as codes (DOMAIN.md terms). */
/** Reply types (Art. 36) a handler drafts; 部分公开 also needs the withheld parts (not offered here yet). */
export const REPLY_CATEGORY_OPTIONS: { code: string; label: string }[] = [
  { code: 'disclose', label: '予以公开' },
  { code: 'withhold.state_secret', label: '不予公开：属于国家秘密' },
  { code: 'withhold.law_forbids', label: '不予公开：其他法律行政法规禁止公开' },
  { code: 'withhold.three_security', label: '不予公开：危及“三安全一稳定”' },
  { code: 'withhold.third_party', label: '不予公开：保护第三方合法权益' },
  { code: 'withhold.internal_affairs', label: '不予公开：属于三类内部事务信息' },
  { code: 'withhold.process_info', label: '不予公开：属于四类过程性信息' },
  { code: 'withhold.enforcement_file', label: '不予公开：属于行政执法案卷' },
  { code: 'withhold.query_matter', label: '不予公开：属于行政查询事项' },
  { code: 'unable.not_held', label: '无法提供：本机关不掌握相关政府信息' },
  { code: 'unable.needs_creation', label: '无法提供：没有现成信息需要另行制作' },
  { code: 'unable.still_unclear', label: '无法提供：补正后申请内容仍不明确' },
  { code: 'reject.petition', label: '不予处理：信访举报投诉类申请' },
  { code: 'reject.repeat', label: '不予处理：重复申请' },
  { code: 'reject.publication', label: '不予处理：要求提供公开出版物' },
  { code: 'reject.mass_repeat', label: '不予处理：无正当理由大量反复申请' },
  { code: 'reject.reconfirm', label: '不予处理：要求行政机关确认或重新出具已获取信息' },
];
export const APPLICANT_TYPES = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
export const ID_DOCUMENT_KINDS = ['居民身份证', '护照', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '统一社会信用代码', '其他'];
export const PREFERRED_FORMS = ['纸质', '电子'];
export const DELIVERY_METHODS = ['邮寄', '电子邮件', '当面领取', '网上获取'];
export const PHASE_LABELS: Record<string, string> = { drafting: '拟文', proposed: '待保密审查', confirmed: '审查通过待印发', issued: '已印发' };
export const UNIT_KIND_LABELS: Record<string, string> = { district_office: '区政府办公室', subdistrict: '街道', town: '镇', department: '区直部门' };
/** Concern severities, response kinds and sources (contracts: interpretation.labels.ts, CONCERN_SOURCES). */
export const CONCERN_SEVERITY_LABELS: Record<string, string> = { major_emergency: '重大突发事件', hot_issue: '社会热点', ordinary: '一般关切' };
export const CONCERN_RESPONSE_KIND_LABELS: Record<string, string> = { authoritative_information: '发布权威信息', press_conference: '召开新闻发布会', response: '回应' };
export const CONCERN_SOURCES = ['12345热线', '媒体', '网络', '其他'];
export const CONSULTATION_KIND_LABELS: Record<string, string> = { major_decision: '重大行政决策', normative_document: '行政规范性文件', other: '其他' };

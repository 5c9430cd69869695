/** Chinese labels of the codes the API gives (DOMAIN.md terms): the contracts' vocabulary, plus view-only labels. */

import * as vocabulary from '@gongkai/contracts/vocabulary';

// Widened to plain strings: the UI reads codes from JSON, where they are just strings.
type Labels = Readonly<Record<string, string>>;
type Codes = readonly string[];
export const APPLICANT_TYPES: Codes = vocabulary.APPLICANT_TYPES;
export const ID_DOCUMENT_KINDS: Codes = vocabulary.ID_DOCUMENT_KINDS;
export const PREFERRED_FORMS: Codes = vocabulary.PREFERRED_FORMS;
export const DELIVERY_METHODS: Codes = vocabulary.DELIVERY_METHODS;
export const DISCLOSURE_CHANNELS: Codes = vocabulary.DISCLOSURE_CHANNELS;
export const ITEM_STAGES: Codes = vocabulary.ITEM_STAGES;
export const UNIT_LEVELS: Codes = vocabulary.UNIT_LEVELS;
export const UNIT_KIND_LABELS: Labels = vocabulary.UNIT_KIND_LABELS;
export const INTERPRETATION_FORMS: Codes = vocabulary.INTERPRETATION_FORMS;
export const INTERPRETATION_CHANNELS: Codes = vocabulary.INTERPRETATION_CHANNELS;
export const CONCERN_SOURCES: Codes = vocabulary.CONCERN_SOURCES;
export const CONCERN_SEVERITY_LABELS: Labels = vocabulary.CONCERN_SEVERITY_LABELS;
export const CONCERN_RESPONSE_KIND_LABELS: Labels = vocabulary.CONCERN_RESPONSE_KIND_LABELS;
export const PUBLIC_CONSULTATION_KIND_LABELS: Labels = vocabulary.PUBLIC_CONSULTATION_KIND_LABELS;
export const PROVISIONAL_DUE_NOTE: string = vocabulary.PROVISIONAL_DUE_NOTE;

/**
 * Reply types (Art. 36) a handler drafts, labelled as the annual report groups them. 部分公开 also
 * needs the withheld parts (the reply form's editor); 其他处理 outcomes are recorded by the system.
 */
export const REPLY_CATEGORY_OPTIONS: { code: string; label: string }[] = vocabulary.REPLY_CATEGORY_CODES.filter(
  (code) => !code.startsWith('other.'),
).map((code) => {
  const { group, label } = vocabulary.REPLY_CATEGORIES[code];
  return { code, label: label.startsWith(group) ? group : `${group}：${label}` };
});

/** The grounds of a withheld part of a 部分公开 reply (Arts. 14–16): the 不予公开 rows of Table 3, as [code, label]. */
export const WITHHOLD_GROUND_OPTIONS: [string, string][] = vocabulary.REPLY_CATEGORY_CODES.filter(
  (code) => vocabulary.REPLY_CATEGORIES[code].group === '不予公开',
).map((code) => [code, vocabulary.REPLY_CATEGORIES[code].label]);

/** Withholding grounds (Arts. 14–16) as [code, label with its article]. */
export const GROUNDS: [string, string][] = Object.entries(vocabulary.WITHHOLDING_GROUNDS).map(([code, ground]) => [
  code,
  `${ground.label}（${ground.article}）`,
]);

/** Phases of a document in the register (a view of the document-attributes read model). */
export const PHASE_LABELS: Record<string, string> = {
  drafting: '拟文',
  proposed: '待保密审查',
  confirmed: '审查通过待印发',
  issued: '已印发',
};

/** Status of an open day as the API computes it (interpretation's publicOpenDay). */
export const OPEN_DAY_STATUS_LABELS: Record<string, string> = { upcoming: '报名中', held: '已举行', summarised: '已发布活动总结' };

/** Consultations during a request (条例第三十二条、第三十四条) and fee methods (国办函〔2020〕109号). */
export const REQUEST_CONSULTATION_KIND_LABELS: Labels = vocabulary.CONSULTATION_KIND_LABELS;
export const FEE_METHOD_LABELS: Labels = vocabulary.FEE_METHOD_LABELS;
export const CONSULTATION_ANSWER_LABELS: Labels = vocabulary.CONSULTATION_ANSWER_LABELS;
/** Annual report Table 2 rows, and those the unit enters by hand. */
export const TABLE2_FIELDS: Labels = vocabulary.TABLE2_FIELDS;
export const TABLE2_HAND_ENTERED_FIELDS: Codes = vocabulary.TABLE2_HAND_ENTERED_FIELDS;

/** Every reply category (including the 其他处理 outcomes the system records) as 类别：情形. */
export const REPLY_CATEGORY_LABELS: Labels = Object.fromEntries(
  vocabulary.REPLY_CATEGORY_CODES.map((code) => {
    const { group, label } = vocabulary.REPLY_CATEGORIES[code];
    return [code, group === label ? label : `${group}：${label}`];
  }),
);

/** The steps a request case allows once a period has run out (the API's `stepsDue` codes). */
export const STEP_DUE_LABELS: Labels = {
  correction_lapsed: '补正期限已过，未收到补正：可终止办理',
  consultation_period_over: '征求意见的答复期限已届满：可结束征求意见',
  consultation_receipt_missing: '征询函发出已满15个工作日：请登记对方收到征询函的日期',
  fee_lapsed: '缴费期限已过，未缴纳信息处理费：可终止办理',
  fee_receipt_missing: '收费通知发出已满20个工作日：请登记申请人收到收费通知的日期（登记前不能按逾期未缴费终止办理）',
  investigation_overdue: '协助调查已超过内部时限：请督促协助单位答复',
  reasons_period_over: '说明理由的期限已过：请登记申请人说明理由的结果',
};

/** Reconsideration and litigation (Table 4) and the Art. 35 reasons, by the API's codes. */
export const CHALLENGE_KIND_LABELS: Labels = vocabulary.CHALLENGE_KIND_LABELS;
export const CHALLENGE_PARTY_LABELS: Labels = vocabulary.CHALLENGE_PARTY_LABELS;
export const CHALLENGE_SUBJECT_LABELS: Labels = vocabulary.CHALLENGE_SUBJECT_LABELS;
export const CHALLENGE_OUTCOME_LABELS: Labels = vocabulary.CHALLENGE_OUTCOME_LABELS;
export const REASONS_OUTCOME_LABELS: Labels = vocabulary.REASONS_OUTCOME_LABELS;

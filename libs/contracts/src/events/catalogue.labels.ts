import type { EventLabels } from '../event-labels';
import { PILOT_DOMAINS } from './catalogue';

/** The 26 pilot domains by code, e.g. compulsory-education → 义务教育. */
const DOMAIN_NAMES: Readonly<Record<string, string>> = Object.fromEntries(PILOT_DOMAINS.map((d) => [d.code, d.name]));
const PUBLICATION_FIELDS = {
  version: '版本',
  domainCode: '试点领域',
  guidelineItemCode: '对应的标准指引事项',
  publishedAt: '发布时间',
  content: '事项内容（八要素）',
};
const CHECKLIST_FIELDS = { categoryCode: '法定公开类别', targetKind: '内容类型', targetId: '内容编号', title: '标题' };
const NEGATIVE_ENTRY_FIELDS = { entryId: '负面清单事项编号', ownerUnitId: '单位代码', content: '不予公开的事项、范围和依据' };

/**
 * Chinese labels of the catalogue service's events (convention: libs/contracts/src/event-labels.ts).
 * Decisions (DOMAIN.md §1): publishing, revising (with a reason: 动态管理 keeps the history),
 * returning for correction (the district office's note), withdrawing (with a reason) an item;
 * publishing a negative-list entry (with its legal basis, Arts. 14–16 and the specific law),
 * reviewing and withdrawing one; assigning a unit's responsible domains; loading a guideline
 * version for the district. Drafts are working steps, not decisions (NON_DECISION_EVENT_TYPES).
 */
export const catalogueEventLabels = {
  'catalogue.UnitGuidePublished': {
    label: '发布政府信息公开指南',
    fields: { unitId: '单位代码', version: '版本', content: '指南内容', publishedOn: '发布日期' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'catalogue.ChecklistContentLinked': {
    label: '主动公开清单：关联公开内容',
    fields: CHECKLIST_FIELDS,
    decision: { groundRequired: false, reasonRequired: false },
  },
  'catalogue.ChecklistContentUnlinked': {
    label: '主动公开清单：取消关联',
    fields: CHECKLIST_FIELDS,
    decision: { groundRequired: false, reasonRequired: true },
  },
  'catalogue.ChecklistLinkProposed': {
    label: '主动公开清单：系统建议关联',
    fields: { ...CHECKLIST_FIELDS, matched: '匹配依据' },
  },
  'catalogue.ChecklistProposalDismissed': {
    label: '主动公开清单：不采纳关联建议',
    fields: CHECKLIST_FIELDS,
    decision: { groundRequired: false, reasonRequired: false },
  },
  'catalogue.UnitRegistered': {
    label: '登记单位',
    fields: { name: '单位名称', level: '公开层级', kind: '单位类型', basis: '登记依据' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'catalogue.UnitRenamed': {
    label: '单位更名',
    fields: { name: '新名称', reason: '更名理由' },
    decision: { groundRequired: false, reasonRequired: true },
  },
  'catalogue.UnitOpennessOfficeDesignated': {
    label: '明确政务公开主管科室和专人',
    fields: { office: '主管科室', officerName: '负责人', officerPhone: '联系电话' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'catalogue.UnitResponsibleDomainsAssigned': {
    label: '明确负责的试点领域',
    fields: { domainCodes: '负责的试点领域', reason: '理由' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'catalogue.GuidelineVersionLoaded': {
    label: '发布标准指引版本',
    fields: {
      version: '版本号',
      title: '标题',
      sample: '示例数据',
      effectiveFrom: '施行日期',
      source: '来源',
      items: '指引事项',
      sourcedDomains: '有出处的领域',
    },
    // The district office loads it for every unit; its source (the State Council departments' guidelines) is shown as the ground.
    decision: { districtWide: true, groundField: 'source', groundRequired: false, reasonRequired: false },
  },
  'catalogue.ItemDrafted': {
    label: '起草公开事项',
    fields: { content: '事项内容（八要素）' },
  },
  'catalogue.ItemDraftUpdated': {
    label: '修改公开事项草稿',
    fields: { content: '事项内容（八要素）' },
  },
  'catalogue.ItemPublished': {
    label: '发布公开事项',
    fields: PUBLICATION_FIELDS,
    values: { domainCode: DOMAIN_NAMES },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'catalogue.ItemRevised': {
    label: '修订公开事项（形成新版本）',
    fields: { ...PUBLICATION_FIELDS, reason: '修订理由' },
    values: { domainCode: DOMAIN_NAMES },
    decision: { groundRequired: false, reasonRequired: true },
  },
  'catalogue.ItemReturnedForCorrection': {
    label: '退回修改',
    fields: { note: '退回意见' },
    decision: { reasonField: 'note', groundRequired: false, reasonRequired: true },
  },
  'catalogue.ItemWithdrawn': {
    label: '撤销公开事项',
    fields: { domainCode: '试点领域', guidelineItemCode: '对应的标准指引事项', reason: '撤销理由', withdrawnAt: '撤销时间' },
    values: { domainCode: DOMAIN_NAMES },
    decision: { groundRequired: false, reasonRequired: true },
  },
  'catalogue.GuidelineMatchConfirmed': {
    label: '确认公开事项与标准指引事项的对应',
    fields: { guidelineItemCode: '标准指引事项', reason: '说明' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'catalogue.GuidelineMatchRejected': {
    label: '否决公开事项与标准指引事项的对应建议',
    fields: { guidelineItemCode: '标准指引事项', reason: '理由' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'catalogue.CatalogueImported': {
    label: '导入目录文件',
    fields: {
      file: '原始文件',
      domainCode: '用户选择的领域',
      rows: '行数',
      created: '新增草稿',
      updated: '修改草稿',
      revised: '修订已发布事项',
      unchanged: '未变化',
      itemIds: '涉及的公开事项',
      importedAt: '导入时间',
    },
    values: { domainCode: DOMAIN_NAMES },
  },
  'catalogue.NegativeEntryDrafted': {
    label: '编制负面清单事项（草稿）',
    fields: NEGATIVE_ENTRY_FIELDS,
  },
  'catalogue.NegativeEntryAmended': {
    label: '修改负面清单事项草稿',
    fields: NEGATIVE_ENTRY_FIELDS,
  },
  'catalogue.NegativeEntryPublished': {
    label: '发布负面清单事项（不予公开）',
    fields: { ...NEGATIVE_ENTRY_FIELDS, publishedAt: '发布时间' },
    decision: { unitField: 'ownerUnitId', groundRequired: true, reasonRequired: false },
  },
  'catalogue.NegativeEntryReviewed': {
    label: '评估负面清单事项',
    fields: { ...NEGATIVE_ENTRY_FIELDS, reviewedOn: '评估日期', note: '评估意见' },
    decision: { unitField: 'ownerUnitId', reasonField: 'note', groundRequired: false, reasonRequired: true },
  },
  'catalogue.NegativeEntryWithdrawn': {
    label: '撤销负面清单事项',
    fields: { ...NEGATIVE_ENTRY_FIELDS, reason: '撤销理由' },
    decision: { unitField: 'ownerUnitId', groundRequired: false, reasonRequired: true },
  },
} as const satisfies EventLabels;

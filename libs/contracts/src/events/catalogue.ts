import { z } from 'zod';
import { isoDate, UNIT_KINDS, UNIT_LEVELS, unitIdSchema } from '../values';
import { blobRefSchema } from './document-attributes';
import {
  PILOT_DOMAINS,
  DOMAIN_CODES,
  DISCLOSURE_CHANNELS,
  AUDIENCES,
  DISCLOSURE_METHODS,
  ITEM_STAGES,
  type DomainCode,
  type DisclosureChannel,
} from '../vocabulary/catalogue';

export {
  PILOT_DOMAINS,
  DOMAIN_CODES,
  DISCLOSURE_CHANNELS,
  AUDIENCES,
  DISCLOSURE_METHODS,
  ITEM_STAGES,
  type DomainCode,
  type DisclosureChannel,
};

/** Integration events of the catalogue service (topic `gongkai.catalogue`). */
export const unitRegisteredV1 = z.object({
  unitId: unitIdSchema,
  name: z.string().min(2).max(60),
  level: z.enum(UNIT_LEVELS),
  kind: z.enum(UNIT_KINDS),
  /** Why the district office registered it, e.g. the 机构编制 document. */
  basis: z.string().max(200).optional(),
});

export const unitRenamedV1 = z.object({
  unitId: unitIdSchema,
  name: z.string().min(2).max(60),
  reason: z.string().min(2).max(500),
});

export const unitOpennessOfficeDesignatedV1 = z.object({
  unitId: unitIdSchema,
  /** 政务公开主管科室 */
  office: z.string().min(2).max(60),
  /** 专人: the responsible officer */
  officerName: z.string().min(2).max(30),
  officerPhone: z.string().max(30).optional(),
});

export type UnitRegistered = z.infer<typeof unitRegisteredV1>;
export type UnitRenamed = z.infer<typeof unitRenamedV1>;
export type UnitOpennessOfficeDesignated = z.infer<typeof unitOpennessOfficeDesignatedV1>;

// ---------------------------------------------------------------------------------------------
// The standard catalogue (政务公开事项标准目录): shared values and events.
// ---------------------------------------------------------------------------------------------

export const domainCodeSchema = z.enum(DOMAIN_CODES);

const text = (max: number) => z.string().min(1).max(max);
const itemIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/);

export const channelChoiceSchema = z.object({ channel: z.enum(DISCLOSURE_CHANNELS), other: text(100).optional() });
/** A legal basis as a structured reference: 《law》 plus the article, e.g. 第十九条. */
export const legalReferenceSchema = z.object({ law: text(200), article: text(100).optional() });
/** 公开时限 as a rule: N working or calendar days after the information is formed or changed. */
export const timeLimitRuleSchema = z.object({
  kind: z.enum(['working_days_after_formation', 'calendar_days_after_formation']),
  days: z.number().int().min(0).max(365),
});
export const timeLimitSchema = z.object({ text: text(200), rule: timeLimitRuleSchema.nullable() });
export const audienceSchema = z.object({ kind: z.enum(AUDIENCES), detail: text(100).optional() });

/**
 * The content of a catalogue item. In a draft the eight elements (名称 = 二级事项, 内容, 依据, 时限,
 * 主体, 方式, 渠道, 公开对象) may still be missing; a published version has all of them.
 */
export const itemContentV1 = z.object({
  domainCode: domainCodeSchema,
  /** 一级事项 */
  firstLevel: text(100),
  /** 二级事项: the item's name (名称) */
  secondLevel: text(200).optional(),
  /** 公开内容（要素） */
  content: text(2000).optional(),
  /** 公开依据 */
  legalBases: z.array(legalReferenceSchema).max(20).default([]),
  /** 公开时限 */
  timeLimit: timeLimitSchema.optional(),
  /** 公开主体 */
  subject: text(200).optional(),
  /** 公开方式 */
  method: z.enum(DISCLOSURE_METHODS).optional(),
  /** 公开渠道和载体 */
  channels: z.array(channelChoiceSchema).max(DISCLOSURE_CHANNELS.length).default([]),
  /** 公开对象 */
  audience: audienceSchema.optional(),
  /** 公开层级 */
  level: z.enum(UNIT_LEVELS),
  stage: z.enum(ITEM_STAGES).optional(),
  /** The guideline (标准指引) item this item implements, if any. */
  guidelineItemCode: text(40).optional(),
  /** For embedding in business systems: 岗位, 职权, 流程. */
  post: text(100).optional(),
  authority: text(200).optional(),
  procedure: text(1000).optional(),
});
export type ItemContent = z.infer<typeof itemContentV1>;

const itemRef = { itemId: itemIdSchema, unitId: unitIdSchema };
/** What assessment and document-attributes need of a published version, flat. */
const publicationFacts = {
  version: z.number().int().min(1),
  domainCode: domainCodeSchema,
  guidelineItemCode: text(40).nullable(),
  publishedAt: z.string().min(10),
};

export const unitResponsibleDomainsAssignedV1 = z.object({
  unitId: unitIdSchema,
  domainCodes: z.array(domainCodeSchema).max(PILOT_DOMAINS.length),
  reason: text(500).optional(),
});

/** Where a guideline row was read: the published catalogue (标准目录) on a county or city portal. */
export const guidelineSourceSchema = z.object({
  /** The document or page title as published. */
  title: text(200),
  /** The issuing body or publishing site, as the page names it. */
  issuer: text(100).optional(),
  url: z.string().url().max(500),
  /** When the page was published, if it says so. */
  publishedOn: isoDate.optional(),
  /** When the row was read from it. */
  readOn: isoDate,
});
export type GuidelineSource = z.infer<typeof guidelineSourceSchema>;

export const guidelineItemSchema = z.object({
  /** Stable code of the guideline item, e.g. `compulsory-education.03` */
  code: text(40),
  domainCode: domainCodeSchema,
  level: z.enum(UNIT_LEVELS),
  firstLevel: text(100),
  secondLevel: text(200),
  /** The row's other elements where the source states them (optional: 示例 rows have none). */
  timeLimit: text(200).optional(),
  subject: text(200).optional(),
  channels: z.array(text(60)).max(20).optional(),
  audience: z.array(text(20)).max(2).optional(),
  method: z.array(text(20)).max(2).optional(),
  /** Where the row was read; absent on 示例 rows. */
  source: guidelineSourceSchema.optional(),
});
export type GuidelineItem = z.infer<typeof guidelineItemSchema>;

export const guidelineVersionLoadedV1 = z.object({
  /** Increasing version number of the district's guideline reference data. */
  version: z.number().int().min(1),
  title: text(200),
  /** 示例: sample data, not the official guidelines. */
  sample: z.boolean(),
  effectiveFrom: isoDate,
  source: text(200).optional(),
  items: z.array(guidelineItemSchema).min(1).max(5000),
  /** The domains whose rows are sourced (each row names its source); every other domain's rows are 示例. Absent: as `sample` says. */
  sourcedDomains: z.array(domainCodeSchema).max(PILOT_DOMAINS.length).optional(),
});

/** An officer's decision on a proposed match of a catalogue item to a guideline item. */
const guidelineMatchDecision = {
  itemId: itemIdSchema,
  unitId: unitIdSchema,
  guidelineItemCode: text(40),
  reason: text(500).optional(),
};
export const guidelineMatchConfirmedV1 = z.object(guidelineMatchDecision);
export const guidelineMatchRejectedV1 = z.object(guidelineMatchDecision);

/**
 * A catalogue file imported into a unit's catalogue (stream `catalogue.imports-<unitId>`, one event
 * per import): the original file as uploaded, kept in the blob store for the audit (its SHA-256,
 * size, recognised type and name), the domain the user chose for tables that name none, what the
 * import did, and the items it drafted, updated or revised (the items' own events say how).
 */
export const catalogueImportedV1 = z.object({
  importId: text(60),
  unitId: unitIdSchema,
  file: blobRefSchema,
  domainCode: domainCodeSchema.optional(),
  rows: z.number().int().min(1),
  created: z.number().int().min(0),
  updated: z.number().int().min(0),
  revised: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  itemIds: z.array(text(60)),
  importedAt: z.string().min(10),
});

export const itemDraftedV1 = z.object({ ...itemRef, content: itemContentV1 });
export const itemDraftUpdatedV1 = z.object({ ...itemRef, content: itemContentV1 });
export const itemPublishedV1 = z.object({ ...itemRef, ...publicationFacts, content: itemContentV1 });
export const itemRevisedV1 = z.object({ ...itemRef, ...publicationFacts, reason: text(500), content: itemContentV1 });
export const itemReturnedForCorrectionV1 = z.object({ ...itemRef, note: text(1000) });
export const itemWithdrawnV1 = z.object({
  ...itemRef,
  domainCode: domainCodeSchema,
  guidelineItemCode: text(40).nullable(),
  reason: text(500),
  withdrawnAt: z.string().min(10),
});

/** 负面清单: the regulation's withholding articles. */
export const NEGATIVE_LIST_ARTICLES = [14, 15, 16] as const;
const negativeEntryRef = { entryId: itemIdSchema, ownerUnitId: unitIdSchema };
export const negativeEntryContentV1 = z.object({
  /** The specific matter not disclosed. */
  matter: text(200),
  scope: text(500),
  /** 政府信息公开条例 Art. 14, 15 or 16. */
  regulationArticle: z.union([z.literal(14), z.literal(15), z.literal(16)]),
  /** The specific law and article; required before publication. */
  specificBasis: legalReferenceSchema.optional(),
  lastReviewedOn: isoDate,
});
export type NegativeEntryContent = z.infer<typeof negativeEntryContentV1>;
export const negativeEntryDraftedV1 = z.object({ ...negativeEntryRef, content: negativeEntryContentV1 });
export const negativeEntryPublishedV1 = z.object({ ...negativeEntryRef, publishedAt: z.string().min(10) });
export const negativeEntryReviewedV1 = z.object({ ...negativeEntryRef, reviewedOn: isoDate, note: text(500) });
export const negativeEntryWithdrawnV1 = z.object({ ...negativeEntryRef, reason: text(500) });

/**
 * A unit's 政府信息公开指南 (Art. 12), published as a new version (stream `catalogue.guide-<unitId>`):
 * the office, its address, hours and phone, the channels, how to apply, fees and remedies. The
 * portal shows the current version; the district office sees units without one or with one older
 * than a year (Art. 12: 及时更新).
 */
export const unitGuideContentV1 = z.object({
  /** 政府信息公开工作机构 */
  office: text(100),
  address: text(200),
  /** 办公时间 */
  hours: text(200),
  phone: text(60),
  /** 申请渠道：当面、邮寄、传真、网上 … */
  channels: text(1000),
  /** 申请方式和程序 */
  howToApply: text(3000),
  /** 收费 (信息处理费) */
  fees: text(1000),
  /** 救济途径：复议、诉讼、举报 */
  remedies: text(1000),
  /** 主动公开的内容和方式 (optional) */
  proactive: text(2000).optional(),
});
export const unitGuidePublishedV1 = z.object({
  unitId: unitIdSchema,
  version: z.number().int().min(1),
  content: unitGuideContentV1,
  publishedOn: isoDate,
});

/**
 * The proactive-disclosure checklist (Arts. 20–21): per unit, each statutory category
 * (vocabulary/proactive-categories.ts) linked to the catalogue items and 主动公开 documents that satisfy
 * it. Stream `catalogue.checklist-<unitId>`. A link is the unit's decision; a proposal is the
 * system's suggestion (by domain or title), which the officer confirms (a link) or dismisses.
 */
const checklistTarget = {
  unitId: unitIdSchema,
  categoryCode: z.string().regex(/^art2[01]-[a-z0-9-]{1,20}$/),
  targetKind: z.enum(['item', 'document']),
  targetId: z.string().min(1).max(80),
};
export const checklistContentLinkedV1 = z.object({
  ...checklistTarget,
  /** The item's name or the document's title when linked, for the checklist and the audit timeline. */
  title: text(200),
});
export const checklistContentUnlinkedV1 = z.object({
  ...checklistTarget,
  /** The officer's reason, or the system's (the item was withdrawn, the document repealed). */
  reason: text(500),
});
export const checklistLinkProposedV1 = z.object({
  ...checklistTarget,
  title: text(200),
  /** What matched: the pilot domain's name or the words of the title. */
  matched: z.array(text(60)).min(1).max(10),
});
export const checklistProposalDismissedV1 = z.object(checklistTarget);

export const catalogueEvents = {
  'catalogue.UnitGuidePublished': { 1: unitGuidePublishedV1 },
  'catalogue.ChecklistContentLinked': { 1: checklistContentLinkedV1 },
  'catalogue.ChecklistContentUnlinked': { 1: checklistContentUnlinkedV1 },
  'catalogue.ChecklistLinkProposed': { 1: checklistLinkProposedV1 },
  'catalogue.ChecklistProposalDismissed': { 1: checklistProposalDismissedV1 },
  'catalogue.UnitRegistered': { 1: unitRegisteredV1 },
  'catalogue.UnitRenamed': { 1: unitRenamedV1 },
  'catalogue.UnitOpennessOfficeDesignated': { 1: unitOpennessOfficeDesignatedV1 },
  'catalogue.UnitResponsibleDomainsAssigned': { 1: unitResponsibleDomainsAssignedV1 },
  'catalogue.GuidelineVersionLoaded': { 1: guidelineVersionLoadedV1 },
  'catalogue.ItemDrafted': { 1: itemDraftedV1 },
  'catalogue.ItemDraftUpdated': { 1: itemDraftUpdatedV1 },
  'catalogue.ItemPublished': { 1: itemPublishedV1 },
  'catalogue.ItemRevised': { 1: itemRevisedV1 },
  'catalogue.ItemReturnedForCorrection': { 1: itemReturnedForCorrectionV1 },
  'catalogue.ItemWithdrawn': { 1: itemWithdrawnV1 },
  'catalogue.GuidelineMatchConfirmed': { 1: guidelineMatchConfirmedV1 },
  'catalogue.GuidelineMatchRejected': { 1: guidelineMatchRejectedV1 },
  'catalogue.CatalogueImported': { 1: catalogueImportedV1 },
  'catalogue.NegativeEntryDrafted': { 1: negativeEntryDraftedV1 },
  'catalogue.NegativeEntryAmended': { 1: negativeEntryDraftedV1 },
  'catalogue.NegativeEntryPublished': { 1: negativeEntryPublishedV1 },
  'catalogue.NegativeEntryReviewed': { 1: negativeEntryReviewedV1 },
  'catalogue.NegativeEntryWithdrawn': { 1: negativeEntryWithdrawnV1 },
} as const;

export type UnitResponsibleDomainsAssigned = z.infer<typeof unitResponsibleDomainsAssignedV1>;
export type GuidelineVersionLoaded = z.infer<typeof guidelineVersionLoadedV1>;
export type ItemDrafted = z.infer<typeof itemDraftedV1>;
export type ItemDraftUpdated = z.infer<typeof itemDraftUpdatedV1>;
export type ItemPublished = z.infer<typeof itemPublishedV1>;
export type ItemRevised = z.infer<typeof itemRevisedV1>;
export type ItemReturnedForCorrection = z.infer<typeof itemReturnedForCorrectionV1>;
export type ItemWithdrawn = z.infer<typeof itemWithdrawnV1>;
export type GuidelineMatchConfirmed = z.infer<typeof guidelineMatchConfirmedV1>;
export type GuidelineMatchRejected = z.infer<typeof guidelineMatchRejectedV1>;
export type CatalogueImported = z.infer<typeof catalogueImportedV1>;
export type NegativeEntryDrafted = z.infer<typeof negativeEntryDraftedV1>;
export type NegativeEntryPublished = z.infer<typeof negativeEntryPublishedV1>;
export type NegativeEntryReviewed = z.infer<typeof negativeEntryReviewedV1>;
export type NegativeEntryWithdrawn = z.infer<typeof negativeEntryWithdrawnV1>;
export type UnitGuideContent = z.infer<typeof unitGuideContentV1>;
export type UnitGuidePublished = z.infer<typeof unitGuidePublishedV1>;
export type ChecklistContentLinked = z.infer<typeof checklistContentLinkedV1>;
export type ChecklistContentUnlinked = z.infer<typeof checklistContentUnlinkedV1>;
export type ChecklistLinkProposed = z.infer<typeof checklistLinkProposedV1>;
export type ChecklistProposalDismissed = z.infer<typeof checklistProposalDismissedV1>;

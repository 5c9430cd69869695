import type { FileView } from './documents';

/**
 * What the catalogue service sends (zod-free, for the web app). Read from
 * libs/catalogue/src/read-models/units.projection.ts (`UnitView`), items.projection.ts
 * (`ItemView`, `PublicItemView`), search-index.ts (`SearchHit`) and the contracts' `ItemContent`.
 */

/** `GET /api/catalogue/units`. */
export interface UnitListView {
  unitId: string;
  name: string;
  level: string;
  kind: string;
  opennessOffice: { office: string; officerName: string; officerPhone?: string } | null;
  /** 负责的试点领域 (codes). */
  responsibleDomains: string[];
  registeredAt: string;
  updatedAt: string;
}

/** `GET /api/catalogue/domains`. */
export interface DomainView {
  code: string;
  name: string;
}

/** An item's content (the contracts' `ItemContent`, without zod). */
export interface ItemContentView {
  domainCode: string;
  firstLevel: string;
  secondLevel?: string;
  content?: string;
  legalBases: { law: string; article?: string }[];
  timeLimit?: { text: string; [extra: string]: unknown };
  subject?: string;
  method?: string;
  channels: { channel: string; other?: string }[];
  audience?: { kind: string; detail?: string };
  level: string;
  stage?: string;
  [extra: string]: unknown;
}

export interface ItemVersionView {
  version: number;
  publishedAt: string;
  /** Until when this version was the one in force. */
  supersededAt: string | null;
  reason: string | null;
  publishedBy: string;
  content: ItemContentView;
}

/** What the portal shows of an item (`PublicItemView`): never a draft, never the staff-only transitions. */
export interface PublicItemListView {
  itemId: string;
  unitId: string;
  status: 'draft' | 'published' | 'withdrawn';
  content: ItemContentView;
  domainCode: string;
  domainName: string;
  guidelineItemCode: string | null;
  version: number;
  versions: ItemVersionView[];
  withdrawal: { at: string; reason: string } | null;
  updatedAt: string;
}

/** One hit of the portal's search (`SearchHit`). */
export interface ItemSearchHit {
  itemId: string;
  unitId: string;
  domainCode: string;
  name: string;
  firstLevel: string;
  score: number;
  matched: string[];
}

/** The staff view of an item (`ItemView` without the search tokens): `GET /api/catalogue/units/:unitId/items[/:itemId]`. */
export interface StaffItemView extends Omit<PublicItemListView, 'domainName' | 'versions'> {
  versions: ItemVersionView[];
  /** Returned for correction by the district office (被退回修改), with its note. */
  correction: { note: string; at: string; by: string } | null;
  transitions: {
    type: string;
    at: string;
    actor: { userId: string; unitId: string | null; role: string };
    version: number | null;
    reason: string | null;
  }[];
}

/** `GET /api/catalogue/units/:unitId/items/todo`: items returned for correction and unpublished drafts. */
export interface ItemTodoView {
  returned: StaffItemView[];
  drafts: StaffItemView[];
}

/** What confirming an import does with a row (libs/catalogue/src/application/catalogue-import.ts `RowAction`). */
export type ImportRowAction = 'create' | 'update' | 'revise' | 'unchanged';

/** The eight elements (八要素) of a source row as text, as the preview shows them (`Elements`). */
export interface ImportElementsView {
  名称: string;
  内容: string;
  依据: string;
  时限: string;
  主体: string;
  方式: string;
  渠道: string;
  公开对象: string;
}

/** One table (a sheet, or a table of a Word document) of an uploaded file, as read (`TablePreview` without its rows). */
export interface ImportTableView {
  source: string;
  kind: 'sheet' | 'table';
  title: string | null;
  /** standard = our own export's columns; published = the layout counties publish (two-row header, √ marks). */
  layout: 'standard' | 'published';
  headerRows: 1 | 2;
  columns: { column: number; heading: string; role: string }[];
  /** Where the domain of the rows came from: a 所属领域 column, the user's choice, the sheet name, the title; null = not found. */
  domain: { code: string | null; name: string | null; from: 'column' | 'choice' | 'sheet' | 'title' | null };
  /** Rows left out: section titles and notes spanning the table. */
  skipped: { rowNumber: number; text: string }[];
}

/** One source row of the preview (`RowPreview` with its action). */
export interface ImportRowView {
  source: string;
  rowNumber: number;
  ok: boolean;
  /** zh-CN problems of the row; empty when it imports. */
  errors: string[];
  firstLevel: string;
  secondLevel: string;
  level: string;
  domainCode: string | null;
  elements: ImportElementsView;
  itemId: string | null;
  content: ItemContentView | null;
  action: ImportRowAction | null;
}

/** `POST /api/catalogue/units/:unitId/items/import/preview`: how every row maps to the catalogue; nothing recorded. */
export interface ImportPreviewView {
  format: 'xlsx' | 'docx';
  tables: ImportTableView[];
  rows: ImportRowView[];
  /** Sheets or tables left out, with why. */
  ignored: { source: string; reason: string }[];
  summary: { rows: number; valid: number; invalid: number } & Record<ImportRowAction, number>;
}

/** `POST /api/catalogue/units/:unitId/items/import`: what the import recorded, and its record (the original file kept with it). */
export interface ImportReportView {
  rows: number;
  created: number;
  updated: number;
  revised: number;
  unchanged: number;
  /** null when the file changed nothing: no record, no file kept. */
  importId: string | null;
  file: FileView | null;
}

/** One recorded import: what it did and its original file. */
export interface ImportRecordView {
  importId: string;
  unitId: string;
  file: FileView;
  domainCode?: string;
  rows: number;
  created: number;
  updated: number;
  revised: number;
  unchanged: number;
  itemIds: string[];
  importedAt: string;
}

/** `GET /api/catalogue/units/:unitId/items/imports`: the unit's imports, newest first, each with its original file. */
export interface ImportListView {
  imports: ImportRecordView[];
}

/** `GET /api/catalogue/units/:unitId/coverage/proposals`: guideline items proposed for the unit's unmatched items (not yet confirmed). */
/** `POST /api/catalogue/units/:unitId/coverage/matches/{confirm,reject}`: the item's decisions after this one. */
export interface MatchDecisionResult {
  itemId: string;
  guidelineItemCode: string;
  decisions: Record<string, 'confirmed' | 'rejected'>;
  revision: number;
}

export interface MatchProposalsView {
  unitId: string;
  unitName: string;
  proposals: {
    itemId: string;
    /** Best first: guideline items of the item's domain and level, score 0–1, with the words both names share. */
    candidates: { code: string; firstLevel: string; secondLevel: string; score: number; shared: string[] }[];
    /** The candidate the proposal picks (no guideline item is proposed twice), or null. */
    proposed: string | null;
  }[];
}

/** A guideline item (标准指引事项) as coverage lists it. */
export interface GuidelineItemView {
  code: string;
  domainCode: string;
  level: string;
  firstLevel: string;
  secondLevel: string;
  /** Where the row was read; absent on 示例 rows. */
  source?: { title: string; issuer?: string; url: string; publishedOn?: string; readOn: string };
  [extra: string]: unknown;
}

/** `GET /api/catalogue/units/:unitId/coverage`: the unit's published items against the guideline, per domain and overall. */
export interface UnitCoverageView {
  unitId: string;
  unitName: string;
  level: string;
  domains: {
    domainCode: string;
    domainName: string;
    expected: number;
    covered: GuidelineItemView[];
    missing: GuidelineItemView[];
    extra: { itemId: string; name: string; domainCode: string; guidelineItemCode: string | null }[];
    percent: number | null;
    /** The domain's guideline rows are 示例 (not read from a published catalogue). */
    sample: boolean;
  }[];
  overall: { expected: number; covered: number; missing: number; extra: number; percent: number | null };
}

/** `GET /api/catalogue/guides/status`: each unit's 政府信息公开指南 — missing, older than a year, or current. */
export interface GuideStatusView {
  unitId: string;
  unitName: string;
  state: 'missing' | 'outdated' | 'current';
  version: number | null;
  publishedOn: string | null;
}

export const GUIDE_STATE_LABELS: Record<GuideStatusView['state'], string> = {
  missing: '未发布',
  outdated: '超过一年未更新',
  current: '已发布',
};

/** `GET /api/catalogue/portal/units/:unitId/guide`. */
export interface UnitGuideView {
  unitId: string;
  unitName: string;
  version: number;
  publishedOn: string;
  content: {
    office: string;
    address: string;
    hours: string;
    phone: string;
    channels: string;
    howToApply: string;
    fees: string;
    remedies: string;
    proactive?: string;
  };
}

/** Content linked (or proposed) on a checklist category; `href` is its portal page. */
export interface ChecklistLinkView {
  targetKind: 'item' | 'document';
  targetId: string;
  title: string;
  href: string;
  /** A document not yet published (its publication not recorded): linked, but no content for the public yet. */
  pending: boolean;
}

/** One statutory category of Arts. 20–21 on a unit's checklist. */
export interface ChecklistCategoryView {
  code: string;
  article: string;
  citation: string;
  text: string;
  catchAll: boolean;
  links: ChecklistLinkView[];
  /** The system's proposals waiting for the officer (staff view only; empty on the portal). */
  proposals: (ChecklistLinkView & { matched: string[] })[];
  /** No published content linked (never true for the catch-all Art. 20 (十五)). */
  gap: boolean;
}

/** `GET /api/catalogue/units/:unitId/checklist` and `GET /api/catalogue/portal/units/:unitId/checklist`. */
export interface UnitChecklistView {
  unitId: string;
  unitName: string;
  unitKind: string;
  /** The checklist stream's revision this view reflects (-1: nothing recorded), for read-your-writes. */
  revision: number;
  /** Categories that count (all but the catch-all), and those with published content linked. */
  counted: number;
  covered: number;
  percent: number | null;
  categories: ChecklistCategoryView[];
}

/** `GET /api/catalogue/units/:unitId/checklist/candidates`: the unit's content that may be linked. */
export interface ChecklistCandidatesView {
  items: { targetId: string; title: string; domainName: string }[];
  documents: { targetId: string; title: string; documentNumber: string; published: boolean }[];
}

/** `GET /api/catalogue/checklists`: every unit's coverage and gaps, for the district office. */
export interface ChecklistOverviewRow {
  unitId: string;
  unitName: string;
  unitKind: string;
  counted: number;
  covered: number;
  percent: number | null;
  gaps: { code: string; citation: string; text: string }[];
}

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

import { inDateRange, pageOf, sortRows, textMatcher, type Page } from '@gongkai/platform';
import type { ItemView } from '../read-models/items.projection';

export const ITEM_STATUSES = ['draft', 'published', 'withdrawn'] as const;
/** `returned`: returned for correction by the district office and not yet corrected; `legal_basis_missing`: no law cited. */
export const ITEM_REGISTER_FLAGS = ['returned', 'legal_basis_missing'] as const;
export type ItemRegisterFlag = (typeof ITEM_REGISTER_FLAGS)[number];
/** `catalogue`: the catalogue's own order (domain, levels); else by last change or by name. */
export const ITEM_REGISTER_SORTS = ['catalogue', '-updatedAt', 'updatedAt', 'firstLevel'] as const;
export type ItemRegisterSort = (typeof ITEM_REGISTER_SORTS)[number];

/** The staff list's filters (all optional, combined with AND) and its sort. */
export interface ItemRegisterFilter {
  status?: ItemView['status'][];
  domainCode?: string;
  flag?: ItemRegisterFlag[];
  updatedFrom?: string;
  updatedTo?: string;
  q?: string;
  sort: ItemRegisterSort;
}

const FLAG_TESTS: Record<ItemRegisterFlag, (item: ItemView) => boolean> = {
  returned: (item) => item.correction !== null,
  legal_basis_missing: (item) => (item.content.legalBases ?? []).length === 0,
};

/** What the text box searches in an item: its levels, content, subject and id. */
const textOf = (item: ItemView) =>
  [item.content.firstLevel, item.content.secondLevel, item.content.content, item.content.subject, item.itemId].filter(Boolean).join(' ');

/**
 * A unit's items the filters select, sorted (pure). `items` come in the catalogue's order, which the
 * `catalogue` sort keeps; ties keep the item id order.
 */
export function selectItems(items: readonly ItemView[], f: ItemRegisterFilter): ItemView[] {
  const matches = textMatcher(f.q);
  const selected = items.filter(
    (item) =>
      (!f.status?.length || f.status.includes(item.status)) &&
      (!f.domainCode || item.domainCode === f.domainCode) &&
      (f.flag ?? []).every((flag) => FLAG_TESTS[flag](item)) &&
      inDateRange(item.updatedAt, f.updatedFrom, f.updatedTo) &&
      matches(textOf(item)),
  );
  if (f.sort === 'catalogue') return selected;
  return sortRows(
    selected,
    f.sort,
    (item, field) => (field === 'firstLevel' ? item.content.firstLevel : item.updatedAt),
    (item) => item.itemId,
  );
}

/** One page of a unit's items for its staff. */
export function itemPage(items: readonly ItemView[], query: ItemRegisterFilter & { page: number; pageSize: number }): Page<ItemView> {
  return pageOf(selectItems(items, query), query);
}

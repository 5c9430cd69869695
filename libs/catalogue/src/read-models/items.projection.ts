import {
  PILOT_DOMAINS,
  type EventEnvelope,
  type ItemContent,
  type ItemDrafted,
  type ItemDraftUpdated,
  type ItemPublished,
  type ItemReturnedForCorrection,
  type ItemRevised,
  type ItemWithdrawn,
} from '@gongkai/contracts';
import {
  asTyped,
  BatchedProjection,
  documentChange,
  expandQuery,
  withoutMeta,
  yieldToEventLoop,
  type TypedEnvelope,
  type WrittenDocument,
} from '@gongkai/platform';
import { indexTokens, queryTokens } from '../application/tokenize';
import { SearchIndex, type IndexedItem, type SearchHit } from './search-index';

export type { SearchHit } from './search-index';

/** Items per batch when the search index is loaded (a yield to the event loop after each). */
const SEARCH_LOAD_BATCH = 500;

export interface ItemVersionView {
  version: number;
  publishedAt: string;
  /** Until when this version was the one in force (the next version's or the withdrawal's time). */
  supersededAt: string | null;
  reason: string | null;
  publishedBy: string;
  content: ItemContent;
}

export interface ItemTransitionView {
  type: string;
  at: string;
  actor: { userId: string; unitId: string | null; role: string };
  version: number | null;
  reason: string | null;
}

export interface ItemView {
  itemId: string;
  unitId: string;
  status: 'draft' | 'published' | 'withdrawn';
  /** The draft's content while a draft; the version in force once published. */
  content: ItemContent;
  domainCode: string;
  guidelineItemCode: string | null;
  version: number;
  correction: { note: string; at: string; by: string } | null;
  versions: ItemVersionView[];
  transitions: ItemTransitionView[];
  withdrawal: { at: string; reason: string } | null;
  /** Search tokens of the version in force (empty for drafts). */
  tokens: string[];
  nameTokens: string[];
  updatedAt: string;
}

/** What the portal shows: never a draft, never the staff-only transitions. */
export type PublicItemView = Omit<ItemView, 'tokens' | 'nameTokens' | 'transitions' | 'correction'> & { domainName: string };

/** The events of an item's stream, as this read model reads them. */
type ItemEnvelope =
  | TypedEnvelope<'catalogue.ItemDrafted', ItemDrafted>
  | TypedEnvelope<'catalogue.ItemDraftUpdated', ItemDraftUpdated>
  | TypedEnvelope<'catalogue.ItemPublished', ItemPublished>
  | TypedEnvelope<'catalogue.ItemRevised', ItemRevised>
  | TypedEnvelope<'catalogue.ItemReturnedForCorrection', ItemReturnedForCorrection>
  | TypedEnvelope<'catalogue.ItemWithdrawn', ItemWithdrawn>;

/** A domain's name by its code (the code itself if unknown). */
export const domainName = (code: string) => PILOT_DOMAINS.find((d) => d.code === code)?.name ?? code;
const strip = ({ _id, ...doc }: Record<string, unknown>) => withoutMeta(doc) as unknown as ItemView;

/** What staff see of an item: everything but the search tokens, which only the portal's index reads. */
export type StaffItemView = Omit<ItemView, 'tokens' | 'nameTokens'>;
export function toStaffItem(item: ItemView): StaffItemView {
  const { tokens: _t, nameTokens: _n, ...rest } = item;
  return rest;
}

export function toPublicItem(item: ItemView): PublicItemView {
  const { tokens: _t, nameTokens: _n, transitions: _tr, correction: _c, ...rest } = item;
  return { ...rest, domainName: domainName(item.domainCode) };
}

/** The catalogue items: current state, every published version, every transition. */
export class CatalogueItemsProjection extends BatchedProjection {
  readonly name = 'catalogue.items';
  readonly collections = ['items'];
  readonly eventTypes = [
    'catalogue.ItemDrafted',
    'catalogue.ItemDraftUpdated',
    'catalogue.ItemPublished',
    'catalogue.ItemRevised',
    'catalogue.ItemReturnedForCorrection',
    'catalogue.ItemWithdrawn',
  ];
  private indexes: Promise<unknown> | null = null;
  private searchIndex: Promise<SearchIndex> | null = null;

  private get items() {
    return this.connection.collection('items');
  }

  /** Indexed fields for the portal: unit, domain, status and the search tokens. */
  ensureIndexes(): Promise<unknown> {
    this.indexes ??= Promise.all([
      this.items.createIndex({ unitId: 1 }),
      this.items.createIndex({ domainCode: 1 }),
      this.items.createIndex({ tokens: 1 }),
    ]).catch((error: unknown) => {
      this.indexes = null;
      throw error;
    });
    return this.indexes;
  }

  changesOf(event: EventEnvelope) {
    return [
      documentChange<ItemView>('items', asTyped<ItemEnvelope>(event).data.itemId, (current) =>
        applyItemEvent(current ? strip(current as never) : null, event),
      ),
    ];
  }

  override async handleBatch(events: readonly EventEnvelope[]): Promise<void> {
    await this.ensureIndexes();
    await super.handleBatch(events);
  }

  /** Keeps the search index (once loaded) in step with what the batch wrote. */
  protected override async afterBatch(written: readonly WrittenDocument[]): Promise<void> {
    if (!this.searchIndex) return;
    const index = await this.searchIndex;
    for (const { id, document } of written) {
      const item = document ? strip(document) : null;
      if (item?.status === 'published') index.upsert(indexed(item));
      else index.remove(item?.itemId ?? id);
    }
  }

  /**
   * The in-memory search index (see SearchIndex), loaded from the tokens stored with the published
   * items (nothing is segmented) in batches of 500, yielding to the event loop between batches, so
   * that a request arriving meanwhile waits a few milliseconds at most (a search waits for the load).
   * Started at boot (`loadSearchIndex` from the module), else by the first search.
   */
  loadSearchIndex(): Promise<SearchIndex> {
    this.searchIndex ??= (async () => {
      const index = new SearchIndex();
      const cursor = this.items.find(
        { status: 'published' },
        {
          projection: {
            itemId: 1,
            unitId: 1,
            domainCode: 1,
            tokens: 1,
            nameTokens: 1,
            'content.secondLevel': 1,
            'content.firstLevel': 1,
          },
        },
      );
      let loaded = 0;
      for await (const doc of cursor) {
        index.upsert(indexed(doc as unknown as ItemView));
        if (++loaded % SEARCH_LOAD_BATCH === 0) await yieldToEventLoop();
      }
      return index;
    })().catch((error: unknown) => {
      this.searchIndex = null;
      throw error;
    });
    return this.searchIndex;
  }

  async get(itemId: string): Promise<ItemView | null> {
    const doc = await this.items.findOne({ _id: itemId as never });
    return doc ? strip(doc) : null;
  }

  /** Every item of a unit, drafts included (staff). */
  async ofUnit(unitId: string): Promise<ItemView[]> {
    await this.ensureIndexes();
    const docs = await this.items.find({ unitId }).toArray();
    return docs.map(strip).sort(byCatalogueOrder);
  }

  async publishedOfUnit(unitId: string): Promise<ItemView[]> {
    return (await this.ofUnit(unitId)).filter((item) => item.status === 'published');
  }

  async allPublished(): Promise<Pick<ItemView, 'itemId' | 'unitId' | 'domainCode' | 'guidelineItemCode' | 'content'>[]> {
    const docs = await this.items
      .find({ status: 'published' }, { projection: { itemId: 1, unitId: 1, domainCode: 1, guidelineItemCode: 1, content: 1 } })
      .toArray();
    return docs as never;
  }

  /** The unit's to-do list: items returned for correction, and drafts not yet published. */
  async todo(unitId: string): Promise<{ returned: ItemView[]; drafts: ItemView[] }> {
    const items = await this.ofUnit(unitId);
    return { returned: items.filter((i) => i.correction !== null), drafts: items.filter((i) => i.status === 'draft') };
  }

  /**
   * Portal search: the query is segmented into words (jieba) and looked up in the in-memory
   * inverted index of the published items' tokens (SearchIndex), ranked there; each word is also
   * searched in its other forms from the abbreviation list (低保 → 最低生活保障). Drafts and withdrawn
   * items are never in it.
   */
  async search(query: string, limit = 20, filter: { unitId?: string; domainCode?: string } = {}): Promise<SearchHit[]> {
    const words = queryTokens(query);
    if (words.length === 0) return [];
    const forms = [...new Set(expandQuery(query, words).flatMap((group) => group.map((form) => form.toLowerCase())))];
    return (await this.loadSearchIndex()).search(forms, limit, filter);
  }
}

/**
 * The items read model as a pure function: the next document for one event (null: none). Without
 * `tokens` the search tokens are left empty (a read model that never searches: no segmentation).
 */
export function applyItemEvent(
  item: ItemView | null,
  envelope: EventEnvelope,
  { tokens = true }: { tokens?: boolean } = {},
): ItemView | null {
  const event = asTyped<ItemEnvelope>(envelope);
  const data = event.data;
  const transition: ItemTransitionView = {
    type: event.type.replace('catalogue.', ''),
    at: event.occurredAt,
    actor: event.actor,
    version: 'version' in data ? data.version : null,
    reason: ('reason' in data ? data.reason : 'note' in data ? data.note : undefined) || null,
  };
  const transitions = [...(item?.transitions ?? []), transition];
  switch (event.type) {
    case 'catalogue.ItemDrafted': {
      const { itemId, unitId, content } = event.data;
      return {
        itemId,
        unitId,
        status: 'draft' as const,
        content,
        domainCode: content.domainCode,
        guidelineItemCode: content.guidelineItemCode ?? null,
        version: 0,
        correction: null,
        versions: [],
        transitions,
        withdrawal: null,
        tokens: [],
        nameTokens: [],
        updatedAt: event.occurredAt,
      };
    }
    case 'catalogue.ItemDraftUpdated': {
      if (!item) return null;
      const { content } = event.data;
      return {
        ...item,
        content,
        domainCode: content.domainCode,
        guidelineItemCode: content.guidelineItemCode ?? null,
        transitions,
        updatedAt: event.occurredAt,
      };
    }
    case 'catalogue.ItemPublished':
    case 'catalogue.ItemRevised': {
      if (!item) return null;
      const published = event.data;
      const { content } = published;
      const versions = item.versions.map((v) => (v.supersededAt === null ? { ...v, supersededAt: published.publishedAt } : v));
      versions.push({
        version: published.version,
        publishedAt: published.publishedAt,
        supersededAt: null,
        reason: 'reason' in published ? published.reason : null,
        publishedBy: event.actor.userId,
        content,
      });
      return {
        ...item,
        status: 'published' as const,
        content,
        domainCode: content.domainCode,
        guidelineItemCode: content.guidelineItemCode ?? null,
        version: published.version,
        correction: null,
        versions,
        transitions,
        tokens: tokens
          ? indexTokens(content.firstLevel, content.secondLevel, content.content, content.subject, domainName(content.domainCode))
          : [],
        nameTokens: tokens ? indexTokens(content.secondLevel, content.firstLevel) : [],
        updatedAt: event.occurredAt,
      };
    }
    case 'catalogue.ItemReturnedForCorrection':
      return (
        item && {
          ...item,
          correction: { note: event.data.note, at: event.occurredAt, by: event.actor.userId },
          transitions,
          updatedAt: event.occurredAt,
        }
      );
    case 'catalogue.ItemWithdrawn': {
      if (!item) return null;
      const { reason, withdrawnAt } = event.data;
      return {
        ...item,
        status: 'withdrawn' as const,
        correction: null,
        versions: item.versions.map((v) => (v.supersededAt === null ? { ...v, supersededAt: withdrawnAt } : v)),
        withdrawal: { at: withdrawnAt, reason },
        transitions,
        tokens: [],
        nameTokens: [],
        updatedAt: event.occurredAt,
      };
    }
    default:
      return item;
  }
}

function indexed(item: Pick<ItemView, 'itemId' | 'unitId' | 'domainCode' | 'tokens' | 'nameTokens' | 'content'>): IndexedItem {
  return {
    itemId: item.itemId,
    unitId: item.unitId,
    domainCode: item.domainCode,
    name: item.content.secondLevel ?? item.content.firstLevel,
    firstLevel: item.content.firstLevel,
    tokens: item.tokens,
    nameTokens: item.nameTokens,
  };
}

/** The catalogue's order: by domain (as PILOT_DOMAINS lists them), then by name, then by id. */
export function byCatalogueOrder(
  a: Pick<ItemView, 'domainCode' | 'content' | 'itemId'>,
  b: Pick<ItemView, 'domainCode' | 'content' | 'itemId'>,
): number {
  const da = PILOT_DOMAINS.findIndex((d) => d.code === a.domainCode);
  const db = PILOT_DOMAINS.findIndex((d) => d.code === b.domainCode);
  return (
    da - db ||
    a.content.firstLevel.localeCompare(b.content.firstLevel, 'zh') ||
    (a.content.secondLevel ?? '').localeCompare(b.content.secondLevel ?? '', 'zh') ||
    a.itemId.localeCompare(b.itemId)
  );
}

import {
  type EventEnvelope,
  type ItemPublished,
  type ItemReturnedForCorrection,
  type ItemRevised,
  type ItemWithdrawn,
} from '@gongkai/contracts';
import {
  asTyped,
  BatchedProjection,
  documentChange,
  findByIds,
  projectBatch,
  type Projected,
  type TypedEnvelope,
  type WrittenDocument,
} from '@gongkai/platform';
import type { CatalogueFact } from '../domain/milestones';
import { applyItemEvent, byCatalogueOrder, domainName, type ItemVersionView, type ItemView, type PublicItemView } from './items.projection';

/** The per-unit summaries: `unit:<unitId>`. */
export const UNIT_CATALOGUES = 'unit_catalogues';
/** The per-domain summaries: `domain:<domainCode>`. */
export const DOMAIN_CATALOGUES = 'domain_catalogues';

/** One item as the portal sees it, without the domain's name (added when read). */
export type PublishedItemEntry = Omit<PublicItemView, 'domainName'>;

/**
 * One item in a summary, as a line of text: `unitId TAB itemId TAB domain TAB entry-as-JSON`, where
 * `domain` is the item's domain while it is published now (empty otherwise). A summary stores its
 * lines as one string (JSON escapes every newline inside an entry). FerretDB 1.24 converts a
 * document field by field: a summary of 300 items as nested documents took 0.24–0.84 s to read, as
 * one string 0.01–0.08 s; an array of strings costs about twice a single string (ADR 0015). The
 * database never looks inside a summary; the ids and the domain lead each line so that a batch
 * finds, sorts and filters lines without parsing the JSON.
 */
type SummaryLine = string;

/**
 * A unit's summary: every item of the unit published at least once (published or withdrawn since),
 * sorted by item id; and, per domain, the version of this document at which the unit's items
 * published in that domain last changed (which domain summaries a batch brings up to date).
 */
export interface UnitCatalogueDocument {
  unitId: string;
  /** The lines, joined by newlines. */
  text: string;
  domainStamps: Record<string, number>;
}

/** A domain's summary: the items published in it now, every unit's, sorted by unit and item id. */
export interface DomainCatalogueDocument {
  domainCode: string;
  /** The lines, joined by newlines. */
  text: string;
}

const lineOf = (entry: PublishedItemEntry): SummaryLine =>
  [entry.unitId, entry.itemId, publishedDomain(entry) ?? '', JSON.stringify(entry)].join('\t');
const fieldsOf = (line: SummaryLine) => {
  const [unitId, itemId, domain] = line.split('\t', 3);
  return { unitId, itemId, domain: domain || null };
};
const entryOf = (line: SummaryLine): PublishedItemEntry => JSON.parse(line.slice(line.indexOf('{'))) as PublishedItemEntry;
const byLine = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The last text split (a batch folds many events into one summary: the text it just joined comes back). */
let lastSplit: { text: string; lines: readonly SummaryLine[] } = { text: '', lines: [] };
function linesOf(doc: { text: string } | null): readonly SummaryLine[] {
  if (!doc || doc.text === '') return [];
  if (doc.text !== lastSplit.text) lastSplit = { text: doc.text, lines: doc.text.split('\n') };
  return lastSplit.lines;
}
function textOf(lines: readonly SummaryLine[]): string {
  const text = lines.join('\n');
  lastSplit = { text, lines };
  return text;
}

/** The events this read model reads: from an item's first publication on, nothing else changes its public view. */
type PublicItemEnvelope =
  | TypedEnvelope<'catalogue.ItemPublished', ItemPublished>
  | TypedEnvelope<'catalogue.ItemRevised', ItemRevised>
  | TypedEnvelope<'catalogue.ItemReturnedForCorrection', ItemReturnedForCorrection>
  | TypedEnvelope<'catalogue.ItemWithdrawn', ItemWithdrawn>;

export const unitCatalogueId = (unitId: string) => `unit:${unitId}`;
export const domainCatalogueId = (domainCode: string) => `domain:${domainCode}`;

/** The guard's stream of a unit summary, as domain summaries record it (its revision: the unit summary's `_version`). */
const unitSummaryStream = (unitId: string) => `summary:${unitCatalogueId(unitId)}`;

function asItemView(entry: PublishedItemEntry | null, event: PublicItemEnvelope): ItemView | null {
  if (entry) return { ...entry, tokens: [], nameTokens: [], transitions: [], correction: null };
  if (event.type !== 'catalogue.ItemPublished') return null;
  // The draft as it stood before its first publication: the publication sets everything the portal sees.
  const { itemId, unitId, content } = event.data;
  return {
    itemId,
    unitId,
    status: 'draft',
    content,
    domainCode: content.domainCode,
    guidelineItemCode: content.guidelineItemCode ?? null,
    version: 0,
    correction: null,
    versions: [],
    transitions: [],
    withdrawal: null,
    tokens: [],
    nameTokens: [],
    updatedAt: event.occurredAt,
  };
}

/** The public entry after one event, by the items read model's own transform (applyItemEvent). */
function nextEntry(entry: PublishedItemEntry | null, envelope: EventEnvelope): PublishedItemEntry | null {
  const event = asTyped<PublicItemEnvelope>(envelope);
  const next = applyItemEvent(asItemView(entry, event), envelope, { tokens: false });
  if (!next) return null;
  const { tokens: _t, nameTokens: _n, transitions: _tr, correction: _c, ...rest } = next;
  return rest;
}

/** The domain an entry counts in on the portal now (null: not published now). */
const publishedDomain = (entry: PublishedItemEntry | null) => (entry?.status === 'published' ? entry.domainCode : null);

/** The unit summary after one item event (`current` itself when the event does not concern the portal). */
function nextUnitCatalogue(
  current: Projected<UnitCatalogueDocument> | null,
  unitId: string,
  event: EventEnvelope,
): UnitCatalogueDocument | null {
  const itemId = asTyped<PublicItemEnvelope>(event).data.itemId;
  const lines = linesOf(current);
  const at = lines.findIndex((line) => fieldsOf(line).itemId === itemId);
  const before = at >= 0 ? entryOf(lines[at]) : null;
  const after = nextEntry(before, event);
  if (!after) return current;
  const version = (current?._version ?? 0) + 1; // the version the batch helper gives this document
  const stamps = { ...(current?.domainStamps ?? {}) };
  for (const domain of [publishedDomain(before), publishedDomain(after)]) if (domain) stamps[domain] = version;
  const next = at >= 0 ? lines.map((line, i) => (i === at ? lineOf(after) : line)) : [...lines, lineOf(after)].sort(byLine);
  return { unitId, text: textOf(next), domainStamps: stamps };
}

/**
 * Summary documents for the portal's catalogue reads (ADR 0015): per unit (`unit_catalogues`,
 * `unit:<unitId>`) and per domain (`domain_catalogues`, `domain:<code>`), each read with one `_id`
 * equality, the one filter FerretDB 1.24 pushes down to SQLite (ADR 0011). A unit's catalogue, as
 * it is now or at a past instant, its coverage and its milestones come from its summary; a domain's
 * catalogue from the domain's. Nothing is held in process: any replica answers from the database.
 *
 * The unit summaries are projected from the item events, each guarded by its item stream's revision
 * (`_applied` holds one entry per item stream). A domain summary is derived from the unit summaries
 * after they are written: for each unit summary the batch wrote, each domain whose items changed
 * (its `domainStamps`) gets the unit's slice replaced, guarded by the unit summary's `_version`.
 * An item revised into another domain is thus removed from the old one without the event naming it.
 */
export class CatalogueItemSummariesProjection extends BatchedProjection {
  readonly name = 'catalogue.item-summaries';
  readonly collections = [UNIT_CATALOGUES, DOMAIN_CATALOGUES];
  readonly eventTypes = [
    'catalogue.ItemPublished',
    'catalogue.ItemRevised',
    'catalogue.ItemReturnedForCorrection',
    'catalogue.ItemWithdrawn',
  ];

  changesOf(event: EventEnvelope) {
    const { unitId } = asTyped<PublicItemEnvelope>(event).data;
    return [
      documentChange<UnitCatalogueDocument>(UNIT_CATALOGUES, unitCatalogueId(unitId), (current) =>
        nextUnitCatalogue(current, unitId, event),
      ),
    ];
  }

  override async handleBatch(events: readonly EventEnvelope[]): Promise<void> {
    const wanted = events.filter((e) => this.eventTypes.includes(e.type));
    const units = await projectBatch(this.connection, wanted, (event) => this.changesOf(event));
    await this.deriveDomains(wanted, units.written);
  }

  /**
   * Brings the domain summaries up to date with the unit summaries this batch concerned. A unit
   * summary the batch did not write (every event skipped: a redelivery, perhaps after a crash
   * between the two steps) is read, and its domains of the last `n` versions (n: the batch's events
   * for it) are derived again; their guard skips what is done already.
   */
  private async deriveDomains(events: readonly EventEnvelope[], written: readonly WrittenDocument[]): Promise<void> {
    const eventsPerUnit = new Map<string, number>();
    for (const event of events) {
      const id = unitCatalogueId(asTyped<PublicItemEnvelope>(event).data.unitId);
      eventsPerUnit.set(id, (eventsPerUnit.get(id) ?? 0) + 1);
    }
    if (eventsPerUnit.size === 0) return;
    const summaries = new Map<string, Projected<UnitCatalogueDocument>>();
    for (const { collection, id, document } of written) {
      if (collection === UNIT_CATALOGUES && document) summaries.set(id, document as Projected<UnitCatalogueDocument>);
    }
    const unread = [...eventsPerUnit.keys()].filter((id) => !summaries.has(id));
    for (const [id, document] of await findByIds(this.connection.collection(UNIT_CATALOGUES), unread)) {
      summaries.set(id, document as Projected<UnitCatalogueDocument>);
    }
    const slices: { streamId: string; streamRevision: number; domainCode: string; unitId: string; lines: SummaryLine[] }[] = [];
    for (const [id, summary] of summaries) {
      const since = summary._version - (eventsPerUnit.get(id) ?? 0);
      for (const [domainCode, stamp] of Object.entries(summary.domainStamps)) {
        if (stamp <= since) continue;
        const lines = linesOf(summary).filter((line) => fieldsOf(line).domain === domainCode);
        slices.push({ streamId: unitSummaryStream(summary.unitId), streamRevision: stamp, domainCode, unitId: summary.unitId, lines });
      }
    }
    await projectBatch(this.connection, slices, (slice) => [
      documentChange<DomainCatalogueDocument>(DOMAIN_CATALOGUES, domainCatalogueId(slice.domainCode), (current) => {
        const others = linesOf(current).filter((line) => fieldsOf(line).unitId !== slice.unitId);
        return { domainCode: slice.domainCode, text: textOf([...others, ...slice.lines].sort(byLine)) };
      }),
    ]);
  }

  /** Every item of the unit ever published (published or withdrawn), in catalogue order: one `_id` read. */
  async ofUnit(unitId: string): Promise<PublishedItemEntry[]> {
    const doc = await this.connection.collection(UNIT_CATALOGUES).findOne({ _id: unitCatalogueId(unitId) as never });
    return linesOf(doc as UnitCatalogueDocument | null)
      .map(entryOf)
      .sort(byCatalogueOrder);
  }

  /** The unit's items published now, as the portal shows them. */
  async publishedOfUnit(unitId: string): Promise<PublicItemView[]> {
    return (await this.ofUnit(unitId)).filter((i) => i.status === 'published').map(withDomainName);
  }

  /** The items published now in the domain, every unit's, in catalogue order: one `_id` read. */
  async publishedInDomain(domainCode: string): Promise<PublicItemView[]> {
    const doc = await this.connection.collection(DOMAIN_CATALOGUES).findOne({ _id: domainCatalogueId(domainCode) as never });
    return linesOf(doc as DomainCatalogueDocument | null)
      .map(entryOf)
      .sort(byCatalogueOrder)
      .map(withDomainName);
  }

  /**
   * The unit's catalogue as it stood at `asOf` (ISO instant): for each item, the version published
   * at or before it and not yet superseded or withdrawn then.
   */
  async ofUnitAsOf(unitId: string, asOf: string): Promise<{ item: PublicItemView; version: ItemVersionView }[]> {
    return (await this.ofUnit(unitId)).flatMap((item) => {
      const version = item.versions.find((v) => v.publishedAt <= asOf && (v.supersededAt === null || v.supersededAt > asOf));
      return version ? [{ item: withDomainName(item), version }] : [];
    });
  }

  /** The publication facts of a unit, for milestones. */
  async factsOfUnit(unitId: string): Promise<CatalogueFact[]> {
    return (await this.ofUnit(unitId)).flatMap((item) => [
      ...item.versions.map((v): CatalogueFact => ({
        itemId: item.itemId,
        at: v.publishedAt,
        kind: 'published',
        domainCode: v.content.domainCode,
        guidelineItemCode: v.content.guidelineItemCode ?? null,
        embeddable: Boolean(v.content.post && v.content.authority && v.content.procedure),
      })),
      ...(item.withdrawal
        ? [
            {
              itemId: item.itemId,
              at: item.withdrawal.at,
              kind: 'withdrawn' as const,
              domainCode: item.content.domainCode,
              guidelineItemCode: null,
              embeddable: false,
            },
          ]
        : []),
    ]);
  }
}

const withDomainName = (entry: PublishedItemEntry): PublicItemView => ({ ...entry, domainName: domainName(entry.domainCode) });

import { z } from 'zod';
import {
  checklistCoverage,
  PILOT_DOMAINS,
  proactiveCategoriesOf,
  UNIT_KINDS,
  type ChecklistTargetKind,
  type EventEnvelope,
  type ItemPublished,
  type ItemWithdrawn,
  type UnitKind,
} from '@gongkai/contracts';
import type { ChecklistCandidatesView, ChecklistLinkView, ChecklistOverviewRow, UnitChecklistView } from '@gongkai/contracts/vocabulary';
import {
  asTyped,
  DomainError,
  systemContext,
  type CommandContext,
  type CommandHandler,
  type EventHandler,
  type TypedEnvelope,
} from '@gongkai/platform';
import { checklistStreamId, type ChecklistEntry } from '../domain/checklist';
import { checklistDecider, matchCategories, type ChecklistCommand, type ChecklistTarget } from '../domain/checklist.decide';
import {
  consumed,
  consumedIssuedShape,
  type CatalogueChecklistProjection,
  type CatalogueDisclosedDocumentsProjection,
  type ChecklistDoc,
  type DisclosedDocument,
} from '../read-models/checklist.projection';
import type { CatalogueItemsProjection, ItemView } from '../read-models/items.projection';
import type { CatalogueUnitsProjection, UnitView } from '../read-models/units.projection';

type Units = Pick<CatalogueUnitsProjection, 'get' | 'list'>;
type Items = Pick<CatalogueItemsProjection, 'get' | 'publishedOfUnit'>;
type Checklists = Pick<CatalogueChecklistProjection, 'get' | 'all'>;
type Documents = Pick<CatalogueDisclosedDocumentsProjection, 'get' | 'ofUnit'>;

const kindOf = (unit: Pick<UnitView, 'kind'>): UnitKind | null =>
  (UNIT_KINDS as readonly string[]).includes(unit.kind) ? (unit.kind as UnitKind) : null;
const itemName = (content: { firstLevel: string; secondLevel?: string }) =>
  content.secondLevel ? `${content.firstLevel}：${content.secondLevel}` : content.firstLevel;
const hrefOf = (kind: ChecklistTargetKind, id: string) => `/${kind === 'item' ? 'items' : 'documents'}/${encodeURIComponent(id)}`;

/**
 * The proactive-disclosure checklist (Arts. 20–21): the unit's officer links its published items and
 * 主动公开 documents to the statutory categories; the console shows the gaps, the district office every
 * unit's, the portal the checklist with its links.
 */
export class ProactiveChecklist {
  constructor(
    private readonly commands: CommandHandler,
    private readonly units: Units,
    private readonly items: Items,
    private readonly documents: Documents,
    private readonly checklists: Checklists,
  ) {}

  private async unit(unitId: string): Promise<UnitView & { unitKind: UnitKind }> {
    const unit = await this.units.get(unitId);
    const unitKind = unit ? kindOf(unit) : null;
    if (!unit || !unitKind) throw DomainError.notFound('UNIT_NOT_FOUND', `单位 ${unitId} 不存在。`);
    return { ...unit, unitKind };
  }

  private async target(kind: ChecklistTargetKind, id: string): Promise<ChecklistTarget | null> {
    if (kind === 'item') {
      const item = await this.items.get(id);
      return item ? { kind, id, title: itemName(item.content), unitId: item.unitId, disclosed: item.status === 'published' } : null;
    }
    const document = await this.documents.get(id);
    return document ? { kind, id, title: document.title, unitId: document.unitId, disclosed: !document.invalidated } : null;
  }

  private async handle(unitId: string, command: ChecklistCommand, context: CommandContext) {
    const result = await this.commands.handle(checklistDecider, checklistStreamId(unitId), command, context);
    return { unitId, revision: result.revision };
  }

  /** Links content (also how a proposal is confirmed). */
  async link(unitId: string, categoryCode: string, kind: ChecklistTargetKind, targetId: string, context: CommandContext) {
    const [unit, target] = await Promise.all([this.unit(unitId), this.target(kind, targetId)]);
    return this.handle(unitId, { type: 'LinkContent', unitId, unitKind: unit.unitKind, categoryCode, target, by: context.actor }, context);
  }

  async unlink(unitId: string, categoryCode: string, kind: ChecklistTargetKind, targetId: string, reason: string, context: CommandContext) {
    return this.handle(
      unitId,
      { type: 'UnlinkContent', unitId, categoryCode, targetKind: kind, targetId, reason, by: context.actor },
      context,
    );
  }

  async dismiss(unitId: string, categoryCode: string, kind: ChecklistTargetKind, targetId: string, context: CommandContext) {
    return this.handle(unitId, { type: 'DismissProposal', unitId, categoryCode, targetKind: kind, targetId, by: context.actor }, context);
  }

  /** The unit's checklist: every category with its links, proposals (staff only) and whether it is a gap. */
  async view(unitId: string, audience: 'staff' | 'public'): Promise<UnitChecklistView> {
    const [unit, checklist] = await Promise.all([this.unit(unitId), this.checklists.get(unitId)]);
    const documents = await this.documentsOf(checklist);
    const linkView = (e: ChecklistEntry): ChecklistLinkView => ({
      targetKind: e.targetKind,
      targetId: e.targetId,
      title: e.title,
      href: hrefOf(e.targetKind, e.targetId),
      pending: e.targetKind === 'document' && !documents.get(e.targetId)?.url,
    });
    const links = checklist.links.map((l) => ({ ...l, view: linkView(l) }));
    // The public sees only what it can read: published items and documents whose publication is recorded.
    const shown = audience === 'public' ? links.filter((l) => !l.view.pending) : links;
    const coverage = checklistCoverage(
      unit.unitKind,
      links.filter((l) => !l.view.pending).map((l) => l.categoryCode),
    );
    const gaps = new Set(coverage.gaps.map((g) => g.code));
    return {
      unitId,
      unitName: unit.name,
      unitKind: unit.unitKind,
      revision: checklist.revision,
      counted: coverage.counted,
      covered: coverage.covered.length,
      percent: coverage.percent,
      categories: proactiveCategoriesOf(unit.unitKind).map((c) => ({
        code: c.code,
        article: c.article,
        citation: c.citation,
        text: c.text,
        catchAll: c.catchAll ?? false,
        links: shown.filter((l) => l.categoryCode === c.code).map((l) => l.view),
        proposals:
          audience === 'staff'
            ? checklist.proposals.filter((p) => p.categoryCode === c.code).map((p) => ({ ...linkView(p), matched: p.matched }))
            : [],
        gap: gaps.has(c.code),
      })),
    };
  }

  private async documentsOf(checklist: Pick<ChecklistDoc, 'links' | 'proposals'>): Promise<Map<string, DisclosedDocument>> {
    const ids = [
      ...new Set([...checklist.links, ...checklist.proposals].filter((e) => e.targetKind === 'document').map((e) => e.targetId)),
    ];
    const found = await Promise.all(ids.map((id) => this.documents.get(id)));
    return new Map(found.filter((d): d is DisclosedDocument => d !== null).map((d) => [d.documentId, d]));
  }

  /** What the unit may link: its published items and its issued 主动公开 documents. */
  async candidates(unitId: string): Promise<ChecklistCandidatesView> {
    await this.unit(unitId);
    const [items, documents] = await Promise.all([this.items.publishedOfUnit(unitId), this.documents.ofUnit(unitId)]);
    return {
      items: items.map((i: ItemView) => ({
        targetId: i.itemId,
        title: itemName(i.content),
        domainName: PILOT_DOMAINS.find((d) => d.code === i.domainCode)?.name ?? i.domainCode,
      })),
      documents: documents.map((d) => ({
        targetId: d.documentId,
        title: d.title,
        documentNumber: d.documentNumber,
        published: d.url !== null,
      })),
    };
  }

  /** Every unit's coverage and gaps, for the district office. */
  async overview(): Promise<ChecklistOverviewRow[]> {
    const units = await this.units.list();
    const rows = await Promise.all(units.filter((u) => kindOf(u)).map((u) => this.view(u.unitId, 'staff')));
    return rows.map((v) => ({
      unitId: v.unitId,
      unitName: v.unitName,
      unitKind: v.unitKind,
      counted: v.counted,
      covered: v.covered,
      percent: v.percent,
      gaps: v.categories.filter((c) => c.gap).map(({ code, citation, text }) => ({ code, citation, text })),
    }));
  }
}

/** What this service reads from document-attributes' DocumentInvalidated (only the fields used here). */
const consumedInvalidatedShape = z.object({ documentId: z.string().min(1), unitId: z.string().min(1), status: z.string().min(1) });

type OwnItemEvent = TypedEnvelope<'catalogue.ItemPublished', ItemPublished> | TypedEnvelope<'catalogue.ItemWithdrawn', ItemWithdrawn>;

/**
 * Reactions that keep the checklists honest: content that fits a category by its domain or title is
 * proposed (the officer confirms or dismisses); a withdrawn item or a repealed document leaves every
 * category it was linked to. Idempotent through the decider (a redelivery proposes or unlinks nothing).
 */
export class ChecklistReactions implements EventHandler {
  readonly name = 'catalogue.checklist-reactions';
  readonly eventTypes = [
    'catalogue.ItemPublished',
    'catalogue.ItemWithdrawn',
    'document-attributes.DocumentIssued',
    'document-attributes.DocumentInvalidated',
  ];
  /** A unit's kind decides the proposals: the units read model has applied everything before the event. */
  readonly readsAfter = ['catalogue.units'];

  constructor(
    private readonly commands: CommandHandler,
    private readonly units: Pick<CatalogueUnitsProjection, 'get'>,
  ) {}

  async handle(event: EventEnvelope): Promise<void> {
    const command = await this.commandFor(event);
    if (command) await this.commands.handle(checklistDecider, checklistStreamId(command.unitId), command, systemContext(this.name, event));
  }

  private async commandFor(event: EventEnvelope): Promise<ChecklistCommand | null> {
    switch (event.type) {
      case 'document-attributes.DocumentIssued': {
        const issued = consumed(consumedIssuedShape, event);
        if (issued.attribute !== '主动公开') return null;
        const target = { kind: 'document' as const, id: issued.documentId, title: issued.title };
        return this.proposal(issued.unitId, target, { title: issued.title, documentType: issued.documentType });
      }
      case 'document-attributes.DocumentInvalidated': {
        const invalidated = consumed(consumedInvalidatedShape, event);
        return {
          type: 'ContentWithdrawn',
          unitId: invalidated.unitId,
          targetKind: 'document',
          targetId: invalidated.documentId,
          reason: `公文已${invalidated.status}`,
        };
      }
      default: {
        const own = asTyped<OwnItemEvent>(event);
        if (own.type === 'catalogue.ItemWithdrawn')
          return {
            type: 'ContentWithdrawn',
            unitId: own.data.unitId,
            targetKind: 'item',
            targetId: own.data.itemId,
            reason: '公开事项已撤销',
          };
        const { itemId, unitId, domainCode, content } = own.data;
        const title = itemName(content);
        return this.proposal(unitId, { kind: 'item', id: itemId, title }, { title, domainCode });
      }
    }
  }

  private async proposal(
    unitId: string,
    target: { kind: ChecklistTargetKind; id: string; title: string },
    content: Parameters<typeof matchCategories>[1],
  ): Promise<ChecklistCommand | null> {
    const unit = await this.units.get(unitId);
    const unitKind = unit ? kindOf(unit) : null;
    if (!unitKind) return null; // a unit not (yet) registered here: nothing to propose
    const matches = matchCategories(unitKind, content);
    return matches.length ? { type: 'ProposeLinks', unitId, unitKind, target, matches } : null;
  }
}

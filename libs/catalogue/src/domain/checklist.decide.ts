import {
  PILOT_DOMAINS,
  proactiveCategoriesOf,
  proactiveCategory,
  type Actor,
  type ChecklistTargetKind,
  type UnitKind,
} from '@gongkai/contracts';
import { DomainError, unitActionError, type Decider } from '@gongkai/platform/domain';
import { entryKey, evolveChecklist, initialChecklistState, type ChecklistEvent, type ChecklistState } from './checklist';

/** What the application found about the content to link (null: no such item or document). */
export interface ChecklistTarget {
  kind: ChecklistTargetKind;
  id: string;
  title: string;
  /** The unit that publishes it. */
  unitId: string;
  /** A published catalogue item, or an issued 主动公开 document not repealed. */
  disclosed: boolean;
}

export type ChecklistCommand =
  | { type: 'LinkContent'; unitId: string; unitKind: UnitKind; categoryCode: string; target: ChecklistTarget | null; by: Actor }
  | {
      type: 'UnlinkContent';
      unitId: string;
      categoryCode: string;
      targetKind: ChecklistTargetKind;
      targetId: string;
      reason: string;
      by: Actor;
    }
  | { type: 'DismissProposal'; unitId: string; categoryCode: string; targetKind: ChecklistTargetKind; targetId: string; by: Actor }
  /** The system: an item or document that may fit categories (`matchCategories`); proposals only. */
  | {
      type: 'ProposeLinks';
      unitId: string;
      unitKind: UnitKind;
      target: { kind: ChecklistTargetKind; id: string; title: string };
      matches: readonly CategoryMatch[];
    }
  /** The system: the item was withdrawn or the document repealed, so it satisfies nothing any more. */
  | { type: 'ContentWithdrawn'; unitId: string; targetKind: ChecklistTargetKind; targetId: string; reason: string };

export interface CategoryMatch {
  categoryCode: string;
  matched: readonly string[];
}

const applies = (kind: UnitKind, categoryCode: string) => proactiveCategoriesOf(kind).some((c) => c.code === categoryCode);

/**
 * The categories a unit of `kind` could satisfy with this content, by the obvious signs only: the
 * item's pilot domain, the words of its name or title, and a document's type (规章, 行政规范性文件 are
 * Art. 20 (一)). The officer confirms or dismisses each proposal.
 */
export function matchCategories(kind: UnitKind, content: { title: string; domainCode?: string; documentType?: string }): CategoryMatch[] {
  const domainName = PILOT_DOMAINS.find((d) => d.code === content.domainCode)?.name;
  return proactiveCategoriesOf(kind).flatMap((category) => {
    const matched = [
      ...(content.domainCode && category.domains.includes(content.domainCode) && domainName ? [domainName] : []),
      ...(category.code === 'art20-1' && (content.documentType === '规章' || content.documentType === '行政规范性文件')
        ? [content.documentType]
        : []),
      ...category.keywords.filter((word) => content.title.includes(word)),
    ];
    return matched.length ? [{ categoryCode: category.code, matched: [...new Set(matched)].slice(0, 10) }] : [];
  });
}

function link(command: Extract<ChecklistCommand, { type: 'LinkContent' }>, state: ChecklistState): ChecklistEvent[] | DomainError {
  const { unitId, categoryCode, target } = command;
  const category = proactiveCategory(categoryCode);
  if (!category || !applies(command.unitKind, categoryCode))
    return DomainError.rule('CHECKLIST_CATEGORY_NOT_APPLICABLE', `该法定公开类别不适用于本单位：${categoryCode}。`);
  if (!target) return DomainError.notFound('CHECKLIST_TARGET_NOT_FOUND', '未找到要关联的目录事项或公文。');
  if (target.unitId !== unitId) return DomainError.rule('CHECKLIST_TARGET_OTHER_UNIT', '只能关联本单位发布的目录事项或公文。');
  if (!target.disclosed)
    return DomainError.rule(
      'CHECKLIST_TARGET_NOT_DISCLOSED',
      target.kind === 'item' ? '该目录事项尚未发布或已撤销，不能满足主动公开要求。' : '只能关联已印发、属性为主动公开且未失效的公文。',
    );
  const key = entryKey({ categoryCode, targetKind: target.kind, targetId: target.id });
  if (state.links[key]) return [];
  return [
    {
      type: 'catalogue.ChecklistContentLinked',
      data: { unitId, categoryCode, targetKind: target.kind, targetId: target.id, title: target.title.slice(0, 200) },
    },
  ];
}

function propose(command: Extract<ChecklistCommand, { type: 'ProposeLinks' }>, state: ChecklistState): ChecklistEvent[] {
  const { unitId, target } = command;
  return command.matches
    .filter((m) => applies(command.unitKind, m.categoryCode))
    .filter((m) => {
      const key = entryKey({ categoryCode: m.categoryCode, targetKind: target.kind, targetId: target.id });
      return !state.links[key] && !state.proposals[key] && !state.settled.includes(key);
    })
    .map((m) => ({
      type: 'catalogue.ChecklistLinkProposed' as const,
      data: {
        unitId,
        categoryCode: m.categoryCode,
        targetKind: target.kind,
        targetId: target.id,
        title: target.title.slice(0, 200),
        matched: m.matched.map((w) => w.slice(0, 60)),
      },
    }));
}

export function decideChecklist(command: ChecklistCommand, state: ChecklistState): ChecklistEvent[] | DomainError {
  switch (command.type) {
    case 'LinkContent':
      return unitActionError(command.by, command.unitId) ?? link(command, state);
    case 'UnlinkContent': {
      const refused = unitActionError(command.by, command.unitId);
      if (refused) return refused;
      const { unitId, categoryCode, targetKind, targetId, reason } = command;
      if (!state.links[entryKey(command)]) return DomainError.notFound('CHECKLIST_LINK_NOT_FOUND', '该内容未关联到此类别。');
      return [{ type: 'catalogue.ChecklistContentUnlinked', data: { unitId, categoryCode, targetKind, targetId, reason } }];
    }
    case 'DismissProposal': {
      const refused = unitActionError(command.by, command.unitId);
      if (refused) return refused;
      const { unitId, categoryCode, targetKind, targetId } = command;
      if (!state.proposals[entryKey(command)]) return DomainError.notFound('CHECKLIST_PROPOSAL_NOT_FOUND', '没有这条关联建议，或已处理。');
      return [{ type: 'catalogue.ChecklistProposalDismissed', data: { unitId, categoryCode, targetKind, targetId } }];
    }
    case 'ProposeLinks':
      return propose(command, state);
    case 'ContentWithdrawn': {
      const { unitId, targetKind, targetId, reason } = command;
      return Object.values(state.links)
        .filter((l) => l.targetKind === targetKind && l.targetId === targetId)
        .map((l) => ({
          type: 'catalogue.ChecklistContentUnlinked' as const,
          data: { unitId, categoryCode: l.categoryCode, targetKind, targetId, reason },
        }));
    }
  }
}

export const checklistDecider: Decider<ChecklistCommand, ChecklistEvent, ChecklistState> = {
  initialState: initialChecklistState,
  evolve: evolveChecklist,
  decide: decideChecklist,
};

import type { IndicatorNode, ResultRules, SchemePublished, UnitKind } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/** A yearly assessment scheme (考核方案): a tree of indicators with points, published in versions. */
export type SchemeEvent = DomainEvent<'assessment.SchemePublished', SchemePublished>;

export interface SchemeVersion {
  version: number;
  title: string;
  opennessWeightPercent: number;
  totalPoints: number;
  indicators: IndicatorNode[];
  rules: ResultRules;
  assessedUnitKinds: UnitKind[];
  reason: string | null;
}

export type SchemeState =
  { status: 'none' } | { status: 'published'; schemeId: string; year: number; current: SchemeVersion; versions: SchemeVersion[] };

export const initialSchemeState: SchemeState = { status: 'none' };

export function evolveScheme(state: SchemeState, event: SchemeEvent): SchemeState {
  const { schemeId, year, legalBasis: _basis, ...rest } = event.data;
  const version: SchemeVersion = { ...rest, assessedUnitKinds: [...rest.assessedUnitKinds] };
  const versions = state.status === 'published' ? [...state.versions, version] : [version];
  return { status: 'published', schemeId, year, current: version, versions };
}

export const schemeStreamId = (schemeId: string) => `assessment.scheme-${schemeId}`;

/** Every leaf of the tree, in order, with the id of its parent group (null at the top). */
export function leavesOf(
  nodes: readonly IndicatorNode[],
  parentId: string | null = null,
): { leaf: Exclude<IndicatorNode, { kind: 'group' }>; parentId: string | null }[] {
  return nodes.flatMap((node) => (node.kind === 'group' ? leavesOf(node.children, node.id) : [{ leaf: node, parentId }]));
}

/** Every node, depth first. */
export function nodesOf(nodes: readonly IndicatorNode[]): IndicatorNode[] {
  return nodes.flatMap((node) => (node.kind === 'group' ? [node, ...nodesOf(node.children)] : [node]));
}

/** Points of a node: a leaf's own, a group's the sum of its children. */
export function pointsOf(node: IndicatorNode): number {
  return node.kind === 'group' ? round2(node.children.reduce((sum, child) => sum + pointsOf(child), 0)) : node.points;
}

export const round2 = (value: number): number => Math.round((value + Number.EPSILON) * 100) / 100;

/** Whether a scheme version assesses units of this kind (the unit kinds it names; a town, a department…). */
export const assesses = (version: Pick<SchemeVersion, 'assessedUnitKinds'>, unitKind: string): boolean =>
  (version.assessedUnitKinds as readonly string[]).includes(unitKind);

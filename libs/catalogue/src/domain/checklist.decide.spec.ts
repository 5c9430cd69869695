import { countedCategoriesOf, proactiveCategoriesOf, type Actor } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { checklistDecider, matchCategories, type ChecklistTarget } from './checklist.decide';

const TOWN = 'TEZ-ZSZ';
const officer = { userId: 'clerk-1', unitId: TOWN, role: 'clerk' as const };
const item: ChecklistTarget = { kind: 'item', id: 'item-1', title: '最低生活保障申请', unitId: TOWN, disclosed: true };
const ref = { unitId: TOWN, categoryCode: 'art21-town-8', targetKind: 'item' as const, targetId: 'item-1' };
const linked = { type: 'catalogue.ChecklistContentLinked' as const, data: { ...ref, title: item.title } };
const proposed = { type: 'catalogue.ChecklistLinkProposed' as const, data: { ...ref, title: item.title, matched: ['社会救助'] } };
const link = (target: ChecklistTarget | null = item, categoryCode = 'art21-town-8', by: Actor = officer) =>
  ({ type: 'LinkContent', unitId: TOWN, unitKind: 'town', categoryCode, target, by }) as const;
const spec = deciderSpec(checklistDecider);

describe('statutory categories (Arts. 20–21)', () => {
  it('a town keeps Art. 20 (15 items) and Art. 21’s town list; a department Art. 21’s county list', () => {
    const town = proactiveCategoriesOf('town').map((c) => c.code);
    const department = proactiveCategoriesOf('department').map((c) => c.code);
    expect(town.filter((c) => c.startsWith('art20-'))).toHaveLength(15);
    expect(town.filter((c) => c.startsWith('art21-town-'))).toHaveLength(8);
    expect(town.some((c) => c.startsWith('art21-county-'))).toBe(false);
    expect(department.filter((c) => c.startsWith('art21-county-'))).toHaveLength(7);
    expect(department.some((c) => c.startsWith('art21-town-'))).toBe(false);
    // Art. 20 (十五), the catch-all, is never counted as a gap
    expect(countedCategoriesOf('town').map((c) => c.code)).not.toContain('art20-15');
  });
});

describe('checklist links', () => {
  it('the unit’s officer links a published item to a category', () => {
    spec.given().when(link()).then([linked]);
  });
  it('linking the same content again records nothing', () => {
    spec.given(linked).when(link()).thenNothing();
  });
  it('a category of the other list does not apply', () => {
    spec.given().when(link(item, 'art21-county-1')).thenError('CHECKLIST_CATEGORY_NOT_APPLICABLE', { kind: 'rule' });
    spec.given().when(link(item, 'art99-1')).thenError('CHECKLIST_CATEGORY_NOT_APPLICABLE');
  });
  it('refuses another unit’s officer, unknown, foreign and undisclosed content', () => {
    spec
      .given()
      .when(link(item, 'art21-town-8', { ...officer, unitId: 'TEZ-EDU' }))
      .thenError('OTHER_UNIT');
    spec.given().when(link(null)).thenError('CHECKLIST_TARGET_NOT_FOUND');
    spec
      .given()
      .when(link({ ...item, unitId: 'TEZ-EDU' }))
      .thenError('CHECKLIST_TARGET_OTHER_UNIT');
    spec
      .given()
      .when(link({ ...item, disclosed: false }))
      .thenError('CHECKLIST_TARGET_NOT_DISCLOSED');
  });
  it('the district office may link for the unit', () => {
    spec
      .given()
      .when(link(item, 'art21-town-8', { userId: 'd-1', unitId: 'TEZ-GOV', role: 'district_office' as const }))
      .then([linked]);
  });
  it('unlinks with a reason; unlinking what is not linked is an error', () => {
    const unlink = { type: 'UnlinkContent', ...ref, reason: '关联有误', by: officer } as const;
    spec
      .given(linked)
      .when(unlink)
      .then([{ type: 'catalogue.ChecklistContentUnlinked', data: { ...ref, reason: '关联有误' } }]);
    spec
      .given(linked, { type: 'catalogue.ChecklistContentUnlinked', data: { ...ref, reason: '关联有误' } })
      .when(unlink)
      .thenError('CHECKLIST_LINK_NOT_FOUND');
  });
  it('a withdrawn item leaves every category it was linked to; nothing when it was not linked', () => {
    const other = { ...linked, data: { ...linked.data, categoryCode: 'art20-11' } };
    const withdrawn = { type: 'ContentWithdrawn', unitId: TOWN, targetKind: 'item', targetId: 'item-1', reason: '公开事项已撤销' } as const;
    spec
      .given(linked, other)
      .when(withdrawn)
      .then([
        { type: 'catalogue.ChecklistContentUnlinked', data: { ...ref, reason: '公开事项已撤销' } },
        { type: 'catalogue.ChecklistContentUnlinked', data: { ...ref, categoryCode: 'art20-11', reason: '公开事项已撤销' } },
      ]);
    spec.given().when(withdrawn).thenNothing();
  });
});

describe('proposals', () => {
  const proposeLinks = {
    type: 'ProposeLinks',
    unitId: TOWN,
    unitKind: 'town',
    target: { kind: 'item', id: 'item-1', title: item.title },
    matches: [{ categoryCode: 'art21-town-8', matched: ['社会救助'] }],
  } as const;
  it('proposes once; not again when linked or dismissed', () => {
    spec.given().when(proposeLinks).then([proposed]);
    spec.given(proposed).when(proposeLinks).thenNothing();
    spec.given(linked).when(proposeLinks).thenNothing();
    spec.given(proposed, { type: 'catalogue.ChecklistProposalDismissed', data: ref }).when(proposeLinks).thenNothing();
  });
  it('a proposal for another kind of unit’s category is dropped', () => {
    spec
      .given()
      .when({ ...proposeLinks, matches: [{ categoryCode: 'art21-county-7', matched: ['社会救助'] }] })
      .thenNothing();
  });
  it('the officer dismisses a proposal; a second dismissal is an error', () => {
    const dismiss = { type: 'DismissProposal', ...ref, by: officer } as const;
    spec
      .given(proposed)
      .when(dismiss)
      .then([{ type: 'catalogue.ChecklistProposalDismissed', data: ref }]);
    spec.given().when(dismiss).thenError('CHECKLIST_PROPOSAL_NOT_FOUND');
  });
  it('matches by domain, title words and document type', () => {
    expect(matchCategories('town', { title: '张山子镇最低生活保障审批', domainCode: 'social-assistance' })).toEqual([
      { categoryCode: 'art20-11', matched: ['社会救助'] },
      { categoryCode: 'art21-town-8', matched: ['社会救助'] },
    ]);
    expect(matchCategories('department', { title: '2026年部门预算公开', documentType: '其他' })).toEqual([
      { categoryCode: 'art20-7', matched: ['预算'] },
    ]);
    expect(matchCategories('department', { title: '关于印发某办法的通知', documentType: '行政规范性文件' })).toEqual([
      { categoryCode: 'art20-1', matched: ['行政规范性文件'] },
    ]);
    expect(matchCategories('town', { title: '关于召开会议的通知' })).toEqual([]);
  });
});

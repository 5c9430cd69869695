import { checkContract, EVENT_CONTRACTS, type ItemContent } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';
import { checklistDecider } from './checklist.decide';
import { guideDecider } from './guide.decide';
import { guidelineDecider } from './guideline.decide';
import { guidelineMatchDecider, type GuidelineMatchCommand } from './guideline-match.decide';
import { importRecordDecider } from './import-record.decide';
import { REFERENCE_GUIDELINE_COMMAND } from './guidelines';
import { itemDecider, type ItemCommand } from './item.decide';
import type { ItemEvent } from './item';
import type { NegativeEntryEvent } from './negative-entry';
import { negativeEntryDecider, type NegativeEntryCommand } from './negative-entry.decide';
import { SAMPLE_GUIDELINE_COMMAND } from './sample-guidelines';
import { unitDecider } from './unit.decide';

/** Every event the catalogue's deciders produce satisfies its published contract (what consumers validate). */
describe('catalogue events against their contracts', () => {
  const content: ItemContent = {
    domainCode: 'budget',
    firstLevel: '财政预算',
    secondLevel: '乡镇财政预算',
    content: '预算报告及报表',
    legalBases: [{ law: '中华人民共和国预算法', article: '第十四条' }],
    timeLimit: { text: '20个工作日内', rule: { kind: 'working_days_after_formation', days: 20 } },
    subject: '某镇',
    method: '主动',
    channels: [{ channel: '其他', other: '镇广播站' }],
    audience: { kind: '特定群体', detail: '辖区居民' },
    level: '乡级',
    stage: '结果',
    post: '财政所会计',
    authority: '预算编制',
    procedure: '拟稿、审核、发布',
  };
  const at = '2024-05-06T01:02:03.000Z';
  const clerkA = { userId: 'clerk-a', unitId: 'TEZ-A', role: 'clerk' as const };

  function run<C, E extends DomainEvent, S>(
    decider: { initialState: S; evolve(s: S, e: E): S; decide(c: C, s: S): E[] | Error },
    commands: C[],
    given: S = decider.initialState,
  ): E[] {
    let state = given;
    const events: E[] = [];
    for (const command of commands) {
      const result = decider.decide(command, state);
      if (result instanceof Error) throw result;
      for (const event of result) {
        state = decider.evolve(state, event);
        events.push(event);
      }
    }
    return events;
  }

  const events: DomainEvent[] = [
    ...run(unitDecider, [
      { type: 'RegisterUnit', unitId: 'TEZ-A', name: '某镇', level: '乡级', kind: 'town' },
      { type: 'AssignResponsibleDomains', domainCodes: ['budget', 'health'] },
    ]),
    ...run(guidelineDecider, [SAMPLE_GUIDELINE_COMMAND, { ...REFERENCE_GUIDELINE_COMMAND, effectiveFrom: '2024-01-01' }]),
    ...run(checklistDecider, [
      {
        type: 'ProposeLinks',
        unitId: 'TEZ-A',
        unitKind: 'town',
        target: { kind: 'document', id: 'doc-1', title: '某镇2024年预算公开' },
        matches: [{ categoryCode: 'art20-7', matched: ['预算'] }],
      },
      { type: 'DismissProposal', unitId: 'TEZ-A', categoryCode: 'art20-7', targetKind: 'document', targetId: 'doc-1', by: clerkA },
      {
        type: 'LinkContent',
        unitId: 'TEZ-A',
        unitKind: 'town',
        categoryCode: 'art21-town-8',
        target: { kind: 'item', id: 'item-1', title: '最低生活保障', unitId: 'TEZ-A', disclosed: true },
        by: clerkA,
      },
      { type: 'ContentWithdrawn', unitId: 'TEZ-A', targetKind: 'item', targetId: 'item-1', reason: '公开事项已撤销' },
    ]),
    ...run(importRecordDecider, [
      {
        type: 'RecordImport',
        by: { userId: 'clerk-a', unitId: 'TEZ-A', role: 'clerk' },
        record: {
          importId: 'import-1',
          unitId: 'TEZ-A',
          file: {
            sha256: 'b'.repeat(64),
            size: 9182,
            mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            originalName: '某镇财政预决算领域基层政务公开标准目录.docx',
          },
          domainCode: 'budget',
          rows: 2,
          created: 1,
          updated: 0,
          revised: 0,
          unchanged: 1,
          itemIds: ['item-3'],
          importedAt: at,
        },
      },
    ]),
    ...run(guideDecider, [
      {
        type: 'PublishGuide',
        unitId: 'TEZ-A',
        today: '2024-05-06',
        by: { userId: 'clerk-a', unitId: 'TEZ-A', role: 'clerk' },
        content: {
          office: '某镇党政办公室',
          address: '某镇政府路1号',
          hours: '工作日 8:30—17:30',
          phone: '0632-6610000',
          channels: '当面、邮寄、网上',
          howToApply: '填写申请表，写明所需信息的名称、文号或者特征性描述。',
          fees: '依照信息处理费管理办法收费。',
          remedies: '可以依法申请行政复议或者提起行政诉讼。',
        },
      },
    ]),
    ...run<ItemCommand, ItemEvent, ReturnType<typeof itemDecider.evolve>>(itemDecider, [
      {
        type: 'DraftItem',
        itemId: 'item-1',
        unitId: 'TEZ-A',
        content: { domainCode: 'budget', firstLevel: '财政预算', legalBases: [], channels: [], level: '乡级' },
      },
      { type: 'UpdateDraft', unitId: 'TEZ-A', content },
      { type: 'PublishItem', unitId: 'TEZ-A', at },
      { type: 'ReturnForCorrection', unitId: 'TEZ-A', note: '请补充' },
      { type: 'ReviseItem', unitId: 'TEZ-A', content: { ...content, content: '预算报告、报表及说明' }, reason: '补充说明', at },
      { type: 'WithdrawItem', unitId: 'TEZ-A', reason: '职能调整', at },
    ]),
    ...run(
      guidelineMatchDecider,
      (['ConfirmGuidelineMatch', 'RejectGuidelineMatch'] as const).map((type): GuidelineMatchCommand => ({
        type,
        unitId: 'TEZ-A',
        guidelineItemCode: 'budget.S01',
        guidelineItem: { code: 'budget.S01', domainCode: 'budget', level: '乡级' },
        reason: '名称不同',
      })),
      guidelineMatchDecider.evolve(guidelineMatchDecider.initialState, {
        type: 'catalogue.ItemDrafted',
        data: {
          itemId: 'item-2',
          unitId: 'TEZ-A',
          content: { domainCode: 'budget', firstLevel: '财政预算', legalBases: [], channels: [], level: '乡级' },
        },
      }),
    ),
    ...run<NegativeEntryCommand, NegativeEntryEvent, ReturnType<typeof negativeEntryDecider.evolve>>(negativeEntryDecider, [
      {
        type: 'DraftNegativeEntry',
        entryId: 'neg-1',
        ownerUnitId: 'TEZ-A',
        content: { matter: '某事项', scope: '某范围', regulationArticle: 14, lastReviewedOn: '2024-01-01' },
      },
      {
        type: 'AmendNegativeEntry',
        ownerUnitId: 'TEZ-A',
        content: {
          matter: '某事项',
          scope: '某范围',
          regulationArticle: 14,
          specificBasis: { law: '中华人民共和国保守国家秘密法', article: '第二条' },
          lastReviewedOn: '2024-01-01',
        },
      },
      { type: 'PublishNegativeEntry', ownerUnitId: 'TEZ-A', at },
      { type: 'ReviewNegativeEntry', ownerUnitId: 'TEZ-A', reviewedOn: '2025-01-01', note: '维持' },
      { type: 'WithdrawNegativeEntry', ownerUnitId: 'TEZ-A', reason: '解密' },
    ]),
  ];

  it.each(events.map((e) => [e.type, e] as const))('%s', (_type, event) => {
    expect(checkContract(event.type, 1, event.data)).toEqual({ ok: true });
  });

  it('covers every catalogue event type with a contract', () => {
    const produced = new Set(events.map((e) => e.type));
    const contracted = Object.keys(EVENT_CONTRACTS).filter(
      (t) => t.startsWith('catalogue.') && t !== 'catalogue.UnitRenamed' && t !== 'catalogue.UnitOpennessOfficeDesignated',
    );
    expect([...produced].sort()).toEqual(contracted.sort());
  });
});

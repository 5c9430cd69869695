import type { NegativeEntryContent } from '@gongkai/contracts';
import { fold } from '@gongkai/platform/domain';
import { isReviewOverdue, negativeEntryDecider, type NegativeEntryCommand, type NegativeEntryEvent } from './negative-entry';

const given = (...events: NegativeEntryEvent[]) => fold(negativeEntryDecider, events);
const when = (state: ReturnType<typeof given>, command: NegativeEntryCommand) => negativeEntryDecider.decide(command, state);

const UNIT = 'TEZ-CIVIL';
const content: NegativeEntryContent = {
  matter: '社会救助对象家庭经济状况核对中的个人财产明细',
  scope: '核对过程中获取的存款、车辆、房产等明细',
  regulationArticle: 15,
  specificBasis: { law: '社会救助暂行办法', article: '第六十六条' },
  lastReviewedOn: '2024-03-01',
};
const drafted: NegativeEntryEvent = { type: 'catalogue.NegativeEntryDrafted', data: { entryId: 'neg-1', ownerUnitId: UNIT, content } };
const published: NegativeEntryEvent = {
  type: 'catalogue.NegativeEntryPublished',
  data: { entryId: 'neg-1', ownerUnitId: UNIT, publishedAt: '2024-03-02T00:00:00Z' },
};

describe('negative list entry decider', () => {
  it('drafts and publishes an entry with a specific legal basis', () => {
    expect(when(given(), { type: 'DraftNegativeEntry', entryId: 'neg-1', ownerUnitId: UNIT, content })).toEqual([drafted]);
    expect(when(given(drafted), { type: 'PublishNegativeEntry', ownerUnitId: UNIT, at: '2024-03-02T00:00:00Z' })).toEqual([published]);
  });

  it.each([
    ['no specific basis', undefined],
    ['a law without the article', { law: '社会救助暂行办法' }],
    ['a blank law', { law: ' ', article: '第六十六条' }],
  ])('refuses to publish with %s', (_case, specificBasis) => {
    const state = given({ ...drafted, data: { ...drafted.data, content: { ...content, specificBasis } } } as NegativeEntryEvent);
    expect(when(state, { type: 'PublishNegativeEntry', ownerUnitId: UNIT, at: 'x' })).toMatchObject({
      kind: 'rule',
      code: 'NEGATIVE_ENTRY_BASIS_MISSING',
      detail: expect.stringContaining('缺少具体法律依据'),
    });
  });

  it('amends a draft so that it can be published', () => {
    const bare = given({ ...drafted, data: { ...drafted.data, content: { ...content, specificBasis: undefined } } } as NegativeEntryEvent);
    const amended = when(bare, { type: 'AmendNegativeEntry', ownerUnitId: UNIT, content }) as NegativeEntryEvent[];
    expect(amended).toEqual([{ type: 'catalogue.NegativeEntryAmended', data: { entryId: 'neg-1', ownerUnitId: UNIT, content } }]);
    expect(
      when(fold(negativeEntryDecider, [drafted, ...amended]), { type: 'PublishNegativeEntry', ownerUnitId: UNIT, at: 'x' }),
    ).toHaveLength(1);
  });

  it('refuses to amend a published entry, to publish twice, or to draft the same id twice', () => {
    expect(when(given(drafted, published), { type: 'AmendNegativeEntry', ownerUnitId: UNIT, content })).toMatchObject({
      code: 'NEGATIVE_ENTRY_NOT_DRAFT',
    });
    expect(when(given(drafted, published), { type: 'PublishNegativeEntry', ownerUnitId: UNIT, at: 'x' })).toMatchObject({
      code: 'NEGATIVE_ENTRY_ALREADY_PUBLISHED',
    });
    expect(when(given(drafted), { type: 'DraftNegativeEntry', entryId: 'neg-1', ownerUnitId: UNIT, content })).toMatchObject({
      code: 'NEGATIVE_ENTRY_EXISTS',
    });
  });

  it('records a review and refuses one dated before the last', () => {
    const reviewed = when(given(drafted, published), {
      type: 'ReviewNegativeEntry',
      ownerUnitId: UNIT,
      reviewedOn: '2025-02-01',
      note: '依据未变，继续不予公开',
    });
    expect(reviewed).toEqual([
      {
        type: 'catalogue.NegativeEntryReviewed',
        data: { entryId: 'neg-1', ownerUnitId: UNIT, reviewedOn: '2025-02-01', note: '依据未变，继续不予公开' },
      },
    ]);
    expect(fold(negativeEntryDecider, [drafted, published, ...(reviewed as NegativeEntryEvent[])])).toMatchObject({
      content: { lastReviewedOn: '2025-02-01' },
    });
    expect(
      when(given(drafted, published), { type: 'ReviewNegativeEntry', ownerUnitId: UNIT, reviewedOn: '2023-01-01', note: 'x' }),
    ).toMatchObject({
      code: 'NEGATIVE_ENTRY_REVIEW_BACKWARDS',
    });
  });

  it('withdraws with a reason, then refuses further commands', () => {
    const withdrawn = when(given(drafted, published), {
      type: 'WithdrawNegativeEntry',
      ownerUnitId: UNIT,
      reason: '已可公开',
    }) as NegativeEntryEvent[];
    expect(withdrawn).toEqual([
      { type: 'catalogue.NegativeEntryWithdrawn', data: { entryId: 'neg-1', ownerUnitId: UNIT, reason: '已可公开' } },
    ]);
    expect(
      when(given(drafted, published, ...withdrawn), {
        type: 'ReviewNegativeEntry',
        ownerUnitId: UNIT,
        reviewedOn: '2025-01-01',
        note: 'x',
      }),
    ).toMatchObject({
      code: 'NEGATIVE_ENTRY_WITHDRAWN',
    });
  });

  it('refuses an unknown entry and another unit', () => {
    expect(when(given(), { type: 'PublishNegativeEntry', ownerUnitId: UNIT, at: 'x' })).toMatchObject({ code: 'NEGATIVE_ENTRY_NOT_FOUND' });
    expect(when(given(drafted), { type: 'PublishNegativeEntry', ownerUnitId: 'TEZ-ZSZ', at: 'x' })).toMatchObject({ code: 'OTHER_UNIT' });
  });

  it('flags an entry not reviewed for more than 12 months', () => {
    expect(isReviewOverdue('2024-03-01', '2025-03-01')).toBe(false);
    expect(isReviewOverdue('2024-03-01', '2025-03-02')).toBe(true);
    expect(isReviewOverdue('2024-02-29', '2025-02-28')).toBe(false);
    expect(isReviewOverdue('2024-02-29', '2025-03-01')).toBe(true);
    expect(isReviewOverdue('2024-12-15', '2025-06-01')).toBe(false);
  });
});

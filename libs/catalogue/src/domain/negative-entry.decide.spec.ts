import type { NegativeEntryContent } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { isReviewOverdue, type NegativeEntryEvent } from './negative-entry';
import { negativeEntryDecider } from './negative-entry.decide';

const spec = deciderSpec(negativeEntryDecider);

const UNIT = 'TEZ-CIVIL';
const content: NegativeEntryContent = {
  matter: '社会救助对象家庭经济状况核对中的个人财产明细',
  scope: '核对过程中获取的存款、车辆、房产等明细',
  regulationArticle: 15,
  specificBasis: { law: '社会救助暂行办法', article: '第六十六条' },
  lastReviewedOn: '2024-03-01',
};
const draftedWith = (content: NegativeEntryContent) =>
  ({ type: 'catalogue.NegativeEntryDrafted', data: { entryId: 'neg-1', ownerUnitId: UNIT, content } }) satisfies NegativeEntryEvent;
const drafted = draftedWith(content);
const published = {
  type: 'catalogue.NegativeEntryPublished',
  data: { entryId: 'neg-1', ownerUnitId: UNIT, publishedAt: '2024-03-02T00:00:00Z' },
} satisfies NegativeEntryEvent;

describe('negative list entry decider', () => {
  it('drafts and publishes an entry with a specific legal basis', () => {
    spec.given().when({ type: 'DraftNegativeEntry', entryId: 'neg-1', ownerUnitId: UNIT, content }).then([drafted]);
    spec.given(drafted).when({ type: 'PublishNegativeEntry', ownerUnitId: UNIT, at: '2024-03-02T00:00:00Z' }).then([published]);
  });

  it.each<[string, NegativeEntryContent['specificBasis']]>([
    ['no specific basis', undefined],
    ['a law without the article', { law: '社会救助暂行办法' }],
    ['a blank law', { law: ' ', article: '第六十六条' }],
  ])('refuses to publish with %s', (_case, specificBasis) => {
    spec
      .given(draftedWith({ ...content, specificBasis }))
      .when({ type: 'PublishNegativeEntry', ownerUnitId: UNIT, at: 'x' })
      .thenError('NEGATIVE_ENTRY_BASIS_MISSING', { kind: 'rule', detail: expect.stringContaining('缺少具体法律依据') });
  });

  it('amends a draft so that it can be published', () => {
    const amended = {
      type: 'catalogue.NegativeEntryAmended',
      data: { entryId: 'neg-1', ownerUnitId: UNIT, content },
    } satisfies NegativeEntryEvent;
    const bare = draftedWith({ ...content, specificBasis: undefined });
    spec.given(bare).when({ type: 'AmendNegativeEntry', ownerUnitId: UNIT, content }).then([amended]);
    spec
      .given(bare, amended)
      .when({ type: 'PublishNegativeEntry', ownerUnitId: UNIT, at: 'x' })
      .then([expect.objectContaining({ type: 'catalogue.NegativeEntryPublished' })]);
  });

  it('refuses to amend a published entry, to publish twice, or to draft the same id twice', () => {
    spec.given(drafted, published).when({ type: 'AmendNegativeEntry', ownerUnitId: UNIT, content }).thenError('NEGATIVE_ENTRY_NOT_DRAFT');
    spec
      .given(drafted, published)
      .when({ type: 'PublishNegativeEntry', ownerUnitId: UNIT, at: 'x' })
      .thenError('NEGATIVE_ENTRY_ALREADY_PUBLISHED');
    spec
      .given(drafted)
      .when({ type: 'DraftNegativeEntry', entryId: 'neg-1', ownerUnitId: UNIT, content })
      .thenError('NEGATIVE_ENTRY_EXISTS');
  });

  it('records a review and refuses one dated before the last', () => {
    const reviewed = {
      type: 'catalogue.NegativeEntryReviewed',
      data: { entryId: 'neg-1', ownerUnitId: UNIT, reviewedOn: '2025-02-01', note: '依据未变，继续不予公开' },
    } satisfies NegativeEntryEvent;
    spec
      .given(drafted, published)
      .when({ type: 'ReviewNegativeEntry', ownerUnitId: UNIT, reviewedOn: '2025-02-01', note: '依据未变，继续不予公开' })
      .then([reviewed]);
    expect(spec.given(drafted, published, reviewed).state).toMatchObject({ content: { lastReviewedOn: '2025-02-01' } });
    spec
      .given(drafted, published)
      .when({ type: 'ReviewNegativeEntry', ownerUnitId: UNIT, reviewedOn: '2023-01-01', note: 'x' })
      .thenError('NEGATIVE_ENTRY_REVIEW_BACKWARDS');
  });

  it('withdraws with a reason, then refuses further commands', () => {
    const withdrawn = {
      type: 'catalogue.NegativeEntryWithdrawn',
      data: { entryId: 'neg-1', ownerUnitId: UNIT, reason: '已可公开' },
    } satisfies NegativeEntryEvent;
    spec.given(drafted, published).when({ type: 'WithdrawNegativeEntry', ownerUnitId: UNIT, reason: '已可公开' }).then([withdrawn]);
    spec
      .given(drafted, published, withdrawn)
      .when({ type: 'ReviewNegativeEntry', ownerUnitId: UNIT, reviewedOn: '2025-01-01', note: 'x' })
      .thenError('NEGATIVE_ENTRY_WITHDRAWN');
  });

  it('refuses an unknown entry and another unit', () => {
    spec.given().when({ type: 'PublishNegativeEntry', ownerUnitId: UNIT, at: 'x' }).thenError('NEGATIVE_ENTRY_NOT_FOUND');
    spec.given(drafted).when({ type: 'PublishNegativeEntry', ownerUnitId: 'TEZ-ZSZ', at: 'x' }).thenError('OTHER_UNIT');
  });

  it('flags an entry not reviewed for more than 12 months', () => {
    expect(isReviewOverdue('2024-03-01', '2025-03-01')).toBe(false);
    expect(isReviewOverdue('2024-03-01', '2025-03-02')).toBe(true);
    expect(isReviewOverdue('2024-02-29', '2025-02-28')).toBe(false);
    expect(isReviewOverdue('2024-02-29', '2025-03-01')).toBe(true);
    expect(isReviewOverdue('2024-12-15', '2025-06-01')).toBe(false);
  });
});

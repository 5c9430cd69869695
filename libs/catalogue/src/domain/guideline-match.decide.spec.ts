import type { ItemContent } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import type { ItemEvent } from './item';
import type { GuidelineMatchEvent } from './guideline-match';
import { guidelineMatchDecider, type GuidelineMatchCommand } from './guideline-match.decide';

const spec = deciderSpec(guidelineMatchDecider);

const UNIT = 'TEZ-ZSZ';
const content: ItemContent = { domainCode: 'social-assistance', firstLevel: '低保', legalBases: [], channels: [], level: '乡级' };
const drafted = { type: 'catalogue.ItemDrafted', data: { itemId: 'item-1', unitId: UNIT, content } } satisfies ItemEvent;
const withdrawn = {
  type: 'catalogue.ItemWithdrawn',
  data: {
    itemId: 'item-1',
    unitId: UNIT,
    domainCode: 'social-assistance',
    guidelineItemCode: null,
    reason: '职能调整',
    withdrawnAt: '2022-01-01T00:00:00.000Z',
  },
} satisfies ItemEvent;
type Guideline = NonNullable<GuidelineMatchCommand['guidelineItem']>;
const S01: Guideline = { code: 'social-assistance.S01', domainCode: 'social-assistance', level: '乡级' };
const S02: Guideline = { code: 'social-assistance.S02', domainCode: 'social-assistance', level: '乡级' };
const confirm = (guideline: Guideline = S01, extra: Partial<GuidelineMatchCommand> = {}): GuidelineMatchCommand => ({
  type: 'ConfirmGuidelineMatch',
  unitId: UNIT,
  guidelineItemCode: guideline.code,
  guidelineItem: guideline,
  ...extra,
});
const reject = (guideline: Guideline = S01, reason?: string): GuidelineMatchCommand => ({
  ...confirm(guideline),
  type: 'RejectGuidelineMatch',
  reason,
});
const confirmed = (code = S01.code) =>
  ({
    type: 'catalogue.GuidelineMatchConfirmed',
    data: { itemId: 'item-1', unitId: UNIT, guidelineItemCode: code },
  }) satisfies GuidelineMatchEvent;
const rejected = (code = S01.code, reason?: string) =>
  ({
    type: 'catalogue.GuidelineMatchRejected',
    data: { itemId: 'item-1', unitId: UNIT, guidelineItemCode: code, ...(reason ? { reason } : {}) },
  }) satisfies GuidelineMatchEvent;

describe('guideline match decider', () => {
  it('confirms a proposed match of the unit’s item, with its reason', () => {
    spec
      .given(drafted)
      .when(confirm(S01, { reason: '名称一致' }))
      .then([{ ...confirmed(), data: { ...confirmed().data, reason: '名称一致' } }]);
  });

  it('rejects a proposal, and confirming again after a rejection is possible', () => {
    spec
      .given(drafted)
      .when(reject(S01, '内容不同'))
      .then([rejected(S01.code, '内容不同')]);
    spec.given(drafted, rejected()).when(confirm()).then([confirmed()]);
  });

  it('a repeated decision records nothing', () => {
    spec.given(drafted, confirmed()).when(confirm()).thenNothing();
    spec.given(drafted, rejected()).when(reject()).thenNothing();
  });

  it('one confirmed guideline item per catalogue item: the first must be rejected before another is confirmed', () => {
    spec.given(drafted, confirmed()).when(confirm(S02)).thenError('GUIDELINE_MATCH_ALREADY_CONFIRMED', { kind: 'conflict' });
    spec
      .given(drafted, confirmed(), rejected())
      .when(confirm(S02))
      .then([confirmed(S02.code)]);
  });

  it('guards the unit: another unit’s officer cannot decide on the item', () => {
    spec
      .given(drafted)
      .when(confirm(S01, { unitId: 'TEZ-NHZ' }))
      .thenError('OTHER_UNIT', { kind: 'forbidden' });
    spec
      .given(drafted)
      .when({ ...reject(), unitId: 'TEZ-NHZ' })
      .thenError('OTHER_UNIT', { kind: 'forbidden' });
  });

  it('refuses an unknown item, a withdrawn item, an unknown guideline item and one of another domain or level', () => {
    spec.given().when(confirm()).thenError('ITEM_NOT_FOUND', { kind: 'not_found' });
    spec.given(drafted, withdrawn).when(confirm()).thenError('ITEM_WITHDRAWN');
    spec
      .given(drafted)
      .when(confirm(S01, { guidelineItem: null }))
      .thenError('GUIDELINE_ITEM_NOT_FOUND', { kind: 'not_found' });
    spec
      .given(drafted)
      .when(confirm({ ...S01, level: '县级' }))
      .thenError('GUIDELINE_MATCH_OTHER_DOMAIN');
    spec
      .given(drafted)
      .when(confirm({ code: 'budget.S01', domainCode: 'budget', level: '乡级' }))
      .thenError('GUIDELINE_MATCH_OTHER_DOMAIN');
  });
});

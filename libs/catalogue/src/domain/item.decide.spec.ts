import type { ItemContent } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { missingElements, type ItemEvent } from './item';
import { itemDecider, type ItemCommand } from './item.decide';

/**
 * The model of a decider spec: given the events of the item's stream, when a command is decided,
 * then these events, or this error. One `spec` per decider; the fixtures are the events themselves.
 */
const spec = deciderSpec(itemDecider);

const UNIT = 'TEZ-ZSZ';
const AT = '2021-01-05T01:00:00.000Z';

const completeContent: ItemContent = {
  domainCode: 'social-assistance',
  firstLevel: '最低生活保障',
  secondLevel: '最低生活保障申请受理及公示',
  content: '申请条件、申请材料、办理流程、审核结果公示',
  legalBases: [{ law: '社会救助暂行办法', article: '第十一条' }],
  timeLimit: { text: '信息形成或者变更之日起20个工作日内', rule: { kind: 'working_days_after_formation', days: 20 } },
  subject: '张山子镇人民政府',
  method: '主动',
  channels: [{ channel: '政府网站' }, { channel: '社区/企事业单位/村公示栏(电子屏)' }],
  audience: { kind: '全社会' },
  level: '乡级',
  stage: '结果',
  guidelineItemCode: 'social-assistance.S01',
};
/** A draft may lack every element but the domain, the first-level name and the level. */
const bareContent: ItemContent = { domainCode: 'budget', firstLevel: '财政预算', legalBases: [], channels: [], level: '乡级' };
const revisedContent: ItemContent = { ...completeContent, content: '申请条件、申请材料、办理流程、审核结果及救助金额公示' };

const draftedWith = (content: ItemContent, itemId = 'item-1') =>
  ({ type: 'catalogue.ItemDrafted', data: { itemId, unitId: UNIT, content } }) satisfies ItemEvent;
const drafted = draftedWith(completeContent);
const published = {
  type: 'catalogue.ItemPublished',
  data: {
    itemId: 'item-1',
    unitId: UNIT,
    version: 1,
    domainCode: 'social-assistance',
    guidelineItemCode: 'social-assistance.S01',
    publishedAt: '2020-12-01T02:00:00.000Z',
    content: completeContent,
  },
} satisfies ItemEvent;
const revised = {
  type: 'catalogue.ItemRevised',
  data: { ...published.data, version: 2, publishedAt: '2022-03-01T02:00:00.000Z', reason: '增加救助金额', content: revisedContent },
} satisfies ItemEvent;
const returned = {
  type: 'catalogue.ItemReturnedForCorrection',
  data: { itemId: 'item-1', unitId: UNIT, note: '公开依据应写明条款' },
} satisfies ItemEvent;
const withdrawn = {
  type: 'catalogue.ItemWithdrawn',
  data: {
    itemId: 'item-1',
    unitId: UNIT,
    domainCode: 'social-assistance',
    guidelineItemCode: 'social-assistance.S01',
    reason: '职能划转',
    withdrawnAt: AT,
  },
} satisfies ItemEvent;

describe('catalogue item decider', () => {
  describe('drafting', () => {
    it('drafts an item, even with elements still missing', () => {
      spec
        .given()
        .when({ type: 'DraftItem', itemId: 'item-2', unitId: UNIT, content: bareContent })
        .then([draftedWith(bareContent, 'item-2')]);
    });

    it('refuses to draft an item id twice', () => {
      spec
        .given(drafted)
        .when({ type: 'DraftItem', itemId: 'item-1', unitId: UNIT, content: completeContent })
        .thenError('ITEM_ALREADY_EXISTS', { kind: 'conflict' });
    });

    it('updates a draft, and an identical update records nothing', () => {
      const content = { ...completeContent, subject: '张山子镇党政综合办公室' };
      spec
        .given(drafted)
        .when({ type: 'UpdateDraft', unitId: UNIT, content })
        .then([{ type: 'catalogue.ItemDraftUpdated', data: { itemId: 'item-1', unitId: UNIT, content } }]);
      spec
        .given(drafted)
        .when({ type: 'UpdateDraft', unitId: UNIT, content: { ...completeContent } })
        .thenNothing();
    });

    it('refuses to edit a published item in place', () => {
      spec
        .given(drafted, published)
        .when({ type: 'UpdateDraft', unitId: UNIT, content: revisedContent })
        .thenError('ITEM_NOT_DRAFT', { kind: 'rule' });
    });
  });

  describe('publishing', () => {
    it('publishes a complete draft as version 1 with the facts other services need', () => {
      spec
        .given(drafted)
        .when({ type: 'PublishItem', unitId: UNIT, at: AT })
        .then([{ ...published, data: { ...published.data, publishedAt: AT } }]);
    });

    it('refuses to publish while elements are missing, naming each in Chinese', () => {
      spec
        .given(draftedWith(bareContent, 'item-2'))
        .when({ type: 'PublishItem', unitId: UNIT, at: AT })
        .thenError('ITEM_ELEMENTS_MISSING', {
          kind: 'rule',
          detail: '公开事项要素不全，不能发布。缺少：名称、内容、依据、时限、主体、方式、渠道、公开对象。',
          extensions: { missing: ['名称', '内容', '依据', '时限', '主体', '方式', '渠道', '公开对象'] },
        });
    });

    it.each<[string, Partial<ItemContent>]>([
      ['名称', { secondLevel: '  ' }],
      ['内容', { content: undefined }],
      ['依据', { legalBases: [] }],
      ['时限', { timeLimit: undefined }],
      ['主体', { subject: '' }],
      ['方式', { method: undefined }],
      ['渠道', { channels: [] }],
      ['公开对象', { audience: undefined }],
    ])('refuses a draft missing only %s', (element, change) => {
      const content = { ...completeContent, ...change };
      expect(missingElements(content)).toEqual([element]);
      spec
        .given(draftedWith(content))
        .when({ type: 'PublishItem', unitId: UNIT, at: AT })
        .thenError('ITEM_ELEMENTS_MISSING', { detail: expect.stringContaining(`缺少：${element}。`) });
    });

    it('refuses the channel 其他 without saying which', () => {
      const content: ItemContent = { ...completeContent, channels: [{ channel: '其他' }] };
      expect(missingElements(content)).toEqual(['渠道（“其他”须注明具体渠道）']);
      expect(missingElements({ ...content, channels: [{ channel: '其他', other: '镇广播站' }] })).toEqual([]);
    });

    it('refuses to publish twice', () => {
      spec.given(drafted, published).when({ type: 'PublishItem', unitId: UNIT, at: AT }).thenError('ITEM_ALREADY_PUBLISHED');
    });
  });

  describe('revising', () => {
    it('revises a published item into the next version with a reason', () => {
      spec
        .given(drafted, published)
        .when({ type: 'ReviseItem', unitId: UNIT, content: revisedContent, reason: '增加救助金额', at: '2022-03-01T02:00:00.000Z' })
        .then([revised]);
      expect(spec.given(drafted, published, revised).state).toMatchObject({ status: 'published', version: 2, content: revisedContent });
    });

    it('refuses a revision that changes nothing', () => {
      spec
        .given(drafted, published)
        .when({ type: 'ReviseItem', unitId: UNIT, content: completeContent, reason: '无', at: AT })
        .thenError('ITEM_UNCHANGED');
    });

    it('refuses a revision with missing elements', () => {
      spec
        .given(drafted, published)
        .when({ type: 'ReviseItem', unitId: UNIT, content: { ...revisedContent, legalBases: [] }, reason: '删依据', at: AT })
        .thenError('ITEM_ELEMENTS_MISSING', { detail: expect.stringContaining('依据') });
    });

    it('refuses to revise a draft', () => {
      spec
        .given(drafted)
        .when({ type: 'ReviseItem', unitId: UNIT, content: revisedContent, reason: 'x', at: AT })
        .thenError('ITEM_NOT_PUBLISHED');
    });

    it('a revision follows the domain and guideline item of the new content', () => {
      const moved = { ...revisedContent, guidelineItemCode: undefined };
      spec
        .given(drafted, published)
        .when({ type: 'ReviseItem', unitId: UNIT, content: moved, reason: '不对应指引', at: AT })
        .then([
          {
            type: 'catalogue.ItemRevised',
            data: expect.objectContaining({ guidelineItemCode: null, domainCode: 'social-assistance', version: 2 }),
          },
        ]);
    });
  });

  describe('returning for correction', () => {
    it('returns a published item with a note; the revision closes the request', () => {
      spec.given(drafted, published).when({ type: 'ReturnForCorrection', unitId: UNIT, note: '公开依据应写明条款' }).then([returned]);
      expect(spec.given(drafted, published, returned).state).toMatchObject({
        correction: { note: '公开依据应写明条款' },
        status: 'published',
      });
      expect(spec.given(drafted, published, returned, revised).state).toMatchObject({ correction: null, version: 2 });
    });

    it('refuses to return a draft, or to return twice while the first request is open', () => {
      spec.given(drafted).when({ type: 'ReturnForCorrection', unitId: UNIT, note: 'x' }).thenError('ITEM_NOT_PUBLISHED');
      spec
        .given(drafted, published, returned)
        .when({ type: 'ReturnForCorrection', unitId: UNIT, note: '再次' })
        .thenError('ITEM_CORRECTION_PENDING', { kind: 'conflict' });
    });
  });

  describe('withdrawing', () => {
    it('withdraws a published item with a reason', () => {
      spec.given(drafted, published).when({ type: 'WithdrawItem', unitId: UNIT, reason: '职能划转', at: AT }).then([withdrawn]);
    });

    it('refuses to withdraw a draft', () => {
      spec.given(drafted).when({ type: 'WithdrawItem', unitId: UNIT, reason: 'x', at: AT }).thenError('ITEM_NOT_PUBLISHED');
    });

    it.each<ItemCommand>([
      { type: 'PublishItem', unitId: UNIT, at: AT },
      { type: 'ReviseItem', unitId: UNIT, content: revisedContent, reason: 'x', at: AT },
      { type: 'WithdrawItem', unitId: UNIT, reason: 'x', at: AT },
      { type: 'ReturnForCorrection', unitId: UNIT, note: 'x' },
      { type: 'UpdateDraft', unitId: UNIT, content: revisedContent },
    ])('refuses $type on a withdrawn item', (command) => {
      spec.given(drafted, published, withdrawn).when(command).thenError('ITEM_WITHDRAWN');
    });
  });

  it('refuses anything on an unknown item', () => {
    spec.given().when({ type: 'PublishItem', unitId: UNIT, at: AT }).thenError('ITEM_NOT_FOUND', { kind: 'not_found' });
  });

  it.each<ItemCommand>([
    { type: 'PublishItem', unitId: 'TEZ-NHZ', at: AT },
    { type: 'UpdateDraft', unitId: 'TEZ-NHZ', content: revisedContent },
    { type: 'WithdrawItem', unitId: 'TEZ-NHZ', reason: 'x', at: AT },
  ])('refuses $type given for another unit', (command) => {
    spec.given(drafted).when(command).thenError('OTHER_UNIT', { kind: 'forbidden' });
  });
});

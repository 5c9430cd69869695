import type { ItemContent } from '@gongkai/contracts';
import { DomainError, fold } from '@gongkai/platform/domain';
import { missingElements, type ItemEvent } from './item';
import { itemDecider, type ItemCommand } from './item.decide';

const given = (...events: ItemEvent[]) => fold(itemDecider, events);
const when = (state: ReturnType<typeof given>, command: ItemCommand) => itemDecider.decide(command, state);

const UNIT = 'TEZ-ZSZ';
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
const drafted: ItemEvent = { type: 'catalogue.ItemDrafted', data: { itemId: 'item-1', unitId: UNIT, content: completeContent } };
const published: ItemEvent = {
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
};
const revisedContent: ItemContent = { ...completeContent, content: '申请条件、申请材料、办理流程、审核结果及救助金额公示' };
const revised: ItemEvent = {
  type: 'catalogue.ItemRevised',
  data: { ...published.data, version: 2, publishedAt: '2022-03-01T02:00:00.000Z', reason: '增加救助金额', content: revisedContent },
} as ItemEvent;
const AT = '2021-01-05T01:00:00.000Z';

describe('catalogue item decider', () => {
  describe('drafting', () => {
    it('drafts an item, even with elements still missing', () => {
      const content: ItemContent = { domainCode: 'budget', firstLevel: '财政预算', legalBases: [], channels: [], level: '乡级' };
      expect(when(given(), { type: 'DraftItem', itemId: 'item-2', unitId: UNIT, content })).toEqual([
        { type: 'catalogue.ItemDrafted', data: { itemId: 'item-2', unitId: UNIT, content } },
      ]);
    });

    it('refuses to draft an item id twice', () => {
      expect(when(given(drafted), { type: 'DraftItem', itemId: 'item-1', unitId: UNIT, content: completeContent })).toMatchObject({
        kind: 'conflict',
        code: 'ITEM_ALREADY_EXISTS',
      });
    });

    it('updates a draft, and an identical update records nothing', () => {
      const content = { ...completeContent, subject: '张山子镇党政综合办公室' };
      expect(when(given(drafted), { type: 'UpdateDraft', unitId: UNIT, content })).toEqual([
        { type: 'catalogue.ItemDraftUpdated', data: { itemId: 'item-1', unitId: UNIT, content } },
      ]);
      expect(when(given(drafted), { type: 'UpdateDraft', unitId: UNIT, content: { ...completeContent } })).toEqual([]);
    });

    it('refuses to edit a published item in place', () => {
      expect(when(given(drafted, published), { type: 'UpdateDraft', unitId: UNIT, content: revisedContent })).toMatchObject({
        kind: 'rule',
        code: 'ITEM_NOT_DRAFT',
      });
    });
  });

  describe('publishing', () => {
    it('publishes a complete draft as version 1 with the facts other services need', () => {
      expect(when(given(drafted), { type: 'PublishItem', unitId: UNIT, at: AT })).toEqual([
        { ...published, data: { ...published.data, publishedAt: AT } },
      ]);
    });

    it('refuses to publish while elements are missing, naming each in Chinese', () => {
      const bare: ItemContent = { domainCode: 'budget', firstLevel: '财政预算', legalBases: [], channels: [], level: '乡级' };
      const result = when(given({ type: 'catalogue.ItemDrafted', data: { itemId: 'item-2', unitId: UNIT, content: bare } }), {
        type: 'PublishItem',
        unitId: UNIT,
        at: AT,
      });
      expect(result).toBeInstanceOf(DomainError);
      expect(result).toMatchObject({
        kind: 'rule',
        code: 'ITEM_ELEMENTS_MISSING',
        detail: '公开事项要素不全，不能发布。缺少：名称、内容、依据、时限、主体、方式、渠道、公开对象。',
        extensions: { missing: ['名称', '内容', '依据', '时限', '主体', '方式', '渠道', '公开对象'] },
      });
    });

    it.each([
      ['名称', { secondLevel: '  ' }],
      ['内容', { content: undefined }],
      ['依据', { legalBases: [] }],
      ['时限', { timeLimit: undefined }],
      ['主体', { subject: '' }],
      ['方式', { method: undefined }],
      ['渠道', { channels: [] }],
      ['公开对象', { audience: undefined }],
    ] as [string, Partial<ItemContent>][])('refuses a draft missing only %s', (element, change) => {
      const content = { ...completeContent, ...change };
      expect(missingElements(content)).toEqual([element]);
      const result = when(given({ ...drafted, data: { ...drafted.data, content } } as ItemEvent), {
        type: 'PublishItem',
        unitId: UNIT,
        at: AT,
      });
      expect(result).toMatchObject({ code: 'ITEM_ELEMENTS_MISSING', detail: expect.stringContaining(`缺少：${element}。`) });
    });

    it('refuses the channel 其他 without saying which', () => {
      const content = { ...completeContent, channels: [{ channel: '其他' as const }] };
      expect(missingElements(content)).toEqual(['渠道（“其他”须注明具体渠道）']);
      expect(missingElements({ ...content, channels: [{ channel: '其他', other: '镇广播站' }] })).toEqual([]);
    });

    it('refuses to publish twice', () => {
      expect(when(given(drafted, published), { type: 'PublishItem', unitId: UNIT, at: AT })).toMatchObject({
        code: 'ITEM_ALREADY_PUBLISHED',
      });
    });
  });

  describe('revising', () => {
    it('revises a published item into the next version with a reason', () => {
      const state = given(drafted, published);
      const events = when(state, {
        type: 'ReviseItem',
        unitId: UNIT,
        content: revisedContent,
        reason: '增加救助金额',
        at: '2022-03-01T02:00:00.000Z',
      });
      expect(events).toEqual([revised]);
      expect(fold(itemDecider, [drafted, published, revised])).toMatchObject({ status: 'published', version: 2, content: revisedContent });
    });

    it('refuses a revision that changes nothing', () => {
      expect(
        when(given(drafted, published), { type: 'ReviseItem', unitId: UNIT, content: completeContent, reason: '无', at: AT }),
      ).toMatchObject({
        code: 'ITEM_UNCHANGED',
      });
    });

    it('refuses a revision with missing elements', () => {
      const result = when(given(drafted, published), {
        type: 'ReviseItem',
        unitId: UNIT,
        content: { ...revisedContent, legalBases: [] },
        reason: '删依据',
        at: AT,
      });
      expect(result).toMatchObject({ code: 'ITEM_ELEMENTS_MISSING', detail: expect.stringContaining('依据') });
    });

    it('refuses to revise a draft', () => {
      expect(when(given(drafted), { type: 'ReviseItem', unitId: UNIT, content: revisedContent, reason: 'x', at: AT })).toMatchObject({
        code: 'ITEM_NOT_PUBLISHED',
      });
    });

    it('a revision follows the domain and guideline item of the new content', () => {
      const moved = { ...revisedContent, guidelineItemCode: undefined };
      const [event] = when(given(drafted, published), {
        type: 'ReviseItem',
        unitId: UNIT,
        content: moved,
        reason: '不对应指引',
        at: AT,
      }) as ItemEvent[];
      expect(event.data).toMatchObject({ guidelineItemCode: null, domainCode: 'social-assistance', version: 2 });
    });
  });

  describe('returning for correction', () => {
    const returned: ItemEvent = {
      type: 'catalogue.ItemReturnedForCorrection',
      data: { itemId: 'item-1', unitId: UNIT, note: '公开依据应写明条款' },
    };

    it('returns a published item with a note; the revision closes the request', () => {
      expect(when(given(drafted, published), { type: 'ReturnForCorrection', unitId: UNIT, note: '公开依据应写明条款' })).toEqual([
        returned,
      ]);
      expect(given(drafted, published, returned)).toMatchObject({ correction: { note: '公开依据应写明条款' }, status: 'published' });
      expect(given(drafted, published, returned, revised)).toMatchObject({ correction: null, version: 2 });
    });

    it('refuses to return a draft, or to return twice while the first request is open', () => {
      expect(when(given(drafted), { type: 'ReturnForCorrection', unitId: UNIT, note: 'x' })).toMatchObject({ code: 'ITEM_NOT_PUBLISHED' });
      expect(when(given(drafted, published, returned), { type: 'ReturnForCorrection', unitId: UNIT, note: '再次' })).toMatchObject({
        kind: 'conflict',
        code: 'ITEM_CORRECTION_PENDING',
      });
    });
  });

  describe('withdrawing', () => {
    const withdrawn: ItemEvent = {
      type: 'catalogue.ItemWithdrawn',
      data: {
        itemId: 'item-1',
        unitId: UNIT,
        domainCode: 'social-assistance',
        guidelineItemCode: 'social-assistance.S01',
        reason: '职能划转',
        withdrawnAt: AT,
      },
    };

    it('withdraws a published item with a reason', () => {
      expect(when(given(drafted, published), { type: 'WithdrawItem', unitId: UNIT, reason: '职能划转', at: AT })).toEqual([withdrawn]);
    });

    it('refuses to withdraw a draft', () => {
      expect(when(given(drafted), { type: 'WithdrawItem', unitId: UNIT, reason: 'x', at: AT })).toMatchObject({
        code: 'ITEM_NOT_PUBLISHED',
      });
    });

    it('refuses every command on a withdrawn item', () => {
      const state = given(drafted, published, withdrawn);
      for (const command of [
        { type: 'PublishItem', unitId: UNIT, at: AT },
        { type: 'ReviseItem', unitId: UNIT, content: revisedContent, reason: 'x', at: AT },
        { type: 'WithdrawItem', unitId: UNIT, reason: 'x', at: AT },
        { type: 'ReturnForCorrection', unitId: UNIT, note: 'x' },
        { type: 'UpdateDraft', unitId: UNIT, content: revisedContent },
      ] as ItemCommand[]) {
        expect(when(state, command)).toMatchObject({ code: 'ITEM_WITHDRAWN' });
      }
    });
  });

  it('refuses anything on an unknown item', () => {
    expect(when(given(), { type: 'PublishItem', unitId: UNIT, at: AT })).toMatchObject({ kind: 'not_found', code: 'ITEM_NOT_FOUND' });
  });

  it('refuses commands given for another unit', () => {
    for (const command of [
      { type: 'PublishItem', unitId: 'TEZ-NHZ', at: AT },
      { type: 'UpdateDraft', unitId: 'TEZ-NHZ', content: revisedContent },
      { type: 'WithdrawItem', unitId: 'TEZ-NHZ', reason: 'x', at: AT },
    ] as ItemCommand[]) {
      expect(when(given(drafted), command)).toMatchObject({ kind: 'forbidden', code: 'OTHER_UNIT' });
    }
  });
});

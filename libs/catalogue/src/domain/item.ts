import type {
  ItemContent,
  ItemDrafted,
  ItemDraftUpdated,
  ItemPublished,
  ItemReturnedForCorrection,
  ItemRevised,
  ItemWithdrawn,
} from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/** A catalogue item (公开事项) of one unit's standard catalogue. */
export type ItemEvent =
  | DomainEvent<'catalogue.ItemDrafted', ItemDrafted>
  | DomainEvent<'catalogue.ItemDraftUpdated', ItemDraftUpdated>
  | DomainEvent<'catalogue.ItemPublished', ItemPublished>
  | DomainEvent<'catalogue.ItemRevised', ItemRevised>
  | DomainEvent<'catalogue.ItemReturnedForCorrection', ItemReturnedForCorrection>
  | DomainEvent<'catalogue.ItemWithdrawn', ItemWithdrawn>;

export type ItemState =
  | { status: 'none' }
  | {
      status: 'draft' | 'published' | 'withdrawn';
      itemId: string;
      unitId: string;
      content: ItemContent;
      /** Number of the last published version; 0 while never published. */
      version: number;
      /** The district office's open correction request (退回修改), if any. */
      correction: { note: string } | null;
    };

export const initialItemState: ItemState = { status: 'none' };

export function evolveItem(state: ItemState, event: ItemEvent): ItemState {
  switch (event.type) {
    case 'catalogue.ItemDrafted':
      return {
        status: 'draft',
        itemId: event.data.itemId,
        unitId: event.data.unitId,
        content: event.data.content,
        version: 0,
        correction: null,
      };
    case 'catalogue.ItemDraftUpdated':
      return state.status === 'none' ? state : { ...state, content: event.data.content };
    case 'catalogue.ItemPublished':
    case 'catalogue.ItemRevised':
      return state.status === 'none'
        ? state
        : { ...state, status: 'published', content: event.data.content, version: event.data.version, correction: null };
    case 'catalogue.ItemReturnedForCorrection':
      return state.status === 'none' ? state : { ...state, correction: { note: event.data.note } };
    case 'catalogue.ItemWithdrawn':
      return state.status === 'none' ? state : { ...state, status: 'withdrawn', correction: null };
    default:
      // The item's stream also holds the officer's match decisions (guideline-match.ts): not the item's own state.
      return state;
  }
}

export const itemStreamId = (itemId: string) => `catalogue.item-${itemId}`;

/**
 * The eight elements (八要素) every published item must have, in the order users know them. The
 * name (名称) of an item is its 二级事项.
 */
export function missingElements(content: ItemContent): string[] {
  const blank = (value: string | undefined) => !value || value.trim() === '';
  const missing: string[] = [];
  if (blank(content.secondLevel)) missing.push('名称');
  if (blank(content.content)) missing.push('内容');
  if (content.legalBases.length === 0) missing.push('依据');
  if (!content.timeLimit || blank(content.timeLimit.text)) missing.push('时限');
  if (blank(content.subject)) missing.push('主体');
  if (!content.method) missing.push('方式');
  if (content.channels.length === 0) missing.push('渠道');
  else if (content.channels.some((c) => c.channel === '其他' && blank(c.other))) missing.push('渠道（“其他”须注明具体渠道）');
  if (!content.audience) missing.push('公开对象');
  return missing;
}

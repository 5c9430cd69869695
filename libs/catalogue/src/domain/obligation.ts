import type { ItemContent } from '@gongkai/contracts';
import { PROVISIONAL_DUE_NOTE } from '@gongkai/contracts/vocabulary';
import { addCalendarDays, type LocalDate, type WorkingDayCalendar } from '@gongkai/working-days';

export interface DisclosureObligation {
  itemId: string;
  name: string;
  method: string;
  channels: string[];
  audience: string;
  timeLimit: string;
  /** The last day to disclose; null when no rule applies (依申请, or a time limit without a rule). */
  dueDate: string | null;
  /** True when the due date falls in a year whose holiday arrangement is not yet published (预计): it may still move. */
  dueDateProvisional: boolean;
  note: string | null;
}

export const channelLabel = (c: ItemContent['channels'][number]) => (c.channel === '其他' && c.other ? `其他（${c.other}）` : c.channel);
export const audienceLabel = (a: NonNullable<ItemContent['audience']>) => (a.detail ? `${a.kind}（${a.detail}）` : a.kind);

/**
 * Embedding (seed 三(六)): a business system tells us that information of a catalogue item was
 * formed on `formedOn`; this says where, to whom and by when it must be disclosed. Working days
 * are statutory (libs/working-days): the day of formation is not counted.
 */
export function disclosureObligation(
  itemId: string,
  content: ItemContent,
  formedOn: LocalDate,
  calendar: WorkingDayCalendar,
): DisclosureObligation {
  const base = {
    itemId,
    name: content.secondLevel ?? content.firstLevel,
    method: content.method ?? '',
    channels: content.channels.map(channelLabel),
    audience: content.audience ? audienceLabel(content.audience) : '',
    timeLimit: content.timeLimit?.text ?? '',
  };
  if (content.method === '依申请')
    return { ...base, dueDate: null, dueDateProvisional: false, note: '依申请公开事项，无主动公开时限；按申请答复时限办理。' };
  const rule = content.timeLimit?.rule;
  if (!rule) return { ...base, dueDate: null, dueDateProvisional: false, note: '该事项的公开时限没有可计算的规则，请按时限说明办理。' };
  if (rule.kind === 'calendar_days_after_formation')
    return { ...base, dueDate: addCalendarDays(formedOn, rule.days), dueDateProvisional: false, note: null };
  const dueDate = calendar.addWorkingDays(formedOn, rule.days);
  const provisional = calendar.isProvisional(dueDate);
  return { ...base, dueDate, dueDateProvisional: provisional, note: provisional ? `预计：${PROVISIONAL_DUE_NOTE}` : null };
}

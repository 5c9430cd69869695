import {
  COMMON_FIELD_LABELS,
  EVENT_LABELS,
  groundFieldsOf,
  reasonFieldsOf,
  type EventEnvelope,
  type EventLabel,
  type EventLabels,
} from '@gongkai/contracts';
import { ROLE_LABELS, upcast, type EventStore, type StoredEvent } from '@gongkai/platform';

/** One decision in an auditor's timeline. */
export interface TimelineEntry {
  position: number;
  streamId: string;
  revision: number;
  recordedAt: string;
  occurredAt: string;
  actor: { userId: string; unitId: string | null; role: string; roleLabel: string };
  /** The unit the event is about (the label's `unitField`, default `data.unitId`), else the actor's unit. */
  unitId: string | null;
  type: string;
  /** 中文: what happened; the event type itself when no label is registered. */
  typeLabel: string;
  /** `data.legalBasis` / `data.ground` (or the label's `groundField`), when present; coded values in Chinese. */
  ground: string | null;
  /** `data.reason` (or the label's `reasonField`), when present; coded values in Chinese. */
  reason: string | null;
  /** Every other data field with its Chinese label. */
  fields: { name: string; label: string; value: unknown }[];
  hash: string;
}

/** A data value as users read it: a coded value in Chinese where the label names it (`values`). */
const valueOf = (label: EventLabel | undefined, name: string, value: unknown): unknown =>
  typeof value === 'string' ? (label?.values?.[name]?.[value] ?? value) : value;

const firstText = (label: EventLabel | undefined, data: Record<string, unknown>, names: readonly string[]): string | null => {
  for (const name of names) if (data[name] !== undefined && data[name] !== null) return String(valueOf(label, name, data[name]));
  return null;
};

export function timelineEntry(stored: StoredEvent, labels: EventLabels = EVENT_LABELS): TimelineEntry {
  const event: EventEnvelope = upcast(stored);
  const label = labels[event.type];
  const groundFields = groundFieldsOf(label);
  const reasonFields = reasonFieldsOf(label);
  const shown = new Set<string>([...groundFields, ...reasonFields]);
  const unit = event.data[label?.decision?.unitField ?? 'unitId'];
  return {
    position: stored.globalPosition,
    streamId: event.streamId,
    revision: event.streamRevision,
    recordedAt: event.recordedAt,
    occurredAt: event.occurredAt,
    actor: { ...event.actor, roleLabel: ROLE_LABELS[event.actor.role] ?? event.actor.role },
    unitId: typeof unit === 'string' ? unit : event.actor.unitId,
    type: event.type,
    typeLabel: label?.label ?? event.type,
    ground: firstText(label, event.data, groundFields),
    reason: firstText(label, event.data, reasonFields),
    fields: Object.entries(event.data)
      .filter(([name]) => !shown.has(name))
      .map(([name, value]) => ({
        name,
        label: label?.fields?.[name] ?? COMMON_FIELD_LABELS[name] ?? name,
        value: valueOf(label, name, value),
      })),
    hash: event.hash,
  };
}

/**
 * The streams an auditor means by `target`: the stream of that id, else every stream whose id ends
 * in `-<target>` (an entity id such as a unit code or request number), in global order.
 */
export async function resolveStreams(store: EventStore, target: string): Promise<string[]> {
  if ((await store.readStream(target)).length > 0) return [target];
  return (await store.streamHeads()).map((h) => h.streamId).filter((id) => id.endsWith(`-${target}`));
}

export async function decisionTimeline(store: EventStore, target: string): Promise<{ streams: string[]; entries: TimelineEntry[] }> {
  const streams = await resolveStreams(store, target);
  const events = (await Promise.all(streams.map((s) => store.readStream(s)))).flat();
  events.sort((a, b) => a.globalPosition - b.globalPosition);
  return { streams, entries: events.map((e) => timelineEntry(e)) };
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The timeline as text for the terminal or paper, in Chinese. */
export function formatTimeline(target: string, streams: string[], entries: TimelineEntry[]): string {
  if (entries.length === 0) return `未找到 ${target} 的事件流。`;
  const lines = [`决定记录：${target}（事件流 ${streams.join('、')}，共 ${entries.length} 条）`, ''];
  for (const e of entries) {
    lines.push(`${e.recordedAt}  ${e.typeLabel}（${e.type}，${e.streamId} 第 ${e.revision} 版，全局位置 ${e.position}）`);
    lines.push(
      `  操作人：${e.actor.userId}（${e.actor.roleLabel}${e.actor.unitId ? `，${e.actor.unitId}` : ''}）  单位：${e.unitId ?? '—'}  发生时间：${e.occurredAt}`,
    );
    lines.push(`  法律依据：${e.ground ?? '—'}  理由：${e.reason ?? '—'}`);
    if (e.fields.length > 0) lines.push(`  内容：${e.fields.map((f) => `${f.label}=${show(f.value)}`).join('；')}`);
    lines.push(`  哈希：${e.hash}`);
  }
  return lines.join('\n');
}

import {
  NO_PERSONAL_DATA_ACCESS,
  revealEach,
  timelineEntry,
  type EventStore,
  type PersonalDataAccess,
  type TimelineEntry,
} from '@gongkai/platform';

// One stream's events as timeline entries (labels, grounds and reasons in Chinese): `timelineEntry`
// in libs/platform/src/audit/timeline.ts, shared with the services that show a stream's decisions.

/**
 * The streams an auditor means by `target`: the stream of that id, else every stream whose id ends
 * in `-<target>` (an entity id such as a unit code or request number), in global order.
 */
export async function resolveStreams(store: EventStore, target: string): Promise<string[]> {
  if ((await store.readStream(target)).length > 0) return [target];
  return (await store.streamHeads()).map((h) => h.streamId).filter((id) => id.endsWith(`-${target}`));
}

/**
 * The timeline of a target. Personal data (the contracts' markings) reads in clear only with an
 * access holding the keys (a reader with the right); `已脱敏` otherwise, `已删除` once erased.
 */
export async function decisionTimeline(
  store: EventStore,
  target: string,
  personalData: PersonalDataAccess = NO_PERSONAL_DATA_ACCESS,
): Promise<{ streams: string[]; entries: TimelineEntry[] }> {
  const streams = await resolveStreams(store, target);
  const events = (await Promise.all(streams.map((s) => store.readStream(s)))).flat();
  events.sort((a, b) => a.globalPosition - b.globalPosition);
  return { streams, entries: (await revealEach(events, personalData)).map((e) => timelineEntry(e)) };
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The timeline as text for the terminal or paper, in Chinese. */
export function formatTimeline(target: string, streams: string[], entries: TimelineEntry[]): string {
  if (entries.length === 0) return `未找到 ${target} 的事件流。`;
  const lines = [`决定记录：${target}（事件流 ${streams.join('、')}，共 ${entries.length} 条）`, ''];
  for (const e of entries) {
    lines.push(`${e.recordedAt}  ${e.typeLabel}（${e.type}，${e.streamId} 第 ${e.revision} 版，全局位置 ${e.position}）`);
    lines.push(
      `  操作人：${e.actor.name ? `${e.actor.name}（${e.actor.userId}）` : e.actor.userId}（${e.actor.roleLabel}${e.actor.unitId ? `，${e.actor.unitId}` : ''}）  单位：${e.unitId ?? '—'}  发生时间：${e.occurredAt}`,
    );
    lines.push(`  法律依据：${e.ground ?? '—'}  理由：${e.reason ?? '—'}`);
    if (e.fields.length > 0) lines.push(`  内容：${e.fields.map((f) => `${f.label}=${show(f.value)}`).join('；')}`);
    lines.push(`  哈希：${e.hash}`);
  }
  return lines.join('\n');
}

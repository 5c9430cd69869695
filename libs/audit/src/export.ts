import { ANCHOR_STREAM_ID } from '@gongkai/contracts';
import {
  HeadTracker,
  merkleProofs,
  merkleRoot,
  type AnchorEvent,
  type EventStore,
  type MerkleStep,
  type StoredEvent,
} from '@gongkai/platform';

export type ExportSelection = { stream: string } | { from: number; to: number };

export interface AnchorLine {
  /** The anchor that covers the exported events (the first whose position is at or after the last one), or null. */
  anchor: AnchorEvent | null;
  /** For each exported stream whose head at the anchor's position is among the exported events: its Merkle audit path. */
  proofs: { streamId: string; revision: number; hash: string; path: MerkleStep[] }[];
  note?: string;
}

/**
 * Export as JSON Lines: one line per event (the stored envelope with `globalPosition`), then one
 * line `{"anchor": …, "proofs": […]}`. docs/audit.md shows how to check it with jq and sha256sum.
 */
export async function* exportLines(store: EventStore, selection: ExportSelection): AsyncGenerator<string> {
  let events: StoredEvent[];
  if ('stream' in selection) {
    events = await store.readStream(selection.stream);
  } else {
    events = [];
    let after = selection.from - 1;
    for (;;) {
      const batch = (await store.readAll({ after, limit: 1000 })).filter((e) => e.globalPosition <= selection.to);
      if (batch.length === 0) break;
      events.push(...batch);
      after = batch[batch.length - 1].globalPosition;
      if (after >= selection.to) break;
    }
  }
  for (const event of events) yield JSON.stringify(event);
  yield JSON.stringify(await coveringAnchor(store, events));
}

async function coveringAnchor(store: EventStore, events: StoredEvent[]): Promise<AnchorLine> {
  const covered = events.filter((e) => e.streamId !== ANCHOR_STREAM_ID);
  const last = Math.max(0, ...covered.map((e) => e.globalPosition));
  const anchors = (await store.readStream(ANCHOR_STREAM_ID)) as AnchorEvent[];
  const valid = anchors.filter((a) => a.type === 'audit.AnchorRecorded');
  const anchor = valid.find((a) => a.data.position >= last) ?? valid[valid.length - 1] ?? null;
  if (!anchor) return { anchor: null, proofs: [], note: '这些事件尚未被锚点覆盖：请先运行 anchor 再导出。' };
  const partial = anchor.data.position < last ? `全局位置 ${anchor.data.position} 之后的事件尚未被锚点覆盖。` : undefined;
  const tracker = new HeadTracker();
  await tracker.catchUp(store, anchor.data.position);
  const heads = [...tracker.heads.values()];
  if (merkleRoot(heads) !== anchor.data.root) {
    return { anchor, proofs: [], note: '当前记录与该锚点不符：请运行 verify。' };
  }
  const exported = new Set(covered.map((e) => `${e.streamId}\n${e.streamRevision}\n${e.hash}`));
  const wanted = new Set(heads.filter((h) => exported.has(`${h.streamId}\n${h.revision}\n${h.hash}`)).map((h) => h.streamId));
  const { proofs } = merkleProofs(heads, wanted);
  return {
    anchor,
    ...(partial ? { note: partial } : {}),
    proofs: heads
      .filter((h) => wanted.has(h.streamId))
      .sort((a, b) => (a.streamId < b.streamId ? -1 : 1))
      .map((h) => ({ streamId: h.streamId, revision: h.revision, hash: h.hash, path: proofs.get(h.streamId) ?? [] })),
  };
}

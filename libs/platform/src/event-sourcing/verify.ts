import type { EventStore } from './event-store';
import { verifyChain, type ChainBreak } from './hash-chain';

export interface VerificationReport {
  streams: number;
  events: number;
  /** The first broken link in stream-id order, or null when every chain is whole. */
  firstBreak: ChainBreak | null;
  breaks: ChainBreak[];
}

/** Recomputes every stream's hash chain from the stored events. */
export async function verifyStore(store: EventStore): Promise<VerificationReport> {
  const heads = await store.streamHeads();
  const breaks: ChainBreak[] = [];
  let events = 0;
  for (const head of heads) {
    const stream = await store.readStream(head.streamId);
    events += stream.length;
    const broken = verifyChain(head.streamId, stream);
    if (broken) breaks.push(broken);
    else if (stream[stream.length - 1]?.hash !== head.hash) {
      breaks.push({
        streamId: head.streamId,
        streamRevision: head.revision,
        problem: 'hash_mismatch',
        detail: 'stream head does not match its last event',
      });
    }
  }
  return { streams: heads.length, events, firstBreak: breaks[0] ?? null, breaks };
}

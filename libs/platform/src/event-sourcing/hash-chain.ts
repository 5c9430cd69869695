import { hash } from 'node:crypto';
import { GENESIS_HASH, type EventEnvelope } from '@gongkai/contracts';
import { canonicalJson } from './canonical-json';

export type UnsealedEnvelope = Omit<EventEnvelope, 'hash' | 'globalPosition'>;

const NOT_HASHED: ReadonlySet<string> = new Set(['hash', 'globalPosition']);

/** hash = SHA-256(prevHash ‖ canonical JSON of the envelope without `hash` and `globalPosition`). */
export function hashEnvelope(envelope: UnsealedEnvelope): string {
  return sealedText(envelope).hash;
}

/**
 * The hash and a JSON text of the sealed envelope, in one pass: the canonical JSON that was hashed,
 * with `"hash"` appended last. Stores keep this text, so an event is serialised once, not twice.
 */
export function sealedText(envelope: UnsealedEnvelope): { hash: string; text: string } {
  const canonical = canonicalJson(envelope, NOT_HASHED);
  // One string: prevHash is 64 hex digits, so its bytes followed by the JSON's are what we hash.
  const digest = hash('sha256', `${envelope.prevHash}${canonical}`, 'hex');
  return { hash: digest, text: `${canonical.slice(0, -1)},"hash":"${digest}"}` };
}

export function seal(envelope: UnsealedEnvelope): EventEnvelope {
  return { ...envelope, hash: hashEnvelope(envelope) };
}

export interface ChainBreak {
  streamId: string;
  streamRevision: number;
  problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'revision_gap' | 'stream_mismatch';
  detail: string;
}

/**
 * Checks one stream's events, in stored order, and returns the first broken link or null.
 * `expectedStreamId` guards against an event copied into another stream.
 */
export function verifyChain(expectedStreamId: string, events: Iterable<EventEnvelope>): ChainBreak | null {
  let prevHash = GENESIS_HASH;
  let expectedRevision = 0;
  for (const event of events) {
    const at = { streamId: expectedStreamId, streamRevision: event.streamRevision };
    if (event.streamId !== expectedStreamId) {
      return { ...at, problem: 'stream_mismatch', detail: `event ${event.eventId} claims stream ${event.streamId}` };
    }
    if (event.streamRevision !== expectedRevision) {
      return {
        ...at,
        problem: 'revision_gap',
        detail: `expected revision ${expectedRevision}, found ${event.streamRevision}`,
      };
    }
    if (event.prevHash !== prevHash) {
      return { ...at, problem: 'prev_hash_mismatch', detail: `prevHash does not match the hash of revision ${expectedRevision - 1}` };
    }
    const recomputed = hashEnvelope(event);
    if (recomputed !== event.hash) {
      return { ...at, problem: 'hash_mismatch', detail: `stored hash ${event.hash.slice(0, 12)}… ≠ recomputed ${recomputed.slice(0, 12)}…` };
    }
    prevHash = event.hash;
    expectedRevision += 1;
  }
  return null;
}

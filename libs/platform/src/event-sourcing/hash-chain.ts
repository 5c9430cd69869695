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

/**
 * Where `sealedUtf8` writes: a buffer reused from call to call. What it returns for one event stays
 * valid until `offset` is set back to 0 (a store does that once the rows it bound are written).
 */
export interface Utf8Arena {
  buffer: Buffer;
  offset: number;
}

const ARENA_BYTES = 256 * 1024;

export function newUtf8Arena(): Utf8Arena {
  return { buffer: Buffer.allocUnsafe(ARENA_BYTES), offset: 0 };
}

/**
 * What `sealedText` gives, for a store that keeps the text as UTF-8: `hash`, and `utf8` holding the
 * bytes of `text`. The JSON is encoded once, and its bytes serve both the hash and the stored text.
 * Without an arena the bytes get a buffer of their own.
 */
export function sealedUtf8(envelope: UnsealedEnvelope, arena?: Utf8Arena): { hash: string; utf8: Buffer } {
  const canonical = canonicalEnvelopeJson(envelope) ?? canonicalJson(envelope, NOT_HASHED);
  const { prevHash } = envelope;
  // Room for the worst case (three UTF-8 bytes per UTF-16 code unit) and the `,"hash":"…"}` suffix.
  const room = (prevHash.length + canonical.length) * 3 + 128;
  const target = arena ?? { buffer: Buffer.allocUnsafe(room), offset: 0 };
  if (target.offset + room > target.buffer.length) {
    target.buffer = Buffer.allocUnsafe(Math.max(ARENA_BYTES, room));
    target.offset = 0;
  }
  const { buffer, offset } = target;
  const start = offset + buffer.write(prevHash, offset, 'utf8');
  const end = start + buffer.write(canonical, start, 'utf8');
  const digest = hash('sha256', buffer.subarray(offset, end), 'hex');
  // The stored text is the canonical JSON with its closing brace replaced by `,"hash":"…"}`.
  const suffixEnd = end - 1 + buffer.write(`,"hash":"${digest}"}`, end - 1, 'latin1');
  target.offset = suffixEnd;
  return { hash: digest, utf8: buffer.subarray(start, suffixEnd) };
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * `canonicalJson(envelope, NOT_HASHED)` for an envelope of exactly the EventEnvelope fields (as a
 * store builds it), without sorting or looking up its twelve top-level keys: the scalar fields are
 * written by two JSON.stringify calls over objects whose keys are already in canonical order, and
 * only `actor` and `data` go through `canonicalJson`. Null when a field is not of its envelope type
 * or an unknown key is present; the caller then takes the generic path, so the text (and the hash)
 * never differs from it.
 */
function canonicalEnvelopeJson(envelope: UnsealedEnvelope): string | null {
  const {
    actor,
    causationId,
    correlationId,
    data,
    eventId,
    occurredAt,
    prevHash,
    recordedAt,
    schemaVersion,
    streamId,
    streamRevision,
    type,
  } = envelope;
  const scalarsAreJson =
    (causationId === null || typeof causationId === 'string') &&
    typeof correlationId === 'string' &&
    typeof eventId === 'string' &&
    typeof occurredAt === 'string' &&
    typeof prevHash === 'string' &&
    typeof recordedAt === 'string' &&
    isCount(schemaVersion) &&
    typeof streamId === 'string' &&
    isCount(streamRevision) &&
    typeof type === 'string';
  if (!scalarsAreJson || actor === undefined || data === undefined || !hasOnlyEnvelopeKeys(envelope)) return null;
  // Sorted order: actor, causationId, correlationId, data, eventId, occurredAt, prevHash, recordedAt, schemaVersion, streamId, streamRevision, type.
  const beforeData = JSON.stringify({ causationId, correlationId });
  const afterData = JSON.stringify({ eventId, occurredAt, prevHash, recordedAt, schemaVersion, streamId, streamRevision, type });
  return `{"actor":${canonicalJson(actor)},${beforeData.slice(1, -1)},"data":${canonicalJson(data)},${afterData.slice(1)}`;
}

const ENVELOPE_KEYS: ReadonlySet<string> = new Set([
  'actor',
  'causationId',
  'correlationId',
  'data',
  'eventId',
  'occurredAt',
  'prevHash',
  'recordedAt',
  'schemaVersion',
  'streamId',
  'streamRevision',
  'type',
  ...NOT_HASHED,
]);

/** Own enumerable keys (what canonicalJson sees): the twelve hashed fields, and at most `hash` and `globalPosition`. */
function hasOnlyEnvelopeKeys(envelope: object): boolean {
  let hashed = 0;
  for (const key of Object.keys(envelope)) {
    if (!ENVELOPE_KEYS.has(key)) return false;
    if (!NOT_HASHED.has(key)) hashed += 1;
  }
  return hashed === ENVELOPE_KEYS.size - NOT_HASHED.size;
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
      return {
        ...at,
        problem: 'hash_mismatch',
        detail: `stored hash ${event.hash.slice(0, 12)}… ≠ recomputed ${recomputed.slice(0, 12)}…`,
      };
    }
    prevHash = event.hash;
    expectedRevision += 1;
  }
  return null;
}

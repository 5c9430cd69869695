import { v7 as uuidv7 } from 'uuid';
import { ANCHOR_STREAM_ID, checkContract, MERKLE_ALGORITHM, type Actor, type AnchorRecorded, type EventEnvelope } from '@gongkai/contracts';
import { DomainError } from '../errors/domain-error';
import { NO_STREAM, readAllInBatches, type EventStore, type StoredEvent } from './event-store';
import { merkleRoot, type MerkleLeafInput } from './merkle';
import { verifyStore, type VerificationReport } from './verify';

/** A stream's head as of some global position. */
export interface PositionedHead extends MerkleLeafInput {
  /** Global position of the head event. */
  position: number;
}

/**
 * Folds the global log into every stream's head, the anchor stream excluded. Incremental: each
 * `catchUp` reads only what was appended since the last one.
 */
export class HeadTracker {
  readonly heads = new Map<string, PositionedHead>();
  /** Position of the last non-anchor event folded in, 0 when none. */
  position = 0;
  /** Number of non-anchor events folded in. */
  events = 0;
  private scannedTo = 0;

  /** Reads and folds every event after the last call, up to `upTo` (inclusive) when given. */
  async catchUp(store: EventStore, upTo = Number.POSITIVE_INFINITY): Promise<void> {
    for await (const batch of readAllInBatches(store, this.scannedTo, 1000)) {
      for (const event of batch) {
        if (event.globalPosition > upTo) return;
        this.add(event);
      }
    }
  }

  add(event: StoredEvent): void {
    this.scannedTo = event.globalPosition;
    if (event.streamId === ANCHOR_STREAM_ID) return;
    this.heads.set(event.streamId, {
      streamId: event.streamId,
      revision: event.streamRevision,
      hash: event.hash,
      position: event.globalPosition,
    });
    this.position = event.globalPosition;
    this.events += 1;
  }
}

/** An anchor as stored. */
export type AnchorEvent = EventEnvelope<AnchorRecorded> & { globalPosition: number };

export type AnchorTrigger = AnchorRecorded['trigger'];

export const SYSTEM_ACTOR: Actor = { userId: 'system', unitId: null, role: 'system' };

/**
 * Records anchors: the Merkle root over every stream head (docs/audit.md) as an `audit.AnchorRecorded`
 * event in `audit.anchors`. One per process is enough; concurrent recorders are serialised by the
 * anchor stream's expected revision.
 */
export class AnchorRecorder {
  private readonly tracker = new HeadTracker();

  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Appends an anchor over the current heads and returns it; returns null when nothing was appended
   * since the last anchor (unless `force`).
   */
  async record(
    actor: Actor,
    trigger: AnchorTrigger,
    options: { force?: boolean; correlationId?: string } = {},
  ): Promise<AnchorEvent | null> {
    for (let attempt = 0; ; attempt += 1) {
      const anchors = await this.store.readStream(ANCHOR_STREAM_ID);
      const last = anchors[anchors.length - 1] as AnchorEvent | undefined;
      const coveredAt = this.clock().toISOString();
      await this.tracker.catchUp(this.store);
      const since = last?.data.position ?? 0;
      if (!options.force && (last ? this.tracker.position <= since : this.tracker.events === 0)) return null;
      const heads = [...this.tracker.heads.values()];
      const data: AnchorRecorded = {
        algorithm: MERKLE_ALGORITHM,
        root: merkleRoot(heads),
        position: this.tracker.position,
        streams: heads.length,
        events: this.tracker.events,
        coveredAt,
        previousRoot: last?.data.root ?? null,
        changed: heads
          .filter((head) => head.position > since)
          .sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0))
          .map((head) => [head.streamId, head.revision, head.hash]),
        trigger,
      };
      const contract = checkContract('audit.AnchorRecorded', 1, data);
      if (!contract.ok) throw new Error(`anchor breaks its contract: ${contract.reason}`);
      const eventId = uuidv7();
      try {
        const result = await this.store.append(
          ANCHOR_STREAM_ID,
          [
            {
              eventId,
              type: 'audit.AnchorRecorded',
              schemaVersion: 1,
              data,
              occurredAt: coveredAt,
              actor,
              correlationId: options.correlationId ?? eventId,
              causationId: null,
            },
          ],
          last ? last.streamRevision : NO_STREAM,
        );
        return result.events[0] as AnchorEvent;
      } catch (error) {
        // Another process anchored meanwhile: anchor again on top of it.
        if (error instanceof DomainError && error.kind === 'conflict' && attempt < 3) continue;
        throw error;
      }
    }
  }
}

export type AnchorProblem =
  | 'anchor_invalid'
  | 'anchor_inconsistent'
  | 'anchor_mismatch'
  | 'stream_missing'
  | 'stream_unexpected'
  | 'head_mismatch'
  | 'event_count_mismatch'
  | 'position_order'
  | 'backdated'
  | 'external_root_mismatch';

export interface AnchorFinding {
  problem: AnchorProblem;
  /** The stream concerned, null when the finding is about the whole record. */
  streamId: string | null;
  streamRevision: number | null;
  /** The anchor (revision in `audit.anchors`, covered position) the finding is measured against. */
  anchor: { revision: number | null; position: number } | null;
  detail: string;
}

/** A root published outside the system (on paper, in a gazette) that the record must still match. */
export interface ExternalRoot {
  root: string;
  position: number;
}

export interface AnchorVerification {
  anchors: number;
  lastAnchor: { revision: number; position: number; root: string; recordedAt: string } | null;
  /** Events after the last anchor's position: intact chains, but not yet provable against an anchor. */
  unanchoredEvents: number;
  findings: AnchorFinding[];
}

export interface AnchorVerifyOptions {
  external?: ExternalRoot[];
  /**
   * How much earlier than an anchor's `coveredAt` an event it does not cover may have been recorded
   * (clock skew between processes, an append in flight while the anchor read the heads). Default 60 s.
   */
  backdateToleranceMs?: number;
}

interface Checkpoint {
  position: number;
  anchor: AnchorEvent | null;
  external: ExternalRoot | null;
}

const headKey = (h: { revision: number; hash: string }) => `${h.revision}:${h.hash}`;

/**
 * Verifies the record against its anchors in one pass over the global log: at each anchor's
 * position, the recomputed heads of every stream (anchor stream excluded) must give the anchor's
 * root. The anchors' `changed` lists, folded, say what each head was, so a mismatch names the
 * stream: deleted, truncated, reordered or rewritten. Also checks that, within a stream, global
 * positions follow revisions, and that no event outside an anchor was recorded before it (backdating).
 */
export async function verifyAnchors(store: EventStore, options: AnchorVerifyOptions = {}): Promise<AnchorVerification> {
  const tolerance = options.backdateToleranceMs ?? 60_000;
  const findings: AnchorFinding[] = [];
  const anchors = (await store.readStream(ANCHOR_STREAM_ID)) as AnchorEvent[];
  const checkpoints: Checkpoint[] = [];
  let lastValid: AnchorEvent | null = null;
  for (const anchor of anchors) {
    const contract =
      anchor.type === 'audit.AnchorRecorded'
        ? checkContract(anchor.type, anchor.schemaVersion, anchor.data)
        : { ok: false as const, reason: `type ${anchor.type}` };
    if (!contract.ok) {
      findings.push({
        problem: 'anchor_invalid',
        streamId: ANCHOR_STREAM_ID,
        streamRevision: anchor.streamRevision,
        anchor: null,
        detail: `not a valid anchor: ${contract.reason}`,
      });
      continue;
    }
    if (lastValid && anchor.data.position < lastValid.data.position) {
      findings.push({
        problem: 'anchor_invalid',
        streamId: ANCHOR_STREAM_ID,
        streamRevision: anchor.streamRevision,
        anchor: null,
        detail: `covers position ${anchor.data.position}, before the previous anchor's ${lastValid.data.position}`,
      });
      continue;
    }
    checkpoints.push({ position: anchor.data.position, anchor, external: null });
    lastValid = anchor;
  }
  for (const external of options.external ?? []) checkpoints.push({ position: external.position, anchor: null, external });
  checkpoints.sort((a, b) => a.position - b.position || (a.anchor ? -1 : 1));

  const tracker = new HeadTracker();
  const expected = new Map<string, { revision: number; hash: string }>();
  const positionOrderReported = new Set<string>();
  let passedCoveredAt: string | null = null;
  let next = 0;
  const lastAnchorPosition = lastValid?.data.position ?? 0;
  let unanchoredEvents = 0;

  const evaluate = (checkpoint: Checkpoint) => {
    const actualRoot = merkleRoot(tracker.heads.values());
    if (checkpoint.external) {
      if (actualRoot !== checkpoint.external.root) {
        findings.push({
          problem: 'external_root_mismatch',
          streamId: null,
          streamRevision: null,
          anchor: { revision: null, position: checkpoint.position },
          detail: `published root ${checkpoint.external.root.slice(0, 16)}… at position ${checkpoint.position} ≠ recomputed ${actualRoot.slice(0, 16)}…`,
        });
      }
      return;
    }
    const anchor = checkpoint.anchor;
    if (!anchor) return;
    const at = { revision: anchor.streamRevision, position: anchor.data.position };
    for (const [streamId, revision, hash] of anchor.data.changed) expected.set(streamId, { revision, hash });
    const expectedRoot = merkleRoot([...expected].map(([streamId, head]) => ({ streamId, ...head })));
    if (expectedRoot !== anchor.data.root) {
      findings.push({
        problem: 'anchor_inconsistent',
        streamId: ANCHOR_STREAM_ID,
        streamRevision: anchor.streamRevision,
        anchor: at,
        detail: 'the heads the anchors list do not add up to its root: the anchor stream was altered',
      });
    }
    let named = false;
    if (tracker.events !== anchor.data.events) {
      findings.push({
        problem: 'event_count_mismatch',
        streamId: null,
        streamRevision: null,
        anchor: at,
        detail: `the anchor covers ${anchor.data.events} events, ${tracker.events} found at or before position ${anchor.data.position}`,
      });
      named = true;
    }
    passedCoveredAt = anchor.data.coveredAt;
    if (actualRoot === anchor.data.root) return;
    for (const [streamId, head] of expected) {
      const actual = tracker.heads.get(streamId);
      if (!actual) {
        findings.push({
          problem: 'stream_missing',
          streamId,
          streamRevision: head.revision,
          anchor: at,
          detail: `the anchor covers revision ${head.revision} of this stream; the stream is missing`,
        });
        named = true;
      } else if (headKey(actual) !== headKey(head)) {
        findings.push({
          problem: 'head_mismatch',
          streamId,
          streamRevision: Math.min(actual.revision, head.revision),
          anchor: at,
          detail: `anchored head revision ${head.revision} (${head.hash.slice(0, 12)}…), recomputed revision ${actual.revision} (${actual.hash.slice(0, 12)}…)`,
        });
        named = true;
      }
    }
    for (const [streamId, actual] of tracker.heads) {
      if (!expected.has(streamId)) {
        findings.push({
          problem: 'stream_unexpected',
          streamId,
          streamRevision: 0,
          anchor: at,
          detail: `the stream is not in the anchor but has events at or before its position (revision ${actual.revision})`,
        });
        named = true;
      }
    }
    if (!named) {
      findings.push({
        problem: 'anchor_mismatch',
        streamId: null,
        streamRevision: null,
        anchor: at,
        detail: `root ${anchor.data.root.slice(0, 16)}… ≠ recomputed ${actualRoot.slice(0, 16)}…`,
      });
    }
  };

  for await (const batch of readAllInBatches(store, 0, 1000)) {
    for (const event of batch) {
      while (next < checkpoints.length && checkpoints[next].position < event.globalPosition) evaluate(checkpoints[next++]);
      if (event.streamId === ANCHOR_STREAM_ID) {
        tracker.add(event);
        continue;
      }
      const previous = tracker.heads.get(event.streamId);
      if (previous && event.streamRevision <= previous.revision && !positionOrderReported.has(event.streamId)) {
        positionOrderReported.add(event.streamId);
        findings.push({
          problem: 'position_order',
          streamId: event.streamId,
          streamRevision: event.streamRevision,
          anchor: null,
          detail: `revision ${event.streamRevision} sits at global position ${event.globalPosition}, after revision ${previous.revision} (position ${previous.position})`,
        });
      }
      if (passedCoveredAt !== null && Date.parse(event.recordedAt) < Date.parse(passedCoveredAt) - tolerance) {
        findings.push({
          problem: 'backdated',
          streamId: event.streamId,
          streamRevision: event.streamRevision,
          anchor: null,
          detail: `recorded ${event.recordedAt}, before an anchor of ${passedCoveredAt} that does not cover it (position ${event.globalPosition})`,
        });
      }
      if (event.globalPosition > lastAnchorPosition) unanchoredEvents += 1;
      tracker.add(event);
    }
  }
  while (next < checkpoints.length) evaluate(checkpoints[next++]);

  const last = lastValid as AnchorEvent | null;
  return {
    anchors: anchors.length,
    lastAnchor: last
      ? { revision: last.streamRevision, position: last.data.position, root: last.data.root, recordedAt: last.recordedAt }
      : null,
    unanchoredEvents,
    findings,
  };
}

export interface RecordVerification {
  ok: boolean;
  chains: VerificationReport;
  anchors: AnchorVerification;
}

/** `verify`: every stream's hash chain, then the whole record against its anchors (and published roots). */
export async function verifyRecord(store: EventStore, options: AnchorVerifyOptions = {}): Promise<RecordVerification> {
  const chains = await verifyStore(store);
  const anchors = await verifyAnchors(store, options);
  return { ok: chains.breaks.length === 0 && anchors.findings.length === 0, chains, anchors };
}

import { z } from 'zod';

/**
 * Events of the audit record itself. `audit.anchors` is the anchor stream: each event records the
 * Merkle root over every other stream's head at a global position (docs/audit.md). The anchor
 * stream is hash-chained like every stream but never part of an anchor.
 */
export const ANCHOR_STREAM_ID = 'audit.anchors';
export const MERKLE_ALGORITHM = 'gongkai-merkle-v1';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const anchorRecordedV1 = z.object({
  algorithm: z.literal(MERKLE_ALGORITHM),
  /** Merkle root over the heads of every stream except the anchor stream, as of `position`. */
  root: sha256Hex,
  /** The global position covered: every event at or before it (anchor events excluded). */
  position: z.number().int().nonnegative(),
  /** How many streams and events the root covers. */
  streams: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
  /** When the heads were read. */
  coveredAt: z.string().datetime({ offset: true }),
  /** The root of the previous anchor, null for the first. */
  previousRoot: sha256Hex.nullable(),
  /** The heads that changed since the previous anchor: [streamId, revision, head hash], sorted by stream id. */
  changed: z.array(z.tuple([z.string().min(1), z.number().int().nonnegative(), sha256Hex])),
  /** What asked for it: the periodic timer, the CLI or the HTTP API. */
  trigger: z.enum(['schedule', 'cli', 'http']),
});

export const auditEvents = {
  'audit.AnchorRecorded': { 1: anchorRecordedV1 },
} as const;

export type AnchorRecorded = z.infer<typeof anchorRecordedV1>;

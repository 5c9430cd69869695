/**
 * What the audit API sends (zod-free, for the web app). Read from libs/platform/src/event-sourcing/anchors.ts
 * (`RecordVerification`), libs/audit/src/history.ts and libs/audit/src/audit.controller.ts.
 */

/** `GET /api/audit/verify`: the hash chains and the anchors. `ok` is the verdict (there is no `valid`). */
export interface RecordVerification {
  ok: boolean;
  chains: { streams: number; events: number; firstBreak: unknown; breaks: unknown[] };
  anchors: {
    anchors: number;
    lastAnchor: { revision: number; position: number; root: string; recordedAt: string } | null;
    unanchoredEvents: number;
    findings: { kind?: string; message?: string }[];
  };
  /** Every file an event refers to, read back and hashed again. */
  files?: {
    files: number;
    references: number;
    findings: {
      streamId: string;
      streamRevision: number;
      eventType: string;
      path: string;
      sha256: string;
      originalName: string;
      problem: 'missing' | 'altered';
    }[];
  };
}

/** One decision in `GET /api/audit/history/:target`. */
export interface TimelineEntryView {
  position: number;
  streamId: string;
  revision: number;
  recordedAt: string;
  occurredAt: string;
  actor: { userId: string; name?: string; unitId: string | null; role: string; roleLabel: string };
  /** The unit the event is about, else the actor's unit. */
  unitId: string | null;
  type: string;
  typeLabel: string;
  ground: string | null;
  reason: string | null;
  fields: { name: string; label: string; value: unknown }[];
  hash: string;
}

export interface AuditHistoryView {
  target: string;
  streams: string[];
  entries: TimelineEntryView[];
}

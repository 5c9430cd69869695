import {
  COMMON_FIELD_LABELS,
  EVENT_LABELS,
  groundFieldsOf,
  reasonFieldsOf,
  type EventEnvelope,
  type EventLabel,
  type EventLabels,
} from '@gongkai/contracts';
import { ROLE_LABELS } from '@gongkai/contracts/vocabulary';
import type { StoredEvent } from '../event-sourcing/event-store';
import { upcast } from '../event-sourcing/upcasting';
import { withholdSealed } from '../personal-data/personal-data';

/**
 * An event as people read it in an audit timeline: what happened, who, for which unit, on what
 * ground and why, in Chinese (the contracts' EVENT_LABELS and ROLE_LABELS). Pure: used by the audit
 * library's history and by any service that shows the decisions of one of its streams.
 */
export interface DescribedEvent {
  streamId: string;
  revision: number;
  recordedAt: string;
  occurredAt: string;
  actor: { userId: string; name?: string; unitId: string | null; role: string; roleLabel: string };
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

/** One decision in an auditor's timeline: a described event and where it sits in the store's global order. */
export interface TimelineEntry extends DescribedEvent {
  position: number;
}

/** A data value as users read it: a coded value in Chinese where the label names it (`values`). */
const valueOf = (label: EventLabel | undefined, name: string, value: unknown): unknown =>
  typeof value === 'string' ? (label?.values?.[name]?.[value] ?? value) : value;

const firstText = (label: EventLabel | undefined, data: Record<string, unknown>, names: readonly string[]): string | null => {
  for (const name of names) if (data[name] !== undefined && data[name] !== null) return String(valueOf(label, name, data[name]));
  return null;
};

/**
 * An event (upcast to its newest schema first) described with its labels. Encrypted personal data
 * reads `已脱敏`; a caller allowed to see it passes the envelope through `revealPersonalData` first.
 */
export function describeEvent(envelope: EventEnvelope, labels: EventLabels = EVENT_LABELS): DescribedEvent {
  const event = upcast(withholdSealed(envelope));
  const label = labels[event.type];
  const groundFields = groundFieldsOf(label);
  const reasonFields = reasonFieldsOf(label);
  const shown = new Set<string>([...groundFields, ...reasonFields]);
  const unit = event.data[label?.decision?.unitField ?? 'unitId'];
  return {
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

/** A stored event as one entry of an auditor's timeline. */
export function timelineEntry(stored: StoredEvent, labels: EventLabels = EVENT_LABELS): TimelineEntry {
  return { position: stored.globalPosition, ...describeEvent(stored, labels) };
}

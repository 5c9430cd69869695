import type { ZodType } from 'zod';
import { assessmentEvents } from './events/assessment';
import { auditEvents } from './events/audit';
import { assessmentEventLabels } from './events/assessment.labels';
import { auditEventLabels } from './events/audit.labels';
import { catalogueEventLabels } from './events/catalogue.labels';
import { documentAttributesEventLabels } from './events/document-attributes.labels';
import { interpretationEventLabels } from './events/interpretation.labels';
import { requestsEventLabels } from './events/requests.labels';
import type { EventLabels } from './event-labels';
import { catalogueEvents } from './events/catalogue';
import { documentAttributesEvents } from './events/document-attributes';
import { interpretationEvents } from './events/interpretation';
import { requestsEvents } from './events/requests';

type SchemasByVersion = Readonly<Record<number, ZodType>>;

/**
 * Every integration event and version with its runtime schema. Consumers validate each message
 * against it; an event whose type or version is unknown here is not a contract and gets parked.
 */
export const EVENT_CONTRACTS: Readonly<Record<string, SchemasByVersion>> = {
  ...catalogueEvents,
  ...documentAttributesEvents,
  ...requestsEvents,
  ...interpretationEvents,
  ...assessmentEvents,
  ...auditEvents,
};

/** Chinese labels of every event type that has them (convention: event-labels.ts). */
export const EVENT_LABELS: EventLabels = {
  ...catalogueEventLabels,
  ...documentAttributesEventLabels,
  ...requestsEventLabels,
  ...interpretationEventLabels,
  ...assessmentEventLabels,
  ...auditEventLabels,
};

export type ContractCheck = { ok: true } | { ok: false; reason: string };

export function checkContract(type: string, schemaVersion: number, data: unknown): ContractCheck {
  const versions = EVENT_CONTRACTS[type];
  if (!versions) return { ok: false, reason: `unknown event type ${type}` };
  const schema = versions[schemaVersion];
  if (!schema) return { ok: false, reason: `unknown schema version ${schemaVersion} of ${type}` };
  const result = schema.safeParse(data);
  if (result.success) return { ok: true };
  return {
    ok: false,
    reason: result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
  };
}

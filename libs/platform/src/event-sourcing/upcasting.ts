import type { EventEnvelope } from '@gongkai/contracts';

/** Turns version n of an event's data into version n + 1. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

const upcasters = new Map<string, Upcaster>();

/**
 * Registers how `type` version `fromVersion` becomes `fromVersion + 1`. Stored events are never
 * rewritten (the hash chain covers them as written); they are upcast on every read instead.
 */
export function registerUpcaster(type: string, fromVersion: number, upcaster: Upcaster): void {
  upcasters.set(`${type}@${fromVersion}`, upcaster);
}

export function upcast(envelope: EventEnvelope): EventEnvelope {
  let { data, schemaVersion } = envelope;
  for (let next = upcasters.get(`${envelope.type}@${schemaVersion}`); next; next = upcasters.get(`${envelope.type}@${schemaVersion}`)) {
    data = next(data);
    schemaVersion += 1;
  }
  return schemaVersion === envelope.schemaVersion ? envelope : { ...envelope, data, schemaVersion };
}

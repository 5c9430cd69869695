/**
 * Integration events of the interpretation service (topic `gongkai.interpretation`): one zod schema per event type and
 * version, e.g. `'interpretation.SomethingHappened': { 1: somethingHappenedV1 }`.
 */
export const interpretationEvents = {} as const;

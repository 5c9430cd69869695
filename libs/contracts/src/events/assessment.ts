/**
 * Integration events of the assessment service (topic `gongkai.assessment`): one zod schema per event type and
 * version, e.g. `'assessment.SomethingHappened': { 1: somethingHappenedV1 }`.
 */
export const assessmentEvents = {} as const;

/**
 * Integration events of the requests service (topic `gongkai.requests`): one zod schema per event type and
 * version, e.g. `'requests.SomethingHappened': { 1: somethingHappenedV1 }`.
 */
export const requestsEvents = {} as const;

/**
 * The pure part of the platform for domain code (deciders, calendars): no framework, no I/O, so a
 * domain test loads in milliseconds.
 */
export * from './errors/domain-error';
export * from './event-sourcing/decider';
// Unit scoping as values, for the guard inside a decider (the actor travels in the command).
export { unitActionError, unitReadError } from './auth/principal';

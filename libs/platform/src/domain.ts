/**
 * The pure part of the platform for domain code (deciders, calendars): no framework, no I/O, so a
 * domain test loads in milliseconds.
 */
export * from './errors/domain-error';
export * from './event-sourcing/decider';

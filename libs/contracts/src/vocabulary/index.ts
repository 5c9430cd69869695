/**
 * The plain-data vocabulary of the contracts (code lists and their Chinese labels), without zod, so
 * that the browser app can import the same lists the services validate against
 * (`@gongkai/contracts/vocabulary` in apps/web). The event modules re-export everything here.
 */
export * from './catalogue';
export * from './document-attributes';
export * from './interpretation';
export * from './requests';
export * from './roles';
export * from './units';
export * from './views';
export * from './proactive-categories';

export * from './infra';
export * from './event-store-contract';
export * from './processes';
export * from './mailpit';
export * from './store-bytes';

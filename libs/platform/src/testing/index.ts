export * from './infra';
export * from './event-store-contract';
export * from './processes';
export * from './mailpit';
export * from './private-servers';
export * from './store-bytes';
export * from './shuffled';

export * from './infra';
export * from './event-store-contract';
export * from './processes';
export * from './private-servers';
export * from './store-bytes';

export * from './envelope';
export * from './topics';
export * from './values';
export * from './registry';
export * from './events/catalogue';

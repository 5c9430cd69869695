export * from './standalone';
export * from './demo-data';

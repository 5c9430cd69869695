export * from './audit.module';
export * from './audit.service';
export * from './audit.controller';
export * from './anchor-text';
export * from './completeness';
export * from './export';
export * from './history';
export * from './replay';

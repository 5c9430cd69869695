export * from './interpretation.module';

export * from './document-attributes.module';

export * from './tokenize';
export * from './abbreviations';
export * from './snippet';
export * from './postings';

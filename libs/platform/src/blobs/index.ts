export * from './blob-store';
export * from './media-type';
export * from './fs-blob-store';
export * from './s3-blob-store';
export * from './blob-store-factory';

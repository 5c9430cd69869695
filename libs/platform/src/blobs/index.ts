export * from './blob-store';
export * from './media-type';
export * from './fs-blob-store';
export * from './blob-store-factory';
// Types only: the AWS SDK is loaded when an s3:// store is created (createBlobStore), not by every process that imports the platform.
export type { S3BlobStore, S3BlobStoreOptions } from './s3-blob-store';
export * from './verify-files';

import { fileURLToPath } from 'node:url';
import type { GongkaiConfig } from '../config/config';
import type { BlobStore } from './blob-store';
import { FileSystemBlobStore } from './fs-blob-store';

type BlobSettings = Pick<
  GongkaiConfig,
  | 'BLOB_STORE_URL'
  | 'BLOB_MAX_BYTES'
  | 'BLOB_STAGING_DIR'
  | 'S3_ENDPOINT'
  | 'S3_REGION'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_FORCE_PATH_STYLE'
>;

/** The directory of a `file:` URL: `file:./data/blobs` (relative to the working directory), `file:/srv/blobs`, `file:///srv/blobs`. */
export function blobDirectoryOf(url: string): string {
  return url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
}

/**
 * The adapter BLOB_STORE_URL names, configured from the validated settings. The S3 adapter (and with
 * it the AWS SDK, ~0.5 s and ~10 MB to load) is loaded only when an s3:// store is asked for.
 */
export async function createBlobStore(config: BlobSettings): Promise<BlobStore> {
  const url = config.BLOB_STORE_URL;
  if (url.startsWith('file:')) return new FileSystemBlobStore(blobDirectoryOf(url), { maxBytes: config.BLOB_MAX_BYTES });
  const [, bucket, prefix] = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url) ?? [];
  if (!bucket) throw new Error(`BLOB_STORE_URL must be file:<directory> or s3://<bucket>[/<prefix>], got ${url}`);
  const { S3BlobStore } = await import('./s3-blob-store');
  return new S3BlobStore({
    bucket,
    prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    credentials:
      config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
        : undefined,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    maxBytes: config.BLOB_MAX_BYTES,
    stagingDir: config.BLOB_STAGING_DIR,
  });
}

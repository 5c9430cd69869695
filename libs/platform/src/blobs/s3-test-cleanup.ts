import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { S3BlobStoreOptions } from './s3-blob-store';

/**
 * Deletes every object under a key prefix: for the S3 contract tests and the bench, so repeated runs
 * do not fill the local SeaweedFS. The blob store itself never deletes (files are kept for the audit).
 */
export async function emptyS3Prefix(
  options: Pick<S3BlobStoreOptions, 'endpoint' | 'region' | 'credentials' | 'bucket' | 'prefix'>,
): Promise<void> {
  if (!options.prefix) throw new Error('refusing to empty a whole bucket');
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region ?? 'us-east-1',
    credentials: options.credentials,
    forcePathStyle: options.endpoint !== undefined,
  });
  try {
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: options.bucket, Prefix: options.prefix, ContinuationToken: token }),
      );
      const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
      if (keys.length) await client.send(new DeleteObjectsCommand({ Bucket: options.bucket, Delete: { Objects: keys, Quiet: true } }));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } finally {
    client.destroy();
  }
}

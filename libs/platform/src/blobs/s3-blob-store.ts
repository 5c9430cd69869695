import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DomainError } from '../errors/domain-error';
import { DEFAULT_BLOB_MAX_BYTES, StagingBlobStore, assertSha256, type BlobContent, type BlobStat, type StagedBlob } from './blob-store';

export interface S3BlobStoreOptions {
  bucket: string;
  /** Key prefix inside the bucket (e.g. `gongkai/`); objects are `<prefix>sha256/<hash>`. */
  prefix?: string;
  /** An S3-compatible server (SeaweedFS, MinIO…); unset = AWS S3. */
  endpoint?: string;
  region?: string;
  /** Static credentials; unset = the SDK's default chain (environment, web identity, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Default: true when `endpoint` is set (SeaweedFS and MinIO serve path-style URLs). */
  forcePathStyle?: boolean;
  maxBytes?: number;
  /** Local directory where an upload is staged before it is sent (default: the system temp directory). */
  stagingDir?: string;
}

const status = (error: unknown): number | undefined => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
const isNotFound = (error: unknown): boolean =>
  status(error) === 404 || ['NotFound', 'NoSuchKey'].includes((error as { name?: string }).name ?? '');

/** The object store failed (down, refused our credentials…): 503 for the caller, the cause kept for the log. */
function unavailable(error: unknown): DomainError {
  const refusal = new DomainError('unavailable', 'BLOB_STORE_UNAVAILABLE', '文件存储暂时不可用，请稍后重试。');
  return Object.assign(refusal, { cause: error });
}

/**
 * Blobs as objects in an S3-compatible bucket, through the AWS SDK v3. An upload is staged locally
 * (hashed, measured, recognised), then sent with one PutObject carrying its SHA-256 as the S3 checksum
 * (`x-amz-checksum-sha256`), so the server itself refuses bytes that changed on the way; S3 makes an
 * object visible only when its upload completes, so a failed put leaves nothing. An object that is
 * already there (HeadObject) is not sent again.
 */
export class S3BlobStore extends StagingBlobStore {
  readonly bucket: string;
  readonly prefix: string;
  private readonly client: S3Client;

  constructor(options: S3BlobStoreOptions) {
    super(options.stagingDir ?? join(tmpdir(), 'gongkai-blob-staging'), options.maxBytes ?? DEFAULT_BLOB_MAX_BYTES, false);
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      credentials: options.credentials,
      forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
      // Checksums only where we give one (our SHA-256): no default CRC32 trailers on every request.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  keyOf(sha256: string): string {
    assertSha256(sha256);
    return `${this.prefix}sha256/${sha256}`;
  }

  /** Creates the bucket if it does not exist (local and test set-ups; in production it is provisioned). */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if (!isNotFound(error)) throw unavailable(error);
      try {
        await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
      } catch (createError) {
        const name = (createError as { name?: string }).name;
        if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw unavailable(createError);
      }
    }
  }

  /** How many objects the store holds under its prefix (tests and diagnostics). */
  async countObjects(): Promise<number> {
    let count = 0;
    let token: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ContinuationToken: token }),
        );
        count += page.KeyCount ?? page.Contents?.length ?? 0;
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (error) {
      throw unavailable(error);
    }
    return count;
  }

  protected async commit(staged: StagedBlob): Promise<boolean> {
    if (await this.stat(staged.sha256)) return false;
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.keyOf(staged.sha256),
          Body: createReadStream(staged.path),
          ContentLength: staged.size,
          ContentType: staged.mediaType,
          ChecksumSHA256: Buffer.from(staged.sha256, 'hex').toString('base64'),
        }),
      );
    } catch (error) {
      throw unavailable(error);
    }
    return true;
  }

  async get(sha256: string): Promise<BlobContent | null> {
    const key = this.keyOf(sha256);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return { sha256, size: object.ContentLength ?? 0, stream: object.Body as Readable };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw unavailable(error);
    }
  }

  async stat(sha256: string): Promise<BlobStat | null> {
    const key = this.keyOf(sha256);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { sha256, size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw unavailable(error);
    }
  }

  async delete(sha256: string): Promise<boolean> {
    if (!(await this.stat(sha256))) return false;
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
    } catch (error) {
      throw unavailable(error);
    }
    return true;
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

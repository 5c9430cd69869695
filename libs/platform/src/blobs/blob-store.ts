import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../errors/domain-error';
import {
  PlainTextCheck,
  SNIFF_HEAD_BYTES,
  mediaTypeMismatch,
  normaliseDeclaredMediaType,
  sniffMediaType,
  type AllowedMediaType,
} from './media-type';

/**
 * A file as events carry it: never the bytes, only their SHA-256 (the address in the store), size,
 * the media type recognised from the bytes, and the name it was uploaded under.
 */
export interface BlobRef {
  /** Lower-case hex SHA-256 of the bytes: the file's address. */
  sha256: string;
  size: number;
  mediaType: AllowedMediaType;
  originalName: string;
}

export interface PutOptions {
  /** What the uploader says the file is (e.g. the multipart part's Content-Type); the bytes must agree. */
  declaredMediaType: string;
  originalName: string;
  /** If the uploader knows the hash (an import, a client that hashed first): refused unless the bytes have it. */
  expectedSha256?: string;
}

export interface BlobStat {
  sha256: string;
  size: number;
}

export interface BlobContent extends BlobStat {
  /** The bytes, streamed; the caller must consume or destroy it. */
  stream: Readable;
}

/** What `put` accepts: the bytes at once, or a stream of them (an upload, a file). */
export type BlobSource = Uint8Array | Readable | AsyncIterable<Uint8Array>;

/**
 * The blob store port. Files are stored once, addressed by the SHA-256 of their bytes: a second put
 * of the same bytes stores nothing new. A put is all or nothing: the bytes are staged under a temporary
 * name, hashed, measured and recognised, and only then made visible under their hash; a refused or
 * failed put leaves nothing behind. Adapters: `FileSystemBlobStore` (`file:`), `S3BlobStore` (`s3://`),
 * both held to `blobStoreContract`.
 */
export interface BlobStore {
  /** Refusals (DomainError): BLOB_TOO_LARGE, BLOB_EMPTY, BLOB_MEDIA_TYPE_NOT_ALLOWED, BLOB_MEDIA_TYPE_MISMATCH, BLOB_HASH_MISMATCH, BLOB_NAME_INVALID. */
  put(content: BlobSource, options: PutOptions): Promise<BlobRef>;
  /**
   * Stores bytes that cannot be recognised by design (a file sealed with a data subject's key,
   * issue 19): no media type is checked; the caller knows what they are. Refusals: BLOB_TOO_LARGE, BLOB_EMPTY.
   */
  putOpaque(content: BlobSource): Promise<BlobStat>;
  /** The bytes, streamed, or null if no file has this hash. */
  get(sha256: string): Promise<BlobContent | null>;
  /** The bytes in memory (small files: text extraction, tests), or null. */
  getBytes(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
  stat(sha256: string): Promise<BlobStat | null>;
  /**
   * Removes the file for good; true when there was one. Only for personal data that must be erased
   * (a scanned application when its applicant is erased, issue 19): everything else is kept, as the
   * events that refer to it are.
   */
  delete(sha256: string): Promise<boolean>;
  close(): Promise<void>;
}

export const DEFAULT_BLOB_MAX_BYTES = 50 * 1024 * 1024;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Refuses anything that is not a lower-case hex SHA-256 (also keeps it from ever reaching a path or key). */
export function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw DomainError.validation('BLOB_HASH_INVALID', '文件标识无效：应为 64 位十六进制的 SHA-256 值。');
}

/** The 404 of a file that is not in the store (same body whatever the reason). */
export const blobNotFound = (): DomainError => DomainError.notFound('BLOB_NOT_FOUND', '文件不存在。');

/** A size as people read it: `50 MB`, `4 KB`, `100 字节`. */
export function formatSize(bytes: number): string {
  const round = (value: number) => Number(value.toFixed(1));
  if (bytes >= 1024 * 1024) return `${round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

const blobTooLarge = (maxBytes: number): DomainError =>
  new DomainError('validation', 'BLOB_TOO_LARGE', `文件过大：单个文件不得超过 ${formatSize(maxBytes)}。`, [], { status: 413, maxBytes });

/** The name shown and offered on download: the last path segment, trimmed, at most 255 characters, no control characters. */
export function cleanOriginalName(name: string): string {
  const base = (name.split(/[/\\]/).pop() ?? '').trim();
  // eslint-disable-next-line no-control-regex
  if (!base || base === '.' || base === '..' || base.length > 255 || /[\u0000-\u001f\u007f]/.test(base)) {
    throw DomainError.validation('BLOB_NAME_INVALID', '文件名无效：不能为空、不能超过 255 个字符，也不能含控制字符。');
  }
  return base;
}

/** A put's bytes, staged in a temporary file, with what was learnt while writing them. */
export interface StagedBlob {
  path: string;
  sha256: string;
  size: number;
  mediaType: AllowedMediaType;
}

interface Staging {
  path: string;
  sha256: string;
  size: number;
  head: Buffer;
  plainText: boolean;
}

const toReadable = (content: BlobSource): Readable =>
  content instanceof Readable ? content : content instanceof Uint8Array ? Readable.from([content]) : Readable.from(content);

/**
 * What both adapters share: validation, staging (stream to a temporary file while hashing, measuring
 * and checking the size limit, so no file is ever held in memory), recognition, and the refusals.
 * An adapter only says how a staged file becomes visible under its hash (`commit`) and how to read.
 */
export abstract class StagingBlobStore implements BlobStore {
  protected constructor(
    private readonly stagingDir: string,
    readonly maxBytes: number,
    /** fsync the staged file before commit (when the commit is a rename onto durable storage). */
    private readonly durableStaging: boolean,
  ) {}

  /** Makes the staged file visible under `staged.sha256` unless that hash is already stored; false if it was. */
  protected abstract commit(staged: StagedBlob): Promise<boolean>;
  abstract get(sha256: string): Promise<BlobContent | null>;
  abstract stat(sha256: string): Promise<BlobStat | null>;
  abstract delete(sha256: string): Promise<boolean>;
  abstract close(): Promise<void>;

  async put(content: BlobSource, options: PutOptions): Promise<BlobRef> {
    let declared: AllowedMediaType;
    let originalName: string;
    try {
      const normalised = normaliseDeclaredMediaType(options.declaredMediaType);
      if (normalised instanceof DomainError) throw normalised;
      declared = normalised;
      originalName = cleanOriginalName(options.originalName);
    } catch (refusal) {
      if (content instanceof Readable) content.destroy(); // an upload refused before it was read
      throw refusal;
    }
    const staging = await this.stage(toReadable(content));
    try {
      if (staging.size === 0) throw DomainError.validation('BLOB_EMPTY', '文件为空，请选择有内容的文件。');
      if (options.expectedSha256 !== undefined && options.expectedSha256.toLowerCase() !== staging.sha256) {
        throw DomainError.rule('BLOB_HASH_MISMATCH', '文件内容与给出的 SHA-256 不符，可能在传输中损坏，请重新上传。', {
          expectedSha256: options.expectedSha256,
          sha256: staging.sha256,
        });
      }
      const detected = await sniffMediaType(staging.path, staging.size, staging.head, staging.plainText);
      const refusal = mediaTypeMismatch(declared, detected);
      if (refusal) throw refusal;
      await this.commit({ path: staging.path, sha256: staging.sha256, size: staging.size, mediaType: declared });
      return { sha256: staging.sha256, size: staging.size, mediaType: declared, originalName };
    } finally {
      await rm(staging.path, { force: true });
    }
  }

  async putOpaque(content: BlobSource): Promise<BlobStat> {
    const staging = await this.stage(toReadable(content));
    try {
      if (staging.size === 0) throw DomainError.validation('BLOB_EMPTY', '文件为空，请选择有内容的文件。');
      // Stored as unrecognised bytes (S3's Content-Type): never served as what they hold.
      const mediaType = 'application/octet-stream' as AllowedMediaType;
      await this.commit({ path: staging.path, sha256: staging.sha256, size: staging.size, mediaType });
      return { sha256: staging.sha256, size: staging.size };
    } finally {
      await rm(staging.path, { force: true });
    }
  }

  async getBytes(sha256: string): Promise<Buffer | null> {
    const content = await this.get(sha256);
    if (!content) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of content.stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  private async stage(source: Readable): Promise<Staging> {
    await mkdir(this.stagingDir, { recursive: true });
    const path = join(this.stagingDir, `.staging-${randomUUID()}`);
    const hash = createHash('sha256');
    const text = new PlainTextCheck();
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    const maxBytes = this.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > maxBytes) return done(blobTooLarge(maxBytes));
        hash.update(chunk);
        text.push(chunk);
        if (headLength < SNIFF_HEAD_BYTES) {
          head.push(chunk.subarray(0, SNIFF_HEAD_BYTES - headLength));
          headLength += head[head.length - 1].length;
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(path, { flags: 'wx', flush: this.durableStaging }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { path, sha256: hash.digest('hex'), size, head: Buffer.concat(head), plainText: text.end() };
  }
}

/**
 * Re-reads a stored file and checks its bytes against its address: `ok`, `missing`, or `altered`
 * (the audit's file check).
 */
export async function verifyBlob(store: BlobStore, sha256: string): Promise<'ok' | 'missing' | 'altered'> {
  assertSha256(sha256);
  const content = await store.get(sha256);
  if (!content) return 'missing';
  const hash = createHash('sha256');
  for await (const chunk of content.stream) hash.update(chunk as Buffer);
  return hash.digest('hex') === sha256 ? 'ok' : 'altered';
}

import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { blobStoreContract } from './blob-store-contract';
import { verifyBlob } from './blob-store';
import { blobDirectoryOf, createBlobStore } from './blob-store-factory';
import { FileSystemBlobStore } from './fs-blob-store';
import { S3BlobStore } from './s3-blob-store';

const tempDir = () => mkdtempSync(join(tmpdir(), 'gk-blobs-'));

/** Every file under `dir`, staging leftovers included. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

blobStoreContract('file system', async (maxBytes) => {
  const root = tempDir();
  return {
    store: new FileSystemBlobStore(root, { maxBytes }),
    storedObjects: async () => filesUnder(root).length,
    dispose: async () => rmSync(root, { recursive: true, force: true }),
  };
});

describe('FileSystemBlobStore specifics', () => {
  it('keeps a file at sha256/ab/cd/<hash>, read-only, and verifyBlob notices altered bytes', async () => {
    const root = tempDir();
    const store = new FileSystemBlobStore(root);
    const ref = await store.put(Buffer.from('原文\n'), { declaredMediaType: 'text/plain', originalName: 'a.txt' });
    const path = join(root, 'sha256', ref.sha256.slice(0, 2), ref.sha256.slice(2, 4), ref.sha256);
    expect(store.pathOf(ref.sha256)).toBe(path);
    expect(readFileSync(path, 'utf8')).toBe('原文\n');
    expect(statSync(path).mode & 0o777).toBe(0o444);
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(ref.sha256);
    chmodSync(path, 0o644);
    writeFileSync(path, '篡改\n');
    expect(await verifyBlob(store, ref.sha256)).toBe('altered');
  });
});

describe('blob settings', () => {
  const base = { GONGKAI_SHAPE: 'standalone', MONGODB_URL: 'mongodb://127.0.0.1:27027/', AUTH_JWT_SECRET: 'x'.repeat(32) };

  it('defaults to the file system under ./data/blobs with a 50 MB limit', () => {
    const config = loadConfig(base);
    expect([config.BLOB_STORE_URL, config.BLOB_MAX_BYTES, config.S3_REGION]).toEqual(['file:./data/blobs', 50 * 1024 * 1024, 'us-east-1']);
    expect(config.S3_FORCE_PATH_STYLE).toBeUndefined();
  });

  it('names a bad store URL, limit or half a pair of S3 credentials at start-up', () => {
    expect(() => loadConfig({ ...base, BLOB_STORE_URL: 'ftp://files' })).toThrow(
      /BLOB_STORE_URL must be file:<directory> or s3:\/\/<bucket>/,
    );
    expect(() => loadConfig({ ...base, BLOB_MAX_BYTES: '0' })).toThrow(/BLOB_MAX_BYTES/);
    expect(() => loadConfig({ ...base, BLOB_STORE_URL: 's3://files', S3_ACCESS_KEY_ID: 'a' })).toThrow(/S3_SECRET_ACCESS_KEY is required/);
    expect(
      loadConfig({ ...base, BLOB_STORE_URL: 's3://gongkai-files/district', S3_ENDPOINT: 'http://127.0.0.1:28333' }).BLOB_STORE_URL,
    ).toBe('s3://gongkai-files/district');
  });
});

describe('createBlobStore', () => {
  const settings = { BLOB_MAX_BYTES: 1000, S3_REGION: 'us-east-1' };

  it('reads the directory of a file: URL', async () => {
    expect(blobDirectoryOf('file:./data/blobs')).toBe('./data/blobs');
    expect(blobDirectoryOf('file:/srv/blobs')).toBe('/srv/blobs');
    expect(blobDirectoryOf('file:///srv/blobs')).toBe('/srv/blobs');
    const store = await createBlobStore({ ...settings, BLOB_STORE_URL: 'file:/srv/blobs' });
    expect(store).toBeInstanceOf(FileSystemBlobStore);
    expect((store as FileSystemBlobStore).root).toBe('/srv/blobs');
    expect((store as FileSystemBlobStore).maxBytes).toBe(1000);
  });

  it('configures the S3 adapter from an s3:// URL and the S3 settings', async () => {
    const store = (await createBlobStore({
      ...settings,
      BLOB_STORE_URL: 's3://gongkai-files/district',
      S3_ENDPOINT: 'http://127.0.0.1:1',
      S3_ACCESS_KEY_ID: 'a',
      S3_SECRET_ACCESS_KEY: 'b',
    })) as S3BlobStore;
    expect(store).toBeInstanceOf(S3BlobStore);
    expect([store.bucket, store.prefix, store.maxBytes]).toEqual(['gongkai-files', 'district/', 1000]);
    // Nothing listens there: a dependency failure, not a crash and not "not found".
    await expect(store.stat('0'.repeat(64))).rejects.toMatchObject({ kind: 'unavailable', code: 'BLOB_STORE_UNAVAILABLE' });
    await store.close();
  });
});

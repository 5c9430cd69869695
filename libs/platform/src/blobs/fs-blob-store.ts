import { chmod, mkdir, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_BLOB_MAX_BYTES, StagingBlobStore, assertSha256, type BlobContent, type BlobStat, type StagedBlob } from './blob-store';

/**
 * Blobs as files under one directory (the embedded default; a PersistentVolume in Kubernetes):
 * `<root>/sha256/ab/cd/abcd…` (two levels of fan-out), staged in `<root>/.staging/` on the same file
 * system, fsynced, then renamed into place — a rename is atomic, so a file is either whole or absent.
 * Stored files are made read-only.
 */
export class FileSystemBlobStore extends StagingBlobStore {
  readonly root: string;

  constructor(root: string, options: { maxBytes?: number } = {}) {
    const absolute = resolve(root);
    super(join(absolute, '.staging'), options.maxBytes ?? DEFAULT_BLOB_MAX_BYTES, true);
    this.root = absolute;
  }

  /** Where the file with this hash lives (whether or not it exists). */
  pathOf(sha256: string): string {
    assertSha256(sha256);
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  protected async commit(staged: StagedBlob): Promise<boolean> {
    const target = this.pathOf(staged.sha256);
    if (await this.stat(staged.sha256)) return false;
    await mkdir(dirname(target), { recursive: true });
    await chmod(staged.path, 0o444);
    // Two concurrent puts of the same bytes may both get here; the later rename replaces an
    // identical file atomically, so a reader sees one whole file either way.
    await rename(staged.path, target);
    return true;
  }

  async get(sha256: string): Promise<BlobContent | null> {
    let file: FileHandle;
    try {
      file = await open(this.pathOf(sha256), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const { size } = await file.stat();
    return { sha256, size, stream: file.createReadStream() };
  }

  async stat(sha256: string): Promise<BlobStat | null> {
    try {
      const info = await stat(this.pathOf(sha256));
      return info.isFile() ? { sha256, size: info.size } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(sha256: string): Promise<boolean> {
    try {
      await unlink(this.pathOf(sha256));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async close(): Promise<void> {
    // Nothing held open between calls.
  }
}

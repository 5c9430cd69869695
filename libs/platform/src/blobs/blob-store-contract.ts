import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BlobStore } from './blob-store';
import { verifyBlob } from './blob-store';
import {
  sampleDocx,
  sampleGbkText,
  sampleGif,
  sampleJpeg,
  sampleOfd,
  samplePdf,
  samplePng,
  sampleText,
  sampleXlsx,
  sampleZip,
} from './blob-fixtures';

/** An adapter under test: an empty store, and how many objects it holds (staging leftovers included). */
export interface BlobStoreSubject {
  store: BlobStore;
  storedObjects(): Promise<number>;
  /** Removes what the test stored (after the store is closed). */
  dispose(): Promise<void>;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = 1024 * 1024;

/** `size` bytes of text in 64 KiB chunks, one buffer reused: the source itself holds nothing. */
function* textChunks(size: number, onChunk: () => void = () => undefined): Generator<Buffer> {
  const line = Buffer.from('一二三四五六七八九十 gongkai 政务公开 0123456789\n', 'utf8');
  const chunk = Buffer.alloc(64 * 1024 - ((64 * 1024) % line.length));
  for (let at = 0; at < chunk.length; at += line.length) line.copy(chunk, at);
  let sent = 0;
  for (; sent + chunk.length <= size; sent += chunk.length) {
    onChunk();
    yield chunk;
  }
  if (sent < size) {
    // The rest: whole lines, then line feeds (a character cut in two would not be UTF-8).
    const rest = Buffer.alloc(size - sent, 0x0a);
    chunk.copy(rest, 0, 0, Math.floor(rest.length / line.length) * line.length);
    onChunk();
    yield rest;
  }
}

/**
 * The behaviour every BlobStore adapter must have. `create(maxBytes)` returns an empty store with that
 * upload limit (its own directory, bucket prefix…), so tests never see each other's files.
 */
export function blobStoreContract(name: string, create: (maxBytes: number) => Promise<BlobStoreSubject>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let subject: BlobStoreSubject;
    let store: BlobStore;
    beforeEach(async () => {
      subject = await create(25 * MB);
      store = subject.store;
    });
    afterEach(async () => {
      await store.close();
      await subject.dispose();
    });

    it('stores a file and gives back the same bytes, size and a stat under its SHA-256', async () => {
      const bytes = sampleText();
      const ref = await store.put(bytes, { declaredMediaType: 'text/plain; charset=utf-8', originalName: '通知.txt' });
      expect(ref).toEqual({ sha256: sha256(bytes), size: bytes.length, mediaType: 'text/plain', originalName: '通知.txt' });
      expect(await store.getBytes(ref.sha256)).toEqual(bytes);
      const content = await store.get(ref.sha256);
      if (!content) throw new Error('stored file not found');
      expect(content.size).toBe(bytes.length);
      const streamed: Buffer[] = [];
      for await (const chunk of content.stream) streamed.push(chunk as Buffer);
      expect(Buffer.concat(streamed)).toEqual(bytes);
      expect(await store.stat(ref.sha256)).toEqual({ sha256: ref.sha256, size: bytes.length });
      expect(await store.has(ref.sha256)).toBe(true);
      expect(await verifyBlob(store, ref.sha256)).toBe('ok');
      expect(await subject.storedObjects()).toBe(1);
    });

    it('recognises every allowed type from its bytes', async () => {
      const files: [Buffer, string, string][] = [
        [samplePdf(), 'application/pdf', '决定.pdf'],
        [await sampleDocx(), DOCX, '正文.docx'],
        [await sampleXlsx(), XLSX, '附件1.xlsx'],
        [await sampleOfd(), 'application/ofd', '正文.ofd'],
        [samplePng(), 'image/png', '图解.png'],
        [sampleJpeg(), 'image/jpeg', '照片.jpg'],
        [sampleText(), 'text/plain', '说明.txt'],
      ];
      for (const [bytes, type, originalName] of files) {
        const ref = await store.put(bytes, { declaredMediaType: type, originalName });
        expect(ref).toEqual({ sha256: sha256(bytes), size: bytes.length, mediaType: type, originalName });
      }
      // Common other spellings of an allowed type are accepted and named canonically.
      expect((await store.put(sampleJpeg(), { declaredMediaType: 'image/jpg', originalName: 'a.jpg' })).mediaType).toBe('image/jpeg');
      expect(await subject.storedObjects()).toBe(files.length);
    });

    it('stores the same bytes once: a second put (another name) stores nothing new', async () => {
      const bytes = samplePdf('dedup');
      const first = await store.put(bytes, { declaredMediaType: 'application/pdf', originalName: '原件.pdf' });
      const second = await store.put(Readable.from([bytes]), {
        declaredMediaType: 'application/pdf',
        originalName: 'C:\\Users\\张三\\副本.pdf',
      });
      expect(second).toEqual({ ...first, originalName: '副本.pdf' });
      expect(await subject.storedObjects()).toBe(1);
    });

    it('addresses files by the SHA-256 of their bytes: different bytes, different addresses', async () => {
      const a = await store.put(sampleText('甲\n'), { declaredMediaType: 'text/plain', originalName: 'a.txt' });
      const b = await store.put(sampleText('乙\n'), { declaredMediaType: 'text/plain', originalName: 'b.txt' });
      expect(a.sha256).toBe(sha256(sampleText('甲\n')));
      expect(b.sha256).not.toBe(a.sha256);
      expect((await store.getBytes(b.sha256))?.toString('utf8')).toBe('乙\n');
      await expect(
        store.put(sampleText('丙\n'), { declaredMediaType: 'text/plain', originalName: 'c.txt', expectedSha256: a.sha256 }),
      ).rejects.toMatchObject({
        code: 'BLOB_HASH_MISMATCH',
      });
      expect(await subject.storedObjects()).toBe(2);
    });

    it('refuses a file over the limit with a zh-CN message and a stable code, and stores nothing', async () => {
      const small = await create(4096);
      let chunksRead = 0;
      const refusal = small.store.put(Readable.from(textChunks(10 * MB, () => chunksRead++)), {
        declaredMediaType: 'text/plain',
        originalName: '大文件.txt',
      });
      await expect(refusal).rejects.toMatchObject({
        kind: 'validation',
        code: 'BLOB_TOO_LARGE',
        extensions: { status: 413, maxBytes: 4096 },
      });
      await expect(refusal).rejects.toHaveProperty('detail', '文件过大：单个文件不得超过 4 KB。');
      expect(chunksRead).toBeLessThan(40); // of 160: the upload is cut off (after the stream's read-ahead), not read to the end
      await expect(
        small.store.put(Buffer.alloc(4097, 0x61), { declaredMediaType: 'text/plain', originalName: 'a.txt' }),
      ).rejects.toMatchObject({
        code: 'BLOB_TOO_LARGE',
      });
      expect(await small.store.has(sha256(Buffer.alloc(4097, 0x61)))).toBe(false);
      expect(await small.storedObjects()).toBe(0);
      // Exactly at the limit is fine.
      await small.store.put(Buffer.alloc(4096, 0x61), { declaredMediaType: 'text/plain', originalName: 'a.txt' });
      await small.store.close();
      await small.dispose();
    });

    it('refuses bytes that are not what was declared, naming both, and stores nothing', async () => {
      const png = samplePng();
      const refusal = store.put(png, { declaredMediaType: 'application/pdf', originalName: '决定.pdf' });
      await expect(refusal).rejects.toMatchObject({
        kind: 'rule',
        code: 'BLOB_MEDIA_TYPE_MISMATCH',
        detail: '文件内容与声明的类型不符：声明为PDF 文件，实际内容是PNG 图片。',
        extensions: { declaredMediaType: 'application/pdf', detectedMediaType: 'image/png' },
      });
      await expect(store.put(await sampleXlsx(), { declaredMediaType: DOCX, originalName: 'a.docx' })).rejects.toMatchObject({
        code: 'BLOB_MEDIA_TYPE_MISMATCH',
      });
      await expect(store.put(sampleGbkText(), { declaredMediaType: 'text/plain', originalName: 'gbk.txt' })).rejects.toMatchObject({
        code: 'BLOB_MEDIA_TYPE_MISMATCH',
        detail: expect.stringContaining('UTF-8'),
      });
      expect(await store.has(sha256(png))).toBe(false);
      expect(await subject.storedObjects()).toBe(0);
    });

    it('refuses types outside the allowed list, declared or found in the bytes', async () => {
      const notAllowed = { kind: 'rule', code: 'BLOB_MEDIA_TYPE_NOT_ALLOWED' };
      await expect(store.put(await sampleZip(), { declaredMediaType: 'application/zip', originalName: 'a.zip' })).rejects.toMatchObject({
        ...notAllowed,
        detail:
          '不支持上传类型为“application/zip”的文件：仅接受 PDF、Word（.docx）、Excel（.xlsx）、OFD、纯文本（UTF-8）、PNG 和 JPEG 文件。',
      });
      await expect(store.put(await sampleZip(), { declaredMediaType: DOCX, originalName: 'a.docx' })).rejects.toMatchObject({
        ...notAllowed,
        detail: expect.stringContaining('ZIP 压缩包'),
      });
      await expect(store.put(sampleGif(), { declaredMediaType: 'image/png', originalName: 'a.png' })).rejects.toMatchObject(notAllowed);
      await expect(
        store.put(Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), { declaredMediaType: 'application/pdf', originalName: 'a.pdf' }),
      ).rejects.toMatchObject(notAllowed);
      await expect(store.put(sampleText(), { declaredMediaType: '', originalName: 'a.txt' })).rejects.toMatchObject(notAllowed);
      await expect(store.put(Buffer.alloc(0), { declaredMediaType: 'text/plain', originalName: 'a.txt' })).rejects.toMatchObject({
        code: 'BLOB_EMPTY',
      });
      await expect(store.put(sampleText(), { declaredMediaType: 'text/plain', originalName: '  ' })).rejects.toMatchObject({
        code: 'BLOB_NAME_INVALID',
      });
      expect(await subject.storedObjects()).toBe(0);
    });

    it('stores nothing when the upload fails half-way', async () => {
      async function* broken(): AsyncGenerator<Buffer> {
        yield sampleText('前半部分\n');
        throw new Error('connection reset');
      }
      await expect(store.put(broken(), { declaredMediaType: 'text/plain', originalName: 'a.txt' })).rejects.toThrow('connection reset');
      expect(await subject.storedObjects()).toBe(0);
    });

    it('answers "not found" for a hash it does not hold, and refuses a malformed one', async () => {
      const absent = sha256(Buffer.from('never stored'));
      expect(await store.get(absent)).toBeNull();
      expect(await store.getBytes(absent)).toBeNull();
      expect(await store.stat(absent)).toBeNull();
      expect(await store.has(absent)).toBe(false);
      expect(await verifyBlob(store, absent)).toBe('missing');
      for (const bad of ['../../etc/passwd', absent.toUpperCase(), absent.slice(1), '']) {
        await expect(store.get(bad)).rejects.toMatchObject({ kind: 'validation', code: 'BLOB_HASH_INVALID' });
      }
    });

    it('deletes a file for good (personal data erased): gone, answered false a second time, the others kept', async () => {
      const kept = await store.put(samplePdf('kept'), { declaredMediaType: 'application/pdf', originalName: 'kept.pdf' });
      const gone = await store.put(samplePdf('gone'), { declaredMediaType: 'application/pdf', originalName: 'gone.pdf' });
      expect(await store.delete(gone.sha256)).toBe(true);
      expect(await store.delete(gone.sha256)).toBe(false);
      expect(await store.get(gone.sha256)).toBeNull();
      expect(await verifyBlob(store, gone.sha256)).toBe('missing');
      expect(await verifyBlob(store, kept.sha256)).toBe('ok');
      expect(await subject.storedObjects()).toBe(1);
      await expect(store.delete('../../etc/passwd')).rejects.toMatchObject({ code: 'BLOB_HASH_INVALID' });
    });

    it('stores opaque bytes (a sealed file) without recognising them, and refuses an empty one', async () => {
      const sealed = Buffer.concat([Buffer.from('GKSEAL1\n', 'ascii'), Buffer.alloc(64, 7)]);
      const stored = await store.putOpaque(sealed);
      expect(stored).toEqual({ sha256: sha256(sealed), size: sealed.length });
      expect(await store.getBytes(stored.sha256)).toEqual(sealed);
      expect(await verifyBlob(store, stored.sha256)).toBe('ok');
      await expect(store.putOpaque(Buffer.alloc(0))).rejects.toMatchObject({ code: 'BLOB_EMPTY' });
      expect(await subject.storedObjects()).toBe(1);
    });

    it('keeps one whole file when the same content is put concurrently', async () => {
      const bytes = await sampleDocx('并发');
      const refs = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          store.put(i % 2 ? bytes : Readable.from([bytes]), { declaredMediaType: DOCX, originalName: `正文${i}.docx` }),
        ),
      );
      expect(new Set(refs.map((ref) => ref.sha256))).toEqual(new Set([sha256(bytes)]));
      expect(await store.getBytes(sha256(bytes))).toEqual(bytes);
      expect(await subject.storedObjects()).toBe(1);
    });

    it('streams a 20 MB file in and out without holding it in memory', async () => {
      const size = 20 * MB;
      const expected = createHash('sha256');
      for (const chunk of textChunks(size)) expected.update(chunk);
      // Live memory (after a full collection) every 64 chunks (4 MB of the 64 KB chunks written; a held
      // 20 MB file would show at the samples after it) on the way in and out. A full collection is slow on a
      // busy machine: the test's bound is generous (a bound, not a timing).
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      gc();
      const base = process.memoryUsage();
      let peak = 0;
      let chunks = 0;
      const sample = () => {
        if (++chunks % 64) return;
        gc();
        const now = process.memoryUsage();
        peak = Math.max(peak, now.arrayBuffers - base.arrayBuffers + (now.heapUsed - base.heapUsed));
      };
      const ref = await store.put(Readable.from(textChunks(size, sample)), { declaredMediaType: 'text/plain', originalName: '大文件.txt' });
      expect(ref).toMatchObject({ sha256: expected.digest('hex'), size, mediaType: 'text/plain' });
      const content = await store.get(ref.sha256);
      if (!content) throw new Error('stored file not found');
      expect(content.size).toBe(size);
      const actual = createHash('sha256');
      for await (const chunk of content.stream) {
        actual.update(chunk as Buffer);
        sample();
      }
      expect(actual.digest('hex')).toBe(ref.sha256);
      // What is alive is a few chunks in flight and whatever the client loads on first use (modules, a
      // socket's buffers: 8.6 MB seen once with the S3 client), never the file (20 MB).
      expect(peak).toBeLessThan(12 * MB);
    }, 240_000);
  });
}

/**
 * Blob store throughput: a 20 MB file (BENCH_BLOB_MB) uploaded (put from a file stream: staging,
 * SHA-256, size limit, type recognition, commit) and downloaded (get, streamed through SHA-256) on
 * both adapters, side by side:
 * - file system: FileSystemBlobStore in a temporary directory;
 * - S3: S3BlobStore against S3_ENDPOINT (the SeaweedFS that `tools/local-infra/up.sh s3` starts),
 *   skipped with a note when S3_ENDPOINT is not set.
 * Two kinds of file: a PDF (binary: recognised from its head) and UTF-8 text (every byte checked).
 * A "same bytes again" put is measured too: it hashes and recognises, then stores nothing.
 * Each figure is the median of BENCH_BLOB_ROUNDS (default 3) rounds, each with new bytes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { BlobStore } from '../../libs/platform/src/blobs/blob-store';
import { FileSystemBlobStore } from '../../libs/platform/src/blobs/fs-blob-store';
import { S3BlobStore } from '../../libs/platform/src/blobs/s3-blob-store';
import { emptyS3Prefix } from '../../libs/platform/src/blobs/s3-test-cleanup';
import { progress, settle, timeNs, type Bench, type BenchOutput } from './harness';

const MB = 1024 * 1024;
const SIZE = Number(process.env['BENCH_BLOB_MB'] ?? '20') * MB;
const ROUNDS = Math.max(1, Number(process.env['BENCH_BLOB_ROUNDS'] ?? '3'));

interface Sample {
  path: string;
  type: string;
  name: string;
}

/** Writes `size` bytes: a PDF header then random bytes, or lines of UTF-8 text; `round` makes each file's bytes unique. */
async function writeSample(dir: string, kind: 'pdf' | 'text', round: number, size: number): Promise<Sample> {
  const path = join(dir, `${kind}-${round}`);
  const out = createWriteStream(path);
  const first = kind === 'pdf' ? `%PDF-1.7\n%round ${round} ${Date.now()}\n` : `第 ${round} 轮 ${Date.now()}\n`;
  out.write(first);
  let written = Buffer.byteLength(first);
  const line = Buffer.from('关于做好政务公开工作的通知：各乡镇人民政府、街道办事处，区政府各部门。0123456789\n');
  const block = kind === 'pdf' ? randomBytes(MB) : Buffer.concat(Array.from({ length: 8000 }, () => line));
  // Text ends on whole lines, padded with line feeds (a character cut in two would not be UTF-8).
  const unit = kind === 'pdf' ? 1 : line.length;
  while (written < size) {
    const room = Math.min(block.length, size - written);
    const chunk = room >= unit ? block.subarray(0, room - (room % unit)) : Buffer.alloc(room, 0x0a);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    written += chunk.length;
  }
  out.end();
  await finished(out);
  return { path, type: kind === 'pdf' ? 'application/pdf' : 'text/plain', name: `sample-${round}.${kind === 'pdf' ? 'pdf' : 'txt'}` };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mbPerSecond = (ns: bigint): number => SIZE / MB / (Number(ns) / 1e9);

interface Row {
  upload: number;
  download: number;
  again: number;
}

async function measure(store: BlobStore, samples: Sample[]): Promise<Row> {
  const upload: number[] = [];
  const download: number[] = [];
  const again: number[] = [];
  for (const sample of samples) {
    settle();
    let sha256 = '';
    upload.push(
      mbPerSecond(
        await timeNs(async () => {
          sha256 = (await store.put(createReadStream(sample.path), { declaredMediaType: sample.type, originalName: sample.name })).sha256;
        }),
      ),
    );
    settle();
    download.push(
      mbPerSecond(
        await timeNs(async () => {
          const content = await store.get(sha256);
          if (!content) throw new Error('stored file not found');
          const hash = createHash('sha256');
          for await (const chunk of content.stream) hash.update(chunk as Buffer);
          if (hash.digest('hex') !== sha256) throw new Error('downloaded bytes differ');
        }),
      ),
    );
    settle();
    again.push(
      mbPerSecond(
        await timeNs(async () => {
          await store.put(createReadStream(sample.path), { declaredMediaType: sample.type, originalName: sample.name });
        }),
      ),
    );
  }
  return { upload: median(upload), download: median(download), again: median(again) };
}

export const bench: Bench = {
  title: `Blob store: ${SIZE / MB} MB upload and download, file system and S3 (SeaweedFS)`,
  async run(): Promise<BenchOutput> {
    const dir = mkdtempSync(join(tmpdir(), 'gk-bench-blobs-'));
    const notes: string[] = [];
    /** Per file kind, per adapter: the medians. */
    const results = new Map<string, Map<string, Row>>();
    const adapters: string[] = [];
    const endpoint = process.env['S3_ENDPOINT'];
    const s3Location = {
      bucket: 'gongkai-bench',
      prefix: `bench/${Date.now()}/`,
      endpoint,
      region: process.env['S3_REGION'] ?? 'us-east-1',
      credentials: { accessKeyId: process.env['S3_ACCESS_KEY_ID'] ?? '', secretAccessKey: process.env['S3_SECRET_ACCESS_KEY'] ?? '' },
    };
    try {
      const stores: [string, () => Promise<BlobStore>][] = [
        ['file system', async () => new FileSystemBlobStore(join(dir, 'store'), { maxBytes: SIZE + MB })],
      ];
      if (endpoint) {
        stores.push([
          'S3 (SeaweedFS)',
          async () => {
            const store = new S3BlobStore({ ...s3Location, maxBytes: SIZE + MB, stagingDir: join(dir, 'staging') });
            await store.ensureBucket();
            return store;
          },
        ]);
      } else {
        notes.push(
          'S3 not measured: S3_ENDPOINT is not set (start SeaweedFS with `tools/local-infra/up.sh s3` and export what it prints).',
        );
      }
      adapters.push(...stores.map(([name]) => name));
      for (const kind of ['pdf', 'text'] as const) {
        results.set(kind, new Map());
        for (const [name, create] of stores) {
          progress(`${name}: writing ${ROUNDS} ${kind} samples of ${SIZE / MB} MB`);
          const samples: Sample[] = [];
          for (let round = 0; round < ROUNDS; round++) samples.push(await writeSample(dir, kind, round, SIZE));
          progress(`${name}: ${kind} put/get × ${ROUNDS}`);
          const store = await create();
          try {
            results.get(kind)?.set(name, await measure(store, samples));
          } finally {
            await store.close();
            for (const sample of samples) rmSync(sample.path, { force: true });
          }
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      if (endpoint) await emptyS3Prefix(s3Location); // the bench's objects do not stay in the local SeaweedFS
    }
    notes.push(
      `MB/s = ${SIZE / MB} MB / wall time, median of ${ROUNDS} rounds. Upload = put from a file stream (stage to a temporary file with SHA-256,`,
      'size limit and type check, then rename into place or one PutObject with x-amz-checksum-sha256); download = get, streamed through SHA-256;',
      '"same bytes again" = a put of bytes already stored (hashed and recognised, nothing sent or written).',
    );
    // The adapters side by side: one row per file kind and operation, one column per adapter.
    const rows: string[][] = [];
    for (const [kind, byAdapter] of results) {
      for (const [operation, pick] of [
        ['upload', (row: Row) => row.upload],
        ['download', (row: Row) => row.download],
        ['same bytes again', (row: Row) => row.again],
      ] as const) {
        const cells = adapters.map((name) => {
          const row = byAdapter.get(name);
          return row ? pick(row).toFixed(1) : 'n/a';
        });
        rows.push([kind === 'pdf' ? 'PDF (binary)' : 'UTF-8 text', operation, ...cells]);
      }
    }
    const columns = ['file', 'operation', ...adapters.map((name) => `${name} MB/s`)];
    return { tables: [{ columns, rows, alignRight: adapters.map((_, i) => i + 2) }], notes };
  },
};

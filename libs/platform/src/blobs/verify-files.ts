import type { EventStore } from '../event-sourcing/event-store';
import { readAllInBatches } from '../event-sourcing/event-store';
import { verifyBlob, type BlobStore } from './blob-store';

/** A file an event refers to: found by shape (`sha256`, `size`, `mediaType`, `originalName`), wherever it sits in the data. */
export interface FileReference {
  streamId: string;
  streamRevision: number;
  eventType: string;
  /** Where in the event's data, e.g. `file` or `publishedFiles.annexes[0].file`. */
  path: string;
  sha256: string;
  originalName: string;
}

export interface FileFinding extends FileReference {
  problem: 'missing' | 'altered';
}

export interface FileVerification {
  /** Distinct files checked. */
  files: number;
  /** References (event, field) seen. */
  references: number;
  findings: FileFinding[];
  /**
   * Files deleted with their data subject (issue 19): absent from the store, referred to by a stream
   * that recorded the erasure of its personal data (`*.PersonalDataErased`). Reported, not a finding.
   */
  erased: FileReference[];
}

const isFileRef = (value: Record<string, unknown>): boolean =>
  typeof value.sha256 === 'string' &&
  /^[0-9a-f]{64}$/.test(value.sha256) &&
  typeof value.size === 'number' &&
  typeof value.originalName === 'string' &&
  typeof value.mediaType === 'string';

function* fileRefs(value: unknown, path: string): Generator<{ path: string; sha256: string; originalName: string }> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* fileRefs(item, `${path}[${i}]`);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (isFileRef(record)) yield { path, sha256: record.sha256 as string, originalName: record.originalName as string };
    else for (const [key, item] of Object.entries(record)) yield* fileRefs(item, path ? `${path}.${key}` : key);
  }
}

/**
 * The audit's file check: every file any event refers to is read back from the blob store and its
 * bytes hashed again. A file that is not there, or whose bytes no longer have the hash the event
 * recorded, is reported at every event that refers to it (stream = the document, its revision, the
 * field and the file's name). Each distinct file is read once.
 */
export async function verifyFiles(store: EventStore, blobs: BlobStore): Promise<FileVerification> {
  const results = new Map<string, 'ok' | 'missing' | 'altered'>();
  const found: FileFinding[] = [];
  const erasedStreams = new Set<string>();
  let references = 0;
  for await (const batch of readAllInBatches(store)) {
    for (const event of batch) {
      if (event.type.endsWith('.PersonalDataErased')) erasedStreams.add(event.streamId);
      for (const ref of fileRefs(event.data, '')) {
        references += 1;
        let result = results.get(ref.sha256);
        if (!result) results.set(ref.sha256, (result = await verifyBlob(blobs, ref.sha256)));
        if (result !== 'ok') {
          found.push({ streamId: event.streamId, streamRevision: event.streamRevision, eventType: event.type, ...ref, problem: result });
        }
      }
    }
  }
  // A file missing where its subject's personal data was erased went with it (altered bytes are always a finding).
  const wasErased = (f: FileFinding) => f.problem === 'missing' && erasedStreams.has(f.streamId);
  const erased = found.filter(wasErased).map(({ problem: _problem, ...ref }) => ref);
  return { files: results.size, references, findings: found.filter((f) => !wasErased(f)), erased };
}

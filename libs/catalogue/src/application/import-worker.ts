import { parentPort } from 'node:worker_threads';
import { DomainError } from '@gongkai/platform/domain';
import { planImport, planPreview, readGuidelineWorkbook } from './import-plan';
import type { ImportJob, ImportJobOutcome } from './import-runner';

/**
 * The import worker's entry (a node:worker_threads thread, one file at a time): unzips, counts,
 * parses and plans an uploaded file off the service's event loop, and posts back the outcome — the
 * preview, the rows to record, or the refusal as a DomainError's fields. See import-runner.ts.
 */
async function run(job: ImportJob): Promise<unknown> {
  // A Buffer arrives as a plain Uint8Array.
  const file = Buffer.from(job.file.buffer, job.file.byteOffset, job.file.byteLength);
  switch (job.kind) {
    case 'preview':
      return planPreview({ ...job.plan, file, limits: job.limits });
    case 'import':
      return planImport({ ...job.plan, file, limits: job.limits });
    case 'guidelines':
      return readGuidelineWorkbook(file, job.limits);
  }
}

parentPort?.on('message', ({ id, job }: { id: number; job: ImportJob }) => {
  run(job).then(
    (value) => parentPort?.postMessage({ id, ok: true, value } satisfies ImportJobOutcome),
    (error: unknown) =>
      parentPort?.postMessage({
        id,
        ok: false,
        error:
          error instanceof DomainError
            ? { kind: error.kind, code: error.code, detail: error.detail, fieldErrors: error.fieldErrors, extensions: error.extensions }
            : { message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
      } satisfies ImportJobOutcome),
  );
});

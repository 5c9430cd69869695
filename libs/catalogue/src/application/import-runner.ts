import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError, type ErrorKind, type FieldError } from '@gongkai/platform/domain';
import type { GuidelineItem } from '@gongkai/contracts';
import type { ImportLimits } from './import-limits';
import type { ImportPreview, PlanInput, PlannedRow } from './import-plan';

/** What the import worker (import-worker.ts) is asked to do with one uploaded file. */
export type ImportJob =
  | { kind: 'preview' | 'import'; file: Uint8Array; limits: ImportLimits; plan: Omit<PlanInput, 'file' | 'limits'> }
  | { kind: 'guidelines'; file: Uint8Array; limits: ImportLimits };

/** What the worker posts back: its result, or a refusal (a DomainError's fields), or a crash. */
export type ImportJobOutcome =
  | { id: number; ok: true; value: unknown }
  | {
      id: number;
      ok: false;
      error:
        | { kind: ErrorKind; code: string; detail: string; fieldErrors: FieldError[]; extensions: Record<string, unknown> }
        | { message: string };
    };

const tooSlow = (seconds: number) =>
  new DomainError(
    'validation',
    'IMPORT_TOO_SLOW',
    `读取上传的文件超过 ${seconds} 秒的上限，已停止，未导入任何内容。请删除多余的行、工作表或格式，或拆分后再上传。`,
    [],
    { status: 413, limitSeconds: seconds },
  );

const tooBigToRead = (heapMb: number) =>
  new DomainError(
    'validation',
    'IMPORT_TOO_LARGE_TO_READ',
    `读取上传的文件所需内存超过 ${heapMb}MB 的上限，已停止，未导入任何内容。请删除多余的行或拆分后再上传。`,
    [],
    { status: 413, limitMb: heapMb },
  );

/**
 * The worker's entry beside this file: compiled JavaScript in the built image; from source (npm
 * start, tests) the TypeScript file, loaded through @swc-node/register as the service itself is.
 */
function workerEntry(): { file: string; options: ConstructorParameters<typeof Worker>[1] } {
  if (__filename.endsWith('.js')) return { file: join(__dirname, 'import-worker.js'), options: {} };
  const project = process.env.SWC_NODE_PROJECT ?? resolve(__dirname, '../../../../tsconfig.base.json');
  return {
    file: join(__dirname, 'import-worker.ts'),
    options: { execArgv: ['-r', '@swc-node/register'], env: { ...process.env, SWC_NODE_PROJECT: project } },
  };
}

let thread: { worker: Worker; heapMb: number } | null = null;
let queue: Promise<unknown> = Promise.resolve();
let jobs = 0;

/** The import worker, started on first use and kept (unref'd) for the next file; a new one after a stop (or for another heap limit). */
function importThread(heapMb: number): Worker {
  if (thread?.heapMb === heapMb) return thread.worker;
  if (thread) void thread.worker.terminate();
  const { file, options } = workerEntry();
  const worker = new Worker(file, { ...options, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  worker.unref();
  worker.once('exit', () => {
    if (thread?.worker === worker) thread = null;
  });
  thread = { worker, heapMb };
  return worker;
}

/** Runs `job` on the import worker and settles with its outcome, the time limit, or the worker's end. */
function dispatch(job: ImportJob): Promise<unknown> {
  const worker = importThread(job.limits.workerHeapMb);
  const id = ++jobs;
  return new Promise((done, fail) => {
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      outcome();
    };
    const stop = () => {
      if (thread?.worker === worker) thread = null;
      void worker.terminate();
    };
    const onMessage = (outcome: ImportJobOutcome) => {
      if (outcome.id !== id) return;
      settle(() => {
        if (outcome.ok) return done(outcome.value);
        const error = outcome.error;
        fail(
          'code' in error
            ? new DomainError(error.kind, error.code, error.detail, error.fieldErrors, error.extensions)
            : new Error(`the import worker failed: ${error.message}`),
        );
      });
    };
    const onError = (error: Error & { code?: string }) => {
      stop();
      settle(() => fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooBigToRead(job.limits.workerHeapMb) : error));
    };
    const onExit = (code: number) => settle(() => fail(new Error(`the import worker exited (code ${code}) without an answer`)));
    const timer = setTimeout(() => {
      stop();
      settle(() => fail(tooSlow(job.limits.seconds)));
    }, job.limits.seconds * 1000);
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage({ id, job });
  });
}

/**
 * Runs one import job on the import worker (a node:worker_threads thread), so that parsing a large
 * file never blocks the event loop: the health probe and every other request keep being answered.
 * Files are read one at a time; the worker is stopped when a file takes longer than
 * `limits.seconds` (IMPORT_TOO_SLOW) or its heap passes `limits.workerHeapMb` (IMPORT_TOO_LARGE_TO_READ),
 * and the next file gets a new one. Either way nothing has been recorded: the worker only reads.
 */
function runImportJob(job: ImportJob): Promise<unknown> {
  const run = queue.then(() => dispatch(job));
  queue = run.catch(() => undefined);
  return run;
}

/** The preview of an uploaded catalogue file (import-plan.ts planPreview), computed in the worker. */
export const previewInWorker = (file: Buffer, limits: ImportLimits, plan: Omit<PlanInput, 'file' | 'limits'>) =>
  runImportJob({ kind: 'preview', file, limits, plan }) as Promise<ImportPreview>;

/** The rows an import records (planImport), or its refusal, computed in the worker. */
export const planImportInWorker = (file: Buffer, limits: ImportLimits, plan: Omit<PlanInput, 'file' | 'limits'>) =>
  runImportJob({ kind: 'import', file, limits, plan }) as Promise<PlannedRow[]>;

/** The guideline items of a spreadsheet (readGuidelineWorkbook), read in the worker. */
export const guidelinesInWorker = (file: Buffer, limits: ImportLimits) =>
  runImportJob({ kind: 'guidelines', file, limits }) as Promise<GuidelineItem[]>;

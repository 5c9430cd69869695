import type { Logger } from '../observability/logger';

/** A running retention job: `stop` clears its timer and waits for a run in progress. */
export interface RetentionJob {
  stop(): Promise<void>;
}

/**
 * A personal-data retention job (个人信息保护法 Arts. 19, 47), the one kind every service runs: every
 * `hours` (0 = off: none is started, e.g. run from a CronJob instead), `run` erases the people whose
 * retention period ended and answers how many; failures are logged, the next run tries again. Every
 * replica may run it: an erasure is recorded once and a key deleted once, so two runs at the same time
 * do the same thing.
 */
export function startRetentionJob(hours: number, job: string, run: () => Promise<number>, logger: Logger): RetentionJob | null {
  if (hours === 0) return null;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(
    () => {
      running = run().then(
        (erased) => erased > 0 && logger.info({ job, erased }, 'personal data erased: retention period ended'),
        (error: Error) => logger.error({ err: error, job }, 'personal-data retention job failed'),
      );
    },
    hours * 3600 * 1000,
  );
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

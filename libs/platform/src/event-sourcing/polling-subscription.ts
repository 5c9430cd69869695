import type { EventStore, StoredEvent } from './event-store';
import { yieldIfBusy } from './event-loop';

export interface PollingOptions {
  batchSize: number;
  /** How long to sleep when caught up; a local append wakes the loop earlier. */
  idleMs: number;
  /** Back-off after a failing callback before the same batch is offered again. */
  retryMs: number;
  onError?: (error: unknown) => void;
}

/**
 * Tails `readAll` from a position: the one subscription mechanism of every store adapter.
 * Polling is deliberate: it behaves the same on SQLite and EventStoreDB and needs no server push.
 */
export function pollingSubscription(
  store: Pick<EventStore, 'readAll'>,
  after: number,
  onEvents: (events: StoredEvent[]) => Promise<void>,
  options: PollingOptions,
  wakeups?: { on(listener: () => void): () => void },
): () => Promise<void> {
  let position = after;
  let stopped = false;
  let wake: (() => void) | null = null;
  const unlisten = wakeups?.on(() => wake?.());
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const loop = (async () => {
    while (!stopped) {
      let batch: StoredEvent[];
      try {
        batch = await store.readAll({ after: position, limit: options.batchSize });
      } catch (error) {
        options.onError?.(error);
        await sleep(options.retryMs);
        continue;
      }
      if (batch.length === 0) {
        await sleep(options.idleMs);
        continue;
      }
      try {
        await onEvents(batch);
        position = batch[batch.length - 1].globalPosition;
        // A subscriber reading past a backlog without I/O (SQLite reads are synchronous) lets the process turn.
        await yieldIfBusy();
      } catch (error) {
        options.onError?.(error);
        await sleep(options.retryMs);
      }
    }
  })();

  return async () => {
    stopped = true;
    unlisten?.();
    wake?.();
    await loop;
  };
}

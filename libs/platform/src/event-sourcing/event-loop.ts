/** `setImmediate` as the process started with it (a test's fake timers cannot hold a yield forever). */
const realSetImmediate = setImmediate;

/** How long work that never waits on I/O may hold the event loop before it lets it turn. */
export const EVENT_LOOP_SLICE_MS = 20;

/** When the current run of the event loop's turn started, or null once the loop has turned since. */
let sliceStarted: number | null = null;

function startSlice(): void {
  sliceStarted = performance.now();
  realSetImmediate(() => {
    sliceStarted = null;
  });
}

/**
 * Lets the event loop turn once the current turn has run for more than EVENT_LOOP_SLICE_MS, else
 * resolves at once. For loops whose awaits are all already resolved (SQLite is synchronous): a
 * catalogue import's 100,000 commands, a consumer reading past a backlog it does not want. Without
 * it such a loop runs as one chain of microtasks, and no HTTP request, database answer or timer of
 * the process is served until it ends (issue 17: 5 s for a 20,000-row import). Single commands
 * never wait: the slice is measured from the last time the loop turned.
 */
export async function yieldIfBusy(): Promise<void> {
  if (sliceStarted === null) {
    startSlice();
    return;
  }
  if (performance.now() - sliceStarted < EVENT_LOOP_SLICE_MS) return;
  await new Promise<void>((resolve) => realSetImmediate(resolve));
  startSlice();
}

/**
 * A deterministic interleaving of the streams of `events` that keeps each stream's order, with
 * duplicate deliveries and replays of older events: what a consumer may see. For the tests that a
 * batched projection equals one-at-a-time application.
 */
export function shuffledWithDuplicates<E extends { streamId: string }>(events: readonly E[], seed: number): E[] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const queues = new Map<string, E[]>();
  for (const e of events) queues.set(e.streamId, [...(queues.get(e.streamId) ?? []), e]);
  const out: E[] = [];
  while ([...queues.values()].some((q) => q.length > 0)) {
    const open = [...queues.values()].filter((q) => q.length > 0);
    const next = open[Math.floor(random() * open.length)].shift()!;
    out.push(next);
    if (random() < 0.25) out.push(next); // a duplicate delivery
    if (random() < 0.1 && out.length > 3) out.push(out[Math.floor(random() * (out.length - 1))]); // a replay of an older event
  }
  return out;
}

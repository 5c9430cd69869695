import type { EventStore, ReadAllOptions, StoredEvent } from './event-store';

/**
 * One read of the store for many subscribers at about the same place (the standalone's consumers:
 * every handler reads the whole log from a checkpoint of its own). The log is cut into blocks of
 * `blockSize` positions; a full block is read and parsed once and kept (the last `keep` of them),
 * and each subscriber takes the part after its position. Without it, a 100,000-event import was
 * read and parsed once per handler on the one event loop, which delayed every handler (and every
 * request) behind it. The tail (a block not yet full) is read directly.
 */
export class SharedBatches implements Pick<EventStore, 'readAll'> {
  private readonly blocks = new Map<number, Promise<StoredEvent[]>>();

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly blockSize = 1000,
    private readonly keep = 8,
  ) {}

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const limit = options.limit ?? 1000;
    const start = Math.floor(after / this.blockSize) * this.blockSize;
    const block = await this.block(start);
    const events = block.filter((event) => event.globalPosition > after).slice(0, limit);
    // Nothing after `after`: positions with gaps (or not numbered densely) in a full block, or a tail
    // read that started before the latest append. Asked directly, as without sharing.
    if (events.length === 0) return this.store.readAll({ after, limit });
    return events;
  }

  private async block(start: number): Promise<StoredEvent[]> {
    const cached = this.blocks.get(start);
    if (cached) {
      this.blocks.delete(start); // most recently used last
      this.blocks.set(start, cached);
      return cached;
    }
    const read = this.store.readAll({ after: start, limit: this.blockSize });
    this.blocks.set(start, read);
    let events: StoredEvent[];
    try {
      events = await read;
    } catch (error) {
      this.blocks.delete(start);
      throw error;
    }
    if (events.length < this.blockSize) this.blocks.delete(start); // the tail grows: not kept
    while (this.blocks.size > this.keep) this.blocks.delete(this.blocks.keys().next().value as number);
    return events;
  }
}

import type { EventStore, ReadAllOptions, StoredEvent } from './event-store';

interface Block {
  /** Its events are the first after this position. */
  start: number;
  /** The first events after the block's start, at most `blockSize` of them. */
  events: StoredEvent[];
  /** The read that extends `events`, while one runs (readers share it). */
  reading: Promise<void> | null;
}

/**
 * One read of the store for many subscribers at about the same place (the standalone's consumers:
 * every handler reads the whole log from a checkpoint of its own). The log is cut into blocks of
 * `blockSize` events from a round position; a block is read and parsed once and kept (the last
 * `keep` of them), and each subscriber takes the part after its position. The block at the head
 * grows: a reader that has seen all of it reads only the events appended since, once for every
 * reader. Without it, a 100,000-event import was read and parsed once per handler on the one event
 * loop, which delayed every handler (and every request) behind it.
 */
export class SharedBatches implements Pick<EventStore, 'readAll'> {
  private readonly blocks = new Map<number, Block>();

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly blockSize = 1000,
    private readonly keep = 8,
  ) {}

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const limit = options.limit ?? 1000;
    const block = this.block(Math.floor(after / this.blockSize) * this.blockSize);
    const beyond = () => block.events.length > 0 && block.events[block.events.length - 1].globalPosition > after;
    // A read already under way is shared, but it may have started before the append this reader
    // was woken for: then the reader reads on its own.
    if (!beyond() && block.events.length < this.blockSize && block.reading) await block.reading;
    if (!beyond() && block.events.length < this.blockSize) await this.extend(block);
    const events = block.events.filter((event) => event.globalPosition > after).slice(0, limit);
    // Positions with gaps (or not numbered densely) can leave nothing after `after` in a full block: asked directly.
    if (events.length === 0 && block.events.length >= this.blockSize) return this.store.readAll({ after, limit });
    return events;
  }

  private block(start: number): Block {
    let block = this.blocks.get(start);
    if (block)
      this.blocks.delete(start); // most recently used last
    else block = { start, events: [], reading: null };
    this.blocks.set(start, block);
    while (this.blocks.size > this.keep) this.blocks.delete(this.blocks.keys().next().value as number);
    return block;
  }

  /** Reads the events after the block's last (or its start), up to the block's size. */
  private async extend(block: Block): Promise<void> {
    const last = () => (block.events.length > 0 ? block.events[block.events.length - 1].globalPosition : block.start);
    const read = (async () => {
      const more = await this.store.readAll({ after: last(), limit: this.blockSize - block.events.length });
      // Another read of this block may have finished meanwhile: keep only what follows its last event.
      const tail = last();
      for (const event of more) if (event.globalPosition > tail && block.events.length < this.blockSize) block.events.push(event);
    })();
    block.reading = read;
    try {
      await read;
    } finally {
      if (block.reading === read) block.reading = null;
    }
  }
}

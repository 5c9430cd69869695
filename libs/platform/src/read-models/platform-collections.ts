import type { Connection } from 'mongoose';
import { findByIds } from './projection-batch';

/**
 * The chassis' own bookkeeping in MongoDB: relay checkpoints, the processed-event inbox of
 * idempotent handlers, and parked messages. Plain collections with single-document writes only,
 * which every MongoDB-wire server (FerretDB included) supports.
 */
export class PlatformCollections {
  constructor(readonly connection: Connection) {}

  private get checkpoints() {
    return this.connection.collection<{ _id: string; position: number; updatedAt: Date }>('checkpoints');
  }
  private get inbox() {
    return this.connection.collection<{ _id: string; handler: string; eventId: string; at: Date }>('processed_events');
  }
  get parked() {
    return this.connection.collection<ParkedMessage>('parked_messages');
  }

  async loadCheckpoint(name: string): Promise<number> {
    const doc = await this.checkpoints.findOne({ _id: name });
    return doc?.position ?? 0;
  }

  /**
   * Moves a checkpoint forward only (`$max`): a relay that lost its leadership while a batch was in
   * flight may save after the new leader has gone further, and must not pull it back.
   */
  async saveCheckpoint(name: string, position: number): Promise<void> {
    await this.checkpoints.updateOne({ _id: name }, { $max: { position }, $set: { updatedAt: new Date() } }, { upsert: true });
  }

  async wasProcessed(handler: string, eventId: string): Promise<boolean> {
    return (await this.inbox.countDocuments({ _id: `${handler}:${eventId}` }, { limit: 1 })) > 0;
  }

  async markProcessed(handler: string, eventId: string): Promise<void> {
    await this.inbox.updateOne({ _id: `${handler}:${eventId}` }, { $setOnInsert: { handler, eventId, at: new Date() } }, { upsert: true });
  }

  /**
   * `markProcessed` for many events in one unordered insert. An entry that exists already (another
   * delivery got there first) is a duplicate-key error for that entry alone, and is fine.
   */
  async markProcessedMany(handler: string, eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    const at = new Date();
    try {
      await this.inbox.insertMany(
        eventIds.map((eventId) => ({ _id: `${handler}:${eventId}`, handler, eventId, at })),
        { ordered: false },
      );
    } catch (error) {
      const failures = (error as { writeErrors?: { code?: number }[] | { code?: number } }).writeErrors;
      const list = Array.isArray(failures) ? failures : failures ? [failures] : null;
      if (!list || list.length === 0 || list.some((e) => e.code !== 11000)) throw error;
    }
  }

  /** The ids among `eventIds` the handler has processed (by `_id`, several lookups in flight). */
  async processedAmong(handler: string, eventIds: readonly string[]): Promise<Set<string>> {
    const found = await findByIds(
      this.inbox as never,
      eventIds.map((id) => `${handler}:${id}`),
    );
    return new Set([...found.values()].map((d) => String(d.eventId)));
  }

  async forgetProcessed(handler: string): Promise<void> {
    await this.inbox.deleteMany({ handler });
  }

  async park(message: ParkedMessage): Promise<void> {
    await this.parked.updateOne({ _id: message._id }, { $setOnInsert: message }, { upsert: true });
  }
}

export interface ParkedMessage {
  /** `<group>:<topic>:<partition>:<offset>`: parking the same delivery twice keeps one record. */
  _id: string;
  group: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  reason: string;
  value: string;
  parkedAt: Date;
}

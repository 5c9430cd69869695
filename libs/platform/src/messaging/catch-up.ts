import { serviceOfEventType, topicOf } from '@gongkai/contracts';
import type { EventStore } from '../event-sourcing/event-store';
import type { PlatformCollections } from '../read-models/platform-collections';
import type { AppliedElsewhere, EventHandler } from './event-consumer';
import type { IncomingMessage } from './event-bus';
import type { KafkaEventBus } from './kafka-event-bus';

/** What had been published when the mark was taken: what a consumer group has to reach. */
export type CatchUpMark =
  | { kind: 'kafka'; groupId: string; topics: { topic: string; partitions: { partition: number; high: number; low: number }[] }[] }
  | { kind: 'store'; head: number; groupId?: string };

/**
 * Port: has a consumer group consumed everything published up to a moment? `mark` takes the
 * moment (now); `remaining` says how many messages up to it the group has not consumed yet.
 */
export interface CatchUpProbe {
  mark(groupId: string, topics: readonly string[]): Promise<CatchUpMark>;
  remaining(mark: CatchUpMark): Promise<number>;
}

/**
 * Kafka: the group's committed offsets against the partitions' high watermarks at the mark
 * (a committed offset is the next one to read; a partition without one starts at its low mark).
 * Covers what the producing services' relays have published; events still waiting in a relay are
 * not yet anybody's to consume.
 */
export class KafkaCatchUpProbe implements CatchUpProbe {
  constructor(private readonly bus: Pick<KafkaEventBus, 'topicOffsets' | 'groupOffsets'>) {}

  async mark(groupId: string, topics: readonly string[]): Promise<CatchUpMark> {
    const marked = await Promise.all(
      topics.map(async (topic) => ({
        topic,
        partitions: (await this.bus.topicOffsets(topic)).map((p) => ({ partition: p.partition, high: Number(p.high), low: Number(p.low) })),
      })),
    );
    return { kind: 'kafka', groupId, topics: marked };
  }

  async remaining(mark: CatchUpMark): Promise<number> {
    if (mark.kind !== 'kafka') throw new Error('KafkaCatchUpProbe: not a Kafka mark');
    const committed = await this.bus.groupOffsets(
      mark.groupId,
      mark.topics.map((t) => t.topic),
    );
    let remaining = 0;
    for (const { topic, partitions } of mark.topics) {
      for (const { partition, high, low } of partitions) {
        const offset = committed.get(`${topic}/${partition}`);
        const consumed = offset === undefined || offset < 0 ? low : offset;
        remaining += Math.max(0, high - consumed);
      }
    }
    return remaining;
  }
}

/**
 * The standalone shape: each consumer reads the store from its own checkpoint (StoreConsumers), so
 * a group has reached the store's head at the mark when its slowest handler's checkpoint has. With
 * a single checkpoint name (a relay feeding the in-process bus), that checkpoint.
 */
export class StoreCatchUpProbe implements CatchUpProbe {
  constructor(
    private readonly store: Pick<EventStore, 'headPosition'>,
    private readonly collections: Pick<PlatformCollections, 'loadCheckpoint'>,
    /** The checkpoint(s) that say what a group has processed. */
    private readonly checkpointNames: string | ((groupId: string) => readonly string[]),
  ) {}

  async mark(groupId: string): Promise<CatchUpMark> {
    return { kind: 'store', head: await this.store.headPosition(), groupId };
  }

  async remaining(mark: CatchUpMark): Promise<number> {
    if (mark.kind !== 'store') throw new Error('StoreCatchUpProbe: not a store mark');
    const names = typeof this.checkpointNames === 'string' ? [this.checkpointNames] : this.checkpointNames(mark.groupId ?? '');
    const positions = await Promise.all(names.map((name) => this.collections.loadCheckpoint(name)));
    return Math.max(0, mark.head - Math.min(mark.head, ...positions));
  }
}

export interface CatchUpResult {
  caughtUp: boolean;
  /**
   * Messages (Kafka) or store positions (standalone) published by the mark and not consumed yet;
   * null when the probe could not tell (the bus or the store did not answer).
   */
  remaining: number | null;
  waitedMs: number;
}

/** The topics a service's handlers consume (as the runtime subscribes them). */
export function subscribedTopics(handlers: readonly EventHandler[], topicPrefix: string): string[] {
  return [...new Set(handlers.flatMap((h) => h.eventTypes.map((type) => topicOf(serviceOfEventType(type), topicPrefix))))].sort();
}

/**
 * Marks now, then polls until the group has consumed everything up to the mark or `timeoutMs` has
 * passed (0: look once). A probe that fails (Kafka unreachable) counts as not caught up.
 */
export async function awaitCatchUp(
  probe: CatchUpProbe,
  groupId: string,
  topics: readonly string[],
  options: { timeoutMs: number; intervalMs?: number },
): Promise<CatchUpResult> {
  const started = Date.now();
  const interval = options.intervalMs ?? 250;
  let mark: CatchUpMark | null = null;
  let remaining: number | null = null;
  for (;;) {
    try {
      mark ??= await probe.mark(groupId, topics);
      remaining = await probe.remaining(mark);
    } catch {
      // Not known this round (a broker or the store did not answer): keep the last reading.
    }
    const waitedMs = Date.now() - started;
    if (remaining === 0) return { caughtUp: true, remaining, waitedMs };
    if (waitedMs >= options.timeoutMs) return { caughtUp: false, remaining, waitedMs };
    await new Promise((resolve) => setTimeout(resolve, Math.min(interval, Math.max(1, options.timeoutMs - waitedMs))));
  }
}

/**
 * Kafka: a handler of another consumer group has applied a message once that group has committed an
 * offset past it on the message's partition (`groupOf`: the handler's group; null: none to wait for).
 */
export function kafkaAppliedElsewhere(
  bus: Pick<KafkaEventBus, 'groupOffsets'>,
  groupOf: (handler: string) => string | null,
  options: { timeoutMs: number; intervalMs?: number },
): AppliedElsewhere {
  return {
    ...options,
    applied: async (handler: string, message: IncomingMessage) => {
      const group = groupOf(handler);
      if (!group) return true;
      const committed = (await bus.groupOffsets(group, [message.topic])).get(`${message.topic}/${message.partition}`);
      return committed !== undefined && committed > Number(message.offset);
    },
  };
}

import type { BusSubscription, EventBus, OutgoingMessage } from './event-bus';

/**
 * An in-process bus: publishing hands the messages to every subscribed group in turn (as one batch
 * when the group takes batches) and resolves when all have processed them.
 */
export class InProcessEventBus implements EventBus {
  private readonly subscriptions: BusSubscription[] = [];
  private readonly offsets = new Map<string, number>();

  async publish(messages: OutgoingMessage[]): Promise<void> {
    const incoming = messages.map((message) => {
      const offset = (this.offsets.get(message.topic) ?? -1) + 1;
      this.offsets.set(message.topic, offset);
      return { topic: message.topic, partition: 0, offset: String(offset), key: message.key, value: message.value };
    });
    for (const subscription of this.subscriptions) {
      // A structured clone, so no consumer can mutate what another one sees.
      const batch = incoming.filter((m) => subscription.topics.includes(m.topic)).map((m) => ({ ...m, value: structuredClone(m.value) }));
      if (batch.length === 0) continue;
      if (subscription.onBatch) await subscription.onBatch(batch);
      else for (const message of batch) await subscription.onMessage(message);
    }
  }

  async subscribe(subscription: BusSubscription): Promise<void> {
    this.subscriptions.push(subscription);
  }

  ping(): Promise<void> {
    return Promise.resolve(); // it lives in this process: reachable while we are
  }

  async close(): Promise<void> {
    this.subscriptions.length = 0;
  }
}

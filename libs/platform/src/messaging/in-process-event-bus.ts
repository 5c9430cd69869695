import type { BusSubscription, EventBus, OutgoingMessage } from './event-bus';

/**
 * The standalone shape's bus: publishing hands each message to every subscribed group in turn and
 * resolves when all have processed it, so the relay's checkpoint never runs ahead of a consumer.
 */
export class InProcessEventBus implements EventBus {
  private readonly subscriptions: BusSubscription[] = [];
  private readonly offsets = new Map<string, number>();

  async publish(messages: OutgoingMessage[]): Promise<void> {
    for (const message of messages) {
      const offset = (this.offsets.get(message.topic) ?? -1) + 1;
      this.offsets.set(message.topic, offset);
      for (const subscription of this.subscriptions) {
        if (!subscription.topics.includes(message.topic)) continue;
        await subscription.onMessage({
          topic: message.topic,
          partition: 0,
          offset: String(offset),
          key: message.key,
          // A structured clone, so no consumer can mutate what another one sees.
          value: structuredClone(message.value),
        });
      }
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

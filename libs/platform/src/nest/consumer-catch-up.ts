import { Inject, Injectable } from '@nestjs/common';
import type { GongkaiConfig } from '../config/config';
import type { EventStore } from '../event-sourcing/event-store';
import {
  awaitCatchUp,
  KafkaCatchUpProbe,
  StoreCatchUpProbe,
  subscribedTopics,
  type CatchUpProbe,
  type CatchUpResult,
} from '../messaging/catch-up';
import type { EventBus } from '../messaging/event-bus';
import { KafkaEventBus } from '../messaging/kafka-event-bus';
import { consumerCheckpointName } from '../messaging/store-consumers';
import { PlatformCollections } from '../read-models/platform-collections';
import { ConsumerRegistry } from './consumer-registry';
import { PlatformRuntime } from './platform-runtime';
import { EVENT_BUS, EVENT_STORE, GONGKAI_CONFIG } from './tokens';

/**
 * Whether a service's consumer group (`<prefix>.<service>`) has consumed everything published up to
 * now, waiting a bounded time for it: the one way every service asks "are my read models caught up?"
 * (Kafka: committed offsets against high watermarks; standalone: the relay's checkpoint against the
 * store's head).
 */
@Injectable()
export class ConsumerCatchUp {
  private readonly probe: CatchUpProbe;

  constructor(
    @Inject(GONGKAI_CONFIG) private readonly config: GongkaiConfig,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(EVENT_BUS) bus: EventBus,
    collections: PlatformCollections,
    private readonly registry: ConsumerRegistry,
    runtime: PlatformRuntime,
  ) {
    const checkpoints = {
      loadCheckpoint: async (name: string) => runtime.consumerPosition(name) ?? collections.loadCheckpoint(name),
    };
    // The standalone shape: every handler of the group on its own checkpoint (StoreConsumers).
    this.probe =
      bus instanceof KafkaEventBus
        ? new KafkaCatchUpProbe(bus)
        : new StoreCatchUpProbe(store, checkpoints, (groupId) =>
            (this.registry.groups().find(([service]) => `${config.KAFKA_TOPIC_PREFIX}.${service}` === groupId)?.[1] ?? []).map((h) =>
              consumerCheckpointName(groupId, h.name),
            ),
          );
  }

  async waitFor(service: string, options: { timeoutMs: number; intervalMs?: number }): Promise<CatchUpResult> {
    const handlers = this.registry.groups().find(([name]) => name === service)?.[1] ?? [];
    const topics = subscribedTopics(handlers, this.config.KAFKA_TOPIC_PREFIX);
    return awaitCatchUp(this.probe, `${this.config.KAFKA_TOPIC_PREFIX}.${service}`, topics, options);
  }
}

import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { serviceOfEventType, topicOf } from '@gongkai/contracts';
import type { GongkaiConfig } from '../config/config';
import type { EventBus } from '../messaging/event-bus';
import { EventConsumer } from '../messaging/event-consumer';
import { Relay } from '../messaging/relay';
import type { EventStore } from '../event-sourcing/event-store';
import type { Logger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { PlatformCollections } from '../read-models/platform-collections';
import { ReadModelConnections } from '../read-models/read-model-connections';
import { ConsumerRegistry } from './consumer-registry';
import { EVENT_BUS, EVENT_STORE, GONGKAI_CONFIG, LOGGER } from './tokens';

export const SHAPE_SERVICES = ['catalogue', 'document-attributes', 'requests', 'interpretation', 'assessment'] as const;

/**
 * Starts what runs in the background once the HTTP app is up (consumers, then the relay) and stops
 * it in reverse on shutdown: stop relaying, stop consuming, close the bus, the store and MongoDB.
 */
@Injectable()
export class PlatformRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: Relay | null = null;

  constructor(
    @Inject(GONGKAI_CONFIG) private readonly config: GongkaiConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly registry: ConsumerRegistry,
    private readonly collections: PlatformCollections,
    private readonly connections: ReadModelConnections,
    private readonly metrics: Metrics,
  ) {}

  /** The services whose streams this process writes and relays. */
  get ownServices(): string[] {
    return this.config.GONGKAI_SHAPE === 'standalone' ? [...SHAPE_SERVICES] : [this.config.GONGKAI_SHAPE];
  }

  async onApplicationBootstrap(): Promise<void> {
    const consumer = new EventConsumer(this.bus, this.collections, this.logger, {
      onApplied: (handler) => this.metrics.eventsApplied.inc({ handler }),
      onParked: () => this.metrics.messagesParked.inc(),
    });
    for (const [service, handlers] of this.registry.groups()) {
      const topics = [...new Set(handlers.flatMap((h) => h.eventTypes.map((type) => topicOf(serviceOfEventType(type), this.config.KAFKA_TOPIC_PREFIX))))];
      const group = `${this.config.KAFKA_TOPIC_PREFIX}.${service}`;
      await consumer.start(group, topics, handlers);
      this.logger.info({ group, topics, handlers: handlers.map((h) => h.name) }, 'consuming');
    }
    if (this.config.RELAY_ENABLED) {
      this.relay = new Relay(this.store, this.bus, this.collections, this.logger, {
        name: this.config.GONGKAI_SHAPE,
        services: this.ownServices,
        topicPrefix: this.config.KAFKA_TOPIC_PREFIX,
      });
      await this.relay.start();
    }
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.info({ signal }, 'shutting down');
    await this.relay?.stop();
    await this.bus.close();
    await this.store.close();
    await this.connections.closeAll();
  }
}

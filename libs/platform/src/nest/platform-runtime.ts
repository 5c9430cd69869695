import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { serviceOfEventType, topicOf } from '@gongkai/contracts';
import type { GongkaiConfig } from '../config/config';
import type { EventBus } from '../messaging/event-bus';
import { EventConsumer, type AppliedElsewhere } from '../messaging/event-consumer';
import { InProcessEventBus } from '../messaging/in-process-event-bus';
import { StoreConsumers } from '../messaging/store-consumers';
import { kafkaAppliedElsewhere } from '../messaging/catch-up';
import { sealedForOwner } from '../personal-data/personal-data';
import { KafkaEventBus, kafkaConnection } from '../messaging/kafka-event-bus';
import { KafkaLeaderElection } from '../messaging/kafka-leader-election';
import type { LeaderElection } from '../messaging/leader-election';
import { Relay } from '../messaging/relay';
import type { EventStore } from '../event-sourcing/event-store';
import type { Logger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { PlatformCollections } from '../read-models/platform-collections';
import { ReadModelConnections } from '../read-models/read-model-connections';
import { ConsumerRegistry } from './consumer-registry';
import { EVENT_BUS, EVENT_STORE, GONGKAI_CONFIG, LOGGER } from './tokens';

export const SHAPE_SERVICES = ['catalogue', 'document-attributes', 'requests', 'interpretation', 'assessment'] as const;

/** Kafka shape: how long a handler waits for a projection of another service's group it reads (ADR 0017). */
const READS_AFTER_BOUND_MS = 60_000;

/** What this process' relay does: shown by /health/ready and the gauge `gongkai_relay_leader`. */
export type RelayRole = 'leader' | 'follower' | 'sole' | 'disabled';

/**
 * Starts what runs in the background once the HTTP app is up (consumers, then the relay) and stops
 * it in reverse on shutdown: stop relaying, stop consuming, close the bus, the store and MongoDB.
 */
@Injectable()
export class PlatformRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: Relay | null = null;
  private election: LeaderElection | null = null;
  private storeConsumers: StoreConsumers | null = null;
  private consumer: EventConsumer | null = null;

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
    const consumer = (this.consumer = new EventConsumer(
      this.bus,
      this.collections,
      this.logger,
      {
        onApplied: (handler) => this.metrics.eventsApplied.inc({ handler }),
        onParked: () => this.metrics.messagesParked.inc(),
      },
      this.bus instanceof KafkaEventBus ? { elsewhere: this.appliedElsewhere(this.bus) } : {},
    ));
    // Standalone: every handler reads the store from its own checkpoint (no consumer waits for another).
    // Only the process that relays consumes: with RELAY_ENABLED=false (the audit CLI beside a running
    // installation) nothing reached its in-process bus before, and nothing is consumed now.
    const fromStore = this.bus instanceof InProcessEventBus && this.config.RELAY_ENABLED;
    if (fromStore) {
      this.storeConsumers = new StoreConsumers(this.store, consumer, this.collections, this.logger, {
        topicPrefix: this.config.KAFKA_TOPIC_PREFIX,
      });
    }
    for (const [service, handlers] of this.registry.groups()) {
      const topics = [
        ...new Set(handlers.flatMap((h) => h.eventTypes.map((type) => topicOf(serviceOfEventType(type), this.config.KAFKA_TOPIC_PREFIX)))),
      ];
      const group = `${this.config.KAFKA_TOPIC_PREFIX}.${service}`;
      // A service's own projections keep its personal data sealed (revealed on read, erased with the key).
      if (this.storeConsumers) await this.storeConsumers.start(group, handlers, sealedForOwner(service));
      else await consumer.start(group, topics, handlers, sealedForOwner(service));
      this.logger.info({ group, topics, handlers: handlers.map((h) => h.name) }, 'consuming');
    }
    this.storeConsumers?.verifyReadsAfter();
    if (this.config.RELAY_ENABLED) await this.startRelay();
  }

  /** Kafka: a handler of another service (named `<service>.…`) has applied a message once that service's group has. */
  private appliedElsewhere(bus: KafkaEventBus): AppliedElsewhere {
    const groupOf = (handler: string) => {
      const service = SHAPE_SERVICES.find((s) => handler.startsWith(`${s}.`));
      return service ? `${this.config.KAFKA_TOPIC_PREFIX}.${service}` : null;
    };
    return kafkaAppliedElsewhere(bus, groupOf, { timeoutMs: READS_AFTER_BOUND_MS });
  }

  /** Standalone: how far the consumer behind a checkpoint name has processed the store (null: unknown here). */
  consumerPosition(name: string): number | null {
    return this.storeConsumers?.position(name) ?? null;
  }

  get relayRole(): RelayRole {
    if (!this.relay) return 'disabled';
    if (!this.election) return 'sole';
    return this.election.isLeader() ? 'leader' : 'follower';
  }

  /**
   * In-process bus (standalone): one process, one relay. Kafka: every replica of the service is a
   * candidate and only the elected one relays (ADR 0007); the others stay ready for HTTP.
   */
  private async startRelay(): Promise<void> {
    const relay = (this.relay = new Relay(this.store, this.bus, this.collections, this.logger, {
      name: this.config.GONGKAI_SHAPE,
      services: this.ownServices,
      topicPrefix: this.config.KAFKA_TOPIC_PREFIX,
      isLeader: () => this.election?.isLeader() ?? true,
    }));
    if (!(this.bus instanceof KafkaEventBus) || !this.config.KAFKA_BROKERS) {
      await relay.start();
      this.metrics.relayLeader.set(1);
      return;
    }
    const service = this.config.GONGKAI_SHAPE;
    const prefix = this.config.KAFKA_TOPIC_PREFIX;
    const context = { relay: service, group: `${prefix}.relay-leader.${service}` };
    this.metrics.relayLeader.set(0);
    this.election = new KafkaLeaderElection({
      ...kafkaConnection(this.config),
      clientId: `gongkai-${service}-relay-leader`,
      groupId: context.group,
      topic: `${prefix}.relay-lease.${service}`,
      sessionTimeoutMs: this.config.RELAY_SESSION_TIMEOUT_MS,
      log: (level, message, extra) => this.logger[level](extra ?? {}, message),
      onEvent: (event) => {
        if (event.kind === 'changed') {
          this.metrics.relayLeader.set(event.leader ? 1 : 0);
          this.logger.info(
            context,
            event.leader ? 'relay leader elected: this replica publishes' : 'relay leader demoted: this replica stopped publishing',
          );
        } else if (event.kind === 'joined') {
          this.logger.info(
            { ...context, memberId: event.memberId, leader: event.leader, durationMs: event.durationMs },
            'relay election: joined',
          );
        } else if (event.kind === 'crashed' || event.kind === 'role-failed' || event.kind === 'lease-stale') {
          this.logger.warn({ ...context, ...event }, `relay election: ${event.kind}`);
        } else {
          this.logger.info({ ...context, ...event }, `relay election: ${event.kind}`);
        }
      },
    });
    await this.election.start({ onElected: () => relay.start(), onDemoted: () => relay.stop() });
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.info({ signal }, 'shutting down');
    // Stop publishing first, then leave the election: another replica takes over at once.
    if (this.election) await this.election.stop();
    else await this.relay?.stop();
    this.metrics.relayLeader.set(0);
    // Consumers give up their batches in hand at the next message (checkpoints and offsets stay at what is done).
    this.consumer?.stop();
    await this.storeConsumers?.stop();
    await this.bus.close();
    await this.store.close();
    await this.connections.closeAll();
  }
}

import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Kafka, Partitioners, logLevel, type Consumer, type Producer, type Admin, type SASLOptions, type KafkaMessage } from 'kafkajs';
import type { GongkaiConfig } from '../config/config';
import { ConsumerStopped, type BusSubscription, type EventBus, type OutgoingMessage } from './event-bus';

/** Messages per consumer batch handed to a subscription (a projection's batch). */
const CONSUMER_CHUNK = 500;

export interface KafkaBusOptions extends KafkaConnection {
  clientId: string;
  /** Partitions for topics this bus creates; consumers of a group scale up to this number. */
  partitions?: number;
  log?: KafkaLog;
}

export type KafkaLog = (level: 'error' | 'warn' | 'info', message: string, extra?: Record<string, unknown>) => void;

/** How to reach the brokers: addresses, and TLS / SASL when the cluster requires them. */
export interface KafkaConnection {
  brokers: string[];
  ssl?: ConnectionOptions | boolean;
  sasl?: SASLOptions;
}

/** The connection from the settings; the CA file is read once, at start-up. */
export function kafkaConnection(
  config: Pick<
    GongkaiConfig,
    'KAFKA_BROKERS' | 'KAFKA_SSL' | 'KAFKA_SSL_CA_FILE' | 'KAFKA_SASL_MECHANISM' | 'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD'
  >,
): KafkaConnection {
  if (!config.KAFKA_BROKERS) throw new Error('KAFKA_BROKERS is not set');
  const ssl = config.KAFKA_SSL ? (config.KAFKA_SSL_CA_FILE ? { ca: [readFileSync(config.KAFKA_SSL_CA_FILE, 'utf8')] } : true) : undefined;
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = config;
  const sasl = mechanism && username && password ? ({ mechanism, username, password } as SASLOptions) : undefined;
  return { brokers: config.KAFKA_BROKERS.split(','), ...(ssl ? { ssl } : {}), ...(sasl ? { sasl } : {}) };
}

/** The kafkajs client every Kafka adapter of the platform uses: warnings and errors go to pino. */
export function createKafkaClient(options: KafkaConnection & { clientId: string; log?: KafkaLog }): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ssl: options.ssl,
    sasl: options.sasl,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }) => {
        const { message, ...extra } = log;
        const name = level === logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : 'info';
        options.log?.(name, `kafka: ${message}`, extra);
      },
    retry: { retries: 8, initialRetryTime: 200 },
  });
}

/**
 * Kafka through kafkajs. The producer is idempotent (no duplicates from producer retries, order
 * kept per partition); consumers commit an offset only after the message was processed.
 */
export class KafkaEventBus implements EventBus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly consumers: Consumer[] = [];
  private producerConnected: Promise<void> | null = null;
  private adminConnected: Promise<void> | null = null;
  private readonly knownTopics = new Set<string>();

  constructor(private readonly options: KafkaBusOptions) {
    this.kafka = createKafkaClient(options);
    // An idempotent producer must retry without limit (kafkajs warns otherwise): while Kafka is
    // down the relay simply waits, and its checkpoint does not move.
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 10000 },
    });
    this.admin = this.kafka.admin();
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const missing = topics.filter((t) => !this.knownTopics.has(t));
    if (missing.length === 0) return;
    this.adminConnected ??= this.admin.connect();
    await this.adminConnected;
    const existing = new Set(await this.admin.listTopics());
    const toCreate = missing.filter((t) => !existing.has(t));
    if (toCreate.length > 0) {
      const created = await this.admin.createTopics({
        waitForLeaders: true,
        topics: toCreate.map((topic) => ({ topic, numPartitions: this.options.partitions ?? 3 })),
      });
      // Another service created them a moment earlier: kafkajs then returns without waiting for their leaders.
      if (!created) await this.waitForLeaders(toCreate);
    }
    missing.forEach((t) => this.knownTopics.add(t));
  }

  private async waitForLeaders(topics: string[], timeoutMs = 30000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const metadata = await this.admin.fetchTopicMetadata({ topics }).catch(() => null);
      if (metadata?.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      if (Date.now() > deadline) throw new Error(`Kafka topics ${topics.join(', ')} have no partition leaders after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const message of messages) byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
    await this.ensureTopics([...byTopic.keys()]);
    this.producerConnected ??= this.producer.connect();
    await this.producerConnected;
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((m) => ({
          key: m.key,
          value: JSON.stringify(m.value),
          headers: { 'event-type': m.value.type, 'event-id': m.value.eventId },
        })),
      })),
    });
  }

  async subscribe(subscription: BusSubscription): Promise<void> {
    await this.ensureTopics(subscription.topics);
    const consumer = this.kafka.consumer({
      groupId: subscription.groupId,
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10000 },
    });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: subscription.topics, fromBeginning: true });
    const toIncoming = (topic: string, partition: number, message: KafkaMessage) => ({
      topic,
      partition,
      offset: message.offset,
      key: message.key?.toString() ?? null,
      value: message.value?.toString('utf8') ?? null,
    });
    const onBatch = subscription.onBatch?.bind(subscription);
    if (!onBatch) {
      await consumer.run({
        autoCommit: true,
        eachMessage: async ({ topic, partition, message }) => subscription.onMessage(toIncoming(topic, partition, message)),
      });
      return;
    }
    // Batches as fetched, handed on in chunks; each chunk's last offset is resolved (committed) once
    // the chunk is done, so a failure redelivers from the chunk that failed. A consumer that stops
    // mid-chunk (ConsumerStopped) leaves the chunk unresolved: it is delivered again after a restart.
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const messages = batch.messages.map((message) => toIncoming(batch.topic, batch.partition, message));
        for (let at = 0; at < messages.length && isRunning() && !isStale(); at += CONSUMER_CHUNK) {
          const chunk = messages.slice(at, at + CONSUMER_CHUNK);
          try {
            await onBatch(chunk, heartbeat);
          } catch (error) {
            if (error instanceof ConsumerStopped) return;
            throw error;
          }
          resolveOffset(chunk[chunk.length - 1].offset);
          await heartbeat();
        }
      },
    });
  }

  /** Partition high watermarks of a topic: how many messages it has received. */
  async topicOffsets(topic: string): Promise<{ partition: number; high: string; low: string }[]> {
    this.adminConnected ??= this.admin.connect();
    await this.adminConnected;
    return this.admin.fetchTopicOffsets(topic);
  }

  /** A consumer group's committed offsets (the next offset to read; -1: none), keyed `<topic>/<partition>`. */
  async groupOffsets(groupId: string, topics: readonly string[]): Promise<Map<string, number>> {
    this.adminConnected ??= this.admin.connect();
    await this.adminConnected;
    const offsets = await this.admin.fetchOffsets({ groupId, topics: [...topics] });
    return new Map(
      offsets.flatMap(({ topic, partitions }) => partitions.map((p) => [`${topic}/${p.partition}`, Number(p.offset)] as const)),
    );
  }

  async ping(): Promise<void> {
    this.adminConnected ??= this.admin.connect();
    await this.adminConnected;
    await this.admin.describeCluster();
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.consumers.map((c) => c.disconnect()));
    if (this.producerConnected) await this.producer.disconnect().catch(() => undefined);
    if (this.adminConnected) await this.admin.disconnect().catch(() => undefined);
  }
}

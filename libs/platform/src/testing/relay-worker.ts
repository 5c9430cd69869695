/**
 * A relay in a process of its own, for the crash test: SQLite store → Kafka, checkpoint in
 * MongoDB. Each publish is followed by a pause so that the test can kill it mid-stream.
 */
import mongoose from 'mongoose';
import { SqliteEventStore } from '../event-sourcing/sqlite-event-store';
import type { EventBus } from '../messaging/event-bus';
import { KafkaEventBus } from '../messaging/kafka-event-bus';
import { Relay } from '../messaging/relay';
import { createLogger } from '../observability/logger';
import { PlatformCollections } from '../read-models/platform-collections';

async function main() {
  const env = process.env as Record<string, string>;
  const logger = createLogger('relay-worker', 'warn');
  const store = new SqliteEventStore(env.EVENT_FILE);
  const kafka = new KafkaEventBus({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'relay-worker' });
  const slowBus: EventBus = {
    publish: async (messages) => {
      // Published, not yet checkpointed: a kill in this window makes the restart publish again.
      await kafka.publish(messages);
      await new Promise((resolve) => setTimeout(resolve, 40));
    },
    subscribe: (s) => kafka.subscribe(s),
    ping: () => kafka.ping(),
    close: () => kafka.close(),
  };
  const connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: env.MONGODB_DB }).asPromise();
  const relay = new Relay(store, slowBus, new PlatformCollections(connection), logger, {
    name: 'crash-test',
    services: ['catalogue'],
    topicPrefix: env.TOPIC_PREFIX,
    batchSize: 10,
  });
  await relay.start();
  process.stdout.write('relay started\n');
}

void main();

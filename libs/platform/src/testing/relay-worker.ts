/**
 * A relay in a process of its own, for the crash and leader-election tests: SQLite store → Kafka,
 * checkpoint in MongoDB. Each publish is followed by a pause so that the test can kill it
 * mid-stream. With RELAY_ELECTION=1 the relay runs under the Kafka leader election (as a service
 * replica does) and reports on stdout, one JSON line each: joined, elected, demoted, published
 * (count and positions), stopped (after SIGTERM).
 */
import mongoose from 'mongoose';
import type { StoredEvent } from '../event-sourcing/event-store';
import { SqliteEventStore } from '../event-sourcing/sqlite-event-store';
import type { EventBus } from '../messaging/event-bus';
import { KafkaEventBus } from '../messaging/kafka-event-bus';
import { KafkaLeaderElection } from '../messaging/kafka-leader-election';
import { Relay } from '../messaging/relay';
import { createLogger } from '../observability/logger';
import { PlatformCollections } from '../read-models/platform-collections';

async function main() {
  const env = process.env as Record<string, string>;
  const electing = env.RELAY_ELECTION === '1';
  const report = (event: string, extra: Record<string, unknown> = {}) =>
    process.stdout.write(`${JSON.stringify({ worker: env.WORKER_ID ?? 'relay-worker', event, at: Date.now(), ...extra })}\n`);
  const logger = createLogger('relay-worker', 'warn');
  const store = new SqliteEventStore(env.EVENT_FILE);
  const kafka = new KafkaEventBus({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'relay-worker' });
  const slowBus: EventBus = {
    publish: async (messages) => {
      // Published, not yet checkpointed: a kill in this window makes the restart publish again.
      await kafka.publish(messages);
      if (electing) {
        const positions = messages.map((m) => (m.value as StoredEvent).globalPosition);
        report('published', { count: messages.length, from: positions[0], to: positions[positions.length - 1] });
      }
      await new Promise((resolve) => setTimeout(resolve, 40));
    },
    subscribe: (s) => kafka.subscribe(s),
    ping: () => kafka.ping(),
    close: () => kafka.close(),
  };
  const connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: env.MONGODB_DB }).asPromise();
  const election = electing
    ? new KafkaLeaderElection({
        brokers: env.KAFKA_BROKERS.split(','),
        clientId: `relay-worker-${env.WORKER_ID}`,
        groupId: `${env.TOPIC_PREFIX}.relay-leader.catalogue`,
        topic: `${env.TOPIC_PREFIX}.relay-lease.catalogue`,
        sessionTimeoutMs: Number(env.SESSION_TIMEOUT_MS ?? 6000),
        onEvent: (event) => {
          if (event.kind === 'changed') report(event.leader ? 'elected' : 'demoted');
          else if (event.kind === 'joined') report('joined', { leader: event.leader });
          else report(event.kind, { ...event });
        },
      })
    : null;
  const relay = new Relay(store, slowBus, new PlatformCollections(connection), logger, {
    name: 'crash-test',
    services: ['catalogue'],
    topicPrefix: env.TOPIC_PREFIX,
    batchSize: 10,
    isLeader: election ? () => election.isLeader() : undefined,
  });
  if (!election) {
    await relay.start();
    process.stdout.write('relay started\n');
    return;
  }
  process.once('SIGTERM', () => {
    // As a service does on shutdown: stop publishing, then leave the group.
    void election
      .stop()
      .then(() => report('stopped'))
      .finally(() => process.exit(0));
  });
  await election.start({ onElected: () => relay.start(), onDemoted: () => relay.stop() });
}

void main();

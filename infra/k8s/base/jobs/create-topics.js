// Creates the Kafka topics of gongkai before the services start: `<KAFKA_TOPIC_PREFIX>.<service>`
// for the five services' events, and `<prefix>.relay-lease.<service>`, the one-partition topic whose
// consumer group elects each service's relay (ADR 0007; created here so that it gets the cluster's
// replication factor, not the broker default a service would create it with). Run by the Job in create-topics.yaml (image: the audit CLI's, which
// carries kafkajs) and by tools/deploy-checks against the local Kafka. Idempotent: an existing
// topic is left alone and reported (its partitions are never changed: adding partitions moves
// stream ids to other partitions and breaks the per-stream order until old messages are consumed).
//
// Settings (environment): KAFKA_BROKERS, KAFKA_TOPIC_PREFIX (gongkai), KAFKA_PARTITIONS (6),
// KAFKA_REPLICATION_FACTOR (3), KAFKA_MIN_INSYNC_REPLICAS (2), KAFKA_RETENTION_MS (-1: keep).
'use strict';
const { Kafka, logLevel } = require('kafkajs');

const SERVICES = ['catalogue', 'document-attributes', 'requests', 'interpretation', 'assessment'];

async function main(env = process.env) {
  const brokers = (env.KAFKA_BROKERS || '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is missing');
  const prefix = env.KAFKA_TOPIC_PREFIX || 'gongkai';
  const partitions = Number(env.KAFKA_PARTITIONS || 6);
  const replicationFactor = Number(env.KAFKA_REPLICATION_FACTOR || 3);
  const configEntries = [
    // Never compact: messages are keyed by stream id, compaction would keep one event per stream.
    { name: 'cleanup.policy', value: 'delete' },
    { name: 'retention.ms', value: String(env.KAFKA_RETENTION_MS || -1) },
    { name: 'min.insync.replicas', value: String(Math.min(Number(env.KAFKA_MIN_INSYNC_REPLICAS || 2), replicationFactor)) },
  ];
  const kafka = new Kafka({ clientId: 'gongkai-create-topics', brokers, logLevel: logLevel.WARN, retry: { retries: 10 } });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const eventTopics = SERVICES.map((service) => `${prefix}.${service}`);
    const leaseTopics = SERVICES.map((service) => `${prefix}.relay-lease.${service}`);
    const wanted = [...eventTopics, ...leaseTopics];
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) =>
          // A lease topic carries no messages: one partition, its group's assignment is the lease.
          leaseTopics.includes(topic)
            ? { topic, numPartitions: 1, replicationFactor, configEntries }
            : { topic, numPartitions: partitions, replicationFactor, configEntries },
        ),
      });
    }
    const { topics } = await admin.fetchTopicMetadata({ topics: wanted });
    for (const name of wanted) {
      const topic = topics.find((t) => t.name === name);
      const state = missing.includes(name) ? 'created' : 'exists';
      process.stdout.write(`${name}\t${state}\tpartitions=${topic ? topic.partitions.length : '?'}\n`);
    }
  } finally {
    await admin.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`create-topics failed: ${error.message}\n`);
    process.exit(1);
  },
);

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { eventually } from '@gongkai/platform/testing';

/**
 * The copies an erasure must reach (issue 19), dumped as bytes for a byte search: every Kafka topic,
 * every read-model collection and the file store of one installation (its prefixes). The event store's
 * file is `sqliteStoreBytes`.
 */

/** Every message of every Kafka topic of this installation (its prefix), as bytes. */
export async function kafkaDump(env: Record<string, string>): Promise<{ topics: string[]; bytes: Buffer; count: number }> {
  const kafka = new Kafka({ clientId: 'erasure-test-dump', brokers: env.KAFKA_BROKERS.split(','), logLevel: 0 });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${env.KAFKA_TOPIC_PREFIX}.`));
  const offsets = await Promise.all(topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })));
  await admin.disconnect();
  const expected = offsets.reduce((n, t) => n + t.partitions.reduce((m, p) => m + Number(p.high) - Number(p.low), 0), 0);
  const consumer = kafka.consumer({ groupId: `${env.KAFKA_TOPIC_PREFIX}.dump-${Date.now()}` });
  const chunks: Buffer[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void chunks.push(message.key ?? Buffer.alloc(0), message.value ?? Buffer.alloc(0)),
    });
    await eventually(
      async () => (chunks.length / 2 >= expected ? true : undefined),
      60000,
      `the ${expected} messages of ${topics.join(', ')}`,
    );
  } finally {
    await consumer.disconnect();
  }
  return { topics, bytes: Buffer.concat(chunks), count: chunks.length / 2 };
}

/** Every document of every collection of every read-model database of this installation (`<prefix>-*`), as bytes. */
export async function readModelDump(connection: Connection, prefix: string): Promise<{ collections: string[]; bytes: Buffer }> {
  if (!connection.db) throw new Error('the read-model connection is not open');
  const { databases } = await connection.db.admin().listDatabases({ nameOnly: true });
  const names = databases.map((d) => d.name as string).filter((name) => name.startsWith(`${prefix}-`));
  const client = connection.getClient();
  const collections: string[] = [];
  const chunks: Buffer[] = [];
  for (const name of names) {
    const db = client.db(name);
    for (const { name: collection } of await db.listCollections().toArray()) {
      collections.push(`${name}.${collection}`);
      chunks.push(Buffer.from(JSON.stringify(await db.collection(collection).find({}).toArray()), 'utf8'));
    }
  }
  return { collections, bytes: Buffer.concat(chunks) };
}

/** Every file under a file-system blob store's root (`file:` BLOB_STORE_URL), as bytes, and how many files. */
export function blobStoreDump(root: string): { files: number; bytes: Buffer } {
  const chunks: Buffer[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else chunks.push(readFileSync(path));
    }
  };
  walk(root);
  return { files: chunks.length, bytes: Buffer.concat(chunks) };
}

/** Asserts that none of `values` (UTF-8) is anywhere in `bytes`, naming the first found. */
export function expectNoTrace(where: string, bytes: Buffer, values: readonly string[]): void {
  for (const value of values)
    expect({ where, value, found: bytes.includes(Buffer.from(value, 'utf8')) }).toEqual({ where, value, found: false });
}

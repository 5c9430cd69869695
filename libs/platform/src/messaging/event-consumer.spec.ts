import { Kafka } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { topicOf, type EventEnvelope } from '@gongkai/contracts';
import { seal } from '../event-sourcing/hash-chain';
import { createLogger } from '../observability/logger';
import { PlatformCollections } from '../read-models/platform-collections';
import { eventually, isolatedEnv } from '../testing/infra';
import { EventConsumer, validateMessage } from './event-consumer';
import { KafkaEventBus } from './kafka-event-bus';

const validEvent = (unitId: string, revision = 0): EventEnvelope =>
  seal({
    eventId: '0190f5a0-0000-7000-8000-' + unitId.replace(/\D/g, '').padStart(12, '0'),
    type: 'catalogue.UnitRegistered',
    schemaVersion: 1,
    streamId: `catalogue.unit-${unitId}`,
    streamRevision: revision,
    recordedAt: '2026-03-02T01:00:00.000Z',
    occurredAt: '2026-03-02T01:00:00.000Z',
    actor: { userId: 'u', unitId: 'TEZ-GOV-OFFICE', role: 'district_office' },
    correlationId: 'c',
    causationId: null,
    data: { unitId, name: '测试镇', level: '乡级', kind: 'town' },
    prevHash: '0'.repeat(64),
  });

describe('validateMessage', () => {
  it('accepts a valid envelope whose data keeps its contract', () => {
    expect(validateMessage(JSON.stringify(validEvent('T-1')))).toMatchObject({ ok: true });
  });
  it('names what is wrong', () => {
    expect(validateMessage('{not json')).toEqual({ ok: false, reason: 'not valid JSON' });
    expect(validateMessage({ hello: 'world' })).toMatchObject({ ok: false, reason: expect.stringMatching(/^envelope: /) });
    const badData = { ...validEvent('T-2'), data: { unitId: 'T-2', name: '测试镇', level: '省级', kind: 'town' } };
    expect(validateMessage(badData)).toMatchObject({ ok: false, reason: expect.stringMatching(/^contract: level/) });
    expect(validateMessage({ ...validEvent('T-3'), type: 'catalogue.Unheard' })).toMatchObject({
      ok: false,
      reason: 'contract: unknown event type catalogue.Unheard',
    });
  });
});

describe('EventConsumer over real Kafka', () => {
  const env = isolatedEnv();
  const topic = topicOf('catalogue', env.KAFKA_TOPIC_PREFIX);
  const bus = new KafkaEventBus({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'consumer-test' });
  const kafka = new Kafka({ clientId: 'consumer-test-raw', brokers: env.KAFKA_BROKERS.split(','), logLevel: 0 });
  const producer = kafka.producer();
  let connection: Connection;

  beforeAll(async () => {
    connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-platform` }).asPromise();
    await bus.ensureTopics([topic]);
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
    await bus.close();
    await connection.close();
  });

  it('parks invalid messages with their offsets and keeps consuming the same partition', async () => {
    const key = 'catalogue.unit-SAME-KEY'; // one key: one partition, so a blocked consumer would show
    const valid = validEvent('T-9');
    await producer.send({
      topic,
      messages: [
        { key, value: '{"truncated": ' },
        { key, value: JSON.stringify({ type: 'catalogue.UnitRegistered' }) },
        { key, value: JSON.stringify({ ...validEvent('T-7'), data: { unitId: 'T-7', level: '乡级' } }) },
        { key, value: JSON.stringify(valid) },
        { key, value: JSON.stringify(valid) }, // a duplicate delivery
      ],
    });
    const applied: string[] = [];
    const collections = new PlatformCollections(connection);
    const consumer = new EventConsumer(bus, collections, createLogger('consumer-test', 'silent'));
    await consumer.start(
      `${env.KAFKA_TOPIC_PREFIX}.consumer-test`,
      [topic],
      [{ name: 'consumer-test.handler', eventTypes: ['catalogue.UnitRegistered'], handle: async (e) => void applied.push(e.eventId) }],
    );

    await eventually(async () => (applied.length === 1 ? true : undefined), 30000, 'the valid message to be applied');
    const parked = await eventually(
      async () => {
        const docs = await collections.parked.find({}).sort({ offset: 1 }).toArray();
        return docs.length === 3 ? docs : undefined;
      },
      10000,
      'three parked messages',
    );
    expect(parked.map((p) => p.reason)).toEqual([
      'not valid JSON',
      expect.stringMatching(/^envelope: /),
      expect.stringMatching(/^contract: /),
    ]);
    expect(parked.map((p) => p.offset)).toEqual(['0', '1', '2']);
    expect(parked[0]).toMatchObject({ topic, key, value: '{"truncated": ' });
    await new Promise((done) => setTimeout(done, 500)); // the duplicate had its chance
    expect(applied).toEqual([valid.eventId]);
  }, 60000);
});
